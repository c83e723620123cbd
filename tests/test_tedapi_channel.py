"""One request at a time per gateway over TEDAPI, commands first (issue 24).

The TEDAPI reader may read over one way (basic, on the gateway's access point) while commands write over another
(v1r, on its LAN address): one gateway all the same. End to end: `pwkit simulate` (pw2-26.x, each TEDAPI answer
slowed down so that overlapping requests would show), a key paired with `pwkit pair`, `pwkit bridge` reading
over basic and commanding over local-v1r; the simulator counts the TEDAPI requests in flight at once.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from pwkit.bridge.channel import TedapiChannel

from .test_bridge_tedapi import Site, pair_over_wifi

COMMANDS = '["export", "grid_charging"]'


@pytest.mark.slow
def test_commands_and_polls_never_reach_the_gateway_at_once(tmp_path: Path) -> None:
    site = Site(tmp_path, "pw2-26.x", tedapi="basic", before=pair_over_wifi, extra=f"allow_commands = {COMMANDS}\n")
    try:
        site.wait("availability/tedapi/device_controller", lambda m: m.text == "online", timeout=60)
        deadline = time.monotonic() + 30
        while site.info()["sources"]["tedapi"]["transport"] != "basic" or site.info()["routes"].get("export") != (
            "local-v1r"
        ):
            assert time.monotonic() < deadline, site.info()
            time.sleep(0.3)
        site.control("POST", "/sites/0/tedapi-faults", {"latency_ms": 400})
        polls_before = site.control("GET", "/sites/0/tedapi")["requests"].get("POST /tedapi/v1", 0)
        # ~25 s of commands, one after the other: the reader's polls (device_controller every 15 s, and
        # config.json again after each command) fall while commands read and write.
        for n in range(14):
            command, value = ("export", ("never", "battery_ok")[n % 2]) if n % 4 < 2 else ("grid_charging", "off")
            if n % 4 == 3:
                value = "on"
            transaction = f"t{n}-{time.monotonic_ns()}"
            site.observer.publish(f"pwkit/home/set/{command}", json.dumps({"value": value, "transaction": transaction}))
            answer = json.loads(
                site.wait(f"response/{command}", lambda m, t=transaction: t in m.text, timeout=60).payload
            )
            assert answer["status"] == "ok" and answer["route"] == "local-v1r" and answer["verified"], answer
        tedapi = site.control("GET", "/sites/0/tedapi")
        assert tedapi["requests"].get("POST /tedapi/v1", 0) > polls_before, tedapi["requests"]  # it polled meanwhile
        assert tedapi["requests"].get("POST /tedapi/v1r", 0) >= 14 * 3  # read, update, read back
        assert tedapi["peak_in_flight"] == 1, tedapi
    finally:
        site.close()


def test_a_waiting_command_goes_before_waiting_polls_and_a_cancelled_waiter_passes_its_turn_on() -> None:
    async def go() -> list[str]:
        channel = TedapiChannel()
        order: list[str] = []
        release = asyncio.Event()

        async def holder() -> None:
            async with channel.turn():
                order.append("poll 0")
                await release.wait()

        async def take(name: str, *, command: bool = False) -> None:
            async with channel.turn(command=command):
                order.append(name)
                await asyncio.sleep(0)

        first = asyncio.create_task(holder())
        await asyncio.sleep(0)
        polls = [asyncio.create_task(take(f"poll {n}")) for n in (1, 2)]
        await asyncio.sleep(0)
        gone = asyncio.create_task(take("cancelled command", command=True))
        command = asyncio.create_task(take("command", command=True))
        await asyncio.sleep(0)
        gone.cancel()
        release.set()
        await asyncio.gather(first, command, *polls)
        async with channel.turn():  # free again: taken at once
            order.append("later")
        return order

    assert asyncio.run(go()) == ["poll 0", "command", "poll 1", "poll 2", "later"]
