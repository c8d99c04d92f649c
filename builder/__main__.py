"""Allow ``python -m builder``."""

from .cli import main

main()
