"""``pwkit demo``: the whole toolkit on embedded defaults, no Powerwall needed.

A simulated gateway over real HTTPS, an MQTT broker started for the demo (a
private mosquitto when installed, else the embedded amqtt, pure Python) unless
one is given, and the bridge with every command enabled; a live view shows
the readings as they change. Everything lives in one temporary directory,
removed on exit (Ctrl-C included): nothing is left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
import shutil
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from pwkit.bridge.config import BridgeConfig, BridgeSettings, GatewayConfig, MqttConfig, PollConfig
from pwkit.bridge.service import BridgeService
from pwkit.client.connection import ConnectionOptions, Gateway
from pwkit.client.tls import TlsOptions
from pwkit.simulator.server import Simulator, SimulatorOptions

PASSWORD = "powerwall"
INSTALLER_PASSWORD = "demo-installer"
EMAIL = "demo@example.com"
NAME = "demo"
WATCHED = (
    ("State of charge", "system_status/soe/percentage", "%"),
    ("Solar", "meters/aggregates/solar/instant_power", "W"),
    ("Home", "meters/aggregates/load/instant_power", "W"),
    ("Grid", "meters/aggregates/site/instant_power", "W"),
    ("Battery", "meters/aggregates/battery/instant_power", "W"),
    ("Grid status", "system_status/grid_status/grid_status", ""),
    ("Mode", "operation/mode", ""),
    ("Reserve", "operation/backup_reserve_percent", "%"),
)


def free_port(preferred: int) -> int:
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise OSError("no free port")


@dataclass
class LiveView:
    """What the demo shows: the main readings, and the latest changes and answers."""

    prefix: str
    out: TextIO = sys.stdout
    hint: str = ""
    values: dict[str, str] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    messages: int = 0
    answers: list[dict[str, Any]] = field(default_factory=list)

    def receive(self, topic: str, payload: bytes) -> None:
        self.messages += 1
        text = payload.decode(errors="replace")
        relative = topic.removeprefix(f"{self.prefix}/{NAME}/")
        if "/response/" in topic:
            with contextlib.suppress(ValueError):
                self.answers.append(json.loads(text))
            self.recent.append(f"answer  {topic}: {text}")
        elif relative in {path for _, path, _ in WATCHED} and self.values.get(relative) != text:
            self.recent.append(f"changed {topic} = {text}")
        self.values[relative] = text
        del self.recent[:-8]

    def render(self, interactive: bool) -> None:
        lines = []
        for label, path, unit in WATCHED:
            value = self.values.get(path, "…")
            with contextlib.suppress(ValueError):
                value = f"{float(value):,.{1 if unit == '%' else 0}f}"
            lines.append(f"  {label:<16} {value:>12} {unit}")
        if interactive:
            self.out.write("\x1b[H\x1b[J")
            self.out.write(f"pwkit demo: {self.messages} MQTT messages so far (Ctrl-C stops)\n")
            self.out.write(f"Flip the mode from another terminal:\n  {self.hint}\n\n")
            self.out.write("\n".join(lines) + "\n\n  latest:\n")
            self.out.write("\n".join(f"    {line}" for line in self.recent) + "\n")
        else:
            for line in self.recent:
                self.out.write(line + "\n")
            self.recent.clear()
        self.out.flush()


class _Mosquitto:
    """A private mosquitto: the robust choice when Debian's package is installed."""

    def __init__(self, binary: str, port: int, directory: Path) -> None:
        import getpass
        import subprocess

        directory.mkdir(parents=True, exist_ok=True)
        config = directory / "mosquitto.conf"
        config.write_text(
            f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nuser {getpass.getuser()}\n"
        )
        # Its own session: Ctrl-C in the terminal reaches the demo only, which stops the bridge before the broker.
        self.process = subprocess.Popen(
            [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )

    async def wait(self, port: int) -> None:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return
            await asyncio.sleep(0.05)
        raise OSError(f"mosquitto did not start on port {port}")

    async def shutdown(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def _mosquitto_binary() -> str | None:
    import shutil

    found = shutil.which("mosquitto")
    return found or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)


async def _embedded_broker(port: int, directory: Path) -> tuple[Any, str]:
    """A broker on 127.0.0.1:port: a private mosquitto if installed, else amqtt (pure Python, MQTT 3.1.1)."""
    binary = _mosquitto_binary()
    if binary:
        mosquitto = _Mosquitto(binary, port, directory)
        await mosquitto.wait(port)
        return mosquitto, "a private mosquitto, started for the demo"
    from amqtt.broker import Broker

    broker = Broker(
        {
            "listeners": {"default": {"type": "tcp", "bind": f"127.0.0.1:{port}"}},
            "sys_interval": 0,
            "auth": {"allow-anonymous": True},
            "topic-check": {"enabled": False},
        }
    )
    await broker.start()
    return broker, "the embedded amqtt broker (mosquitto is not installed)"


def _watch(view: LiveView, port: int, host: str, loop: asyncio.AbstractEventLoop) -> mqtt.Client:
    # An explicit id: amqtt mixes up the sessions of clients that connect without one, and then
    # sends this view's retained messages to other clients (such as a mosquitto_pub of the user).
    client = mqtt.Client(
        callback_api_version=CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv311, client_id=f"pwkit-demo-view-{port}"
    )

    def on_connect(c: mqtt.Client, *args: Any) -> None:
        c.subscribe(f"{view.prefix}/#", qos=1)

    def on_message(c: mqtt.Client, userdata: Any, message: mqtt.MQTTMessage) -> None:
        loop.call_soon_threadsafe(view.receive, message.topic, bytes(message.payload))

    client.on_connect = on_connect
    client.on_message = on_message
    client.connect_async(host, port)
    client.loop_start()
    return client


async def _installer_session(simulator: Simulator, site: dict[str, Any], state_dir: Path) -> None:
    """Mode and reserve need an installer session, as on a real gateway: the demo takes the toggle path,
    with the simulated owner switching the Powerwall off and on, and leaves the session where the bridge finds it."""
    options = ConnectionOptions(state_dir=state_dir)
    async with Gateway(
        site["url"], password=PASSWORD, email=EMAIL, tls=TlsOptions(ca=Path(site["ca"])), options=options
    ) as gateway:
        await gateway.start_toggle()
        simulator.gateways[0].app.switch_toggled()
        await gateway.login_installer(INSTALLER_PASSWORD)


def pwkit_command() -> str:
    """How to run ``pwkit`` in this install: by name when it is on PATH, else by the path that started us."""
    found = shutil.which("pwkit")
    started = Path(sys.argv[0])
    if found and (started.name != "pwkit" or Path(found).resolve() == started.resolve()):
        return "pwkit"
    if started.name == "pwkit" and started.exists():
        with contextlib.suppress(ValueError):
            return str(started.resolve().relative_to(Path.cwd().resolve()))
        return str(started.resolve())
    return f"{shlex.quote(sys.executable)} -m pwkit.cli"


async def run_demo(
    *, mqtt_url: str | None, duration: float | None, broker_port: int, out: TextIO = sys.stdout
) -> LiveView:
    """The demo, in a temporary directory (the simulated CA's key included) that is removed however it ends."""
    with tempfile.TemporaryDirectory(prefix="pwkit-demo-") as directory:
        return await _run_demo(Path(directory), mqtt_url=mqtt_url, duration=duration, broker_port=broker_port, out=out)


async def _run_demo(
    state: Path, *, mqtt_url: str | None, duration: float | None, broker_port: int, out: TextIO
) -> LiveView:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("amqtt").setLevel(logging.CRITICAL)  # its plugins warn about options the demo does not use
    logging.getLogger("transitions").setLevel(logging.ERROR)
    interactive = out.isatty() and duration is None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError):
        import signal

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    simulator = Simulator(
        SimulatorOptions(
            port=0,
            speed=60,
            seed=7,
            customer_password=PASSWORD,
            installer_password=INSTALLER_PASSWORD,
            email=EMAIL,
            state_dir=state / "sim",
        )
    )
    await simulator.start()
    site = simulator.gateways[0].describe()
    await _installer_session(simulator, site, state / "bridge")
    broker = None
    broker_kind = ""
    if mqtt_url:
        mqtt_config = MqttConfig(url=mqtt_url, discovery=True)
    else:
        port = free_port(broker_port)
        broker, broker_kind = await _embedded_broker(port, state / "broker")
        # amqtt speaks 3.1.1 only
        mqtt_config = MqttConfig(
            url=f"mqtt://127.0.0.1:{port}", protocol="3.1.1" if "amqtt" in broker_kind else "5", discovery=True
        )
    config = BridgeConfig(
        mqtt=mqtt_config,
        gateway=[
            GatewayConfig(
                url=site["url"],
                password=PASSWORD,
                email=EMAIL,
                name=NAME,
                allow_commands=("mode", "reserve", "island", "sitemaster"),
                allow_island=True,
                allow_sitemaster_stop=True,
                ca=Path(site["ca"]),
            )
        ],
        bridge=BridgeSettings(
            poll=PollConfig(fast=2, normal=10, slow=60), command_interval=1.0, state_dir=state / "bridge"
        ),
    )
    prefix = mqtt_config.prefix
    pwkit = pwkit_command()
    broker_url = mqtt_url or f"mqtt://{mqtt_config.host}:{mqtt_config.port}"
    command = f"{pwkit} publish --mqtt {broker_url} {prefix}/{NAME}/set/mode backup"
    mosquitto_pub = ""
    if shutil.which("mosquitto_pub") and not mqtt_url:
        target = f"-h {mqtt_config.host} -p {mqtt_config.port} -q 1 -t {prefix}/{NAME}/set/mode"
        mosquitto_pub = f"  or: mosquitto_pub {target} -m backup\n"
    out.write(
        f"""pwkit demo: everything runs on this machine, no Powerwall needed.
  simulated gateway  {site["url"]}  (firmware 21.39.1, an hour passes every minute)
  MQTT broker        {mqtt_config.display}{"" if mqtt_url else f"  ({broker_kind})"}
  bridge             topics under {prefix}/{NAME}/…, Home Assistant discovery on
  files              {state}  (removed when the demo stops)

Send a command from another terminal (it prints the bridge's answer):
  {command}
{mosquitto_pub}(commands: mode self_consumption|backup|autonomous, reserve 0-100,
 island off_grid|on_grid, sitemaster run|stop)

With a real Powerwall and broker instead:
  PWKIT_PASSWORD=… {pwkit} bridge --gateway https://192.168.1.50 --email you@example.com \\
      --mqtt mqtt://user:pass@broker:1883 --allow-commands mode,reserve
  (a real gateway lets only an installer session change mode and reserve: the demo took the
  physical-toggle path for you, with a simulated switch)

"""
    )
    out.flush()
    service = BridgeService(config)
    bridge = asyncio.create_task(service.run(stop))
    view = LiveView(prefix, out, hint=command)
    watcher = _watch(view, mqtt_config.port, mqtt_config.host, loop)
    started = time.monotonic()
    try:
        if interactive:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 2)  # let the instructions be read first
        while not stop.is_set() and (duration is None or time.monotonic() - started < duration):
            view.render(interactive)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        stop.set()
        with contextlib.suppress(asyncio.CancelledError):
            await bridge
        watcher.loop_stop()
        watcher.disconnect()
        if broker is not None:
            await broker.shutdown()
        await simulator.stop()
        out.write(f"\npwkit demo stopped: {view.messages} messages seen, {len(view.answers)} command answers.\n")
    return view
