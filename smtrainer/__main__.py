"""Allow `python -m smtrainer`."""

import sys

from smtrainer.cli.main import main

sys.exit(main())
