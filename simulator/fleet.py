"""Tesla's Fleet API for the simulated sites: OAuth token refresh, products, site info, live status, commands.

Served over HTTPS on its own port by ``pwkit simulate --fleet``, as
``spec/fleet-energy.yaml`` describes. What it copies from the real cloud:

- refresh tokens are single use: each refresh answers a new one and the old
  one is refused afterwards (``invalid_grant``), as Tesla's "Third-Party
  Tokens" page says; access tokens expire (``expires_in``), then ``401``;
- a command reaches the gateway after a short delay, so the local API reads
  the change a moment later, not in the same instant;
- no per-site command limit (Tesla documents none). What is documented is
  that of two commands sent back to back one may be silently dropped: the
  ``drop_back_to_back`` fault does that (answered as a success, never
  applied), so clients must read back, not assume;
- the control API can make every request answer ``429`` for a while;
- answers in today's shape (since July/August 2025: ``{"response": {"code":
  200, "message": …}}``, an empty response for ``grid_import_export``) or,
  with ``answer_shape = "legacy"``, the older ``{"response": {"result": true,
  "reason": ""}}``;
- the reserve and the state of charge are on the app's scale (the gateway's is
  about 5 + 0.95 × app);
- scopes: reads need ``energy_device_data``, commands ``energy_cmds``; a
  token without them gets Tesla's ``403 Unauthorized missing scopes``;
- since 25.18.4 a backup reserve between 81 and 99 % is refused (evcc #22743,
  pypowerwall #200), on sites whose firmware is that new;
- the odd answers a client meets (an empty body, a proxy's HTML page,
  ``{"response": null}``, ``421`` wrong region, an HTML 200 or a WAF's 403 on
  the token endpoint) are faults to switch on.

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
from .keys import AuthorizedClients, grpc_command
from .site import Site

API = "/api/1/"
# The hosts Tesla's cloud answers on (the simulator's certificate names them all).
FLEET_NAMES = (
    "localhost",
    "fleet-api.prd.na.vn.cloud.tesla.com",
    "fleet-api.prd.eu.vn.cloud.tesla.com",
    "fleet-auth.prd.vn.cloud.tesla.com",
    "auth.tesla.com",
)
MODES = ("self_consumption", "backup", "autonomous")
EXPORT_RULES = ("pv_only", "battery_ok", "never")


def app_to_gateway(app: float) -> float:
    """The Tesla app's reserve → the gateway's (FACTS: 5→10, 20→24, 100→100)."""
    return round(min(100.0, 5.0 + 0.95 * app), 1)


def gateway_to_app(gateway: float) -> int:
    return round(max(0.0, min(100.0, (gateway - 5.0) / 0.95)))


def gateway_to_app_soe(soe: float) -> float:
    """The state of charge as the app (and the cloud) shows it: the gateway's scale less its 5 % reserve."""
    return max(0.0, min(100.0, (soe - 5.0) / 0.95))


ALL_SCOPES = ("openid", "offline_access", "energy_device_data", "energy_cmds")
ODD_ANSWERS = ("", "empty", "html", "null", "421", "refused-200")
TOKEN_ODD_ANSWERS = ("", "html", "waf-403", "500", "404")
ANSWER_SHAPES = ("current", "legacy", "capitalized")
CHOICES = {"odd_answer": ODD_ANSWERS, "token_odd_answer": TOKEN_ODD_ANSWERS, "answer_shape": ANSWER_SHAPES}
# Since 25.18.4 the cloud takes a backup reserve of at most 80, or 100 (evcc #22743, pypowerwall #200).
RESERVE_RULE_SINCE = (25, 18, 4)
HTML = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"


