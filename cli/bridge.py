"""`pwkit bridge` and `pwkit demo`: readings to MQTT, commands from MQTT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


@click.command("bridge")
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


@click.command()
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

    from .demo import run_demo

    asyncio.run(run_demo(mqtt_url=mqtt, duration=duration, broker_port=broker_port))
