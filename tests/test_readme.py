"""The README, run as a newcomer runs it: every shell command and the Python block, against the simulator.

Each command the README shows is listed in RUN below with how this file runs
it. A command added to the README without a way to run it here fails
``test_every_readme_command_is_run_here``. Substitutions, and why:

- the gateway (`https://192.168.1.50`, `you@example.com`, `PWKIT_PASSWORD=…`) is
  a `pwkit simulate` with its login (`demo@example.com`, `powerwall`), same flags;
- the broker (`mqtt://user@broker:1883`, `PWKIT_MQTT_PASSWORD=…`) is a private mosquitto on a free port;
- fixed ports (1883, 8443) become free ports: a test never binds a fixed one;
- `~/.local/state` is a temporary XDG_STATE_HOME; `rec/` a temporary folder;
- `make test` and `make codegen`, `make lint`, `make bench`, `make soak`, `make test-faults`
  are checked with `make -n` (running the suite inside itself, or rewriting
  generated/ under other tests, is not a test); `make verify` and `make demo` run;
- `pipx install .` installs into a temporary PIPX_HOME/PIPX_BIN_DIR with the
  venv's pipx; `pipx ensurepath` is not run (it edits the shell's profile):
  PATH gets the bin folder instead.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pwkit.codegen import paths

from .brokers import Mosquitto, Observer, free_port
from .simulators import EMAIL, PASSWORD, RunningSimulator

ROOT = paths.REPO
README = (ROOT / "README.md").read_text()
VENV_BIN = Path(sys.executable).parent


def readme_commands() -> list[str]:
    """Every shell line of the README's sh blocks, and every inline command it tells the reader to run."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line:
                found.append(" ".join(line.split()))
    for span in re.findall(r"`([^`\n]+)`", README):
        if re.match(r"(\.venv/bin/pwkit |PWKIT_PASSWORD=|pipx |mosquitto_pub |make )", span) and not span.endswith("…"):
            found.append(" ".join(span.split()))
    return list(dict.fromkeys(found))


BRIDGE = (
    "PWKIT_PASSWORD=… PWKIT_MQTT_PASSWORD=… .venv/bin/pwkit bridge --gateway https://192.168.1.50 "
    "--email you@example.com --mqtt mqtt://user@broker:1883 --allow-commands mode,reserve"
)
SEVERAL = (
    "PWKIT_PASSWORD=… .venv/bin/pwkit bridge --gateway https://192.168.1.50 --name home --bridge-id house",
    "PWKIT_PASSWORD=… .venv/bin/pwkit bridge --gateway https://192.168.1.51 --name barn --bridge-id farm",
)
RECORD = "PWKIT_PASSWORD=… .venv/bin/pwkit record --gateway https://192.168.1.50 --email you@example.com --out rec/"
FLEET_BRIDGE = (
    "PWKIT_PASSWORD=… PWKIT_FLEET_REFRESH_TOKEN=… .venv/bin/pwkit bridge --gateway https://192.168.1.50 "
    "--email you@example.com --mqtt mqtt://broker:1883 --fleet-client-id YOUR-CLIENT-ID "
    "--allow-commands mode,reserve,export,storm_watch"
)
RUN = {
    "make demo": "test_make_demo_runs_without_leaving_anything_and_the_printed_commands_work",
    ".venv/bin/pwkit publish --mqtt mqtt://127.0.0.1:1883 pwkit/demo/set/mode backup": "(same)",
    "mosquitto_pub -h 127.0.0.1 -p 1883 -q 1 -t pwkit/demo/set/mode -m backup": "(same)",
    "make test": "test_make_targets_the_readme_names_exist (make -n)",
    "make test-faults": "(same)",
    "make test-ha": "(same)",
    "make test-ha HA_CACHE=DIR": "(same)",
    "make lint": "(same)",
    "make codegen": "(same)",
    "make bench": "(same)",
    "make soak": "(same)",
    "make verify": "(same, and run)",
    "pipx install .": "test_pipx_install_puts_pwkit_on_path_and_the_demo_banner_uses_it",
    "pwkit --version": "(same)",
    "pipx ensurepath": "(same: not run, PATH set instead)",
    BRIDGE: "test_the_bridge_commands_run",
    SEVERAL[0]: "test_several_bridges_share_a_broker_as_the_readme_shows",
    SEVERAL[1]: "(same)",
    ".venv/bin/pwkit bridge --config pwkit.toml": "(same, with pwkit.example.toml)",
    ".venv/bin/pwkit bridge --help": "(same)",
    ".venv/bin/pwkit pin URL --reset": "test_pin_record_and_verify_run",
    ".venv/bin/pwkit pin https://127.0.0.1:8443 --reset": "(same)",
    RECORD: "(same)",
    FLEET_BRIDGE: "test_the_fleet_bridge_command_runs (pwkit simulate --fleet)",
    ".venv/bin/pwkit verify rec/": "(same)",
    ".venv/bin/pwkit simulate": "test_the_simulator_keeps_its_certificate_across_restarts",
    ".venv/bin/pwkit simulate --help": "(same)",
}


