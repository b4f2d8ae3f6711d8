"""`python -m generator.document [FOLDER]`: rebuild the shipped templates from the format descriptions."""

import sys

from .build import main

sys.exit(main(sys.argv[1:]))