@dataclass
class FleetFaults:
    rate_limit_until: float = 0.0  # monotonic time until which every request answers 429
    retry_after: float = 5.0
    down: bool = False  # every API request answers 503, as a cloud outage
    apply_delay: float = 0.3  # seconds until a command reaches the gateway
    token_ttl: float = 28800.0  # seconds an access token lives (Tesla: 8 h)
    # Tesla documents no per-site command limit, only that one of two commands sent back to back may be
    # silently dropped. With this on, a command within back_to_back_window of the site's previous one is
    # answered as a success and never applied. The window's length is not documented (x-pwkit-inferred).
    drop_back_to_back: bool = False
    back_to_back_window: float = 2.0
    answer_shape: str = "current"  # "current" (since mid-2025), "legacy" (before) or "capitalized" ({"Code", …})
    odd_answer: str = ""  # every /api/1 request: "empty", "html", "null", "421" or "refused-200"
    token_odd_answer: str = ""  # the token endpoint: "html" (a 200 page), "waf-403", "500" or "404"
    require_http2: bool = False  # the token endpoint refuses HTTP/1.1 with 403, as auth.tesla.com since 2026-06
    # The firmware the cloud reports (site_info's version) and whose rules it applies, when no local profile is
    # that new (the 25.18.4 reserve rule): "" means each site's own profile.
    site_firmware: str = ""


@dataclass
class FleetStats:
    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    token_refreshes: int = 0
    dropped: int = 0  # commands answered as a success and never applied (drop_back_to_back)
    http_versions: Counter[str] = field(default_factory=Counter)
    log: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "statuses": dict(self.statuses),
            "token_refreshes": self.token_refreshes,
            "dropped": self.dropped,
            "http_versions": dict(self.http_versions),
            "total": sum(self.requests.values()),
            "log": self.log[-500:],
        }


@dataclass
class FleetSite:
    energy_site_id: int
    din: str
    site: Site
    name: str = "My Home"
    firmware: str = ""
    grid_charging: bool = True
    export_rule: str = "battery_ok"
    storm_mode: bool = False
    vehicle_reserve: int = 0
    last_command: float = float("-inf")
    # TEDAPI profiles: the gateway's v1r keys, which grpc_command registers (simulator/keys.py).
    authorized_clients: AuthorizedClients | None = None
    tariff: dict[str, Any] = field(default_factory=dict)

    @property
    def serial(self) -> str:
        return self.din.rsplit("--", 1)[-1]

    @property
    def cloud_gateway_id(self) -> str:
        """The products list's gateway_id: a DIN of the same serial, but not the local one.

        A public client's fixture of a real answer (bogosj/tesla, products_test.go) lists
        "9999999-01-D--TG11111111111F"; that its part number differs from the gateway's own
        /api/status DIN is x-pwkit-inferred (pwkit's earlier lookup already allowed for it).
        """
        part = self.din.split("--", 1)[0].split("-", 1)[0] if "--" in self.din else "1232100"
        revision = "02-D" if self.din.startswith(f"{part}-01-D--") else "01-D"
        return f"{part}-{revision}--{self.serial}"

    def reserve_rule(self, firmware: str) -> bool:
        parts = tuple(int(p) for p in firmware.split()[0].split(".") if p.isdigit()) if firmware else ()
        return parts >= RESERVE_RULE_SINCE


@dataclass
class _Answer:
    status: int
    body: Any
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    raw: bytes | None = None  # sent as is (text/html or empty) instead of JSON
    content_type: bytes = b"application/json"


