"""`pwkit bridge` and `pwkit demo`: readings to MQTT, commands from MQTT."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def _setting_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One option per setting of the schema (pwkit.bridge.config): flag, variable and help derive from it."""
    from typing import Literal, get_args, get_origin

    from pwkit.bridge.config import FLAGS, describe, scalar_type

    for flag in reversed(FLAGS):
        kind = scalar_type(flag)
        extra: dict[str, Any] = {}
        if kind is bool:
            extra = {"is_flag": True, "default": None}
        elif get_origin(kind) is Literal:
            extra = {"type": click.Choice([str(a) for a in get_args(kind)])}
        elif kind is int:
            extra = {"type": click.INT}
        elif kind is float:
            extra = {"type": click.FLOAT}
        if flag.flag == "--gateway":
            extra["multiple"] = True
        command = click.option(flag.flag, flag.dest, envvar=flag.env, help=describe(flag), show_envvar=False, **extra)(
            command
        )
    return command


def secrets_on_the_command_line(context: click.Context, flags: dict[str, Any]) -> list[str]:
    """One warning per secret given as a flag: every user of the machine sees it in `ps`."""
    from urllib.parse import urlsplit

    from click.core import ParameterSource

    def given(dest: str) -> bool:
        return flags.get(dest) is not None and context.get_parameter_source(dest) == ParameterSource.COMMANDLINE

    out = []
    if given("gateway__password"):
        out.append("--password is visible to every user of this machine (ps); use PWKIT_PASSWORD or --password-file")
    if given("mqtt__password"):
        out.append(
            "--mqtt-password is visible to every user of this machine (ps); "
            "use PWKIT_MQTT_PASSWORD or --mqtt-password-file"
        )
    if given("mqtt__url") and urlsplit(str(flags["mqtt__url"])).password:
        out.append(
            "the password in --mqtt user:pass@… is visible to every user of this machine (ps); give "
            "mqtt://user@host and the password as PWKIT_MQTT_PASSWORD or --mqtt-password-file"
        )
    return out


@click.command("bridge")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="PWKIT_CONFIG",
    help="A TOML configuration (see pwkit.example.toml); flags and PWKIT_… variables override it. [env PWKIT_CONFIG]",
)
@_setting_options
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    envvar="PWKIT_LOG_LEVEL",
    help="How much to log. [env PWKIT_LOG_LEVEL]",
)
def bridge_command(config_path: Path | None, log_level: str, **flags: Any) -> None:
    """Publish every reading of one or more gateways to MQTT, and carry out commands from MQTT.

    \b
    Topics, under PREFIX (default pwkit) and the gateway's id (its serial, or --name):
      PREFIX/bridge/BRIDGE/state          online | offline (retained; the last will)
      PREFIX/bridge/BRIDGE/info           version, gateways, commands, poll plan (retained)
      (BRIDGE: --bridge-id, by default derived from the gateways' addresses)
      PREFIX/ID/availability              online | offline: whether the gateway answers
      PREFIX/ID/health                    errors per endpoint, sitemaster stopped, …
      PREFIX/ID/meters/aggregates         the whole JSON answer (retained)
      PREFIX/ID/meters/aggregates/site/instant_power   each value (retained, on change)
      PREFIX/ID/set/COMMAND               commands: mode, reserve, island, sitemaster,
                                          grid_charging, export, storm_watch (Fleet API)
      PREFIX/ID/response/COMMAND          {"status", "command", "requested", "transaction", "error", "route"}
      PREFIX/ID/fleet/…                   with the Fleet API: grid_charging, export, storm_watch, status
      PREFIX/ID/tedapi/…                  with TEDAPI (--tedapi, default auto; sticker password in
                                          PWKIT_TEDAPI_PASSWORD): each answer, and per battery unit,
                                          PV string, inverter, island, alerts, battery health

    Commands are off unless enabled with --allow-commands; going off-grid and
    stopping the sitemaster need their own flags too. Payloads are plain
    (`backup`, `50`) or JSON {"value": …, "transaction": "…"}. Retained
    commands are refused and cleared.

    \b
    Routes: mode and reserve need the installer role at the gateway (pwkit
    login --installer URL, after the physical toggle) or Tesla's Fleet API
    (--fleet-client-id + PWKIT_FLEET_REFRESH_TOKEN). The answer says which
    route ran each command: local-customer, local-installer or fleet.
    """
    import asyncio
    import logging
    import signal

    from pwkit.bridge.config import ConfigError, load
    from pwkit.bridge.heap import tune_collector
    from pwkit.bridge.service import BridgeError, BridgeService

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from pwkit.client import redact

    redact.install()  # known secrets (passwords, session tokens) are masked in every line logged
    try:
        config = load(config_path, flags)
    except ConfigError as exc:
        # One line per mistake, each naming the setting; status 2 like any usage error, no traceback.
        for line in exc.lines:
            click.echo(f"pwkit bridge: configuration: {line}", err=True)
        raise SystemExit(2) from None

    for line in secrets_on_the_command_line(click.get_current_context(), flags):
        logging.getLogger("pwkit.bridge").warning("%s", line)

    tune_collector()  # this process is the bridge's alone: see bridge/heap.py

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await BridgeService(config).run(stop)

    try:
        asyncio.run(run())
    except BridgeError as exc:
        click.echo(f"pwkit bridge: {exc}", err=True)
        raise SystemExit(2) from None


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
