import sys

from hatch_minipo.cli import main

sys.exit(main())