class FleetApp:
    """The ASGI app of the simulated Fleet API (and its OAuth token endpoint)."""

    def __init__(self, sites: list[FleetSite], client_id: str = "pwkit-sim-client") -> None:
        self.sites = {s.energy_site_id: s for s in sites}
        self.client_id = client_id
        self.faults = FleetFaults()
        self.stats = FleetStats()
        self.refresh_tokens: dict[str, tuple[str, ...]] = {}  # token → its scopes
        self.access_tokens: dict[str, float] = {}  # token → monotonic expiry
        self.access_scopes: dict[str, tuple[str, ...]] = {}
        self.started = time.monotonic()
        self.base_url = ""
        self._pending: set[asyncio.Task[None]] = set()
        self.initial_refresh_token = self.issue_refresh_token()

    def issue_refresh_token(self, scopes: tuple[str, ...] = ALL_SCOPES) -> str:
        token = "sim-rt-" + secrets.token_urlsafe(24)
        self.refresh_tokens[token] = scopes
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
        version = str(scope.get("http_version", "1.1"))
        self.stats.http_versions[version] += 1
        if method == "POST" and path == "/oauth2/v3/token" and self.faults.require_http2 and version == "1.1":
            answer = _Answer(403, None, raw=b"Forbidden", content_type=b"text/plain")
        else:
            answer = self.answer(method, path, headers, body)
        endpoint = f"{method} {self._template(path)}"
        self.stats.requests[endpoint] += 1
        self.stats.statuses[str(answer.status)] += 1
        self.stats.log.append(
            {"t": round(time.monotonic() - self.started, 3), "endpoint": endpoint, "status": answer.status}
        )
        payload = answer.raw if answer.raw is not None else json.dumps(answer.body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [
                    (b"content-type", answer.content_type),
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
            if self.faults.token_odd_answer:
                return self._odd_token(self.faults.token_odd_answer)
            return self.token(headers, body)
        if method == "GET" and path == "/status":
            # Tesla's docs: the string "ok" when the API operates normally; no headers needed.
            return _Answer(200, None, raw=b"ok", content_type=b"text/plain")
        if not path.startswith(API):
            return _Answer(404, {"response": None, "error": "not_found", "error_description": path})
        token = headers.get("authorization", "").removeprefix("Bearer ").strip()
        expiry = self.access_tokens.get(token)
        if expiry is None:
            return _Answer(401, None, raw=b"")  # an unknown token: 401 without a body (tesla-fleet-api's note)
        if expiry <= self.now():
            # Tesla's body for an expired token (tesla-fleet-api's OAuthExpired key).
            return _Answer(401, {"response": None, "error": "token expired (401)", "error_description": ""})
        if self.faults.odd_answer:
            return self._odd(self.faults.odd_answer)
        rest = path.removeprefix(API).split("/")
        needed = "energy_device_data" if method == "GET" else "energy_cmds"
        if needed not in self.access_scopes.get(token, ()):
            # vehicle-command #199: Tesla names no scope in the body.
            return _Answer(403, {"response": None, "error": "Unauthorized missing scopes", "error_description": ""})
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
        if method == "GET" and action == "calendar_history":
            return _Answer(200, {"response": self.calendar_history(site)})
        if method == "POST":
            return self.command(site, action, body)
        return _Answer(404, {"response": None, "error": "not_found", "error_description": path})

    @staticmethod
    def _odd(kind: str) -> _Answer:
        if kind == "empty":
            return _Answer(200, None, raw=b"")
        if kind == "html":
            return _Answer(200, None, raw=HTML, content_type=b"text/html")
        if kind == "null":
            return _Answer(200, {"response": None})
        if kind == "421":
            # tesla-fleet-api's InvalidRegion: "This user is not present in the current region."
            return _Answer(
                421,
                {
                    "response": None,
                    "error": "user out of region, use base URL: https://fleet-api.prd.eu.vn.cloud.tesla.com",
                    "error_description": "",
                },
            )
        # A 200 that is no success (issue 26, A8).
        return _Answer(200, {"response": {"code": 400, "result": False, "message": "Request failed"}})

    @staticmethod
    def _odd_token(kind: str) -> _Answer:
        if kind == "html":
            return _Answer(200, None, raw=HTML, content_type=b"text/html")
        if kind == "waf-403":
            return _Answer(403, None, raw=b"<html><body>Access Denied</body></html>", content_type=b"text/html")
        if kind == "500":
            return _Answer(500, {"error": "server_error"})
        return _Answer(404, None, raw=b"<html><body>Not Found</body></html>", content_type=b"text/html")

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
        scopes = self.refresh_tokens.pop(refresh)  # single use
        access = "sim-at-" + secrets.token_urlsafe(24)
        self.access_tokens[access] = self.now() + self.faults.token_ttl
        self.access_scopes[access] = scopes
        self.stats.token_refreshes += 1
        return _Answer(
            200,
            {
                "access_token": access,
                "refresh_token": self.issue_refresh_token(scopes),
                "expires_in": int(self.faults.token_ttl),
                "token_type": "Bearer",
            },
        )

    # ---------------------------------------------------------------- reads
    def products(self) -> dict[str, Any]:
        listed = []
        for s in self.sites.values():
            s.site.update()
            capacity = s.site.config.capacity_wh
            listed.append(
                {
                    # The fields and their kinds as a real answer shows them (bogosj/tesla's products_test.go).
                    "energy_site_id": s.energy_site_id,
                    "resource_type": "battery",
                    "site_name": s.name,
                    "id": f"STE{s.energy_site_id:08d}-00001",
                    "gateway_id": s.cloud_gateway_id,
                    "asset_site_id": f"a{s.energy_site_id:07d}",
                    "warp_site_number": f"STE{s.energy_site_id:08d}-00001",
                    "energy_left": round(capacity * s.site.soe / 100.0, 1),
                    "total_pack_energy": round(capacity),
                    "percentage_charged": round(gateway_to_app_soe(s.site.soe), 2),
                    "battery_type": "ac_powerwall",
                    "backup_capable": True,
                    "battery_power": round(s.site.flows.battery),
                    "storm_mode_enabled": s.storm_mode,
                    "powerwall_onboarding_settings_set": True,
                    "sync_grid_alert_enabled": True,
                    "breaker_alert_enabled": False,
                    "components": {
                        "battery": True,
                        "battery_type": "ac_powerwall",
                        "solar": True,
                        "solar_type": "pv_panel",
                        "grid": True,
                        "load_meter": True,
                        "market_type": "residential",
                    },
                    "features": {"rate_plan_manager_no_pricing_constraint": True},
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
            "gateways": [
                {
                    "din": s.din,
                    "serial_number": s.serial,
                    "part_number": s.din.split("--", 1)[0],
                    "is_active": True,
                    "firmware_version": s.firmware.split()[0] if s.firmware else None,
                }
            ],
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
            "version": (self.faults.site_firmware or s.firmware).split()[0] if s.firmware else None,
            "battery_count": 2,
            "nameplate_power": 10800,
            "nameplate_energy": round(s.site.config.capacity_wh),
            "installation_time_zone": "America/Los_Angeles",
            "tariff_content_v2": s.tariff or None,
        }

    def live_status(self, s: FleetSite) -> dict[str, Any]:
        s.site.update()
        flows = s.site.flows
        return {
            "solar_power": round(flows.solar),
            "energy_left": round(s.site.config.capacity_wh * s.site.soe / 100.0, 1),
            "total_pack_energy": round(s.site.config.capacity_wh),
            "percentage_charged": round(gateway_to_app_soe(s.site.soe), 2),
            "battery_power": round(flows.battery),
            "load_power": round(flows.load),
            "grid_power": round(flows.grid),
            "grid_services_active": False,
            "grid_services_power": 0,
            "generator_power": 0,
            "grid_status": "Inactive" if s.site.islanded else "Active",
            "island_status": "off_grid" if s.site.islanded else "on_grid",
            "storm_mode_active": False,
            "backup_capable": True,
            "wall_connectors": [],
            "timestamp": s.site.timestamp(),
        }

    def calendar_history(self, s: FleetSite) -> dict[str, Any]:
        """A day of energy totals in one entry (x-pwkit-inferred: values are not a model of the day, only the shape)."""
        s.site.update()
        return {
            "serial_number": s.serial,
            "period": "day",
            "installation_time_zone": "America/Los_Angeles",
            "time_series": [
                {
                    "timestamp": s.site.timestamp(),
                    "solar_energy_exported": 0,
                    "generator_energy_exported": 0,
                    "grid_energy_imported": 0,
                    "grid_services_energy_imported": 0,
                    "grid_services_energy_exported": 0,
                    "grid_energy_exported_from_solar": 0,
                    "grid_energy_exported_from_generator": 0,
                    "grid_energy_exported_from_battery": 0,
                    "battery_energy_exported": 0,
                    "battery_energy_imported_from_grid": 0,
                    "battery_energy_imported_from_solar": 0,
                    "battery_energy_imported_from_generator": 0,
                    "consumer_energy_imported_from_grid": 0,
                    "consumer_energy_imported_from_solar": 0,
                    "consumer_energy_imported_from_battery": 0,
                    "consumer_energy_imported_from_generator": 0,
                }
            ],
        }

    # ------------------------------------------------------------- commands
    def command(self, s: FleetSite, action: str, body: bytes) -> _Answer:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            return _Answer(400, {"response": None, "error": "invalid_request", "error_description": "JSON object"})
        if action == "command" and s.authorized_clients is not None:
            status, answer = grpc_command(s.authorized_clients, data)
            return _Answer(status, answer)
        change = self._change(s, action, data)
        if isinstance(change, _Answer):
            return change
        back_to_back = self.now() - s.last_command < self.faults.back_to_back_window
        s.last_command = self.now()
        if self.faults.drop_back_to_back and back_to_back:
            self.stats.dropped += 1  # answered as a success, never applied (Tesla's documented risk)
        else:
            task = asyncio.get_running_loop().create_task(self._apply_later(change))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)
        return _Answer(200, self._accepted(action))

    def _accepted(self, action: str) -> dict[str, Any]:
        shape = self.faults.answer_shape
        if shape == "legacy":
            return {"response": {"result": True, "reason": ""}}  # before mid-2025 (TeslaPy #171, teslajsonpy #486)
        if action == "grid_import_export":
            return {"response": {}}  # since mid-2025: an empty response (FACTS; bogosj/tesla #153)
        if shape == "capitalized":
            return {"response": {"Code": 200, "Message": "Updated"}}
        return {"response": {"code": 200, "message": "Updated"}}

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
            if s.reserve_rule(self.faults.site_firmware or s.firmware) and 80 < reserve < 100:
                # x-pwkit-inferred: the refusal's exact body is not public; the rule is (evcc #22743).
                return bad("backup_reserve_percent must be at most 80, or 100")

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
        if action == "time_of_use_settings":
            tou = data.get("tou_settings")
            if not isinstance(tou, dict) or not isinstance(tou.get("tariff_content_v2"), dict):
                return bad("tou_settings.tariff_content_v2 must be an object")

            def set_tariff() -> None:
                s.tariff = dict(tou["tariff_content_v2"])

            return set_tariff
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
            for site in self.sites.values():
                site.last_command = float("-inf")  # "back to back" counts from the faults' change on
            if method == "DELETE":
                self.faults = FleetFaults()
            else:
                for key, value in data.items():
                    if key == "rate_limit_for":
                        self.faults.rate_limit_until = self.now() + float(value)
                    elif key in ("rate_limit_until",) or not hasattr(self.faults, key):
                        raise KeyError(key)
                    elif key in CHOICES and value not in CHOICES[key]:
                        raise KeyError(f"{key} must be one of {', '.join(map(repr, CHOICES[key]))}")
                    else:
                        setattr(self.faults, key, type(getattr(self.faults, key))(value))
            return 200, self._faults_json()
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
            scopes = data.get("scopes", list(ALL_SCOPES))
            if not isinstance(scopes, list) or not all(isinstance(x, str) for x in scopes):
                raise KeyError("scopes")
            return 200, {"refresh_token": self.issue_refresh_token(tuple(scopes))}
        if action == "settings" and method == "GET":
            return 200, {
                str(s.energy_site_id): {
                    "grid_charging": s.grid_charging,
                    "export_rule": s.export_rule,
                    "storm_mode": s.storm_mode,
                    "vehicle_reserve": s.vehicle_reserve,
                    "tariff": s.tariff,
                }
                for s in self.sites.values()
            }
        return 404, {"error": f"unknown fleet control action {method} /fleet/{action}"}

    def _faults_json(self) -> dict[str, Any]:
        out = asdict(self.faults)
        out["rate_limited_for"] = round(max(0.0, self.faults.rate_limit_until - self.now()), 3)
        del out["rate_limit_until"]
        return out
