"""Where a gateway's readings come from: REST, TEDAPI and Tesla's cloud (Fleet API).

Each source owns its poll plan, its manners (how often, how many requests at
once, how it backs off) and its errors, and hands every answer as
``(path, body)`` to the one publisher through its :class:`Sink` (the gateway
worker). Nothing here knows MQTT: a new source needs no change to the
publisher, only a module here and a line in :func:`pwkit.bridge.service.GatewayWorker.plan_sources`.

    service.GatewayWorker ──owns──▶ sources.{rest,tedapi,fleet}.*Source
            ▲                                │
            └──────── Sink.publish(path, body) / publish_values(…), Sink.serves(path, ok), Sink.note_error(…)
"""

from __future__ import annotations

from typing import Any, Protocol

from pwkit.client.clock import Clock


class Sink(Protocol):
    """What a source hands its readings to: the gateway worker, which routes them to the publisher."""

    @property
    def label(self) -> str:
        """``https://… (gw)``: how logs name the gateway."""
        ...

    @property
    def clock(self) -> Clock: ...

    async def room(self) -> None:
        """Awaited before each answer is published: returns at once unless the MQTT broker is far behind."""
        ...

    def publish(self, path: str, body: Any, *, source: str) -> None:
        """One answer: ``/api/meters/aggregates`` or ``tedapi/device_controller`` and its decoded body."""
        ...

    def publish_values(self, group: str, values: dict[str, Any], *, grace: float | None = None) -> None:
        """Values a source derived (``{"units/ABC/power": 120}``) below ``<gw>/<group>/``: each rounded to
        its unit and published on change; one missing for ``grace`` seconds (the bridge's vanish grace by
        default) is cleared."""
        ...

    def publish_value(self, topic: str, text: str) -> None:
        """One retained value below the gateway's topic (``fleet/status``), outside any answer."""
        ...

    def serves(self, path: str, serving: bool) -> None:
        """Whether the gateway serves a reading now (its ``availability/<reading>`` topic)."""
        ...

    def note_error(self, path: str, message: str | None) -> None:
        """A reading's error for the health topic (None: it is fine again)."""
        ...


class Source(Protocol):
    """One way to read a gateway."""

    name: str

    async def run(self) -> None:
        """Poll for ever (the worker supervises it: an exception restarts it with backoff)."""
        ...

    def info(self) -> dict[str, Any]:
        """What bridge/info shows: the transport, why it was chosen, the poll plan."""
        ...