def test_every_readme_command_is_run_here() -> None:
    assert readme_commands() == [c for c in readme_commands() if c in RUN], "new README commands: add them to RUN"
    assert sorted(RUN) == sorted(readme_commands()), "RUN lists commands the README no longer shows"


def run(command: str, *, env: dict[str, str] | None = None, timeout: float = 120, **kwargs: Any) -> str:
    """A README command line, as a shell runs it from the clone (`.venv/bin/…` included)."""
    result = subprocess.run(
        command,
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kwargs,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def as_simulator(command: str, sim: RunningSimulator, broker: Mosquitto | None = None) -> str:
    """The README's gateway, login and broker replaced by the simulator's and the private broker's."""
    command = command.replace("PWKIT_PASSWORD=…", f"PWKIT_PASSWORD={PASSWORD}")
    command = command.replace("PWKIT_MQTT_PASSWORD=…", "PWKIT_MQTT_PASSWORD=pass")
    command = command.replace("https://192.168.1.50", sim.url).replace("you@example.com", EMAIL)
    if broker is not None:
        command = command.replace("mqtt://user@broker:1883", f"mqtt://user@127.0.0.1:{broker.port}")
    return command


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("readme")
    sim = RunningSimulator(root / "sim")
    broker = Mosquitto(root / "mqtt")
    yield {"root": root, "sim": sim, "broker": broker, "env": {"XDG_STATE_HOME": str(root / "state")}}
    broker.stop()
    sim.stop()


def test_make_targets_the_readme_names_exist() -> None:
    for command in [c for c in RUN if c.startswith("make ")]:
        run(f"make -n {command.removeprefix('make ')}")
    assert "pytest" in run("make -n test") and "-m faults" in run("make -n test-faults")
    assert "no drift" in run("make verify", timeout=300)


# ----------------------------------------------------------------- slow ones


class Running:
    """A README command left running (the demo, a bridge, the simulator); its output collected as it comes."""

    def __init__(self, command: str, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            command,
            shell=True,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
            executable="/bin/bash",  # bash runs a single command in place: its exit status is the command's
            start_new_session=True,  # its own process group, as a terminal gives it: Ctrl-C reaches all of it
        )
        self.output = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output += line

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def until(self, pattern: str, timeout: float = 120) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.output)
            if found:
                return found
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} not seen:\n{self.output}")

    def interrupt(self) -> str:
        """Ctrl-C, as in a terminal."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(60)
        self._reader.join(10)
        return self.output


def running(command: str, *, env: dict[str, str] | None = None) -> Running:
    return Running(command, env)


@pytest.mark.slow
def test_make_demo_runs_without_leaving_anything_and_the_printed_commands_work(tmp_path: Path) -> None:
    demo = running("make demo", env={"TMPDIR": str(tmp_path)})
    try:
        port = demo.until(r"mqtt://127\.0\.0\.1:(\d+) pwkit/demo/set/mode backup").group(1)
        demo.until(r"changed pwkit/demo/")
        banner = demo.output
        for command in (
            ".venv/bin/pwkit publish --mqtt mqtt://127.0.0.1:1883 pwkit/demo/set/mode backup",
            "mosquitto_pub -h 127.0.0.1 -p 1883 -q 1 -t pwkit/demo/set/mode -m backup",
        ):
            assert command.replace("1883", port) in banner
            out = run(command.replace("1883", port))
            if "publish" in command:
                assert json.loads(out)["status"] == "ok"
        demo.until(r"(?s)(answer\s+pwkit/demo/response/mode.*){2}")  # both commands answered
    finally:
        out = demo.interrupt()
    # make itself ends by the Ctrl-C it received too (as any make target does); the demo under it ends cleanly.
    assert demo.returncode in (0, -signal.SIGINT), out
    assert "pwkit demo stopped" in out and "Traceback" not in out and "WARNING" not in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind, the simulated CA's key included


@pytest.mark.slow
def test_the_bridge_commands_run(world: dict[str, Any], tmp_path: Path) -> None:
    sim, broker = world["sim"], world["broker"]
    observer = Observer(broker, ["pwkit/#"])
    try:
        line = as_simulator(BRIDGE, sim, broker)
        bridge = running(f"{line} --name readme", env=world["env"])
        try:
            observer.wait_for("pwkit/readme/availability", lambda m: m.text == "online", timeout=60)
        finally:
            bridge.interrupt()
        # The configuration file: the example, with every setting it shows set, for this machine.
        config = tmp_path / "pwkit.toml"
        config.write_text(example_with_every_setting(sim, broker, tmp_path))
        bridge = running(
            ".venv/bin/pwkit bridge --config " + str(config), env={**world["env"], "PWKIT_PASSWORD": PASSWORD}
        )
        try:
            observer.wait_for("pwkit/home/availability", lambda m: m.text == "online", timeout=60)
        finally:
            out = bridge.interrupt()
        assert bridge.returncode == 0, out
    finally:
        observer.close()
    help_text = run(".venv/bin/pwkit bridge --help")
    assert "PWKIT_PASSWORD" in help_text


def routes_in(info: Any) -> dict[str, str] | None:
    """The command routes a gateway's entry in bridge/info gives, wherever they sit in it."""
    if isinstance(info, dict):
        if isinstance(info.get("routes"), dict):
            return info["routes"]  # type: ignore[no-any-return]
        info = list(info.values())
    if isinstance(info, list):
        for item in info:
            found = routes_in(item)
            if found is not None:
                return found
    return None


