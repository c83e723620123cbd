"""`pwkit pair`: register this machine's v1r key on a gateway, walk the owner through the switch, watch it verify."""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket
import sys
from pathlib import Path
from typing import Any

import click

EXIT_VERIFIED, EXIT_ERROR, EXIT_NOT_VERIFIED, EXIT_REMOVED = 0, 1, 2, 3


def _secret(file: Path | None, env: str, what: str, flag: str, *, required: bool) -> str | None:
    """A secret from its file, its environment variable, or a hidden prompt; never from argv."""
    from pwkit.client.store import SecretFileError, read_secret_file

    if file is not None:
        try:
            return read_secret_file(file, flag)
        except SecretFileError as exc:
            raise click.UsageError(str(exc)) from exc
    if os.environ.get(env):
        return os.environ[env].strip()
    if not required:
        return None
    if not sys.stdin.isatty():
        raise click.UsageError(f"no {what}: set {env} or pass {flag}")
    return str(click.prompt(what[0].upper() + what[1:], hide_input=True))


def _fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


@click.command()
@click.argument("url", metavar="URL")
@click.option("--wifi", is_flag=True, help="Register over the Wi-Fi path instead of Tesla's Fleet API (see above).")
@click.option("--list", "list_keys", is_flag=True, help="Show every key registered on the gateway, and stop.")
@click.option(
    "--remove",
    metavar="FINGERPRINT",
    default=None,
    help="Remove a registered key: the start of its sha256 fingerprint (from --list), or 'this' for this machine's.",
)
@click.option("--yes", is_flag=True, help="Do not ask before removing (needed when there is no terminal).")
@click.option("--no-wait", is_flag=True, help="Register, tell the next step, and stop (check later with --list).")
@click.option(
    "--key",
    "key_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The private key file (0600). Default: STATE_DIR/tedapi-v1r-key.pem, created when missing.",
)
@click.option("--description", default=None, help="The name the gateway lists for this key. Default: pwkit on HOST.")
@click.option(
    "--sticker-password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="--wifi: a file holding the FULL password on the gateway's QR sticker (or env PWKIT_STICKER_PASSWORD).",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The customer password (or env PWKIT_PASSWORD): to read the gateway's DIN and to test v1r once verified.",
)
@click.option("--email", default="", envvar="PWKIT_EMAIL", help="The customer login's e-mail (env PWKIT_EMAIL).")
@click.option("--fleet-client-id", envvar="PWKIT_FLEET_CLIENT_ID", default=None, help="Fleet API client id (env).")
@click.option(
    "--fleet-refresh-token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A file with the Fleet API refresh token (or env PWKIT_FLEET_REFRESH_TOKEN).",
)
@click.option(
    "--fleet-url",
    envvar="PWKIT_FLEET_URL",
    default="https://fleet-api.prd.na.vn.cloud.tesla.com",
    show_default=True,
    help="Regional Fleet API URL (Europe: https://fleet-api.prd.eu.vn.cloud.tesla.com).",
)
@click.option("--fleet-auth-url", envvar="PWKIT_FLEET_AUTH_URL", default="https://auth.tesla.com", show_default=True)
@click.option("--fleet-site-id", type=int, default=None, help="The energy site id (default: found by the DIN).")
@click.option(
    "--fleet-ca", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="CA for the cloud."
)
@click.option("--ca", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None, help="Gateway CA.")
@click.option("--fingerprint", default=None, help="Trust only the gateway certificate with this SHA-256 fingerprint.")
@click.option("--insecure", is_flag=True, help="Do not verify the gateway's certificate (warned; not recommended).")
@click.option("--sni", default="powerwall", show_default=True, help="SNI name for DNS names the gateway would refuse.")
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="PWKIT_STATE_DIR",
    help="Where the key, pins, sessions and Fleet tokens are kept. Default: ~/.local/state/pwkit.",
)
@click.option("--poll-every", type=click.FloatRange(0.1, 120), default=10.0, show_default=True, hidden=True)
@click.option("--window", type=click.FloatRange(1, 3600), default=600.0, show_default=True, hidden=True)
def pair(url: str, **kw: Any) -> None:
    """Pair this machine's key with the gateway at URL, for TEDAPI v1r on the LAN.

    \b
    What happens:
      1. The RSA-4096 key is created (0600, in the state directory), or the one
         there is reused.
      2. It is registered on the gateway. By default through Tesla's Fleet API
         (--fleet-client-id and PWKIT_FLEET_REFRESH_TOKEN, as for the bridge):
         the path public clients use on real Powerwall 3s. With --wifi, from
         the gateway's own access point (TEG-xxx / TeslaPW_xxx, URL
         https://192.168.91.1) with the full sticker password: for owners
         without Fleet API access. The evidence for --wifi is thin (one public
         script); pwkit shows the verification type the gateway gives.
      3. You switch the Powerwall OFF for about 15 s, then back ON, within about
         10 minutes (Powerwall 3: the switch under the red rapid-shutdown flap;
         a 2 s flick is ignored). pwkit counts the window down and polls the
         key's state until it is verified.

    \b
    The states, and what to do:
      PENDING_VERIFICATION          switch off ~15 s, then on, within ~10 min
      PENDING_VERIFICATION_TIMEOUT  the window closed: run pwkit pair again
      VERIFIED                      done: v1r works on the LAN
      REMOVED                       a key removed it: run pwkit pair again

    \b
    Examples:
      pwkit pair https://192.168.1.50 --fleet-client-id ID   (PWKIT_FLEET_REFRESH_TOKEN set)
      pwkit pair https://192.168.91.1 --wifi --sticker-password-file sticker.txt
      pwkit pair https://192.168.1.50 --fleet-client-id ID --list
      pwkit pair https://192.168.1.50 --fleet-client-id ID --remove 3fa2c9d1

    Exit status: 0 verified (or listed/removed), 2 not verified in the window,
    3 removed, 1 any error.
    """
    code = asyncio.run(_main(url, kw))
    sys.exit(code)


