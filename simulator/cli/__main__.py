"""``python -m simulator.cli`` runs the ``qdplan`` command."""

import sys

from .qdplan import main

sys.exit(main())
