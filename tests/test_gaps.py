"""Behaviour that had no test: the app-scale reserve command and the masking of what identifies a home."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from pwkit.bridge import commands
from pwkit.bridge.commands import Command, CommandError
from pwkit.codegen.masking import Masker


class RecordingGateway:
    """Only what a command executor calls, recorded: a mock for the executor's edge cases."""

    def __init__(self, operation: dict[str, Any]) -> None:
        self.operation = operation
        self.requests: list[tuple[str, str, Any]] = []

    async def get_json(self, path: str) -> Any:
        self.requests.append(("GET", path, None))
        return self.operation

    async def request(self, method: str, path: str, *, json_body: Any = None) -> None:
        self.requests.append((method, path, json_body))


def written_reserve(value: float, scale: str) -> Any:
    gateway = RecordingGateway({"real_mode": "self_consumption", "backup_reserve_percent": 30.0})
    asyncio.run(commands.execute(gateway, Command("reserve", value), reserve_scale=scale))  # type: ignore[arg-type]
    posts = [body for method, path, body in gateway.requests if (method, path) == ("POST", "/api/operation")]
    assert len(posts) == 1 and posts[0]["real_mode"] == "self_consumption"  # the mode is kept as it was
    assert gateway.requests[-1][:2] == ("GET", "/api/config/completed")  # and the change committed
    return posts[0]["backup_reserve_percent"]


@pytest.mark.parametrize(
    ("app", "gateway"),
    [(0, 5.0), (5, 9.8), (20, 24.0), (50, 52.5), (99, 99.0), (100, 100.0)],
)
def test_an_app_scale_reserve_command_is_written_on_the_gateways_scale(app: float, gateway: float) -> None:
    assert written_reserve(app, "app") == gateway


def test_a_gateway_scale_reserve_command_is_written_as_sent() -> None:
    assert written_reserve(37.5, "gateway") == 37.5


def test_the_app_scale_never_writes_past_100_or_shows_below_0() -> None:
    assert commands.app_to_gateway_reserve(100) == 100.0
    assert commands.app_to_gateway_reserve(105.3) == 100.0  # clamped, should a caller skip parsing
    assert commands.gateway_to_app_reserve(0) == 0.0  # a gateway reserve under 5 % is 0 in the app
    assert commands.gateway_to_app_reserve(100) == 100.0


@pytest.mark.parametrize("payload", [b"101", b"-1", b"nan", b'{"value": true}'])
def test_an_out_of_range_reserve_is_refused_before_any_request(payload: bytes) -> None:
    with pytest.raises(CommandError):
        commands.parse("reserve", payload)


# ------------------------------------------------------------------------ masking
SESSION = [
    {
        "battery_blocks": [{"PackageSerialNumber": "TG1210480013PQ", "PackagePartNumber": "3012170-05-C"}],
        "din": "1232100-00-E--TG121048001F3G",
    },
    {"networks": [{"interface": "WifiType", "network_name": "OurHouseWifi", "hw_address": "ac:de:48:00:11:22"}]},
    {"note": "gateway at 192.168.1.50, mac AC-DE-48-00-11-23, mail owner@example.org, pack TG1210480013PQ"},
]


def masked() -> tuple[Masker, str]:
    masker = Masker()
    masker.learn(SESSION)
    return masker, json.dumps([masker.body(b) for b in SESSION])


def test_masking_replaces_battery_serials_everywhere_they_appear() -> None:
    masker, text = masked()
    assert "TG1210480013PQ" not in text
    assert text.count("<<BATTERY_SERIAL>>") == 2  # the keyed value and the copy inside free text
    assert masker.path("/api/powerwalls/TG1210480013PQ/status") == "/api/powerwalls/BATTERY_SERIAL/status"


def test_masking_replaces_mac_addresses_keyed_or_in_free_text_in_either_notation() -> None:
    _, text = masked()
    assert "ac:de:48:00:11:22" not in text and "AC-DE-48-00-11-23" not in text
    assert text.count("<<MAC_ADDR>>") == 2


def test_masking_replaces_the_gateway_serial_wifi_name_address_and_email_but_not_part_numbers() -> None:
    _, text = masked()
    for identifying in ("TG121048001F3G", "OurHouseWifi", "192.168.1.50", "owner@example.org"):
        assert identifying not in text
    assert "1232100-00-E--<<GATEWAY_TSN>>" in text  # the part number stays: it names a model, not a home
    assert "3012170-05-C" in text
