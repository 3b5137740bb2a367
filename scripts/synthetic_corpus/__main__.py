"""`python -m scripts.synthetic_corpus --out DIR --docs N`, the same as scripts/make_corpus.py."""

import sys

from .cli import main

sys.exit(main())
