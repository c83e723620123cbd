"""How the spec becomes code, and the firmware-drift workflow that keeps spec and gateway honest.

Code generation:

- :mod:`.generate` regenerates ``generated/`` from ``spec/`` (``pwkit codegen``).
- :mod:`.paths` locates the spec, the recordings and ``generated/``.
- :mod:`.tedapi_data` renders TEDAPI's query sets and answer schemas (``spec/tedapi/``) into ``tedapi_client``.

The drift workflow, in the order a maintainer runs it when new firmware ships:

- :mod:`.record` records every reading of a gateway (``pwkit record``), masked by :mod:`.masking`.
- :mod:`.importer` turns a samples dump into recordings (``pwkit import-samples``).
- :mod:`.recordings` reads and writes the recording format all of them share.
- :mod:`.verify` checks recordings against the spec (``pwkit verify``).
- :mod:`.tedapi_recordings` does the same for decoded TEDAPI answers (format, masking, verify).

The recorder uses :mod:`pwkit.client` to reach the gateway; the rest reads only files.
"""
