"""The Fleet API settings: the refresh token from the environment or a file only, and a route that needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pwkit.bridge.config import ConfigError, load


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pwkit.toml"
    path.write_text('[[gateway]]\nurl = "https://192.168.1.50"\npassword = "x"\n' + text)
    return path


def test_the_refresh_token_comes_from_the_environment_and_never_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PWKIT_FLEET_REFRESH_TOKEN", "rt-secret-1234")
    config = load(write(tmp_path, '[fleet]\nclient_id = "abc"\n'), {"bridge__state_dir": str(tmp_path)})
    assert config.fleet_account is not None and config.fleet_account.refresh_token == "rt-secret-1234"
    assert "rt-secret-1234" not in repr(config)
    assert config.command_route == "auto"


def test_a_refresh_token_file_wins_over_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PWKIT_FLEET_REFRESH_TOKEN", "from-env")
    token = tmp_path / "token"
    token.write_text("from-file\n")
    text = f'[fleet]\nclient_id = "abc"\nrefresh_token_file = "{token}"\n'
    config = load(write(tmp_path, text), {"bridge__state_dir": str(tmp_path)})
    assert config.fleet_account is not None and config.fleet_account.refresh_token == "from-file"


def test_a_refresh_token_in_the_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="refresh_token_file"):
        load(write(tmp_path, '[fleet]\nclient_id = "abc"\nrefresh_token = "x"\n'), {"bridge__state_dir": str(tmp_path)})


def test_the_fleet_route_without_a_client_id_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--fleet-client-id"):
        load(write(tmp_path, '[commands]\nroute = "fleet"\n'), {"bridge__state_dir": str(tmp_path)})


def test_without_a_client_id_there_is_no_fleet_route(tmp_path: Path) -> None:
    config = load(write(tmp_path, ""), {"bridge__state_dir": str(tmp_path)})
    assert config.fleet_account is None


def test_the_cloud_only_commands_can_be_enabled_and_a_site_id_is_a_number(tmp_path: Path) -> None:
    text = 'allow_commands = ["export", "storm_watch", "grid_charging"]\nfleet_site_id = 100000\n'
    config = load(write(tmp_path, text), {"bridge__state_dir": str(tmp_path)})
    assert config.gateways[0].allow_commands == ("export", "storm_watch", "grid_charging")
    assert config.gateways[0].fleet_site_id == 100000
    with pytest.raises(ConfigError, match="fleet_site_id"):
        load(write(tmp_path, 'fleet_site_id = "home"\n'), {"bridge__state_dir": str(tmp_path)})


def test_a_site_id_of_true_is_refused_not_taken_as_site_1(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"fleet_site_id.*energy site's number"):
        load(write(tmp_path, "fleet_site_id = true\n"), {"bridge__state_dir": str(tmp_path)})


def test_a_refresh_token_without_a_client_id_is_a_clear_error_not_silently_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PWKIT_FLEET_REFRESH_TOKEN", "rt-secret-1234")
    with pytest.raises(ConfigError, match="no client id: give --fleet-client-id") as refused:
        load(write(tmp_path, ""), {"bridge__state_dir": str(tmp_path)})
    assert "rt-secret-1234" not in str(refused.value)


def test_cloud_reads_have_their_own_interval_slower_than_teslas_per_site_limit_by_default(tmp_path: Path) -> None:
    config = load(write(tmp_path, '[fleet]\nclient_id = "abc"\n'), {"bridge__state_dir": str(tmp_path)})
    assert config.fleet.interval == 900 >= 300
    assert config.fleet.auth_url == "https://fleet-auth.prd.vn.cloud.tesla.com"
    text = '[bridge.poll]\nslow = 60\n[fleet]\nclient_id = "abc"\ninterval = 1800\n'
    config = load(write(tmp_path, text), {"bridge__state_dir": str(tmp_path)})
    assert config.fleet.interval == 1800  # not --poll-slow's 60 s


def test_the_help_says_what_the_cloud_interval_costs() -> None:
    from click.testing import CliRunner

    from pwkit.cli import main

    result = CliRunner().invoke(main, ["bridge", "--help"], terminal_width=200)
    flat = " ".join(result.output.split())
    assert "--fleet-interval" in flat and "one data request per site per 5 minutes" in flat
