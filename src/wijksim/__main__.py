"""``python -m wijksim``: the same as the ``wijksim`` command."""

from .cli import main

main()
