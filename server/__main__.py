"""`python -m ilot.server ...` is `ilot serve ...` (used by the crash test and the bench)."""

import sys

from ilot.game.cli import main

sys.exit(main(["serve", *sys.argv[1:]]))
