"""Talking to one gateway from the command line: its options, and `pwkit pin`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


def gateway_options(func: Any) -> Any:
    """The options every command that talks to a real gateway takes."""
    options = [
        click.option(
            "--gateway",
            "url",
            required=True,
            envvar="PWKIT_GATEWAY",
            help="The gateway: https://ADDRESS[:PORT] (env PWKIT_GATEWAY).",
        ),
        click.option(
            "--email", default="", envvar="PWKIT_EMAIL", help="The customer login's e-mail (env PWKIT_EMAIL)."
        ),
        click.option(
            "--password",
            envvar="PWKIT_PASSWORD",
            default=None,
            help="The customer password. Prefer env PWKIT_PASSWORD or --password-file: argv is visible to other users.",
        ),
        click.option(
            "--password-file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            envvar="PWKIT_PASSWORD_FILE",
            help="Read the password from this file (first line).",
        ),
        click.option("--username", default="customer", show_default=True, type=click.Choice(["customer", "installer"])),
        click.option(
            "--ca",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            help="Trust the gateway's CA certificate (PEM) instead of pinning on first use.",
        ),
        click.option(
            "--fingerprint", default=None, help="Trust only the certificate with this SHA-256 fingerprint (sha256:…)."
        ),
        click.option(
            "--insecure", is_flag=True, help="Do not verify the gateway's certificate at all (warned; not recommended)."
        ),
        click.option(
            "--sni",
            default="powerwall",
            show_default=True,
            help="TLS SNI name sent when connecting by a DNS name the gateway would refuse.",
        ),
        click.option(
            "--state-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            envvar="PWKIT_STATE_DIR",
            help="Where pinned certificates and sessions are kept (0600). Default: ~/.local/state/pwkit.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def open_gateway(kwargs: dict[str, Any]) -> Any:
    from pwkit.client.connection import ConnectionOptions, Gateway
    from pwkit.client.store import SecretFileError, read_secret_file
    from pwkit.client.tls import TlsOptions

    password = kwargs.pop("password")
    password_file = kwargs.pop("password_file")
    if password_file is not None:
        try:
            password = read_secret_file(password_file, "--password-file")
        except SecretFileError as exc:
            raise click.UsageError(str(exc)) from exc
    if password is None:
        if not sys.stdin.isatty():
            raise click.UsageError("no password: set PWKIT_PASSWORD, or pass --password-file or --password")
        password = click.prompt("Gateway password", hide_input=True)
    try:
        tls = TlsOptions(
            ca=kwargs.pop("ca"),
            fingerprint=kwargs.pop("fingerprint"),
            insecure=kwargs.pop("insecure"),
            sni=kwargs.pop("sni"),
        )
        return Gateway(
            kwargs.pop("url"),
            password=password,
            email=kwargs.pop("email"),
            username=kwargs.pop("username"),
            tls=tls,
            options=ConnectionOptions(state_dir=kwargs.pop("state_dir")),
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


@click.command()
@click.argument("url")
@click.option("--reset", is_flag=True, help="Forget the pinned certificate and pin the one presented now.")
@click.option(
    "--sni", default="powerwall", show_default=True, help="TLS SNI name for DNS names the gateway would refuse."
)
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="PWKIT_STATE_DIR",
    help="Where pins are kept.",
)
def pin(url: str, reset: bool, sni: str, state_dir: Path | None) -> None:
    """Show the certificate pinned for gateway URL, and the one it presents now.

    pwkit pins a gateway's certificate on first use. If the gateway was
    replaced or renewed its certificate, check the new fingerprint (the
    gateway's web page shows it) and re-pin with --reset.
    """
    from pwkit.client.connection import ConnectionOptions, Gateway
    from pwkit.client.errors import GatewayError
    from pwkit.client.tls import TlsOptions, fingerprint_of

    gateway = Gateway(url, password="", tls=TlsOptions(sni=sni), options=ConnectionOptions(state_dir=state_dir))
    trust = gateway.trust
    pinned = trust.pins.get(trust.key)
    try:
        presented = fingerprint_of(trust._presented())
    except GatewayError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"pinned:    {pinned['fingerprint'] if pinned else '(nothing yet)'}")
    click.echo(f"presented: {presented}")
    if reset:
        trust.reset_pin()
        trust.context()
        click.echo(f"re-pinned {gateway.url} to {trust.fingerprint}")
    elif pinned and pinned["fingerprint"] != presented:
        click.echo("They differ. If you trust the presented certificate, run again with --reset.", err=True)
        sys.exit(1)
