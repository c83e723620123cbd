"""Break experiments: see ``python -m tests.bench.breaks --help`` and ``tests/bench/breaks/figures.py``."""

# How every runner applies a break: a patch's line numbers are recounted and one line of context suffices,
# so that a change elsewhere in a file does not make its break fail to apply (tests/test_break_patches.py).
APPLY = ("git", "apply", "--recount", "-C1")
