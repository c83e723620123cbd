"""Tesla's Fleet API for the simulated sites: OAuth token refresh, products, site info, live status, commands.

Served over HTTPS on its own port by ``pwkit simulate --fleet``, as
``spec/fleet-energy.yaml`` describes. What it copies from the real cloud:

- refresh tokens are single use: each refresh answers a new one and the old
  one is refused afterwards (``invalid_grant``), as Tesla's "Third-Party
  Tokens" page says; access tokens expire (``expires_in``), then ``401``;
- a command reaches the gateway after a short delay, so the local API reads
  the change a moment later, not in the same instant;
- commands to one site are throttled (``429`` with ``Retry-After``), and the
  control API can make every request answer ``429`` for a while;
- the reserve is on the app's scale (the gateway's is about 5 + 0.95 × app).

The control API (``/fleet/…`` on the simulator's control port) counts every
request and token refresh, with the time of each, so tests can prove that a
client honoured ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import json
import math
import secrets
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import parse_qs

from .gateway import Receive, Scope, Send, read_body, serve_lifespan
from .site import Site

API = "/api/1/"
MODES = ("self_consumption", "backup", "autonomous")
EXPORT_RULES = ("pv_only", "battery_ok", "never")


def app_to_gateway(app: float) -> float:
    """The Tesla app's reserve → the gateway's (FACTS: 5→10, 20→24, 100→100)."""
    return round(min(100.0, 5.0 + 0.95 * app), 1)


def gateway_to_app(gateway: float) -> int:
    return round(max(0.0, min(100.0, (gateway - 5.0) / 0.95)))


@dataclass
class FleetFaults:
    rate_limit_until: float = 0.0  # monotonic time until which every request answers 429
    retry_after: float = 5.0
    down: bool = False  # every API request answers 503, as a cloud outage
    command_interval: float = 1.0  # per site: a command sooner than this after the last one answers 429
    apply_delay: float = 0.3  # seconds until a command reaches the gateway
    token_ttl: float = 28800.0  # seconds an access token lives (Tesla: 8 h)


@dataclass
class FleetStats:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    token_refreshes: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "statuses": dict(self.statuses),
            "token_refreshes": self.token_refreshes,
            "total": sum(self.requests.values()),
            "log": self.log[-500:],
        }


@dataclass
class FleetSite:
    energy_site_id: int
    din: str
    site: Site
    name: str = "My Home"
    grid_charging: bool = True
    export_rule: str = "battery_ok"
    storm_mode: bool = False
    vehicle_reserve: int = 0
    last_command: float = float("-inf")


@dataclass
class _Answer:
    status: int
    body: Any
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)


class FleetApp:
    """The ASGI app of the simulated Fleet API (and its OAuth token endpoint)."""

    def __init__(self, sites: list[FleetSite], client_id: str = "pwkit-sim-client") -> None:
        self.sites = {s.energy_site_id: s for s in sites}
        self.client_id = client_id
        self.faults = FleetFaults()
        self.stats = FleetStats()
        self.refresh_tokens: set[str] = set()
        self.access_tokens: dict[str, float] = {}  # token → monotonic expiry
        self.started = time.monotonic()
        self.base_url = ""
        self._pending: set[asyncio.Task[None]] = set()
        self.initial_refresh_token = self.issue_refresh_token()

    def issue_refresh_token(self) -> str:
        token = "sim-rt-" + secrets.token_urlsafe(24)
        self.refresh_tokens.add(token)
        return token

    # ------------------------------------------------------------------- ASGI
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await serve_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await read_body(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method, path = scope["method"], scope["path"]
        answer = self.answer(method, path, headers, body)
        endpoint = f"{method} {self._template(path)}"
        self.stats.requests[endpoint] += 1
        self.stats.statuses[str(answer.status)] += 1
        self.stats.log.append(
            {"t": round(time.monotonic() - self.started, 3), "endpoint": endpoint, "status": answer.status}
        )
        payload = json.dumps(answer.body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    *answer.headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    @staticmethod
    def _template(path: str) -> str:
        parts = path.split("/")
        if len(parts) > 4 and parts[3] == "energy_sites":
            parts[4] = "{energy_site_id}"
        return "/".join(parts)

    def now(self) -> float:
        return time.monotonic()

    def _too_many(self, seconds: float) -> _Answer:
        wait = max(1, math.ceil(seconds))
        return _Answer(
            429,
            {"response": None, "error": "too_many_requests", "error_description": f"Retry in {wait} seconds"},
            [(b"retry-after", str(wait).encode())],
        )

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> _Answer:
        if self.faults.down:
            return _Answer(503, {"response": None, "error": "service_unavailable", "error_description": "Simulated"})
        if self.now() < self.faults.rate_limit_until:
            return self._too_many(self.faults.rate_limit_until - self.now())
        if method == "POST" and path == "/oauth2/v3/token":
            return self.token(headers, body)
        if not path.startswith(API):
            return _Answer(404, {"response": None, "error": "not_found", "error_description": path})
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        expiry = self.access_tokens.get(token)
        if expiry is None or expiry <= self.now():
            return _Answer(401, {"response": None, "error": "invalid_token", "error_description": "token expired"})
        rest = path.removeprefix(API).split("/")
        if method == "GET" and rest == ["products"]:
            return _Answer(200, self.products())
        if len(rest) != 3 or rest[0] != "energy_sites":
            return _Answer(404, {"response": None, "error": "not_found", "error_description": path})
        try:
            site = self.sites[int(rest[1])]
        except (ValueError, KeyError):
            return _Answer(404, {"response": None, "error": "not_found", "error_description": "no such energy site"})
        action = rest[2]
        if method == "GET" and action == "site_info":
            return _Answer(200, {"response": self.site_info(site)})
        if method == "GET" and action == "live_status":
            return _Answer(200, {"response": self.live_status(site)})
        if method == "POST":
            return self.command(site, action, body)
        return _Answer(404, {"response": None, "error": "not_found", "error_description": path})

    # ---------------------------------------------------------------- OAuth
    def token(self, headers: dict[str, str], body: bytes) -> _Answer:
        if "json" in headers.get("content-type", ""):
            try:
                form = {k: str(v) for k, v in json.loads(body or b"{}").items()}
            except (ValueError, AttributeError):
                form = {}
        else:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        if form.get("grant_type") != "refresh_token":
            return _Answer(400, {"error": "unsupported_grant_type", "error_description": "use refresh_token"})
        if form.get("client_id") != self.client_id:
            return _Answer(401, {"error": "invalid_client", "error_description": "unknown client_id"})
        refresh = form.get("refresh_token", "")
        if refresh not in self.refresh_tokens:
            return _Answer(400, {"error": "invalid_grant", "error_description": "refresh token is invalid or used"})
        self.refresh_tokens.discard(refresh)  # single use
        access = "sim-at-" + secrets.token_urlsafe(24)
        self.access_tokens[access] = self.now() + self.faults.token_ttl
        self.stats.token_refreshes += 1
        return _Answer(
            200,
            {
                "access_token": access,
                "refresh_token": self.issue_refresh_token(),
                "expires_in": int(self.faults.token_ttl),
                "token_type": "Bearer",
            },
        )

    # ---------------------------------------------------------------- reads
    def products(self) -> dict[str, Any]:
        listed = []
        for s in self.sites.values():
            s.site.update()
            listed.append(
                {
                    "energy_site_id": s.energy_site_id,
                    "resource_type": "battery",
                    "site_name": s.name,
                    "id": f"STE{s.energy_site_id:08d}-00001",
                    "gateway_id": s.din,
                    "percentage_charged": round(s.site.soe, 2),
                    "battery_power": round(s.site.flows.battery),
                }
            )
        return {"response": listed, "count": len(listed)}

    def site_info(self, s: FleetSite) -> dict[str, Any]:
        components: dict[str, Any] = {
            "solar": True,
            "battery": True,
            "grid": True,
            "storm_mode_capable": True,
            "off_grid_vehicle_charging_reserve_supported": True,
            "customer_preferred_export_rule": s.export_rule,
            "gateways": [{"din": s.din, "serial_number": s.din.rsplit("--", 1)[-1], "is_active": True}],
        }
        if not s.grid_charging:  # absent means allowed (pypowerwall)
            components["disallow_charge_from_grid_with_solar_installed"] = True
        if s.export_rule == "never":
            components["non_export_configured"] = True
        return {
            "id": f"STE{s.energy_site_id:08d}-00001",
            "site_name": s.name,
            "backup_reserve_percent": gateway_to_app(s.site.reserve),
            "default_real_mode": s.site.mode,
            "off_grid_vehicle_charging_reserve_percent": s.vehicle_reserve,
            "user_settings": {"storm_mode_enabled": s.storm_mode},
            "components": components,
            "battery_count": 2,
        }

    def live_status(self, s: FleetSite) -> dict[str, Any]:
        s.site.update()
        flows = s.site.flows
        return {
            "solar_power": round(flows.solar),
            "percentage_charged": s.site.soe,
            "battery_power": round(flows.battery),
            "load_power": round(flows.load),
            "grid_power": round(flows.grid),
            "grid_status": "Inactive" if s.site.islanded else "Active",
            "island_status": "off_grid" if s.site.islanded else "on_grid",
            "storm_mode_active": False,
            "backup_capable": True,
            "timestamp": s.site.timestamp(),
        }

    # ------------------------------------------------------------- commands
    def command(self, s: FleetSite, action: str, body: bytes) -> _Answer:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return _Answer(400, {"response": None, "error": "invalid_request", "error_description": "JSON object"})
        since = self.now() - s.last_command
        if since < self.faults.command_interval:
            return self._too_many(self.faults.command_interval - since)
        change = self._change(s, action, data)
        if isinstance(change, _Answer):
            return change
        s.last_command = self.now()
        task = asyncio.get_running_loop().create_task(self._apply_later(change))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        return _Answer(200, {"response": {"code": 201, "message": "Updated"}})

    def _change(self, s: FleetSite, action: str, data: dict[str, Any]) -> Any:
        def bad(why: str) -> _Answer:
            return _Answer(400, {"response": None, "error": "invalid_request", "error_description": why})

        def number(key: str) -> float | None:
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
                return None
            return float(value)

        if action == "backup":
            reserve = number("backup_reserve_percent")
            if reserve is None:
                return bad("backup_reserve_percent must be a number from 0 to 100")

            def set_reserve() -> None:
                s.site.update()
                s.site.reserve = app_to_gateway(reserve)

            return set_reserve
        if action == "operation":
            mode = data.get("default_real_mode")
            if mode not in MODES:
                return bad(f"default_real_mode must be one of {', '.join(MODES)}")

            def set_mode() -> None:
                s.site.update()
                s.site.mode = str(mode)

            return set_mode
        if action == "grid_import_export":
            disallow = data.get("disallow_charge_from_grid_with_solar_installed")
            rule = data.get("customer_preferred_export_rule")
            if disallow is None and rule is None:
                return bad("give disallow_charge_from_grid_with_solar_installed or customer_preferred_export_rule")
            if disallow is not None and not isinstance(disallow, bool):
                return bad("disallow_charge_from_grid_with_solar_installed must be true or false")
            if rule is not None and rule not in EXPORT_RULES:
                return bad(f"customer_preferred_export_rule must be one of {', '.join(EXPORT_RULES)}")

            def set_grid() -> None:
                if disallow is not None:
                    s.grid_charging = not disallow
                if rule is not None:
                    s.export_rule = str(rule)

            return set_grid
        if action == "storm_mode":
            enabled = data.get("enabled")
            if not isinstance(enabled, bool):
                return bad("enabled must be true or false")

            def set_storm() -> None:
                s.storm_mode = enabled

            return set_storm
        if action == "off_grid_vehicle_charging_reserve":
            percent = number("off_grid_vehicle_charging_reserve_percent")
            if percent is None:
                return bad("off_grid_vehicle_charging_reserve_percent must be a number from 0 to 100")

            def set_vehicle() -> None:
                s.vehicle_reserve = round(percent)

            return set_vehicle
        return _Answer(404, {"response": None, "error": "not_found", "error_description": f"no command {action}"})

    async def _apply_later(self, change: Any) -> None:
        await asyncio.sleep(self.faults.apply_delay)
        change()

    # -------------------------------------------------------------- control
    def describe(self) -> dict[str, Any]:
        return {
            "url": self.base_url,
            "client_id": self.client_id,
            "sites": [{"energy_site_id": s.energy_site_id, "din": s.din} for s in self.sites.values()],
        }

    def control(self, method: str, action: str | None, data: dict[str, Any]) -> tuple[int, Any]:
        """The ``/fleet/…`` routes of the control API."""
        if action is None:
            return 200, {**self.describe(), "faults": self._faults_json(), "stats": self.stats.to_json()}
        if action == "stats":
            if method == "DELETE":
                self.stats = FleetStats()
            return 200, self.stats.to_json()
        if action == "faults":
            if method == "DELETE":
                self.faults = FleetFaults()
            else:
                for key, value in data.items():
                    if key == "rate_limit_for":
                        self.faults.rate_limit_until = self.now() + float(value)
                    elif key in ("rate_limit_until",) or not hasattr(self.faults, key):
                        raise KeyError(key)
                    else:
                        setattr(self.faults, key, type(getattr(self.faults, key))(value))
            return 200, self._faults_json()
        if action == "command-window" and method == "DELETE":
            # Tests start from a site whose last command is long past, whatever the test before sent.
            for site in self.sites.values():
                site.last_command = float("-inf")
            return 200, {}
        if action == "expire-tokens" and method == "POST":
            expired = len(self.access_tokens)
            self.access_tokens.clear()
            return 200, {"expired": expired}
        if action == "revoke" and method == "POST":
            revoked = len(self.refresh_tokens) + len(self.access_tokens)
            self.refresh_tokens.clear()
            self.access_tokens.clear()
            return 200, {"revoked": revoked}
        if action == "refresh-token" and method == "POST":
            return 200, {"refresh_token": self.issue_refresh_token()}
        if action == "settings" and method == "GET":
            return 200, {
                str(s.energy_site_id): {
                    "grid_charging": s.grid_charging,
                    "export_rule": s.export_rule,
                    "storm_mode": s.storm_mode,
                    "vehicle_reserve": s.vehicle_reserve,
                }
                for s in self.sites.values()
            }
        return 404, {"error": f"unknown fleet control action {method} /fleet/{action}"}

    def _faults_json(self) -> dict[str, Any]:
        out = asdict(self.faults)
        out["rate_limited_for"] = round(max(0.0, self.faults.rate_limit_until - self.now()), 3)
        del out["rate_limit_until"]
        return out
