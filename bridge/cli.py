"""The ``pwkit`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pwkit.codegen import paths

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="powerwall-kit", prog_name="pwkit")
def main() -> None:
    """Toolkit for the Tesla Powerwall 2 local gateway API.

    \b
    The firmware-drift workflow, when Tesla ships new firmware:
      pwkit verify DIR       check recorded answers against spec/openapi.yaml
      (edit spec/openapi.yaml where the gateway changed)
      pwkit codegen          regenerate the typed client in generated/
    """


@main.command()
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 and name the files when generated/ is stale.",
)
def codegen(check: bool) -> None:
    """Regenerate generated/ from spec/openapi.yaml and spec/tesla.proto.

    Writes the typed client package `powerwall_client` (openapi-python-client
    with the templates in codegen/templates/) and the vitals protobuf module.
    Generated files are never edited by hand: change the spec or a template,
    run this, and commit both.
    """
    from pwkit.codegen.generate import CodegenError
    from pwkit.codegen.generate import codegen as run

    try:
        drift = run(check=check, progress=lambda line: click.echo(line, err=True))
    except CodegenError as exc:
        raise click.ClickException(str(exc)) from exc
    if drift.clean:
        click.echo("generated/ is up to date.")
        return
    if check:
        click.echo("generated/ is stale; run `pwkit codegen` and commit the result:", err=True)
        for line in drift.lines():
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    click.echo(
        f"generated/ updated: {len(drift.changed)} changed, {len(drift.added)} added, {len(drift.removed)} removed."
    )


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON array, one object each.")
@click.option(
    "--spec",
    "spec_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=paths.OPENAPI,
    show_default="spec/openapi.yaml",
    help="The OpenAPI description to check against.",
)
def verify(directory: Path, as_json: bool, spec_path: Path) -> None:
    """Check every recorded answer in DIRECTORY against the spec.

    DIRECTORY holds recordings in the project's format (as `pwkit record`
    writes them) or a samples dump (X.json = a 200 body, X.err = a raw HTTP
    answer, X = the path after /api/ with / as .). Subdirectories are read too.

    Prints one line per finding: endpoint, field, kind, detail. Kinds:
    unknown-field, missing-required, type-mismatch, unknown-enum-value,
    undocumented-status, unknown-endpoint, content-type, invalid-body,
    schema-violation.

    \b
    Exit status: 0 no drift, 1 drift found, 2 unusable input.
    """
    from pwkit.codegen.recordings import RecordingError, load_dir
    from pwkit.codegen.verify import Spec, Verifier

    try:
        recordings = load_dir(directory)
    except RecordingError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    if not recordings:
        click.echo(f"Error: {directory}: no recordings (*.json or *.err files) found", err=True)
        sys.exit(2)
    findings = Verifier(Spec.load(spec_path)).check_all(recordings)
    if as_json:
        click.echo(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(finding.line())
        endpoints = len({(r.method, r.path) for r in recordings})
        summary = f"{len(recordings)} recordings of {endpoints} endpoints checked: "
        click.echo(summary + (f"{len(findings)} findings." if findings else "no drift."), err=True)
    sys.exit(1 if findings else 0)


@main.command("import-samples")
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
    help="SOURCE is the samples' misc folder: import the answers the importer's table places.",
)
def import_samples(source: Path, out: Path, misc: bool) -> None:
    """Convert a samples dump (X.json / X.err) into the project's recording format.

    Secrets (tokens, passwords) are masked on the way in.
    """
    from pwkit.codegen.importer import import_dump, import_misc
    from pwkit.codegen.recordings import RecordingError

    try:
        written = import_misc(source, out) if misc else import_dump(source, out)
    except RecordingError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{len(written)} recordings written to {out}.")


if __name__ == "__main__":
    main()
