"""Talking to one gateway from the command line: its options, and `pwkit pin`."""

from __future__ import annotations

import sys
import threading
import time
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


@click.command()
@click.argument("url", metavar="URL")
@click.option(
    "--installer",
    is_flag=True,
    required=True,
    help="Log in as installer, through the gateway's physical toggle (required: the only login this command does).",
)
@click.option("--email", default="", envvar="PWKIT_EMAIL", help="The customer login's e-mail (env PWKIT_EMAIL).")
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    envvar="PWKIT_PASSWORD_FILE",
    help="The customer password's file (or env PWKIT_PASSWORD): the toggle is started under the customer login.",
)
@click.option(
    "--installer-password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    envvar="PWKIT_INSTALLER_PASSWORD_FILE",
    help="The installer password's file (or env PWKIT_INSTALLER_PASSWORD; else you are asked).",
)
@click.option(
    "--ca",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Trust the gateway's CA certificate (PEM) instead of pinning on first use.",
)
@click.option(
    "--fingerprint", default=None, help="Trust only the certificate with this SHA-256 fingerprint (sha256:…)."
)
@click.option("--insecure", is_flag=True, help="Do not verify the gateway's certificate at all (warned).")
@click.option("--sni", default="powerwall", show_default=True, help="SNI name for DNS names the gateway would refuse.")
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="PWKIT_STATE_DIR",
    help="Where the session is kept (0600); give the bridge the same. Default: ~/.local/state/pwkit.",
)
def login(
    url: str, installer: bool, password_file: Path | None, installer_password_file: Path | None, **kw: Any
) -> None:
    """Log in to the gateway at URL as installer, walking you through the physical toggle.

    Since firmware 1.50.1 the gateway lets the installer in only after someone
    switches a Powerwall off and on. This command opens that window, tells you
    when to flip the switch and counts the window down; press Enter once the
    Powerwall is back on, and it logs in (once). The installer session is kept
    like the customer's (0600, in the state directory), where `pwkit bridge`
    finds it and uses it for writes only (mode and reserve). When the session
    ends, the bridge's answer says so: run this command again. Nothing ever
    starts a toggle by itself.
    """
    import asyncio
    import os

    from pwkit.client.connection import ConnectionOptions, Gateway
    from pwkit.client.errors import AuthRefused, GatewayError, ToggleRequired
    from pwkit.client.store import SecretFileError, default_state_dir, read_secret_file
    from pwkit.client.tls import TlsOptions

    def secret(file: Path | None, env: str, what: str, flag: str) -> str:
        if file is not None:
            try:
                return read_secret_file(file, flag)
            except SecretFileError as exc:
                raise click.UsageError(str(exc)) from exc
        if os.environ.get(env):
            return os.environ[env]
        if not sys.stdin.isatty():
            raise click.UsageError(f"no {what}: set {env} or pass {flag}")
        return str(click.prompt(what.capitalize(), hide_input=True))

    password = secret(password_file, "PWKIT_PASSWORD", "customer password", "--password-file")
    installer_password = secret(
        installer_password_file, "PWKIT_INSTALLER_PASSWORD", "installer password", "--installer-password-file"
    )
    state_dir = kw["state_dir"] or default_state_dir()
    try:
        tls = TlsOptions(ca=kw["ca"], fingerprint=kw["fingerprint"], insecure=kw["insecure"], sni=kw["sni"])
        gateway = Gateway(
            url, password=password, email=kw["email"], tls=tls, options=ConnectionOptions(state_dir=state_dir)
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    again = f"pwkit login --installer {url}"

    async def walk() -> None:
        try:
            await steps()
        except GatewayError as exc:  # a wrong password, an unreachable gateway: one line, no traceback
            raise click.ClickException(str(exc)) from None

    def enter_pressed() -> asyncio.Future[None]:
        """Enter on stdin, read by a daemon thread: a window that closes first does not wait for it (the
        default executor would keep the command alive until Enter)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()

        def pressed() -> None:
            if not future.done():
                future.set_result(None)

        def read() -> None:
            sys.stdin.readline()
            loop.call_soon_threadsafe(pressed)

        threading.Thread(target=read, daemon=True).start()
        return future

    async def steps() -> None:
        async with gateway:
            if not await gateway.toggle_supported():
                raise click.ClickException(f"{url} does not offer the installer toggle (toggle/supported is false)")
            window = await gateway.start_toggle()
            click.echo("Switch a Powerwall off and on now (the power switch on its side).")
            click.echo("Press Enter once it is back on.")
            pressed = enter_pressed()
            started = time.monotonic()
            while not pressed.done():
                left = window.remaining
                if left is not None and left <= 0:
                    click.echo("\nThe toggle window has closed.")
                    break
                shown = f"{left:3.0f} s left" if left is not None else f"{time.monotonic() - started:3.0f} s waited"
                click.echo(f"\r  waiting for the toggle… {shown}", nl=False)
                await asyncio.wait([pressed], timeout=1.0)
            click.echo("\nLogging in as installer…")
            try:
                await gateway.login_installer(installer_password, email=kw["email"])
            except ToggleRequired:
                raise click.ClickException(
                    f"the gateway did not see the toggle in its window. Run `{again}` again and switch a "
                    "Powerwall off and on while the window is open."
                ) from None
            except AuthRefused as exc:
                raise click.ClickException(f"the installer login was refused: {exc}") from None
            except GatewayError as exc:
                raise click.ClickException(str(exc)) from None

    asyncio.run(walk())
    click.echo(
        f"Logged in as installer. The session is kept in {state_dir / 'sessions.json'} (0600); `pwkit bridge` "
        f"with the same state directory uses it for mode and reserve. When it ends, run `{again}` again."
    )
