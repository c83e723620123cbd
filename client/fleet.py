"""Tesla's Fleet API (cloud) for one energy site: tokens, rotation, rate limits, the site's id.

The gateway refuses mode and reserve changes to a customer login; Tesla's
cloud carries them out. This module has the cloud's manners, as the gateway
connection has the gateway's:

- **Tokens.** A client id and a refresh token, from the environment or a file
  (never argv). The access token is refreshed shortly before it expires.
  Tesla's refresh tokens are single use: every refresh answers a new one, and
  it is written to a 0600 state file (atomically) *before* the access token is
  used, so a restart never loses it.
- **A refused token** (``invalid_grant``, ``invalid_client``, or ``401`` right
  after a refresh) marks the route unavailable: no further refresh is tried
  until the owner supplies a new token. Nothing else stops.
- **429.** ``Retry-After`` is honoured for every request to the cloud: until
  then, calls fail at once without a request. Nothing is retried by itself.
- **Commands are spaced** per site (``command_interval``).
- **The site** is found by matching the gateway's DIN (or serial) in
  ``/api/1/products``, or taken from the configuration and checked there.

No token ever appears in a log line, an exception message or ``repr``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import ssl
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from .store import StateFile

log = logging.getLogger("pwkit.fleet")

DEFAULT_URL = "https://fleet-api.prd.na.vn.cloud.tesla.com"
DEFAULT_AUTH_URL = "https://auth.tesla.com"
REGIONS = {
    "na": "https://fleet-api.prd.na.vn.cloud.tesla.com",
    "eu": "https://fleet-api.prd.eu.vn.cloud.tesla.com",
    "cn": "https://fleet-api.prd.cn.vn.cloud.tesla.cn",
}
SETUP_HINT = (
    "Give a new refresh token as PWKIT_FLEET_REFRESH_TOKEN or in --fleet-refresh-token-file "
    "(from Tesla's OAuth flow for your developer application, scopes energy_device_data and energy_cmds), "
    "then restart the bridge"
)


class FleetError(Exception):
    """Something the Fleet API route could not do; the message says what, and what to do."""


class FleetUnavailable(FleetError):
    """The route cannot be used until the owner acts (a refused or missing token)."""


class FleetRateLimited(FleetError):
    def __init__(self, retry_at: float, message: str) -> None:
        super().__init__(message)
        self.retry_at = retry_at


class FleetDown(FleetError):
    """Tesla's cloud did not answer, or answered 5xx. The next call tries again."""


class FleetSiteMismatch(FleetError):
    """The configured or discovered energy site is not this gateway's."""


class FleetRefused(FleetError):
    """The cloud refused the request itself (4xx other than 401/429)."""


@dataclass
class FleetOptions:
    url: str
    client_id: str
    refresh_token: str = field(default="", repr=False)
    auth_url: str = DEFAULT_AUTH_URL
    ca: Path | None = None
    state_file: Path | None = None
    command_interval: float = 5.0
    timeout: float = 20.0
    # Refresh this long before the access token expires, so no request meets an expired token.
    refresh_margin: float = 300.0
    # When a 429 gives no Retry-After: leave the cloud alone this long.
    default_retry_after: float = 60.0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def _retry_after(response: httpx.Response, default: float) -> float:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return default


