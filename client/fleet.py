"""Tesla's Fleet API (cloud) for one energy site: tokens, rotation, rate limits, the site's id.

The gateway refuses mode and reserve changes to a customer login; Tesla's
cloud carries them out. This module has the cloud's manners, as the gateway
connection has the gateway's:

- **Tokens.** A client id and a refresh token, from the environment or a file
  (never argv). The access token is refreshed shortly before it expires.
  Tesla's refresh tokens are single use: every refresh answers a new one, and
  it is written to a 0600 state file (atomically) *before* the access token is
  used, so a restart never loses it.
  If the rotated token cannot be saved, it is not used: the command is
  answered with the reason, the save is tried again at the next call, and the
  old token stays on disk until the new one is there.
- **The token host** is Tesla's current one (``fleet-auth.prd.vn.cloud.tesla.com``);
  when it answers 404 the older ``auth.tesla.com`` is tried, once. A 404 from
  a host the owner configured is a wrong URL, not a refused token.
- **A refused token** (``invalid_grant``, or ``invalid_client`` for a wrong
  client id, or ``401`` right after a refresh) marks the route unavailable: no
  further refresh is tried until the owner supplies a new token. Nothing else
  stops it: an HTML page, a firewall's 403, a 5xx or a timeout from the token
  endpoint is a failure to try again later, with one backoff for all of them.
- **429.** ``Retry-After`` (clamped to 1 s … 1 h, as the gateway's) is
  honoured for every request to the cloud: until then, calls fail at once
  without a request. Nothing is retried by itself.
- **Success is recognised, not assumed.** A command's ``200`` counts only when
  its body is JSON whose ``response`` is an object without an error code (today's
  ``code``/``Code`` 2xx, the older ``result: true``, or grid_import_export's
  ``{}``). An HTML page, an empty body or ``{"response": null}`` is an error
  of its own, with a clear message; so is every other unexpected shape.
- **Commands are spaced** per site (``command_interval``), on the one clock.
- **HTTP/2**, as Tesla requires since June 2026 (negotiated by ALPN; HTTP/1.1
  only where the server offers nothing else).
- **The site** is found by matching the gateway's DIN or serial in
  ``/api/1/products`` (real accounts list the serial), or taken from the
  configuration and checked there.

No token ever appears in a log line, an exception message or ``repr``: every
text from the cloud is bounded and has every known secret removed.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .clock import REAL, Clock
from .connection import retry_after
from .redact import register as redact_secret
from .store import StateFile

log = logging.getLogger("pwkit.fleet")

DEFAULT_URL = "https://fleet-api.prd.na.vn.cloud.tesla.com"
# Tesla's announcement of 2025-07-21: partners exchange tokens here, no longer at auth.tesla.com.
DEFAULT_AUTH_URL = "https://fleet-auth.prd.vn.cloud.tesla.com"
FALLBACK_AUTH_URL = "https://auth.tesla.com"
SCOPES = "openid offline_access energy_device_data energy_cmds"
REGIONS = {
    "na": "https://fleet-api.prd.na.vn.cloud.tesla.com",
    "eu": "https://fleet-api.prd.eu.vn.cloud.tesla.com",
    "cn": "https://fleet-api.prd.cn.vn.cloud.tesla.cn",
}
SETUP_HINT = (
    "Give a new refresh token as PWKIT_FLEET_REFRESH_TOKEN or in --fleet-refresh-token-file "
    f"(from Tesla's OAuth flow for your developer application, scopes {SCOPES}), "
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


class FleetNotSaved(FleetError):
    """A rotated token could not be written to the state file: it is not used until it is."""


class FleetUnexpected(FleetError):
    """The cloud answered something that is neither a success nor an error we know (HTML, empty, null, …)."""


# After a failed token refresh (5xx, timeout, HTML, a firewall's 403, a 404): wait this long, doubling to the cap.
TOKEN_BACKOFF = (30.0, 1800.0)
MAX_ERROR_TEXT = 200


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
    clock: Clock = field(default=REAL, repr=False)
    http2: bool = True
    # Tried once when auth_url answers 404; by default auth.tesla.com behind Tesla's current host, else none.
    fallback_auth_url: str | None = None
    # Refresh this long before the access token expires, so no request meets an expired token.
    refresh_margin: float = 300.0
    # When a 429 gives no Retry-After: leave the cloud alone this long.
    default_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.fallback_auth_url is None and self.auth_url.rstrip("/") == DEFAULT_AUTH_URL:
            self.fallback_auth_url = FALLBACK_AUTH_URL


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def _retry_after(response: httpx.Response, default: float) -> float:
    seconds = retry_after(response.headers.get("retry-after"))
    return default if seconds is None else seconds


def _describe_body(response: httpx.Response) -> str:
    """What came back, in words: for answers that are not the JSON we expected."""
    text = response.text.strip()
    if not text:
        return "an empty body"
    if "html" in response.headers.get("content-type", "").lower() or text[:1] == "<":
        return "an HTML page (a proxy, a firewall or a captive portal answered, not Tesla's API)"
    return f"{text!r}"


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
        self._token_failures = 0
        self._token_retry_at = 0.0  # monotonic; the token endpoint's backoff
        self._token_error = ""
        self._unsaved: dict[str, Any] | None = None  # rotated tokens not yet on disk: never used until they are
        self._auth_url = options.auth_url.rstrip("/")
        self._fell_back = False
        self._lock = asyncio.Lock()
        self._client: httpx.AsyncClient | None = None
        self._load_tokens()

    @property
    def clock(self) -> Clock:
        return self.options.clock

    def clean(self, text: str) -> str:
        """A text fit to publish or log: every known secret removed, bounded."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        text = re.sub(r"(?i)bearer\s+[A-Za-z0-9._~+/=-]+", "Bearer ***", text)
        text = " ".join(text.split())
        return text if len(text) <= MAX_ERROR_TEXT else text[: MAX_ERROR_TEXT - 1] + "…"

    def __repr__(self) -> str:
        return f"FleetSession(url={self.options.url!r}, available={self.available})"

    # ------------------------------------------------------------------ tokens
    def _load_tokens(self) -> None:
        """The newest refresh token: the stored rotation, unless the owner has given a different one since."""
        given = self.options.refresh_token
        stored = self.state.load() if self.state else {}
        # Masked in every log line and published text from now on (not only where clean() is called).
        for token in (given, stored.get("refresh_token"), stored.get("access_token")):
            redact_secret(token if isinstance(token, str) else None)
        if given and stored.get("seeded_from") != _digest(given):
            self._refresh = given  # a new token from the owner replaces whatever rotation we kept
            return
        self._refresh = str(stored.get("refresh_token") or given or "")
        self._access = str(stored.get("access_token") or "")
        self._expires_at = _number(stored.get("expires_at"), 0.0)
        self._lifetime = _number(stored.get("lifetime"), 3600.0)
        if not self._refresh:
            self._unavailable(f"no Fleet API refresh token. {SETUP_HINT}")

    def _save(self, data: dict[str, Any]) -> None:
        """The rotated tokens on disk, in one atomic write, or FleetError (and they are not used)."""
        if self.state is not None:
            try:
                self.state.update(data)
            except OSError as exc:
                self._unsaved = data
                raise FleetNotSaved(
                    f"cannot save the rotated Fleet API token to {self.state.path} ({exc.strerror or exc}); "
                    "it is not used until it is saved, so nothing was sent. Free the disk or fix the state "
                    "directory's permissions; the next call tries again"
                ) from None
        self._unsaved = None
        self._refresh = str(data["refresh_token"])
        self._access = str(data["access_token"])
        self._expires_at = float(data["expires_at"])
        self._lifetime = float(data["lifetime"])

    def _unavailable(self, why: str) -> None:
        if self.available or self.why_unavailable != why:
            log.error("Fleet API route unavailable: %s", why)
        self.available = False
        self.why_unavailable = why

    @property
    def secrets(self) -> list[str]:
        """Every token we know (what :meth:`clean` removes, and what tests prove never leaks)."""
        unsaved = self._unsaved or {}
        found = (
            self._access,
            self._refresh,
            self.options.refresh_token,
            str(unsaved.get("access_token") or ""),
            str(unsaved.get("refresh_token") or ""),
        )
        return [t for t in found if t]

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            verify: ssl.SSLContext | bool = True
            if self.options.ca is not None:
                verify = ssl.create_default_context(cafile=str(self.options.ca))
            self._client = httpx.AsyncClient(timeout=self.options.timeout, verify=verify, http2=self.options.http2)
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _check_blocked(self) -> None:
        wait = self._blocked_until - self.clock.monotonic()
        if wait > 0:
            raise FleetRateLimited(
                self._blocked_until,
                f"Tesla's cloud asked to wait (429); {math.ceil(wait)} s left. Not sent, not retried.",
            )

    def _note_rate_limit(self, response: httpx.Response) -> FleetRateLimited:
        seconds = _retry_after(response, self.options.default_retry_after)
        self._blocked_until = self.clock.monotonic() + seconds
        log.warning("Fleet API answered 429; no request to it for %.0f s (Retry-After)", seconds)
        return FleetRateLimited(
            self._blocked_until, f"Tesla's cloud is rate limiting (429); try again in {math.ceil(seconds)} s"
        )

    async def _ensure_token(self) -> None:
        if not self.available:
            raise FleetUnavailable(self.why_unavailable)
        if self._unsaved is not None:
            async with self._lock:
                if self._unsaved is not None:
                    self._save(self._unsaved)  # raises again while the disk still refuses
        if self._fresh():
            return
        async with self._lock:
            if self._fresh():
                return  # another caller refreshed meanwhile
            await self._refresh_now()

    def _fresh(self) -> bool:
        # Refresh ahead of expiry: refresh_margin, or a tenth of a short token's life.
        margin = min(self.options.refresh_margin, 0.1 * self._lifetime)
        return bool(self._access) and self.clock.time() < self._expires_at - margin

    def _token_failed(self, why: str) -> FleetDown:
        """One backoff for every way the token endpoint can fail short of refusing the token."""
        low, high = TOKEN_BACKOFF
        wait = min(high, low * 2**self._token_failures)
        self._token_failures += 1
        self._token_retry_at = max(self._token_retry_at, self.clock.monotonic() + wait)
        self._token_error = self.clean(why)
        log.warning("Fleet API token refresh failed: %s; next try in %.0f s", self._token_error, wait)
        return FleetDown(f"{self._token_error}; the next refresh is tried in {math.ceil(wait)} s")

    async def _refresh_now(self) -> None:
        if not self.available:
            raise FleetUnavailable(self.why_unavailable)
        self._check_blocked()
        wait = self._token_retry_at - self.clock.monotonic()
        if wait > 0:
            raise FleetDown(f"{self._token_error}; the next refresh is tried in {math.ceil(wait)} s (not sent)")
        while True:
            url = self._auth_url + "/oauth2/v3/token"
            form = {"grant_type": "refresh_token", "client_id": self.options.client_id, "refresh_token": self._refresh}
            try:
                self.requests += 1
                response = await self._http().post(url, data=form)
            except httpx.HTTPError as exc:
                raise self._token_failed(f"Tesla's token service is unreachable ({type(exc).__name__})") from None
            fallback = self.options.fallback_auth_url
            if response.status_code == 404 and fallback and not self._fell_back:
                # Tesla's current host not found: the older one, once (it still answers for many accounts).
                log.warning("Fleet API token host %s answered 404; trying %s", self._auth_url, fallback)
                self._fell_back = True
                self._auth_url = fallback.rstrip("/")
                continue
            break
        if response.status_code == 429:
            raise self._note_rate_limit(response)
        if response.status_code == 404:
            raise self._token_failed(
                f"the token URL {url} answered 404 (not found): a wrong --fleet-auth-url, not a refused token "
                f"(the refresh token was not used); Tesla's is {DEFAULT_AUTH_URL}"
            )
        if response.status_code >= 500:
            raise self._token_failed(f"Tesla's token service answered {response.status_code}")
        body = _json(response)
        for token in (body.get("access_token"), body.get("refresh_token")):
            redact_secret(token if isinstance(token, str) else None)  # masked everywhere as soon as read
        error = body.get("error")
        if error in ("invalid_grant", "invalid_client"):
            self._access = ""
            what = "client id" if error == "invalid_client" else "refresh token"
            self._unavailable(f"Tesla refused the Fleet API {what} ({error}). {SETUP_HINT}")
            raise FleetUnavailable(self.why_unavailable)
        access, refresh = body.get("access_token"), body.get("refresh_token")
        lifetime = _number(body.get("expires_in"), -1.0)
        if response.status_code != 200 or not isinstance(access, str) or not access:
            shown = f"error {error!r}" if isinstance(error, str) else _describe_body(response)
            raise self._token_failed(f"Tesla's token service answered {response.status_code} with {shown}")
        if not isinstance(refresh, str) or not refresh or lifetime <= 0:
            raise self._token_failed("Tesla's token service answered without a new refresh token or a valid expires_in")
        self._token_failures = 0
        self._token_retry_at = 0.0
        # Single use: the old refresh token is dead now. The new one goes to disk before anything uses it.
        self._save(
            {
                "refresh_token": refresh,
                "access_token": access,
                "expires_at": self.clock.time() + lifetime,
                "lifetime": lifetime,
                "seeded_from": _digest(self.options.refresh_token) if self.options.refresh_token else None,
            }
        )
        self.refreshes += 1
        log.info("Fleet API token refreshed; valid for %.0f min", lifetime / 60)

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
        if response.status_code == 403 and "scope" in str(body.get("error", "")).lower():
            scope = "energy_cmds" if method == "POST" else "energy_device_data"
            raise FleetRefused(
                f"the Fleet API token lacks the scope {scope} (Tesla: 403 {self.clean(str(body['error']))}); "
                f"authorise your application again with the scopes {SCOPES}. {SETUP_HINT}"
            )
        if response.status_code == 421:
            raise FleetRefused(
                f"this Tesla account is not served by {self.options.url} (421, wrong region): set --fleet-url "
                f"to your region's ({', '.join(REGIONS.values())}). Tesla said: {self.clean(response.text)}"
            )
        if response.status_code >= 400:
            detail = body.get("error_description") or body.get("error") or _describe_body(response)
            raise FleetRefused(
                f"Tesla's cloud refused {method} {path}: {response.status_code} {self.clean(str(detail))}"
            )
        if "response" not in body:
            raise FleetUnexpected(
                f"Tesla's cloud answered {method} {path} with {self.clean(_describe_body(response))}, "
                "not its JSON; nothing is assumed"
            )
        return body["response"]


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
        products = await self.request("GET", "/api/1/products")
        if not isinstance(products, list):
            raise FleetUnexpected(
                f"Tesla's cloud answered /api/1/products with {type(products).__name__}, not a list; "
                "the site cannot be found now, the next call tries again"
            )
        sites = [p for p in products if isinstance(p, dict) and _int(p.get("energy_site_id")) is not None]
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
                    f"{found} of this Tesla account matches the gateway "
                    f"{self.din or '(its DIN is not known yet: a Powerwall 3 gives it only over TEDAPI)'} "
                    f"(the sites: {listed}); set --fleet-site-id"
                )
            self.site_id = _int(match[0]["energy_site_id"])
        self._checked = True
        if self.site_id is None:  # unreachable: only sites with a numeric id are matched
            raise FleetUnexpected("Tesla's cloud listed an energy site without a numeric id")
        return self.site_id

    async def site_info(self) -> dict[str, Any]:
        site = await self.energy_site_id()
        answer = await self.request("GET", f"/api/1/energy_sites/{site}/site_info")
        if not isinstance(answer, dict):
            what = "null" if answer is None else type(answer).__name__
            raise FleetUnexpected(f"Tesla's cloud answered site_info with {what}, not the site's settings")
        return answer

    async def command(self, action: str, body: dict[str, Any]) -> None:
        """A command to this site, spaced from the previous one; returns only when the cloud said it succeeded."""
        answer = await self._spaced(action, body)
        failure = command_failure(answer)
        if failure:
            raise FleetUnexpected(f"Tesla's cloud did not confirm {action}: {self.session.clean(failure)}")

    async def grpc_command(self, message: dict[str, Any]) -> Any:
        """A message for the site's gateway, relayed by Tesla's cloud (``POST …/command``, ``grpc_command``).

        ``message`` is the gateway message in the cloud's JSON form, e.g.
        ``{"authorization": {"list_authorized_clients_request": {}}}`` (pypowerwall ``v1r_register.py``,
        shared FACTS "Pairing a key"). Spaced like every command; the answer's ``response`` is returned.
        """
        body = {"command_type": "grpc_command", "command_properties": {"identifier_type": 1, "message": message}}
        return await self._spaced("command", body)

    async def _spaced(self, action: str, body: dict[str, Any]) -> Any:
        clock = self.session.clock
        async with self._command_lock:
            wait = self._last_command + self.session.options.command_interval - clock.monotonic()
            if wait > 0:
                await clock.sleep(wait)
            site = await self.energy_site_id()
            self._last_command = clock.monotonic()
            return await self.request("POST", f"/api/1/energy_sites/{site}/{action}", body)


