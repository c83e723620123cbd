"""Local control over a paired key (the ``local-v1r`` route), and reading every command's effect back.

**local-v1r** (a key registered with ``pwkit pair`` and verified at the switch):

- mode, reserve, export and grid_charging: a FileStore read of ``config.json``, the one change, then an
  update carrying the read's hash (the gateway's optimistic lock). When the update is refused and a second
  read shows another hash, someone else wrote meanwhile: the change is made again on that version, once, never
  more. The reserve is written on the gateway's scale; above 80 works here (Tesla's cloud refuses 81–99);
- island: TEG island mode, 6 with force to go off-grid, 1 to reconnect; refused while a manual backup event
  runs (pwkit's own rule, inferred: going off-grid then would spend the reserve the event holds);
- backup_event: TEG's manual backup events (schedule for N minutes from now, or cancel).

**Verified answers, every route** (:func:`read_back`): after a write the bridge reads the effect back (REST,
TEDAPI or the cloud's ``site_info``) until ``verify_timeout``. Writes have been acknowledged and not applied
(26.10.4, pypowerwall #321) and Tesla's cloud may drop one of two back-to-back commands: "ok" means seen done.
Reading back never writes again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pwkit.client.clock import Clock
from pwkit.client.connection import Gateway
from pwkit.client.errors import KeyFileError, KeyPendingVerification, TedapiRefused, UnknownKey
from pwkit.client.tedapi import Tedapi
from pwkit.client.tedapi_keys import load_key
from pwkit.client.tedapi_transport import TedapiOptions

from .channel import TedapiChannel
from .commands import Command, CommandError, app_to_gateway_reserve, gateway_to_app_reserve

log = logging.getLogger("pwkit.bridge")

# The key refusals that send a command to the next route: nothing was written.
KEY_ERRORS = (UnknownKey, KeyPendingVerification, KeyFileError)
GRID_STATUS = {"off_grid": ("SystemIslandedActive",), "on_grid": ("SystemGridConnected",)}  # not the transitions


def config_change(command: Command, reserve_scale: str) -> dict[str, Any]:
    """The one change to ``config.json`` (dotted paths) a local-v1r command makes."""
    value = command.value
    if command.name == "mode":
        return {"default_real_mode": value}
    if command.name == "reserve":
        return {"site_info.backup_reserve_percent": app_to_gateway_reserve(value) if reserve_scale == "app" else value}
    if command.name == "export":
        return {"site_info.customer_preferred_export_rule": value}
    if command.name == "grid_charging":
        return {"disallow_charge_from_grid_with_solar_installed": value == "off"}
    raise CommandError(f"{command.name} is not a change of config.json")


def config_settings(config: Any) -> dict[str, str]:
    """The export rule and grid charging in ``config.json`` (read over TEDAPI), in the words the controls send.

    What the ``settings/`` topics (the Home Assistant controls' state) show when config.json is read: no cloud
    needed. A field a firmware leaves out is left out here (never guessed), except grid charging: absent means
    allowed (pypowerwall's get_grid_charging, as the cloud's site_info). An export rule the firmware adds later
    is shown as it is (Home Assistant then shows no option), never refused."""
    if not isinstance(config, dict):
        return {}
    out: dict[str, str] = {}
    info = config.get("site_info")
    rule = (info if isinstance(info, dict) else {}).get(
        "customer_preferred_export_rule", config.get("customer_preferred_export_rule")
    )
    if isinstance(rule, str) and rule:
        out["export"] = rule
    out["grid_charging"] = "off" if config.get("disallow_charge_from_grid_with_solar_installed") is True else "on"
    return out


def _apply(document: dict[str, Any], changes: dict[str, Any]) -> bool:
    """Make the changes in place; whether anything differed."""
    differed = False
    for dotted, value in changes.items():
        node = document
        *parents, leaf = dotted.split(".")
        for key in parents:
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        if node.get(leaf) != value:
            differed = True
        node[leaf] = value
    return differed


@dataclass
class KeyStamp:
    """What the key file looks like now: a change (paired, re-paired, removed) is noticed without a restart."""

    exists: bool
    mtime_ns: int = 0
    size: int = 0

    @classmethod
    def of(cls, path: Path) -> KeyStamp:
        try:
            stat = path.stat()
        except OSError:
            return cls(False)
        return cls(True, stat.st_mtime_ns, stat.st_size)


class V1rControl:
    """One gateway's local-v1r route: its own v1r client on the paired key (loaded again when the file changes).

    Every request takes its turn on the gateway's :class:`TedapiChannel`, the one the TEDAPI reader polls
    through: a command and a poll never reach the gateway at once, and a waiting command goes first."""

    def __init__(
        self, gateway: Gateway, key_path: Path, options: TedapiOptions, channel: TedapiChannel | None = None
    ) -> None:
        self.gateway = gateway
        self.channel = channel or TedapiChannel()
        self.key_path = key_path
        self.options = options
        self.stamp = KeyStamp.of(key_path)
        self._client: Tedapi | None = None
        self.problem: str | None = None  # the last key refusal (shown in bridge/info), None when it worked
        self.writes = 0  # config.json updates sent (the stale-hash retry included)

    # ------------------------------------------------------------------ the key
    def unavailable(self) -> str | None:
        """Why the route cannot be tried (None: a key file is there to try)."""
        if not self.stamp.exists:
            # The file's name, not its path: a long state path would crowd out the other routes' hints
            # in a bounded answer (bridge/info names the path).
            return f"no paired key ({self.key_path.name} in the state directory)"
        return None

    def key_changed(self) -> bool:
        """Whether the key file appeared, changed or vanished since last asked."""
        now = KeyStamp.of(self.key_path)
        if now == self.stamp:
            return False
        self.stamp = now
        self._client = None
        self.problem = None
        return True

    def client(self) -> Tedapi:
        if self._client is None:
            self._client = Tedapi.v1r(self.gateway, load_key(self.key_path), options=self.options)
        return self._client

    async def probe(self) -> str | None:
        """One FileStore read: None when the key works, else why not (logged at start-up and after a change)."""
        try:
            async with self.channel.turn():
                await self.client().config()
        except Exception as exc:  # whatever the gateway says, it is reported, never raised
            self.problem = str(exc)
            return self.problem
        self.problem = None
        return None

    # ------------------------------------------------------------------ commands
    async def execute(self, command: Command, reserve_scale: str) -> None:
        """Carry out a validated command over v1r. Raises a KEY_ERRORS error (nothing written: the next route
        may take it) or :class:`CommandError` (the answer's error).

        The write holds the channel from its read to its update (and the one stale-hash retry): no poll comes
        between, and the requests still go one at a time."""
        try:
            async with self.channel.turn(command=True):
                if command.name == "island":
                    await self._island(command.value == "off_grid")
                elif command.name == "backup_event":
                    await self._backup_event(command.value)
                else:
                    await self._config(config_change(command, reserve_scale))
        except KEY_ERRORS as exc:
            self.problem = str(exc)
            raise
        except CommandError:
            raise
        except TedapiRefused as exc:
            raise CommandError(f"the gateway refused it: {exc}") from exc
        except Exception as exc:  # a failure of the LAN path: an answer, never a dead executor
            raise CommandError(f"not carried out over the paired key: {exc}") from exc
        self.problem = None

    async def read_config(self) -> Any:
        """config.json now (a command's read back): a command's turn on the channel."""
        async with self.channel.turn(command=True):
            return (await self.client().config()).data

    async def read_manual_backup(self) -> Any:
        """The manual backup event now, or None (a command's read back): a command's turn on the channel."""
        async with self.channel.turn(command=True):
            return (await self.client().backup_events()).manual

    async def _config(self, changes: dict[str, Any]) -> None:
        client = self.client()
        current = await client.config()
        for attempt in (1, 2):
            if not current.hash:
                raise CommandError(
                    "the gateway sent config.json without its hash (the lock an update must carry): not written, so "
                    "no one else's change can be overwritten"
                )
            document = json.loads(current.text)
            if not isinstance(document, dict):
                raise CommandError("the gateway's config.json is not an object: not written")
            if not _apply(document, changes):
                return  # already so: nothing to write (read back all the same)
            self.writes += 1
            try:
                await client.update_file(json.dumps(document).encode(), current.hash)
                return
            except TedapiRefused as exc:
                again = await client.config()
                if again.hash and again.hash != current.hash and attempt == 1:
                    # Someone else wrote config.json since our read: make our change on their version, once.
                    log.info(
                        "%s: config.json changed since it was read (another writer); writing again once",
                        self.gateway.url,
                    )
                    current = again
                    continue
                if attempt == 2:
                    raise CommandError(
                        "the gateway refused the update again and it is not retried a second time: config.json "
                        f"changed once more meanwhile ({exc})"
                    ) from exc
                raise CommandError(f"the gateway refused the update of config.json: {exc}") from exc

    async def _island(self, off_grid: bool) -> None:
        client = self.client()
        if off_grid:
            events = await client.backup_events()
            running = _running(events.manual, time.time())
            if running is not None:
                raise CommandError(
                    f"a manual backup event runs until {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(running))}: "
                    "not going off-grid meanwhile; cancel it first (backup_event = cancel)"
                )
        result = await client.set_island_mode(off_grid=off_grid)
        if result != 1:
            raise CommandError(
                f"the gateway answered island mode with result {result}, not 1 (success): not carried out"
            )

    async def _backup_event(self, value: int | str) -> None:
        client = self.client()
        if value == "cancel":
            await client.cancel_manual_backup()
        else:
            await client.schedule_manual_backup(int(value) * 60)


def _running(event: dict[str, Any] | None, now: float) -> float | None:
    """When a manual backup event that runs now ends (Unix seconds), or None."""
    if not event:
        return None
    start = float(event.get("start") or now)
    end = start + float(event.get("duration_seconds") or 0)
    return end if start <= now < end else None


# ---------------------------------------------------------------------- reading back
Reader = Callable[[], Awaitable[Any]]


@dataclass
class Seen:
    """What a read back saw: whether it is the command's effect, and the value in words."""

    done: bool
    text: str


def expectation(command: Command, reserve_scale: str) -> Callable[[str, Any], Seen]:
    """A judge of one reading (its kind, its body) against what the command asked."""
    name, value = command.name, command.value
    want_reserve = (
        (app_to_gateway_reserve(value) if reserve_scale == "app" else float(value)) if name == "reserve" else 0.0
    )

    def judge(kind: str, body: Any) -> Seen:
        if kind == "rest_operation":
            if name == "mode":
                mode = body.get("real_mode", body.get("mode"))
                return Seen(mode == value, f"mode {mode}")
            reserve = body.get("backup_reserve_percent")
            return Seen(_close(reserve, want_reserve, 0.6), f"reserve {reserve}")
        if kind == "config":
            info = body.get("site_info") if isinstance(body.get("site_info"), dict) else {}
            if name == "mode":
                return Seen(body.get("default_real_mode") == value, f"mode {body.get('default_real_mode')}")
            if name == "reserve":
                reserve = info.get("backup_reserve_percent")
                return Seen(_close(reserve, want_reserve, 0.6), f"reserve {reserve}")
            if name == "export":
                rule = info.get("customer_preferred_export_rule", body.get("customer_preferred_export_rule"))
                return Seen(rule == value, f"export {rule}")
            if name == "grid_charging":
                state = "off" if body.get("disallow_charge_from_grid_with_solar_installed") else "on"
                return Seen(state == value, f"grid_charging {state}")
        if kind == "site_info":
            from .routes import fleet_readings

            got = fleet_readings(body)
            if name == "reserve":
                app = got.get("backup_reserve_percent_app")
                return Seen(_close(app, gateway_to_app_reserve(want_reserve), 1.0), f"reserve {app} (app scale)")
            seen = got.get(name)
            return Seen(seen == value, f"{name} {seen}")
        if kind == "grid_status":
            status = body.get("grid_status")
            return Seen(status in GRID_STATUS[value], f"grid status {status}")
        if kind == "sitemaster":
            running = body.get("running")
            return Seen(running is (value == "run"), f"sitemaster running {running}")
        if kind == "backup_events":
            if value == "cancel":
                return Seen(body is None, "a manual backup event" + (" is scheduled" if body else " none"))
            duration = body.get("duration_seconds") if isinstance(body, dict) else None
            return Seen(duration == int(value) * 60, f"manual backup event {duration} s" if body else "none")
        return Seen(False, f"unreadable {kind}")

    return judge


def _close(got: Any, want: float, within: float) -> bool:
    return isinstance(got, int | float) and not isinstance(got, bool) and abs(float(got) - want) <= within


async def read_back(
    readers: list[tuple[str, Reader]],
    judge: Callable[[str, Any], Seen],
    *,
    clock: Clock,
    deadline: float,
    first: float,
    every: float,
) -> tuple[bool | None, str]:
    """Read until the effect is seen or ``deadline`` seconds pass.

    Returns (True, what was seen) once it is seen; (False, what was last seen) when it was read and not seen;
    (None, why not) when no read answered at all: then nobody knows whether the write took effect.
    Each read gets only the time left, so the answer never comes later than ``deadline`` plus the settle wait:
    a client waiting on the answer has a deadline of its own (a read that hung past it once cost a command
    its answer under dropped connections).
    """
    start = clock.monotonic()
    last = "nothing read yet"
    answered = False
    await clock.sleep(min(first, deadline))
    while True:
        for kind, read in readers:
            left = deadline - (clock.monotonic() - start)
            if left <= 0:
                break
            try:
                body = await asyncio.wait_for(read(), timeout=left)
            except TimeoutError:
                last = f"no read back answered within the {deadline:g} s"
                break
            except Exception as exc:  # a failed read is not a verdict: the next reader, or the next round
                last = f"could not read it back ({type(exc).__name__}: {exc})"[:200]
                continue
            if not isinstance(body, dict) and kind != "backup_events":
                last = f"{kind} answered a {type(body).__name__}"
                continue
            answered = True
            seen = judge(kind, body)
            last = seen.text
            if seen.done:
                return True, last
            break  # one reader answered: its answer is the state
        left = deadline - (clock.monotonic() - start)
        if left <= 0:
            return (False if answered else None), last
        await clock.sleep(min(every, left))
