"""One gateway's TEDAPI, one request at a time: the reader's polls and the commands take turns.

The TEDAPI reader (sources/tedapi.py) and the local-v1r commands (control.py) may reach the same gateway by
different ways (basic on its access point, v1r on its LAN address), each with its own client and lock. The
gateway is one device all the same (FACTS: parallel polling has overloaded gateways), so every TEDAPI request
of one gateway takes a turn here first. A command waiting for its turn goes before any waiting poll: a command
never queues behind a backlog of polls, only behind the one request under way.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class TedapiChannel:
    def __init__(self) -> None:
        self._busy = False
        self._waiting: list[tuple[bool, asyncio.Future[None]]] = []  # (a command?, woken when its turn comes)
        self.turns = 0  # requests that had a turn (bridge/info's figure of TEDAPI use)

    @contextlib.asynccontextmanager
    async def turn(self, *, command: bool = False) -> AsyncIterator[None]:
        """Hold the gateway's TEDAPI for one request (or one command's write: its read, update and retry)."""
        if self._busy:
            entry = (command, asyncio.get_running_loop().create_future())
            self._waiting.append(entry)
            try:
                await entry[1]
            except BaseException:
                if entry in self._waiting:
                    self._waiting.remove(entry)
                elif entry[1].done() and not entry[1].cancelled():
                    self._release()  # the turn was handed over just as this waiter was cancelled: pass it on
                raise
        else:
            self._busy = True
        self.turns += 1
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        """Hand the turn to the first waiting command, else the first waiting poll, else free the channel."""
        for wanted in (True, False):
            for entry in self._waiting:
                if entry[0] is wanted and not entry[1].done():
                    self._waiting.remove(entry)
                    entry[1].set_result(None)  # still busy: the turn passes straight on
                    return
        self._busy = False
