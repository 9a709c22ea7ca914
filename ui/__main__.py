"""`python -m ui [FILE] [--screenshot PATH] …`: the desktop app (what `qdplan gui` starts)."""

import sys

from .app import main

sys.exit(main())
