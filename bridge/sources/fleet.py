"""Tesla's cloud (Fleet API): the settings only the cloud knows (grid charging, export rule, storm watch).

Manners are the Fleet client's (one token refresh at a time, backoff on every
token failure, its rate limits); this source reads at the cloud's own interval
(``fleet.interval``, 900 s: Tesla bills each data request and allows one per
site per 5 minutes, so not the REST poll groups) and says on ``fleet/status``
(and the gateway's health) whether the cloud answers. A cloud failure, whatever
it is, never touches the local readings.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, Protocol

from pwkit.client.fleet import FleetError, FleetSite

from .. import routes
from . import Sink

log = logging.getLogger("pwkit.bridge")


class FleetSink(Sink, Protocol):
    def fleet_changed(self, error: str | None) -> None:
        """Whether the Fleet API route can be used now (None) or why not: said on health."""
        ...


class FleetSource:
    name = "fleet"

    def __init__(self, sink: FleetSink, site: FleetSite, interval: float, clean: Callable[[str], str]) -> None:
        self.sink = sink
        self.site = site
        self.interval = interval
        self.clean = clean  # the session's scrubbing of tokens from texts
        self.firmware: str | None = None  # the cloud's view of the gateway's firmware; it applies its rules by it
        self._error: str | None = "not read yet"

    def info(self) -> dict[str, Any]:
        return {
            "transport": "fleet",
            "why": "a Fleet API account is configured ([fleet] client_id)",
            "poll": {"interval": self.interval},
            "error": self._error,
        }

    async def run(self) -> None:
        while True:
            await self.poll()
            await self.sink.clock.sleep(self.interval)

    def text(self, exc: BaseException) -> str:
        """A Fleet failure in words fit to publish: our messages as they are, anything else named as unexpected."""
        if isinstance(exc, FleetError):
            return self.clean(str(exc))
        return self.clean(f"unexpected answer from Tesla's cloud ({type(exc).__name__}: {exc})")

    async def poll(self) -> None:
        try:
            info = await self.site.site_info()
        except Exception as exc:  # whatever the cloud answers, local readings go on
            error = self.text(exc)
            if error != self._error:
                log.warning("%s: Fleet API readings: %s; local readings go on", self.sink.label, error)
            self.status(error)
            return
        self.status(None)
        if isinstance(info.get("version"), str):
            self.firmware = info["version"]
        self.sink.publish_values("fleet", routes.fleet_readings(info))

    def status(self, error: str | None) -> None:
        """The cloud answers (None) or why not, on fleet/status and health (at once after a failed command too)."""
        if error == self._error:
            return
        self._error = error
        self.sink.publish_value("fleet/status", json.dumps({"available": error is None, "error": error}))
        self.sink.fleet_changed(error)
