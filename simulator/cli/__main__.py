"""``python -m simulator.cli`` runs the ``qdplan`` command."""

import sys

from . import main

sys.exit(main())
