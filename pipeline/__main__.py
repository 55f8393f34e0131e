"""``python -m pipeline`` does what the ``ofsted`` command does."""

import sys

from pipeline.cli import main

sys.exit(main())