@pytest.mark.slow
def test_several_bridges_share_a_broker_as_the_readme_shows(world: dict[str, Any], tmp_path: Path) -> None:
    """The README's two bridges, on one broker and one state directory: own state topics; one stops, the
    other's gateway and bridge stay online."""
    broker = world["broker"]
    second = RunningSimulator(tmp_path / "sim2")
    observer = Observer(broker, ["pwkit/#"])
    bridges = []
    try:
        for line, sim in zip(SEVERAL, (world["sim"], second), strict=True):
            line = as_simulator(line, sim).replace("https://192.168.1.51", sim.url)
            bridges.append(running(f"{line} --mqtt mqtt://127.0.0.1:{broker.port}", env=world["env"]))
        for name, bridge_id in (("home", "house"), ("barn", "farm")):
            observer.wait_for(f"pwkit/{name}/availability", lambda m: m.text == "online", timeout=60)
            observer.wait_for(f"pwkit/bridge/{bridge_id}/state", lambda m: m.text == "online", timeout=10)
        since = time.monotonic()
        bridges[0].interrupt()
        observer.wait_for("pwkit/bridge/house/state", lambda m: m.at >= since and m.text == "offline", timeout=30)
        assert observer.latest("pwkit/bridge/farm/state").text == "online"  # type: ignore[union-attr]
        assert observer.latest("pwkit/barn/availability").text == "online"  # type: ignore[union-attr]
    finally:
        for bridge in bridges:
            bridge.interrupt()
        observer.close()
        second.stop()


@pytest.mark.slow
def test_the_fleet_bridge_command_runs(tmp_path: Path) -> None:
    # The README's Fleet line against `pwkit simulate --fleet`: its client id and a refresh token it issues,
    # and the simulated cloud's addresses given as the README's "Try it without a Powerwall" says.
    sim = RunningSimulator(tmp_path / "sim", "--fleet")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    try:
        cloud = sim.fleet
        token = sim.control("POST", "/fleet/refresh-token")["refresh_token"]
        line = as_simulator(FLEET_BRIDGE, sim)
        line = line.replace("PWKIT_FLEET_REFRESH_TOKEN=…", f"PWKIT_FLEET_REFRESH_TOKEN={token}")
        line = line.replace("mqtt://broker:1883", f"mqtt://127.0.0.1:{broker.port}")
        line = line.replace("YOUR-CLIENT-ID", cloud["client_id"])
        line += f" --fleet-url {cloud['url']} --fleet-auth-url {cloud['url']} --fleet-ca {cloud['ca']} --name fleet"
        bridge = running(line, env={"XDG_STATE_HOME": str(tmp_path / "state")})
        try:
            info = observer.wait_for(
                "pwkit/bridge/+/info",
                lambda m: (routes_in(json.loads(m.text or "null")) or {}).get("mode") == "fleet",
                timeout=60,
            )
            assert info is not None
            assert routes_in(json.loads(info.text))["export"] == "fleet"  # type: ignore[index]
            since = time.monotonic()
            observer.publish("pwkit/fleet/set/export", "never")
            answer = observer.wait_for(
                "pwkit/fleet/response/export", lambda m: m.at >= since and bool(m.payload), timeout=30
            )
            assert answer is not None
            assert json.loads(answer.text)["status"] == "ok", answer.text
            assert json.loads(answer.text)["route"] == "fleet"
        finally:
            out = bridge.interrupt()
        assert token not in out  # the refresh token never reaches the log
    finally:
        observer.close()
        broker.stop()
        sim.stop()


