"""``python -m azedition``: the edition's command line (see azedition.cli)."""

import sys

from .cli import main

sys.exit(main())
