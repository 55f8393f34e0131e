import sys

from pipeline.training.train import main

sys.exit(main())