class FleetSession:
    """One account's Fleet API session: its tokens and the cloud's rate limit, shared by all its sites."""

    def __init__(self, options: FleetOptions) -> None:
        self.options = options
        self.state = StateFile(options.state_file) if options.state_file else None
        self.available = True
        self.why_unavailable = ""
        self.refreshes = 0
        self.requests = 0
        self._access: str = ""
        self._expires_at = 0.0  # wall-clock seconds
        self._lifetime = 3600.0  # seconds the last access token was given for
        self._refresh: str = ""
        self._blocked_until = 0.0  # monotonic; a 429's Retry-After
        self._lock = asyncio.Lock()
        self._client: httpx.AsyncClient | None = None
        self._load_tokens()

    def __repr__(self) -> str:
        return f"FleetSession(url={self.options.url!r}, available={self.available})"

    # ------------------------------------------------------------------ tokens
    def _load_tokens(self) -> None:
        """The newest refresh token: the stored rotation, unless the owner has given a different one since."""
        given = self.options.refresh_token
        stored = self.state.load() if self.state else {}
        if given and stored.get("seeded_from") != _digest(given):
            self._refresh = given  # a new token from the owner replaces whatever rotation we kept
            return
        self._refresh = str(stored.get("refresh_token") or given or "")
        self._access = str(stored.get("access_token") or "")
        self._expires_at = float(stored.get("expires_at") or 0.0)
        self._lifetime = float(stored.get("lifetime") or 3600.0)
        if not self._refresh:
            self._unavailable(f"no Fleet API refresh token. {SETUP_HINT}")

    def _persist(self) -> None:
        if self.state is None:
            return
        data = {
            "refresh_token": self._refresh,
            "access_token": self._access,
            "expires_at": self._expires_at,
            "lifetime": self._lifetime,
            "seeded_from": _digest(self.options.refresh_token) if self.options.refresh_token else None,
        }
        for key, value in data.items():
            self.state.put(key, value)

    def _unavailable(self, why: str) -> None:
        if self.available or self.why_unavailable != why:
            log.error("Fleet API route unavailable: %s", why)
        self.available = False
        self.why_unavailable = why

    @property
    def secrets(self) -> list[str]:
        """The tokens in use (for tests that prove none leaks)."""
        return [t for t in (self._access, self._refresh, self.options.refresh_token) if t]

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            verify: ssl.SSLContext | bool = True
            if self.options.ca is not None:
                verify = ssl.create_default_context(cafile=str(self.options.ca))
            self._client = httpx.AsyncClient(timeout=self.options.timeout, verify=verify)
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _check_blocked(self) -> None:
        wait = self._blocked_until - time.monotonic()
        if wait > 0:
            raise FleetRateLimited(
                self._blocked_until,
                f"Tesla's cloud asked to wait (429); {math.ceil(wait)} s left. Not sent, not retried.",
            )

    def _note_rate_limit(self, response: httpx.Response) -> FleetRateLimited:
        seconds = _retry_after(response, self.options.default_retry_after)
        self._blocked_until = time.monotonic() + seconds
        log.warning("Fleet API answered 429; no request to it for %.0f s (Retry-After)", seconds)
        return FleetRateLimited(
            self._blocked_until, f"Tesla's cloud is rate limiting (429); try again in {math.ceil(seconds)} s"
        )

    async def _ensure_token(self) -> None:
        if not self.available:
            raise FleetUnavailable(self.why_unavailable)
        if self._fresh():
            return
        async with self._lock:
            if self._fresh():
                return  # another caller refreshed meanwhile
            await self._refresh_now()

    def _fresh(self) -> bool:
        # Refresh ahead of expiry: refresh_margin, or a tenth of a short token's life.
        margin = min(self.options.refresh_margin, 0.1 * self._lifetime)
        return bool(self._access) and time.time() < self._expires_at - margin

    async def _refresh_now(self) -> None:
        if not self.available:
            raise FleetUnavailable(self.why_unavailable)
        self._check_blocked()
        url = self.options.auth_url.rstrip("/") + "/oauth2/v3/token"
        form = {"grant_type": "refresh_token", "client_id": self.options.client_id, "refresh_token": self._refresh}
        try:
            self.requests += 1
            response = await self._http().post(url, data=form)
        except httpx.HTTPError as exc:
            raise FleetDown(f"Tesla's token service is unreachable ({type(exc).__name__}); will try again") from None
        if response.status_code == 429:
            raise self._note_rate_limit(response)
        if response.status_code >= 500:
            raise FleetDown(f"Tesla's token service answered {response.status_code}; will try again")
        body = _json(response)
        if response.status_code != 200 or not body.get("access_token") or not body.get("refresh_token"):
            error = str(body.get("error") or f"HTTP {response.status_code}")
            self._access = ""
            self._unavailable(f"Tesla refused the Fleet API refresh token ({error}). {SETUP_HINT}")
            raise FleetUnavailable(self.why_unavailable)
        # Single use: the old refresh token is dead now. Keep the new one on disk before anything else.
        self._refresh = str(body["refresh_token"])
        self._access = str(body["access_token"])
        self._lifetime = float(body.get("expires_in") or 3600)
        self._expires_at = time.time() + self._lifetime
        self._persist()
        self.refreshes += 1
        log.info("Fleet API token refreshed; valid for %.0f min", float(body.get("expires_in") or 3600) / 60)

    # ---------------------------------------------------------------- requests
    async def request(self, method: str, path: str, json_body: dict[str, Any] | None = None) -> Any:
        """One call to the Fleet API; the answer's ``response`` member."""
        self._check_blocked()
        await self._ensure_token()
        for attempt in (1, 2):
            try:
                self.requests += 1
                response = await self._http().request(
                    method,
                    self.options.url.rstrip("/") + path,
                    json=json_body,
                    headers={"Authorization": f"Bearer {self._access}"},
                )
            except httpx.HTTPError as exc:
                raise FleetDown(f"Tesla's cloud is unreachable ({type(exc).__name__}); will try again") from None
            if response.status_code == 401 and attempt == 1:
                # Expired or revoked early: one refresh, one retry. A second 401 is a refusal.
                async with self._lock:
                    await self._refresh_now()
                continue
            break
        if response.status_code == 401:
            self._unavailable(f"Tesla's cloud refused a fresh access token (401). {SETUP_HINT}")
            raise FleetUnavailable(self.why_unavailable)
        if response.status_code == 429:
            raise self._note_rate_limit(response)
        if response.status_code >= 500:
            raise FleetDown(f"Tesla's cloud answered {response.status_code}; will try again")
        body = _json(response)
        if response.status_code >= 400:
            detail = body.get("error_description") or body.get("error") or response.text[:200]
            raise FleetRefused(f"Tesla's cloud refused {method} {path}: {response.status_code} {detail}")
        return body.get("response")


