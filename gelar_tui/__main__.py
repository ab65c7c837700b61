"""`python -m gelar_tui` is the `gelar` command."""

import sys

from .start import main

sys.exit(main())
