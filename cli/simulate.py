"""`pwkit simulate`: simulated gateways over real HTTPS."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from pwkit.simulator.profiles import PROFILES as PROFILE_NAMES


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve the gateways on.")
@click.option(
    "--port",
    default=8443,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="HTTPS port of the first gateway (0 = any free port); site N listens on PORT+N.",
)
@click.option(
    "--firmware",
    default="21.39.1",
    show_default=True,
    type=click.Choice(list(PROFILE_NAMES)),
    help="Firmware profile: its recordings and its rules (403s, removed endpoints, field names). "
    "REST only: 20.49.0 … 25.2.0. With TEDAPI: pw2-24.x (basic on the LAN too), pw2-25.x (basic only on the "
    "access point, gzip), pw2-26.x (v1r on the LAN), pw3-26.x (a Powerwall 3 leader: restricted REST, TEDAPI "
    "on all three transports, two DC expansions), pw3-26.x-follower (and a follower reachable only over Wi-Fi).",
)
@click.option("--email", default="demo@example.com", show_default=True, help="The customer login's e-mail.")
@click.option(
    "--customer-password",
    default="powerwall",
    show_default=True,
    envvar="PWKIT_SIM_CUSTOMER_PASSWORD",
    help="The customer login's password (env PWKIT_SIM_CUSTOMER_PASSWORD).",
)
@click.option(
    "--gateway-password",
    default="SIMULATED-QR-PASSWORD",
    show_default=True,
    envvar="PWKIT_SIM_GATEWAY_PASSWORD",
    help="TEDAPI profiles: the full password on the gateway's QR sticker, for TEDAPI over Wi-Fi "
    "(HTTP Basic as Tesla_Energy_Device) (env PWKIT_SIM_GATEWAY_PASSWORD).",
)
@click.option(
    "--installer-password",
    default=None,
    envvar="PWKIT_SIM_INSTALLER_PASSWORD",
    help="Enable the installer login with this password (env PWKIT_SIM_INSTALLER_PASSWORD).",
)
@click.option(
    "--speed",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="Simulated time runs SPEED times faster than real time.",
)
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Seed of the site's weather and load: same seed, same day."
)
@click.option(
    "--strict-sni",
    is_flag=True,
    help="Abort the TLS handshake unless SNI is teg, powerwall, powerpack, absent or an IP, as the gateway does.",
)
@click.option(
    "--sites",
    default=1,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="How many gateways to simulate, one port each.",
)
@click.option(
    "--first-site",
    default=0,
    show_default=True,
    type=click.IntRange(0, 99_000),
    help="Number the sites from here (their serials, DINs and seeds): several simulators, one set of gateways. "
    "The control API still counts /sites/N from 0 in each process.",
)
@click.option(
    "--latency-ms", default=0.0, show_default=True, type=click.FloatRange(min=0), help="Added latency per request."
)
@click.option(
    "--session-ttl",
    default=3600.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Seconds until a login session expires (then 401).",
)
@click.option(
    "--lockout-attempts",
    default=5,
    show_default=True,
    type=click.IntRange(min=1),
    help="Failed logins within --lockout-window that lock the user out (429).",
)
@click.option(
    "--lockout-window",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Seconds over which failed logins are counted.",
)
@click.option(
    "--lockout-seconds", default=30.0, show_default=True, type=click.FloatRange(min=0), help="How long a lockout lasts."
)
@click.option(
    "--toggle-window",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Simulated seconds the owner has, after POST /api/auth/toggle/start, to switch a Powerwall off and on "
    "(the control API's POST /sites/N/toggle-switch) before the installer may log in.",
)
@click.option(
    "--control-port",
    default=0,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port of the control API on 127.0.0.1 (0 = any free port).",
)
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=(
        "Keep certificates (ca.pem, cert.pem, the CA's key) and sites.json here, so a restart keeps the same "
        "certificate and pinned clients keep working. [default: ~/.local/state/pwkit/simulator, or "
        "$XDG_STATE_HOME/pwkit/simulator]"
    ),
)
@click.option(
    "--fleet",
    is_flag=True,
    help="Also serve Tesla's Fleet API (cloud) for the same sites, over HTTPS on its own port.",
)
@click.option(
    "--fleet-port",
    default=0,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port of the simulated Fleet API (0 = any free port).",
)
def simulate(**kwargs: Any) -> None:
    """Serve simulated Tesla gateways over real HTTPS, without a Powerwall.

    Each gateway speaks HTTP/2 and HTTP/1.1 with its own self-signed
    certificate (EC P-256, its own CA), checks logins, expires sessions, locks
    out after repeated failures (429), refuses customers what the chosen
    firmware refuses (403), and simulates a living site: solar follows the
    day, the battery follows mode and reserve, readings change over time.

    \b
    The control API (loopback only) injects faults and reads counters:
      GET  /sites                       every gateway, its URL and fingerprint
      GET  /sites/N                     one gateway: its description, state and faults
      GET  /sites/N/stats               requests, logins, the writes carried out and
                                        the peak of requests in flight (DELETE resets)
      POST /sites/N/faults              {"latency_ms", "jitter_ms", "error_rate",
                                         "error_status", "error_next", "error_on",
                                         "drop_rate", "max_parallel"}
                                        (DELETE resets); error_next answers the next N
                                        requests matching error_on (["POST /api/operation"],
                                        ["/api/…"]; empty: any) error_status, aimed, not
                                        drawn; max_parallel > 0 serves that
                                        many requests at once and queues the rest;
                                        a drop cuts an HTTP/1.1 connection and stalls
                                        an HTTP/2 stream until the client gives up
      POST /sites/N/expire-sessions     force every session to expire
      POST /sites/N/lockout             {"seconds": 30}
      POST /sites/N/offline             {"seconds": 30} (omit: until /online)
      POST /sites/N/online
      POST /sites/N/advance             {"seconds": 3600}: jump simulated time
      POST /sites/N/override            {"path": "/api/…", "set": {"a.b": 1}, "delete": ["a.c"]}
                                        (DELETE clears every override)
      GET  /sites/N/state               simulated time, mode, reserve, flows, counters
      POST /sites/N/toggle-switch       the owner's switch inside a toggle/start window
      POST /sites/N/grid-outage         the utility's grid goes away (DELETE: it comes back)

    \b
    TEDAPI profiles (pw2-24.x, pw2-25.x, pw2-26.x, pw3-26.x, pw3-26.x-follower):
      GET  /sites/N/tedapi              DIN, both listeners (LAN, access point) and their
                                        transports, units, faults, request counts, the most
                                        TEDAPI requests ever in flight at once (peak_in_flight),
                                        settings (export rule, grid charging, backup events)
      POST /sites/N/tedapi-faults       {"busy_status": 429|503, "gzip_garbage": true,
                                         "write_not_applied": true, "queries_rotated": true,
                                         "config_without_hash": true, "update_refused": true,
                                         "another_writer": N (the next N config updates find
                                         config.json changed by someone else: a stale hash),
                                         "latency_ms": 300 (each TEDAPI answer takes that long)}
                                        (DELETE resets)
      POST /sites/N/access-point        {"down": true, "seconds": 30} (omit seconds: until
                                        {"down": false})
      POST /sites/N/switch              {"state": "off"|"on"}: the Powerwall's switch; off
                                        >= 15 simulated s, then on, within 10 simulated min
                                        of registering verifies pending v1r keys
      POST /sites/N/power-cycle         {"off_seconds": 16}: off, simulated time passes, on
      GET  /sites/N/keys                the v1r keys and their states
    Keys are registered through the Fleet API (--fleet): POST
    /api/1/energy_sites/{id}/command with command_type grpc_command (add, list, remove
    authorized client), or over Wi-Fi (authorization in the TEDAPI envelope).

    \b
    With --fleet, the Fleet API's own routes:
      GET  /fleet                       base URL, client id, sites, faults, counters
      GET  /fleet/stats                 requests, token refreshes, each request's time (DELETE resets)
      POST /fleet/faults                {"rate_limit_for": s, "retry_after": s, "down": true,
                                         "apply_delay": s, "token_ttl": s,
                                         "drop_back_to_back": true, "back_to_back_window": s,
                                         "answer_shape": "current"|"legacy"|"capitalized",
                                         "odd_answer": "empty"|"html"|"null"|"421"|"refused-200",
                                         "token_odd_answer": "html"|"waf-403"|"500"|"404",
                                         "require_http2": true, "site_firmware": "25.18.4"}
                                        (DELETE: all off)
      POST /fleet/expire-tokens         every access token expires (then 401)
      POST /fleet/revoke                every token is refused (invalid_grant)
      POST /fleet/refresh-token         a new refresh token ({"scopes": [...]}: fewer than all four)
      GET  /fleet/settings              grid charging, export rule, storm watch, tariff per site
    """
    import asyncio

    from pwkit.client.store import default_state_dir
    from pwkit.simulator.server import Simulator, SimulatorOptions

    # A persistent default: a restart serves the same certificate, so clients pinned to it keep working.
    kwargs["state_dir"] = kwargs["state_dir"] or default_state_dir() / "simulator"
    options = SimulatorOptions(**kwargs)
    try:
        simulator = Simulator(options)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run_simulator(simulator))


async def _run_simulator(simulator: Any) -> None:
    import asyncio
    import signal

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    o = simulator.options
    try:
        await simulator.start()
    except OSError as exc:
        raise click.ClickException(
            f"cannot serve on {o.host}:{o.port}: {exc.strerror or exc}. "
            "Is another simulator running? Try another --port."
        ) from exc
    click.echo(f"pwkit simulate: {o.sites} gateway(s), firmware {o.firmware}, speed {o.speed:g}x, seed {o.seed}")
    for gateway in simulator.gateways[:5]:
        info = gateway.describe()
        click.echo(f"  {info['url']}  certificate {info['fingerprint']}")
        click.echo(f"      CA for clients: {info['ca']}")
        if "access_point" in info:
            click.echo(f"      TEDAPI: DIN {info['din']}; the access point (192.168.91.1) at {info['access_point']}")
    if len(simulator.gateways) > 5:
        click.echo(f"  … and {len(simulator.gateways) - 5} more (see sites.json)")
    installer = (
        "enabled through the physical toggle (control API: POST /sites/N/toggle-switch)"
        if o.installer_password
        else "disabled (--installer-password)"
    )
    click.echo(f"  login: username customer, email {o.email}, password {o.customer_password}; installer {installer}")
    click.echo(f"  strict SNI: {'on' if o.strict_sni else 'off'}")
    if simulator.fleet is not None:
        fleet = simulator.describe()["fleet"]
        click.echo(f"  Fleet API: {fleet['url']}  (OAuth token endpoint: {fleet['url']}/oauth2/v3/token)")
        click.echo(f"      CA for clients: {fleet['ca']}")
        click.echo(f"      client id: {fleet['client_id']}")
        sites = ", ".join(str(s["energy_site_id"]) for s in fleet["sites"])
        click.echo(f"      energy site ids: {sites}")
        # A simulator's token guards nothing real; printing it is what lets a user try the route.
        click.echo(f"      refresh token (single use, rotates): {fleet['refresh_token']}")
    click.echo(f"  control API (loopback only): {simulator.control_url}/sites")
    click.echo(f"  state: {simulator.state_dir / 'sites.json'}")
    click.echo("Ctrl-C stops.", nl=True)
    try:
        await stop.wait()
    finally:
        await simulator.stop()