class FleetSite:
    """One energy site of a :class:`FleetSession`'s account: the gateway's, found by its DIN or configured."""

    def __init__(self, session: FleetSession, *, din: str | None, site_id: int | None = None) -> None:
        self.session = session
        self.din = din
        self.site_id = site_id
        self._checked = False
        self._last_command = float("-inf")
        self._command_lock = asyncio.Lock()

    async def request(self, method: str, path: str, json_body: dict[str, Any] | None = None) -> Any:
        return await self.session.request(method, path, json_body)

    async def energy_site_id(self) -> int:
        """This gateway's energy site: configured and checked, or found by its DIN in /api/1/products."""
        if self.site_id is not None and self._checked:
            return self.site_id
        products = await self.request("GET", "/api/1/products") or []
        sites = [p for p in products if isinstance(p, dict) and "energy_site_id" in p]
        listed = ", ".join(f"{p['energy_site_id']} (gateway {p.get('gateway_id')})" for p in sites) or "none"
        if self.site_id is not None:
            match = [p for p in sites if _int(p.get("energy_site_id")) == self.site_id]
            if not match:
                raise FleetSiteMismatch(
                    f"energy site {self.site_id} is not among this Tesla account's sites ({listed}); "
                    "fix --fleet-site-id"
                )
            gateway = str(match[0].get("gateway_id") or "")
            if self.din and gateway and not _same_gateway(gateway, self.din):
                raise FleetSiteMismatch(
                    f"energy site {self.site_id} is gateway {gateway}, but this bridge's gateway is {self.din}; "
                    "fix --fleet-site-id"
                )
        else:
            match = [p for p in sites if self.din and _same_gateway(str(p.get("gateway_id") or ""), self.din)]
            if len(match) != 1:
                found = "no energy site" if not match else f"{len(match)} energy sites"
                raise FleetSiteMismatch(
                    f"{found} of this Tesla account matches the gateway {self.din or '(unknown DIN)'} "
                    f"(the sites: {listed}); set --fleet-site-id"
                )
            self.site_id = _int(match[0]["energy_site_id"])
        self._checked = True
        assert self.site_id is not None
        return self.site_id

    async def site_info(self) -> dict[str, Any]:
        site = await self.energy_site_id()
        answer = await self.request("GET", f"/api/1/energy_sites/{site}/site_info")
        return answer if isinstance(answer, dict) else {}

    async def command(self, action: str, body: dict[str, Any]) -> None:
        """A command to this site, spaced from the previous one."""
        async with self._command_lock:
            wait = self._last_command + self.session.options.command_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            site = await self.energy_site_id()
            self._last_command = time.monotonic()
            await self.request("POST", f"/api/1/energy_sites/{site}/{action}", body)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _same_gateway(a: str, b: str) -> bool:
    """DINs match, or their serials do (the part after "--"): the cloud and the gateway may differ in part number."""
    return a == b or (a.rsplit("--", 1)[-1] == b.rsplit("--", 1)[-1] and "--" in a and "--" in b)
