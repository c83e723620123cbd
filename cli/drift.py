"""The firmware-drift workflow: `pwkit record`, `pwkit verify`, `pwkit import-samples`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from pwkit.codegen import paths

from .gateway import gateway_options, open_gateway


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON array, one object each.")
@click.option(
    "--spec",
    "spec_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=paths.OPENAPI,
    show_default="the spec this pwkit was built from",
    help="The OpenAPI description to check against.",
)
def verify(directory: Path, as_json: bool, spec_path: Path) -> None:
    """Check every recorded answer in DIRECTORY against the spec.

    DIRECTORY holds recordings in the project's format (as `pwkit record`
    writes them) or a samples dump (X.json = a 200 body, X.err = a raw HTTP
    answer, X = the path after /api/ with / as .). Subdirectories are read too.
    TEDAPI recordings (decoded config, query and firmware answers) are checked
    against spec/tedapi/schemas/answers.yaml, with the same kinds.

    Prints one line per finding: endpoint, field, kind, detail. Kinds:
    unknown-field, missing-required, type-mismatch, unknown-enum-value,
    undocumented-status, unknown-endpoint, content-type, invalid-body,
    schema-violation. Each line ends with the recording it comes from and
    that recording's firmware. Where the spec describes several shapes of one
    answer (older and newer firmware), a `shape:` line on stderr names the
    one each recording has.

    \b
    Exit status: 0 no drift, 1 drift found, 2 unusable input.
    """
    from pwkit.codegen import tedapi_recordings
    from pwkit.codegen.recordings import RecordingError, load_dir
    from pwkit.codegen.verify import Spec, Verifier

    try:
        recordings = load_dir(directory)
        tedapi = tedapi_recordings.load_dir(directory)
    except RecordingError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    if not recordings and not tedapi:
        click.echo(f"Error: {directory}: no recordings (*.json or *.err files) found", err=True)
        sys.exit(2)
    verifier = Verifier(Spec.load(spec_path))
    findings = verifier.check_all(recordings)
    if tedapi:
        answers = tedapi_recordings.AnswerSpec.load()
        findings += tedapi_recordings.TedapiVerifier(answers).check_all(tedapi)
    if as_json:
        click.echo(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(finding.line())
        for recording in recordings:
            # Where the spec knows several shapes (firmware versions), say which one each answer has.
            for field, shape in verifier.shapes(recording):
                where = f" {field}" if field else ""
                click.echo(f"shape: {recording.endpoint}{where} is {shape}  [{recording.source}]", err=True)
        endpoints = len({(r.method, r.path) for r in recordings}) + len({r.endpoint for r in tedapi})
        summary = f"{len(recordings) + len(tedapi)} recordings of {endpoints} endpoints checked: "
        click.echo(summary + (f"{len(findings)} findings." if findings else "no drift."), err=True)
    sys.exit(1 if findings else 0)


@click.command("import-samples")
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write the recordings into.",
)
@click.option(
    "--misc",
    is_flag=True,
    help="SOURCE is the samples' misc folder: import the answers whose endpoint the importer knows.",
)
@click.option(
    "--seeds",
    is_flag=True,
    help="SOURCE is the seeds folder: import every example body of both seed editions (into OUT/<edition>/).",
)
def import_samples(source: Path, out: Path, misc: bool, seeds: bool) -> None:
    """Convert a samples dump (X.json / X.err) into the project's recording format.

    Secrets (tokens, passwords) are masked on the way in.
    """
    from pwkit.codegen.importer import import_dump, import_misc
    from pwkit.codegen.recordings import RecordingError
    from pwkit.codegen.seeds import import_seeds

    if misc and seeds:
        raise click.UsageError("--misc and --seeds name different sources: give one.")
    try:
        importer = import_seeds if seeds else import_misc if misc else import_dump
        written = importer(source, out)
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(written)} recordings written to {out}.")


@click.command()
@gateway_options
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory to write the recordings into.",
)
@click.option(
    "--pause",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between requests: this runs against a real gateway.",
)
@click.option(
    "--tedapi",
    type=click.Choice(["off", "bearer", "v1r"]),
    default="off",
    show_default=True,
    help="Also record the TEDAPI answers (config, firmware, queries) over this transport: `bearer` (the "
    "customer login), or `v1r` (a key paired with `pwkit pair`).",
)
@click.option(
    "--tedapi-key",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The v1r private key (0600). Default: STATE_DIR/tedapi-v1r-key.pem.",
)
@click.option(
    "--tedapi-set",
    type=click.Choice(["V2024_06", "V2026_06"]),
    default=None,
    help="The signed query set to record with. Default: the transport's own.",
)
def record(
    out: Path, pause: float, tedapi: str, tedapi_key: Path | None, tedapi_set: str | None, **kwargs: Any
) -> None:
    """Record every reading of a gateway into OUT, masked, for `pwkit verify`.

    Logs in and requests, one at a time, every GET of the spec that only
    reads (the side-effecting ones, such as sitemaster/stop, are never
    touched). Serials, e-mails, Wi-Fi names, IP and MAC addresses and tokens
    are masked as the shared samples are. An endpoint that fails is recorded
    as its answer; a lockout stops the run. With --tedapi, the TEDAPI
    answers that have a schema follow, one at a time, masked alike (DINs,
    VIN, site name, addresses too); one that fails is reported and skipped.

    \b
    The firmware workflow: pwkit record → pwkit verify → edit spec/openapi.yaml → pwkit codegen.
    """
    import asyncio

    from pwkit.client.errors import GatewayError
    from pwkit.codegen.record import record as run_record

    state_dir = kwargs.get("state_dir")
    gateway = open_gateway(kwargs)

    def progress(line: str) -> None:
        click.echo(line, err=True)

    async def go() -> Any:
        async with gateway:
            result = await run_record(gateway, out, pause=pause, progress=progress)
            if tedapi != "off" and not result.stopped:
                await _record_tedapi(gateway, tedapi, tedapi_key, tedapi_set, state_dir, out, pause, result)
            return result

    try:
        result = asyncio.run(go())
    except GatewayError as exc:
        raise click.ClickException(str(exc)) from exc
    skipped = f", {len(result.skipped)} skipped (above)" if result.skipped else ""
    click.echo(
        f"{len(result.written)} recordings written to {out}{skipped} (firmware {result.firmware or 'unknown'}, "
        f"sitemaster {result.sitemaster or 'unknown'}). Next: pwkit verify {out}"
    )
    if result.stopped:
        click.echo(f"Stopped early: {result.stopped}", err=True)
        sys.exit(1)


async def _record_tedapi(
    gateway: Any,
    transport: str,
    key_path: Path | None,
    query_set: str | None,
    state_dir: Path | None,
    out: Path,
    pause: float,
    result: Any,
) -> None:
    """The TEDAPI answers after the REST ones, through pwkit.client.tedapi; what is written joins ``result``."""
    from pwkit.client.tedapi import Tedapi
    from pwkit.codegen.record import record_tedapi

    if transport == "v1r":
        from pwkit.client.errors import KeyFileError
        from pwkit.client.tedapi_keys import default_key_path, load_key

        try:
            key = load_key(key_path or default_key_path(state_dir))
        except KeyFileError as exc:
            raise click.ClickException(f"--tedapi v1r: {exc}") from exc
        client = Tedapi.v1r(gateway, key, query_set=query_set)
    else:
        client = Tedapi.bearer(gateway, query_set=query_set)

    async def answer(kind: str, name: str, variables: dict[str, Any] | None) -> dict[str, Any]:
        if kind == "config":
            return (await client.config()).data
        if kind == "firmware":
            return (await client.firmware()).as_dict()
        return (await client.query(name, variables, version=client.query_set)).data

    async with client:
        recorded = await record_tedapi(
            answer,
            out,
            version=client.query_set,
            pause=pause,
            progress=lambda line: click.echo(line, err=True),
            source=f"pwkit record --tedapi {transport} {gateway.url}",
        )
    result.written += recorded.written
    result.skipped += recorded.skipped
