"""The frozen build's entry point: the `qunguan` command (see qunguan.__main__)."""

import sys

from qunguan.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
