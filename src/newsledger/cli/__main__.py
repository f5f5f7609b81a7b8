"""`python -m newsledger.cli`: the same command line as the `newsledger` script."""

import sys

from newsledger.cli import main

if __name__ == "__main__":
    sys.exit(main())
