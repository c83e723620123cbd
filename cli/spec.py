"""`pwkit codegen`: the spec becomes the typed client."""

from __future__ import annotations

import sys

import click


@click.command()
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
