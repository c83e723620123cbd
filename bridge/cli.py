"""The ``pwkit`` command line."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from pwkit.codegen import paths
from pwkit.simulator.profiles import PROFILES as PROFILE_NAMES

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


@main.command()
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
    type=click.Choice(sorted(PROFILE_NAMES)),
    help="Firmware profile: its recordings and its rules (403s, removed endpoints, field names).",
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
        "Keep certificates (ca.pem, cert.pem) and sites.json here, so a restart keeps the same "
        "certificate. Default: a temporary directory."
    ),
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
      GET  /sites/N/stats               requests and logins seen (DELETE resets)
      POST /sites/N/faults              {"latency_ms", "jitter_ms", "error_rate",
                                         "error_status", "drop_rate"} (DELETE resets);
                                        a drop cuts an HTTP/1.1 connection and stalls
                                        an HTTP/2 stream until the client gives up
      POST /sites/N/expire-sessions     force every session to expire
      POST /sites/N/lockout             {"seconds": 30}
      POST /sites/N/offline             {"seconds": 30} (omit: until /online)
      POST /sites/N/online
      POST /sites/N/advance             {"seconds": 3600}: jump simulated time
      POST /sites/N/override            {"path": "/api/…", "set": {"a.b": 1}, "delete": ["a.c"]}
    """
    import asyncio

    from pwkit.simulator.server import Simulator, SimulatorOptions

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
    if len(simulator.gateways) > 5:
        click.echo(f"  … and {len(simulator.gateways) - 5} more (see sites.json)")
    installer = "enabled" if o.installer_password else "disabled (--installer-password)"
    click.echo(f"  login: username customer, email {o.email}, password {o.customer_password}; installer {installer}")
    click.echo(f"  strict SNI: {'on' if o.strict_sni else 'off'}")
    click.echo(f"  control API (loopback only): {simulator.control_url}/sites")
    click.echo(f"  state: {simulator.state_dir / 'sites.json'}")
    click.echo("Ctrl-C stops.", nl=True)
    try:
        await stop.wait()
    finally:
        await simulator.stop()


# ------------------------------------------------------------ gateway options
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
    from pwkit.bridge.config import ConfigError, read_secret_file
    from pwkit.bridge.connection import ConnectionOptions, Gateway
    from pwkit.bridge.tls import TlsOptions

    password = kwargs.pop("password")
    password_file = kwargs.pop("password_file")
    if password_file is not None:
        try:
            password = read_secret_file(password_file, "--password-file")
        except ConfigError as exc:
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


@main.command()
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
def record(out: Path, pause: float, **kwargs: Any) -> None:
    """Record every reading of a gateway into OUT, masked, for `pwkit verify`.

    Logs in and requests, one at a time, every GET of the spec that only
    reads (the side-effecting ones, such as sitemaster/stop, are never
    touched). Serials, e-mails, Wi-Fi names, IP and MAC addresses and tokens
    are masked as the shared samples are. An endpoint that fails is recorded
    as its answer; a lockout stops the run.

    \b
    The firmware workflow: pwkit record → pwkit verify → edit spec/openapi.yaml → pwkit codegen.
    """
    import asyncio

    from pwkit.bridge.errors import GatewayError
    from pwkit.bridge.record import record as run_record

    gateway = open_gateway(kwargs)

    async def go() -> Any:
        async with gateway:
            return await run_record(gateway, out, pause=pause, progress=lambda line: click.echo(line, err=True))

    try:
        result = asyncio.run(go())
    except GatewayError as exc:
        raise click.ClickException(str(exc)) from exc
    for why in result.skipped:
        click.echo(f"skipped: {why}", err=True)
    click.echo(
        f"{len(result.written)} recordings written to {out} (firmware {result.firmware or 'unknown'}, "
        f"sitemaster {result.sitemaster or 'unknown'}). Next: pwkit verify {out}"
    )
    if result.stopped:
        click.echo(f"Stopped early: {result.stopped}", err=True)
        sys.exit(1)


@main.command()
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
    from pwkit.bridge.connection import ConnectionOptions, Gateway
    from pwkit.bridge.errors import GatewayError
    from pwkit.bridge.tls import TlsOptions, fingerprint_of

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


