"""`python -m gelar_tui` is the `gelar` command."""

import sys

from .cli import main

sys.exit(main())
