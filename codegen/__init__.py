"""How the spec becomes code, and the tools that keep spec and gateway honest.

- :mod:`.generate` regenerates ``generated/`` from ``spec/`` (``pwkit codegen``).
- :mod:`.recordings` reads and writes recorded gateway answers.
- :mod:`.verify` checks recordings against the spec (``pwkit verify``).
"""