def example_with_every_setting(sim: RunningSimulator, broker: Mosquitto, tmp_path: Path) -> str:
    """pwkit.example.toml with its commented settings switched on, where they can be on at once on this machine."""
    text = (ROOT / "pwkit.example.toml").read_text()
    (tmp_path / "secret").write_text(PASSWORD + "\n")
    # (section, key) → the value here; None: stays commented (the broker has no TLS or users; trust is the default pin)
    here: dict[tuple[str, str], str | None] = {
        ("mqtt", "username"): None,
        ("mqtt", "password_file"): None,
        ("mqtt", "ca"): None,
        ("mqtt", "certfile"): None,
        ("mqtt", "keyfile"): None,
        ("mqtt", "client_id"): '"pwkit-readme"',
        ("bridge", "state_dir"): f'"{tmp_path / "state"}"',
        ("gateway", "password_file"): f'"{tmp_path / "secret"}"',
        ("gateway", "ca"): None,
        ("gateway", "fingerprint"): None,
        ("gateway", "sni"): None,
        # The Fleet API needs a Tesla account: test_the_fleet_bridge_command_runs runs it against the simulated cloud.
        ("fleet", "client_id"): None,
        ("fleet", "refresh_token_file"): None,
        ("fleet", "url"): None,
        ("gateway", "fleet_site_id"): None,
    }
    lines, section = [], ""
    for line in text.splitlines():
        header = re.match(r"\[+([\w.]+)\]+", line)
        if header:
            section = header.group(1).split(".")[0]
        match = re.match(r'# ("?\w+"?) = ', line)
        if match:
            key = match.group(1)
            if (section, key) not in here:
                line = line[2:]  # on, as the example shows it
            elif here[(section, key)] is not None:
                line = f"{key} = {here[(section, key)]}"
        lines.append(line)
    text = "\n".join(lines)
    text = text.replace('url = "mqtt://localhost:1883"', f'url = "{broker.url}"')
    text = text.replace('url = "https://192.168.1.50"', f'url = "{sim.url}"').replace("you@example.com", EMAIL)
    tomllib.loads(text)
    return text


def test_every_setting_the_example_shows_is_a_real_one(tmp_path: Path) -> None:
    """Each commented setting of pwkit.example.toml, switched on alone, is accepted by the configuration."""
    from pwkit.bridge.config import load

    text = (ROOT / "pwkit.example.toml").read_text()
    for name in ("ca.pem", "client.pem", "client.key", "secret"):
        (tmp_path / name).write_text("x\n")
    tried = 0
    for index, line in enumerate(text.splitlines()):
        match = re.match(r"# (\w+) = (.*?)\s*(#.*)?$", line)
        if not match or match.group(1) in ("certfile", "keyfile", "ca"):
            continue  # files: checked by the configuration's own tests with real PEM files
        lines = text.splitlines()
        lines[index] = line[2:]
        if match.group(1) == "refresh_token_file":  # a refresh token alone is refused: it needs the client id
            lines = [x[2:] if x.startswith("# client_id = ") else x for x in lines]
        variant = re.sub(r'"/[^"]*"', f'"{tmp_path / "secret"}"', "\n".join(lines))
        variant = variant.replace('"sha256:…"', '"sha256:' + "ab" * 32 + '"')
        path = tmp_path / "variant.toml"
        path.write_text(variant)
        load(path, {"gateway__password": "x", "bridge__state_dir": str(tmp_path)})
        tried += 1
    assert tried >= 8


OTHER_TOOLS = {"--user"}  # `python3 -m pip install --user pipx`
# Named by the docs before the command exists, each with who builds it; the test fails once it exists, so the
# entry goes as soon as it lands.
PENDING: dict[str, str] = {}