async def _main(url: str, kw: dict[str, Any]) -> int:
    from pwkit.client.errors import GatewayError, KeyFileError
    from pwkit.client.fleet import FleetError
    from pwkit.client.tedapi_keys import default_key_path, load_key, load_or_create_key

    state_dir: Path | None = kw["state_dir"]
    key_path: Path = kw["key_path"] or default_key_path(state_dir)
    try:
        if kw["list_keys"] or kw["remove"]:
            key = load_key(key_path) if key_path.exists() else None
            created = False
        else:
            key, created = load_or_create_key(key_path)
    except KeyFileError as exc:
        raise click.ClickException(str(exc)) from None
    if key is not None:
        click.echo(f"{'New' if created else 'Using the'} key {key.path} (sha256 {key.fingerprint[:16]}…)")
    try:
        route, closers = await _route(url, kw)
        try:
            if kw["list_keys"]:
                return await _list(route, key.public_der if key else None)
            if kw["remove"]:
                return await _remove(route, kw["remove"], key.public_der if key else None, kw["yes"])
            assert key is not None
            return await _register(url, route, key, kw)
        finally:
            for close in closers:
                await close()
    except (GatewayError, FleetError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


async def _route(url: str, kw: dict[str, Any]) -> tuple[Any, list[Any]]:
    """The registration route the options ask for, and what to close after."""
    from pwkit.client.tedapi import Tedapi
    from pwkit.client.tedapi_pairing import FleetRoute, WifiRoute
    from pwkit.client.tedapi_transport import TedapiOptions
    from pwkit.client.tls import TlsOptions

    tls = TlsOptions(ca=kw["ca"], fingerprint=kw["fingerprint"], insecure=kw["insecure"], sni=kw["sni"])
    if kw["wifi"]:
        sticker = _secret(
            kw["sticker_password_file"],
            "PWKIT_STICKER_PASSWORD",
            "full password from the gateway's QR sticker",
            "--sticker-password-file",
            required=True,
        )
        assert sticker is not None
        tedapi = Tedapi.wifi(url, password=sticker, tls=tls, options=TedapiOptions(state_dir=kw["state_dir"]))
        return WifiRoute(tedapi), [tedapi.aclose]
    if not kw["fleet_client_id"]:
        raise click.UsageError(
            "registering needs a route: Tesla's Fleet API (--fleet-client-id, and PWKIT_FLEET_REFRESH_TOKEN or "
            "--fleet-refresh-token-file), or --wifi from the gateway's own access point with the sticker password"
        )
    site, closers = await _fleet_site(url, kw, tls)
    return FleetRoute(site), closers


async def _fleet_site(url: str, kw: dict[str, Any], tls: Any) -> tuple[Any, list[Any]]:
    from pwkit.client.connection import ConnectionOptions, Gateway
    from pwkit.client.fleet import FleetOptions, FleetSession, FleetSite
    from pwkit.client.store import default_state_dir
    from pwkit.client.tedapi_transport import Bearer

    token = _secret(
        kw["fleet_refresh_token_file"],
        "PWKIT_FLEET_REFRESH_TOKEN",
        "Fleet API refresh token",
        "--fleet-refresh-token-file",
        required=False,
    )
    state_dir = kw["state_dir"] or default_state_dir()
    session = FleetSession(
        FleetOptions(
            url=kw["fleet_url"].rstrip("/"),
            client_id=kw["fleet_client_id"],
            refresh_token=token or "",
            auth_url=kw["fleet_auth_url"].rstrip("/"),
            ca=kw["fleet_ca"],
            state_file=state_dir / "fleet-tokens.json",
            command_interval=1.0,
        )
    )
    din: str | None = None
    if kw["fleet_site_id"] is None:
        password = _secret(
            kw["password_file"], "PWKIT_PASSWORD", "customer password", "--password-file", required=False
        )
        if password:
            gateway = Gateway(
                url, password=password, email=kw["email"], tls=tls, options=ConnectionOptions(state_dir=state_dir)
            )
            async with gateway:
                din = await Bearer(gateway).din()
            click.echo(f"The gateway's DIN: {din}")
    site = FleetSite(session, din=din, site_id=kw["fleet_site_id"])
    if din is None and site.site_id is None:
        site.site_id = await _only_site(session)
    return site, [session.aclose]


async def _only_site(session: Any) -> int:
    products = await session.request("GET", "/api/1/products") or []
    sites = [p for p in products if isinstance(p, dict) and "energy_site_id" in p]
    if len(sites) != 1:
        listed = ", ".join(f"{p['energy_site_id']} (gateway {p.get('gateway_id')})" for p in sites) or "none"
        raise click.UsageError(
            f"this Tesla account has {len(sites)} energy sites ({listed}): give --fleet-site-id, or the customer "
            "password (PWKIT_PASSWORD / --password-file) so pwkit can match the gateway's DIN"
        )
    return int(sites[0]["energy_site_id"])


def _describe(record: Any, mine: bytes | None) -> str:
    from pwkit.client.tedapi_pairing import state_name

    verification = {1: "presence (power switch)", 2: "BLE", 3: "signed", 4: "Tesla cloud (HERMES_COMMAND)"}
    marker = "  ← this machine's key" if mine is not None and record.public_key == mine else ""
    how = verification.get(record.verification, "")
    return (
        f"  {_fingerprint(record.public_key)[:16]}  {state_name(record.state):<29} "
        f"{record.description or '(no description)'}{'  [' + how + ']' if how else ''}{marker}"
    )


async def _list(route: Any, mine: bytes | None) -> int:
    keys = await route.list()
    click.echo(f"{len(keys)} key(s) registered on the gateway (fingerprint = sha256 of the public key):")
    for record in keys:
        click.echo(_describe(record, mine))
    return EXIT_VERIFIED


async def _remove(route: Any, which: str, mine: bytes | None, yes: bool) -> int:
    keys = await route.list()
    if which == "this":
        if mine is None:
            raise click.UsageError("this machine has no key to remove (see --key)")
        chosen = [k for k in keys if k.public_key == mine]
    else:
        prefix = which.lower().removeprefix("sha256:")
        if len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
            raise click.UsageError("give at least 8 hex digits of the key's fingerprint (see --list), or 'this'")
        chosen = [k for k in keys if _fingerprint(k.public_key).startswith(prefix)]
    if len(chosen) != 1:
        found = "no key" if not chosen else f"{len(chosen)} keys"
        raise click.ClickException(f"{found} on the gateway match {which!r}; see `pwkit pair --list`")
    record = chosen[0]
    click.echo("Remove this key?")
    click.echo(_describe(record, mine))
    click.echo("Any paired key can remove any other: whatever uses it (an app, another tool) loses v1r access.")
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError("removing a key needs a confirmation: run in a terminal, or pass --yes")
        if not click.confirm("Remove it?", default=False):
            click.echo("Nothing removed.")
            return EXIT_VERIFIED
    await route.remove(record.public_key)
    click.echo("Removed. `pwkit pair --list` shows the gateway's keys now.")
    return EXIT_VERIFIED


async def _register(url: str, route: Any, key: Any, kw: dict[str, Any]) -> int:
    from pwkit.client.clock import REAL
    from pwkit.client.tedapi_pairing import (
        HERMES_COMMAND_VERIFICATION,
        PENDING,
        REMOVED,
        TIMED_OUT,
        VERIFIED,
        Tick,
        next_step,
        state_name,
        state_of,
        wait_for_verification,
    )

    before = state_of(await route.list(), key.public_der)
    if before == VERIFIED:
        click.echo("This key is already VERIFIED on the gateway: nothing to do.")
        await _try_v1r(url, key, kw)
        return EXIT_VERIFIED
    if before is not None:
        click.echo(f"This key is listed as {state_name(before)}; registering it again (that reopens the window).")
    description = kw["description"] or f"pwkit on {socket.gethostname()}"
    added = await route.add(key.public_der, description)
    registered_at = REAL.monotonic()
    via = "the Wi-Fi path" if route.name == "wifi" else "Tesla's Fleet API"
    click.echo(f"Registered through {via} as {description!r}.")
    if added is not None and added.verification == HERMES_COMMAND_VERIFICATION:
        click.echo(
            "Note: the gateway set this key's verification to HERMES_COMMAND (Tesla's cloud), not presence. "
            "The power switch may not verify it; if it stays pending, register through the Fleet API instead."
        )
    state = added.state if added is not None and added.state else PENDING
    if state == VERIFIED:
        click.echo("The gateway verified it at once: done.")
        await _try_v1r(url, key, kw)
        return EXIT_VERIFIED
    minutes = kw["window"] / 60
    click.echo("")
    click.echo("Now, at the Powerwall:")
    click.echo("  1. Switch the Powerwall OFF (Powerwall 3: the switch under the red rapid-shutdown flap).")
    click.echo("  2. Wait about 15 seconds (a 2 s flick is ignored; don't wait until it powers down fully).")
    click.echo("  3. Switch it back ON.")
    click.echo(
        f"Do it within about {minutes:.0f} minutes of now. pwkit checks the key's state every {kw['poll_every']:g} s."
    )
    if kw["no_wait"]:
        click.echo(f"Not waiting (--no-wait). Check with `pwkit pair {url} --list`; next: {next_step(PENDING)}")
        return EXIT_NOT_VERIFIED

    def tick(seen: Tick) -> None:
        left = f"{int(seen.remaining) // 60:2d}:{int(seen.remaining) % 60:02d} left"
        click.echo(f"  [{left}] {state_name(seen.state)}")

    final = await wait_for_verification(
        route,
        key.public_der,
        clock=REAL,
        registered_at=registered_at,
        window=kw["window"],
        poll_every=kw["poll_every"],
        on_tick=tick,
    )
    click.echo(f"The key is {state_name(final)}: {next_step(final)}")
    if final == VERIFIED:
        await _try_v1r(url, key, kw)
        return EXIT_VERIFIED
    if final == REMOVED:
        return EXIT_REMOVED
    if final in (PENDING, TIMED_OUT):
        click.echo(f"Register again with `pwkit pair {url}` (the same key), then switch the Powerwall off and on.")
    return EXIT_NOT_VERIFIED


async def _try_v1r(url: str, key: Any, kw: dict[str, Any]) -> None:
    """With the customer password at hand, prove v1r works: read config.json over the LAN, signed."""
    from pwkit.client.connection import ConnectionOptions, Gateway
    from pwkit.client.errors import GatewayError
    from pwkit.client.tedapi import Tedapi
    from pwkit.client.tls import TlsOptions

    if kw["wifi"]:
        click.echo("Use v1r from your LAN: the gateway's LAN address, the customer password and this key.")
        return
    password = _secret(kw["password_file"], "PWKIT_PASSWORD", "customer password", "--password-file", required=False)
    if not password:
        click.echo("To use it: the gateway's LAN address, the customer password, and this key (v1r).")
        return
    tls = TlsOptions(ca=kw["ca"], fingerprint=kw["fingerprint"], insecure=kw["insecure"], sni=kw["sni"])
    gateway = Gateway(
        url, password=password, email=kw["email"], tls=tls, options=ConnectionOptions(state_dir=kw["state_dir"])
    )
    try:
        async with Tedapi.v1r(gateway, key) as tedapi:
            config = await tedapi.config()
        click.echo(f"v1r works: read config.json over the LAN (hash {config.hash.hex()[:16]}…).")
    except GatewayError as exc:
        click.echo(f"v1r does not work yet: {exc}", err=True)
