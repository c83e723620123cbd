"""The TEDAPI protobuf modules: ``spec/tedapi/*.proto`` → ``generated/tedapi_client/*_pb2.py`` (+ ``.pyi``).

protoc sees ``spec/tedapi`` as ``pwkit/tedapi/`` (``-Ipwkit/tedapi=spec/tedapi``), so the files register in
the process-wide descriptor pool under names that cannot collide with another library's TEDAPI protos
(pypowerwall loads its own in the same process). protoc then writes absolute imports
(``from pwkit.tedapi import common_pb2``); they are rewritten to the package's relative ones, and the
module name each message records becomes the package's.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from . import paths

PACKAGE = "tedapi_client"
PROTO_DIR = paths.SPEC_DIR / "tedapi"
VIRTUAL = "pwkit/tedapi"  # the import path the .proto files use for each other

README = """\
- `tedapi_client/`: the TEDAPI protobuf modules (`*_pb2.py` and `.pyi`) of
  `spec/tedapi/*.proto`: `common` (participants, tail), `legacy` (the
  `/tedapi/v1` envelope: config, query, firmware), `energy_device` (the
  2026 envelope: FileStore, GraphQL, TEG, authorization, AuthEnvelope) and
  `routable` (the signed v1r `RoutableMessage`);
"""

_ABSOLUTE_IMPORT = re.compile(r"^from pwkit\.tedapi import (\w+_pb2) as ", re.MULTILINE)
_MODULE_NAME = re.compile(r"'pwkit\.tedapi\.(\w+_pb2)'")


def protos() -> list[Path]:
    return sorted(PROTO_DIR.glob("*.proto"))


def relative_imports(source: str) -> str:
    """A generated module's imports of its sibling modules, made relative to the package."""
    source = _ABSOLUTE_IMPORT.sub(r"from . import \1 as ", source)
    return _MODULE_NAME.sub(rf"'{PACKAGE}.\1'", source)


def render(dest: Path, run: Callable[[list[str], str, Path], None]) -> None:
    """Write ``dest/tedapi_client/`` with one ``*_pb2.py`` and ``.pyi`` per proto.

    ``run`` is generate._run (command, what, cwd), passed in so this module needs nothing of generate.
    """
    package = dest / PACKAGE
    out = dest / "_tedapi_protoc"
    out.mkdir(parents=True)
    files = [f"{VIRTUAL}/{p.name}" for p in protos()]
    run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            f"-I{VIRTUAL}={PROTO_DIR.relative_to(paths.REPO)}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            *files,
        ],
        "protoc (grpcio-tools, spec/tedapi)",
        paths.REPO,
    )
    package.mkdir(exist_ok=True)
    for generated in sorted((out / VIRTUAL).iterdir()):
        (package / generated.name).write_text(relative_imports(generated.read_text()))
    # The package's __init__.py is tedapi_data's (codegen/tedapi_data.py), which renders into the same package.
    (package / "py.typed").write_text("")
    shutil.rmtree(out)