def command_failure(answer: Any) -> str | None:
    """None when a command's ``response`` positively says success, else what it says instead.

    Today's answers carry ``code`` (or ``Code``) 2xx; older ones ``result: true``; grid_import_export
    answers ``{}``. Anything else (null, a number, ``code`` 400, ``result: false``) is not a success.
    """
    if answer is None:
        return "the answer's response was null (no result); read back to see whether it was applied"
    if not isinstance(answer, dict):
        return f"the answer's response was {type(answer).__name__} {str(answer)[:40]!r}, not an object"
    code = answer.get("code", answer.get("Code"))
    result = answer.get("result")
    message = answer.get("message") or answer.get("Message") or answer.get("reason") or ""
    if code is not None and not (isinstance(code, int) and not isinstance(code, bool) and 200 <= code < 300):
        return f"code {code!r} {message}".strip()
    if result is not None and result is not True:
        return f"result {result!r} {message}".strip()
    return None


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value)
    return None


def _number(value: Any, default: float) -> float:
    """A finite number from stored or received JSON, else ``default`` (``"abc"``, null, NaN)."""
    if isinstance(value, bool):
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _same_gateway(a: str, b: str) -> bool:
    """The same gateway: equal DINs, or equal serials (the DIN's part after "--").

    Real products lists give the gateway's serial as gateway_id (or a DIN whose part number differs
    from the local one), while the local API shows the DIN.
    """
    a, b = a.strip(), b.strip()
    if not a or not b:
        return False
    return a == b or a.rsplit("--", 1)[-1].upper() == b.rsplit("--", 1)[-1].upper()
