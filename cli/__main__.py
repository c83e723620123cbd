"""``python -m pwkit.cli``: the same as the ``pwkit`` command."""

from . import main

main()
