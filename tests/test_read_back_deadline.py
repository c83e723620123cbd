"""A command's read-back answers by its deadline, whatever the gateway does with the reads.

Found by the fault suite's dropped-connections row: reads that hung for their whole request timeout, one after
another, held a command's answer past its MQTT client's 10 s deadline. A client waiting on ``pwkit/GW/answer``
then never hears whether its command ran.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from pwkit.bridge.control import Seen, read_back
from pwkit.client.clock import REAL


def judge_reserve(want: float) -> Any:
    def judge(kind: str, body: Any) -> Seen:
        got = body.get("backup_reserve_percent")
        return Seen(got == want, f"backup reserve {got}")

    return judge


async def hangs() -> Any:
    await asyncio.sleep(3600)


async def fails() -> Any:
    raise ConnectionResetError("dropped")


def test_a_read_that_hangs_is_cut_at_the_deadline_and_the_answer_says_nothing_was_read() -> None:
    async def main() -> tuple[bool | None, str, float]:
        started = time.monotonic()
        seen, what = await read_back(
            [("rest_operation", hangs)], judge_reserve(40.0), clock=REAL, deadline=0.6, first=0.1, every=0.2
        )
        return seen, what, time.monotonic() - started

    seen, what, took = asyncio.run(main())
    assert seen is None, what  # unknown, not "not applied": nothing was read
    assert took < 1.5, f"the answer came {took:.1f} s after a 0.6 s deadline"


def test_reads_that_fail_are_unknown_and_a_read_that_differs_is_not_applied() -> None:
    async def differs() -> Any:
        return {"backup_reserve_percent": 20.0}

    async def main() -> tuple[tuple[bool | None, str], tuple[bool | None, str]]:
        failing = await read_back(
            [("rest_operation", fails)], judge_reserve(40.0), clock=REAL, deadline=0.3, first=0.0, every=0.1
        )
        different = await read_back(
            [("rest_operation", fails), ("site_info", differs)],
            judge_reserve(40.0),
            clock=REAL,
            deadline=0.3,
            first=0.0,
            every=0.1,
        )
        return failing, different

    failing, different = asyncio.run(main())
    assert failing[0] is None and "could not read it back (ConnectionResetError: dropped)" in failing[1]
    assert different == (False, "backup reserve 20.0")


def test_a_read_that_sees_the_effect_answers_at_once() -> None:
    async def applied() -> Any:
        return {"backup_reserve_percent": 40.0}

    seen = asyncio.run(
        read_back([("rest_operation", applied)], judge_reserve(40.0), clock=REAL, deadline=30, first=0.0, every=1)
    )
    assert seen == (True, "backup reserve 40.0")