@main.command("bridge")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="PWKIT_CONFIG",
    help="A TOML configuration (see pwkit.example.toml); flags and PWKIT_… variables override it.",
)
@click.option(
    "--gateway",
    "gateways",
    multiple=True,
    envvar="PWKIT_GATEWAY",
    help="A gateway, https://ADDRESS[:PORT]; repeat for several (or use [[gateway]] sections).",
)
@click.option("--email", envvar="PWKIT_EMAIL", help="The customer login's e-mail.")
@click.option(
    "--password", envvar="PWKIT_PASSWORD", help="The gateway password. Prefer env PWKIT_PASSWORD or --password-file."
)
@click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False),
    envvar="PWKIT_PASSWORD_FILE",
    help="Read the gateway password from this file.",
)
@click.option(
    "--username",
    type=click.Choice(["customer", "installer"]),
    envvar="PWKIT_USERNAME",
    help="The gateway login (default customer).",
)
@click.option(
    "--ca",
    type=click.Path(exists=True, dir_okay=False),
    envvar="PWKIT_CA",
    help="Trust the gateway's CA certificate (PEM) instead of pinning on first use.",
)
@click.option(
    "--fingerprint",
    envvar="PWKIT_FINGERPRINT",
    help="Trust only the gateway certificate with this SHA-256 fingerprint.",
)
@click.option(
    "--insecure", is_flag=True, envvar="PWKIT_INSECURE", help="Do not verify the gateway's certificate (warned)."
)
@click.option("--sni", envvar="PWKIT_SNI", help="SNI name for DNS names the gateway would refuse (default powerwall).")
@click.option("--name", envvar="PWKIT_NAME", help="The gateway's id in topics (default: its serial).")
@click.option(
    "--mqtt",
    envvar="PWKIT_MQTT",
    help="The broker: mqtt://[user:pass@]host[:port] or mqtts://… (default mqtt://localhost:1883).",
)
@click.option(
    "--mqtt-ca",
    type=click.Path(exists=True, dir_okay=False),
    envvar="PWKIT_MQTT_CA",
    help="CA certificate of the broker (turns TLS on).",
)
@click.option(
    "--mqtt-cert",
    "mqtt_certfile",
    type=click.Path(exists=True, dir_okay=False),
    envvar="PWKIT_MQTT_CERT",
    help="Client certificate for the broker.",
)
@click.option(
    "--mqtt-key",
    "mqtt_keyfile",
    type=click.Path(exists=True, dir_okay=False),
    envvar="PWKIT_MQTT_KEY",
    help="Client key for the broker.",
)
@click.option(
    "--mqtt-insecure", is_flag=True, envvar="PWKIT_MQTT_INSECURE", help="Do not verify the broker's certificate."
)
@click.option("--prefix", envvar="PWKIT_PREFIX", help="Topic prefix (default pwkit).")
@click.option(
    "--discovery-prefix",
    envvar="PWKIT_DISCOVERY_PREFIX",
    help="Home Assistant discovery prefix (default homeassistant).",
)
@click.option(
    "--no-discovery", is_flag=True, envvar="PWKIT_NO_DISCOVERY", help="Do not publish Home Assistant discovery."
)
@click.option(
    "--allow-commands",
    envvar="PWKIT_ALLOW_COMMANDS",
    help="Commands to accept, comma-separated: mode,reserve,island,sitemaster. None by default.",
)
@click.option(
    "--allow-island",
    is_flag=True,
    envvar="PWKIT_ALLOW_ISLAND",
    help="Also allow going off-grid (island must be in --allow-commands).",
)
@click.option(
    "--allow-sitemaster-stop",
    is_flag=True,
    envvar="PWKIT_ALLOW_SITEMASTER_STOP",
    help="Also allow stopping the sitemaster.",
)
@click.option(
    "--reserve-scale",
    type=click.Choice(["gateway", "app"]),
    envvar="PWKIT_RESERVE_SCALE",
    help="Scale of reserve commands: the gateway's (default) or the app's (about 5 points less).",
)
@click.option(
    "--refresh-interval",
    type=click.FloatRange(min=0),
    envvar="PWKIT_REFRESH_INTERVAL",
    help="Seconds between full re-publications of every value (default 300).",
)
@click.option(
    "--command-interval",
    type=click.FloatRange(min=0),
    envvar="PWKIT_COMMAND_INTERVAL",
    help="Minimum seconds between two commands to one gateway (default 2).",
)
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False),
    envvar="PWKIT_STATE_DIR",
    help="Where pinned certificates and sessions are kept (0600).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    envvar="PWKIT_LOG_LEVEL",
)
def bridge_command(config_path: Path | None, log_level: str, **flags: Any) -> None:
    """Publish every reading of one or more gateways to MQTT, and carry out commands from MQTT.

    \b
    Topics, under PREFIX (default pwkit) and the gateway's id (its serial, or --name):
      PREFIX/bridge/state                 online | offline (retained; the last will)
      PREFIX/bridge/info                  version, gateways, commands, poll plan (retained)
      PREFIX/ID/availability              online | offline: whether the gateway answers
      PREFIX/ID/health                    errors per endpoint, sitemaster stopped, …
      PREFIX/ID/meters/aggregates         the whole JSON answer (retained)
      PREFIX/ID/meters/aggregates/site/instant_power   each value (retained, on change)
      PREFIX/ID/set/COMMAND               commands: mode, reserve, island, sitemaster
      PREFIX/ID/response/COMMAND          {"status", "command", "value", "transaction", "error"}

    Commands are off unless enabled with --allow-commands; going off-grid and
    stopping the sitemaster need their own flags too. Payloads are plain
    (`backup`, `50`) or JSON {"value": …, "transaction": "…"}. Retained
    commands are refused and cleared.
    """
    import asyncio
    import logging
    import signal

    from pwkit.bridge.config import ConfigError, load
    from pwkit.bridge.service import BridgeService

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    overrides = dict(flags)
    overrides["gateways"] = tuple(flags["gateways"] or ())
    if flags.get("allow_commands"):
        overrides["allow_commands"] = flags["allow_commands"]
    try:
        config = load(config_path, overrides)
    except ConfigError as exc:
        raise click.UsageError(f"configuration: {exc}") from exc

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await BridgeService(config).run(stop)

    asyncio.run(run())


@main.command()
@click.option("--mqtt", envvar="PWKIT_MQTT", help="Use this broker (mqtt://host:port) instead of the embedded one.")
@click.option(
    "--broker-port",
    default=1883,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port of the embedded broker (another free one if taken).",
)
@click.option(
    "--duration", type=click.FloatRange(min=1), default=None, help="Stop after this many seconds (default: at Ctrl-C)."
)
def demo(mqtt: str | None, broker_port: int, duration: float | None) -> None:
    """See the toolkit work without a Powerwall: simulator, broker and bridge together.

    Starts a simulated gateway over real HTTPS, an embedded MQTT broker (or
    --mqtt), and the bridge with every command enabled, then shows the
    readings as they change. It prints the exact command to change the
    operation mode from any MQTT client. Ctrl-C stops everything.
    """
    import asyncio

    from pwkit.bridge.demo import run_demo

    asyncio.run(run_demo(mqtt_url=mqtt, duration=duration, broker_port=broker_port))


if __name__ == "__main__":
    main()
