"""The bridge's configuration cannot lie: strict types, unknown keys refused, ranges checked, one line per error."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pwkit.bridge.config import FLAGS, ConfigError, load

ROOT = Path(__file__).resolve().parent.parent
GOOD = '[[gateway]]\nurl = "https://192.168.1.50"\npassword = "x"\n'


def errors(tmp_path: Path, text: str, **flags: Any) -> list[str]:
    path = tmp_path / "pwkit.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load(path, {"bridge__state_dir": str(tmp_path / "state"), **flags})
    return caught.value.lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # defect 12: strings are not booleans
        ('[[gateway]]\nurl = "https://a"\npassword = "x"\ninsecure = "false"\n', "gateway[0].insecure: expected true"),
        ('[[gateway]]\nurl = "https://a"\npassword = "x"\nallow_island = "no"\n', "gateway[0].allow_island: expected"),
        # defect 13: a misspelled key is refused with the nearest name
        ('[mqtt]\nurll = "mqtt://x"\n' + GOOD, 'mqtt.urll: unknown setting; did you mean "url"?'),
        ("[bridge]\nrequest_timout = 3\n" + GOOD, 'did you mean "request_timeout"?'),
        ("[[gateway]]\nurl = 'https://a'\npasword = 'x'\n", 'did you mean "password"?'),
        # defect 14: each value that used to end in a traceback
        ('[mqtt]\nurl = "mqtt://h:99999"\n' + GOOD, "mqtt.url: 'mqtt://h:99999' has a port"),
        ('[mqtt]\nurl = "mqtt://h:abc"\n' + GOOD, "mqtt.url: 'mqtt://h:abc' has a port"),
        ('[[gateway]]\nurl = "https://"\npassword = "x"\n', "gateway[0].url: expected https://ADDRESS"),
        ('[[gateway]]\nurl = "https://x:0"\npassword = "x"\n', "gateway[0].url: 'https://x:0': port 0"),
        ('[[gateway]]\nurl = "https://x:99999"\npassword = "x"\n', "gateway[0].url: 'https://x:99999' has a port"),
        ("mqtt = 3\n" + GOOD, "mqtt: expected a table"),
        ("gateway = 3\n", "gateway: expected a list"),
        ("[bridge]\npoll = 3\n" + GOOD, "bridge.poll: expected a table"),
        ('[[gateway]]\nurl = "https://a"\npassword = "x"\nname = 5\n', "gateway[0].name: expected a quoted string"),
        ('[bridge.deadbands]\n"(" = 3\n' + GOOD, "bridge.deadbands: '(' is not a regular expression"),
        ('[bridge.deadbands]\n"power" = "abc"\n' + GOOD, "bridge.deadbands: 'power' = 'abc'"),
        (GOOD + GOOD.replace("[[gateway]]\n", "[[gateway]]\n"), "configured twice"),
        ("[bridge.poll]\nfast = 0.001\n" + GOOD, "bridge.poll.fast: input should be greater than or equal to 0.25"),
        ("[bridge]\nrequest_timeout = 0\n" + GOOD, "bridge.request_timeout: input should be greater than"),
        ('[bridge]\nrefresh_interval = "300"\n' + GOOD, "bridge.refresh_interval: expected a number"),
        ("[mqtt]\nkeepalive = 1.5\n" + GOOD, "mqtt.keepalive: expected a whole number"),
        ("[mqtt]\nprotocol = 5\n" + GOOD, "mqtt.protocol: input should be '5' or '3.1.1'"),
        ('[mqtt]\nprefix = "a/+"\n' + GOOD, "mqtt.prefix: 'a/+' is not a topic prefix"),
        ("", "gateway: none configured"),
        ('[[gateway]]\nurl = "https://a"\n', "gateway[0].password: no password"),
        ('[[gateway]]\nurl = "https://a"\npassword = "x"\nallow_commands = ["warp"]\n', "gateway[0].allow_commands"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_setting(tmp_path: Path, text: str, expected: str) -> None:
    lines = errors(tmp_path, text)
    assert any(expected in line for line in lines), lines
    assert all("\n" not in line and "Traceback" not in line for line in lines)


def test_files_that_are_not_what_they_claim_are_named(tmp_path: Path) -> None:
    (tmp_path / "pw").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "ca.pem").write_text("not a certificate\n")
    assert any(
        "gateway[0].password_file" in e and "not UTF-8" in e
        for e in errors(tmp_path, f'[[gateway]]\nurl = "https://a"\npassword_file = "{tmp_path / "pw"}"\n')
    )
    assert any(
        "gateway[0].ca" in e and "no PEM certificate" in e
        for e in errors(tmp_path, GOOD + f'ca = "{tmp_path / "ca.pem"}"\n')
    )
    assert any("mqtt.ca" in e for e in errors(tmp_path, f'[mqtt]\nca = "{tmp_path / "ca.pem"}"\n' + GOOD))


def test_an_unwritable_state_directory_is_refused_at_start(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match=r"bridge.state_dir: cannot write to"):
        load(None, {"gateway__url": ("https://a",), "gateway__password": "x", "bridge__state_dir": str(blocker / "x")})


def test_flags_win_over_the_file_and_apply_to_every_gateway(tmp_path: Path) -> None:
    path = tmp_path / "pwkit.toml"
    path.write_text("[bridge]\nrequest_timeout = 3\n" + GOOD + GOOD.replace(".50", ".51"))
    config = load(
        path,
        {
            "bridge__request_timeout": 4.0,
            "bridge_poll__fast": 1.0,
            "gateway__insecure": True,
            "bridge__state_dir": str(tmp_path),
        },
    )
    assert config.request_timeout == 4.0 and config.poll == {"fast": 1.0}
    assert [g.insecure for g in config.gateways] == [True, True]


def test_every_setting_is_a_flag_and_a_variable_shown_in_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "bridge", "--help"], capture_output=True, text=True, timeout=60
    )
    text = " ".join(result.stdout.split())
    for flag in FLAGS:
        assert flag.flag in text and flag.env in text, flag
    for name in ("--request-timeout", "--rate-limit-cooldown", "--client-id", "--poll-fast", "--offline-after"):
        assert name in text


def test_the_example_file_is_valid_and_names_only_real_settings(tmp_path: Path) -> None:
    text = (ROOT / "pwkit.example.toml").read_text()
    tomllib.loads(text)
    config = load(ROOT / "pwkit.example.toml", {"gateway__password": "x", "bridge__state_dir": str(tmp_path)})
    assert config.gateways[0].name == "home"


def test_a_bad_configuration_exits_2_with_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[mqtt]\nurl = "mqtt://h:99999"\n[[gateway]]\nurl = "https://x:0"\ninsecure = "false"\n')
    result = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "bridge", "--config", str(bad)],
        capture_output=True,
        text=True,
        env={"PWKIT_PASSWORD": "x", "PATH": "/usr/bin:/bin", "PWKIT_STATE_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("pwkit bridge: configuration: ") for line in lines)
    flags = subprocess.run(
        [sys.executable, "-m", "pwkit.cli", "bridge", "--gateway", "https://x", "--poll-fast", "0.001"],
        capture_output=True,
        text=True,
        env={"PWKIT_PASSWORD": "x", "PATH": "/usr/bin:/bin", "PWKIT_STATE_DIR": str(tmp_path)},
        timeout=60,
    )
    assert flags.returncode == 2 and "bridge.poll.fast" in flags.stderr and "--poll-fast" in flags.stderr
