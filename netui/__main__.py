import sys

from netui.cli.main import main

sys.exit(main())
