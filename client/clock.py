"""The one clock the client and the bridge read: real by default, simulated in tests and benches.

Every timer of the gateway's manners (429 cooldown, login backoff, read-retry
backoff) and of the bridge (poll intervals, the publisher's refresh, the
command interval, the stats report) reads the :class:`Clock` it was given.
Hand them one :class:`ManualClock` and simulated time drives refresh,
deadband and backoff alike: a simulated day passes in seconds and every
timer fires as it would have.

Durations measured for logging (how long a request took) stay on the real
clock: they describe the machine, not the schedule.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back: for intervals and deadlines."""
        ...

    def time(self) -> float:
        """Seconds since the epoch: for timestamps written to files."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` on this clock."""
        ...


class RealClock:
    """The machine's clocks and asyncio's sleep."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def __repr__(self) -> str:
        return "RealClock()"


REAL: Clock = RealClock()


class ManualClock:
    """Time that moves only when told to: :meth:`advance` wakes every sleeper whose time has come, in order.

    ``sleep`` never waits for real time; a sleeper resumes when ``advance``
    (or ``advance_to``) passes its wake-up time. Between wake-ups ``advance``
    lets the event loop run, so what a woken task does happens at the
    simulated instant it woke (a poll at t=300 s reads the clock as 300 s).
    """

    def __init__(self, start: float = 0.0, epoch: float = 1_700_000_000.0) -> None:
        self._now = start
        self._epoch = epoch - start
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def monotonic(self) -> float:
        return self._now

    def time(self) -> float:
        return self._epoch + self._now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._now + seconds, next(self._order), future))
        await future

    @property
    def sleepers(self) -> int:
        """How many tasks wait on this clock (those cancelled meanwhile excluded)."""
        return sum(1 for _, _, f in self._sleepers if not f.done())

    def next_wake(self) -> float | None:
        """When the earliest sleeper wakes, or None when nobody sleeps."""
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)
        return self._sleepers[0][0] if self._sleepers else None

    async def settle(self, rounds: int = 20) -> None:
        """Let every runnable task run until it blocks again (on this clock or on I/O)."""
        for _ in range(rounds):
            await asyncio.sleep(0)

    async def advance(self, seconds: float) -> None:
        await self.advance_to(self._now + seconds)

    async def advance_to(self, when: float) -> None:
        """Move to ``when``, stopping at each wake-up on the way so woken tasks see their own instant."""
        await self.settle()
        while (wake := self.next_wake()) is not None and wake <= when:
            self._now = max(self._now, wake)
            while self._sleepers and self._sleepers[0][0] <= self._now:
                _, _, future = heapq.heappop(self._sleepers)
                if not future.done():
                    future.set_result(None)
            await self.settle()
        self._now = max(self._now, when)

    def __repr__(self) -> str:
        return f"ManualClock(monotonic={self._now:.3f})"