def test_every_flag_and_variable_the_docs_name_exists() -> None:
    """README.md, pwkit.example.toml and every --help: each --flag and PWKIT_ variable they name is real."""
    import click

    from pwkit.cli import main

    flags: set[str] = set()
    variables: set[str] = set()
    helps = []
    context = click.Context(main)
    for name, command in main.commands.items():
        helps.append(command.get_help(click.Context(command, info_name=name, parent=context, terminal_width=400)))
        for param in command.params:
            flags.update(o for o in [*param.opts, *param.secondary_opts] if o.startswith("--"))
            envvar = getattr(param, "envvar", None)
            variables.update([envvar] if isinstance(envvar, str) else envvar or [])
    # Variables the code reads itself (secrets kept off the command line), besides click's envvars.
    for module in [*ROOT.glob("bridge/*.py"), *ROOT.glob("cli/*.py"), *ROOT.glob("client/*.py")]:
        variables.update(
            re.findall(r"environ(?:\.get)?\(\s*\"(PWKIT_[A-Z_]+)\"|\"(PWKIT_[A-Z_]+)\"", module.read_text())
            and [v for pair in re.findall(r"\"(PWKIT_[A-Z_]+)\"", module.read_text()) for v in [pair]]
        )
    docs = {"README.md": README, "pwkit.example.toml": (ROOT / "pwkit.example.toml").read_text()}
    docs |= {f"--help {i}": text for i, text in enumerate(helps)}
    for where, text in docs.items():
        for flag in set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]+", text)) - {"--help", "--version"} - OTHER_TOOLS:
            if flag in PENDING:
                assert flag not in flags, f"{flag} exists now: remove it from PENDING"
                continue
            assert flag in flags, f"{where} names {flag}, which no pwkit command has"
        for variable in set(re.findall(r"PWKIT_[A-Z_]+[A-Z]", text)):
            assert variable in variables, f"{where} names {variable}, which no pwkit command reads"


@pytest.mark.slow
def test_pin_record_and_verify_run(world: dict[str, Any], tmp_path: Path) -> None:
    sim, env = world["sim"], world["env"]
    run(".venv/bin/pwkit pin URL --reset".replace("URL", sim.url), env=env)
    record = RECORD.replace("--out rec/", f"--out {tmp_path / 'rec'}") + " --pause 0"
    out = run(as_simulator(record, sim), env=env, timeout=300)
    assert "recordings written" in out
    assert "no drift" in run(f".venv/bin/pwkit verify {tmp_path / 'rec'}")
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    simulated = re.search(r'`(Gateway\("https://127\.0\.0\.1:8443".*?\))`', README)
    assert simulated is not None  # the README names the simulator's login for this example
    code = block.group(1).replace(
        'Gateway("https://192.168.1.50", password="…", email="you@example.com")',
        simulated.group(1).replace("127.0.0.1:8443", sim.url.removeprefix("https://")),
    )
    assert "demo@example.com" in code
    percentage = run(f"{shlex.quote(str(VENV_BIN / 'python'))} -c {shlex.quote(code)}", env=env)
    assert 0 <= float(percentage.strip().splitlines()[-1]) <= 100


@pytest.mark.slow
def test_the_simulator_keeps_its_certificate_across_restarts(tmp_path: Path) -> None:
    env = {"XDG_STATE_HOME": str(tmp_path)}
    assert "--state-dir" in run(".venv/bin/pwkit simulate --help")
    port = free_port()
    fingerprints = []
    for _ in range(2):
        sim = running(f".venv/bin/pwkit simulate --port {port}", env=env)
        try:
            fingerprints.append(sim.until(r"certificate (sha256:[0-9a-f:]+)", timeout=60).group(1))
            sim.until("Ctrl-C stops")
            run(f".venv/bin/pwkit pin https://127.0.0.1:{port} --reset", env=env)
        finally:
            sim.interrupt()
    assert fingerprints[0] == fingerprints[1]
    assert (tmp_path / "pwkit" / "simulator").is_dir()


@pytest.mark.slow
def test_pipx_install_puts_pwkit_on_path_and_the_demo_banner_uses_it(tmp_path: Path) -> None:
    pipx = shutil.which("pipx", path=str(VENV_BIN)) or shutil.which("pipx")
    if pipx is None:
        pytest.fail("pipx is a dev dependency: make install")
    bin_dir = tmp_path / "bin"
    env = {"PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(bin_dir), "PIPX_MAN_DIR": str(tmp_path / "man")}
    run(f"{pipx} install .", env=env, timeout=900)
    path = f"{bin_dir}:/usr/bin:/bin"
    assert "pwkit, version" in run("pwkit --version", env={**env, "PATH": path})
    out = run(f"pwkit demo --duration 3 --broker-port {free_port()}", env={**env, "PATH": path}, timeout=120)
    assert re.search(r"^  pwkit publish --mqtt ", out, re.M), out
