"""The bridge's configuration: a TOML file, overridden by flags and ``PWKIT_…`` environment variables.

One schema (pydantic models, below) is the single place a setting is declared: its type, range,
default and help. The TOML key, the command-line flag, the environment variable and the line in
``pwkit bridge --help`` all derive from it (:data:`FLAGS`). Adding a setting is one edit: a field
made with :func:`setting` in the section it belongs to.

Types are strict: ``insecure = "false"`` is an error, not a truthy string. Unknown keys are refused
with the nearest valid name. Every error is one line naming the setting and how to fix it
(:class:`ConfigError`, whose ``lines`` the command prints before exiting with status 2).
Secrets come from the environment or a file; they are never shown.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import ssl
import tempfile
import tomllib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from pwkit.client.store import SecretFileError, default_state_dir, read_secret_file
from pwkit.client.tls import TlsOptions, normalise_fingerprint

from .commands import COMMANDS

CommandName = Literal[
    "mode", "reserve", "island", "sitemaster", "grid_charging", "export", "storm_watch", "backup_event"
]
assert set(get_args(CommandName)) == set(COMMANDS)
UNSAFE_LEVEL = re.compile("[\x00-\x1f\x7f-\x9f]")
# Below this a poll interval only loads the gateway (the fast readings change about every second).
MIN_POLL = 0.25


class ConfigError(ValueError):
    """Settings are wrong; each line names one setting and says what to do."""

    def __init__(self, lines: str | list[str]) -> None:
        self.lines = [lines] if isinstance(lines, str) else lines
        super().__init__("\n".join(self.lines))


def setting(default: Any, help: str, *, flag: str | None = None, secret: bool = False, **constraints: Any) -> Any:
    """A field of the configuration: ``help`` is what ``--help`` shows.

    ``flag`` overrides the derived flag name (``--name``; ``--mqtt-name`` in [mqtt]); ``""`` makes
    the setting file-only. Constraints (``ge``, ``le``, ``strict`` …) are pydantic's.
    """
    extra: dict[str, Any] = {"flag": flag, "secret": secret}
    if callable(default):
        return Field(default_factory=default, description=help, json_schema_extra=extra, repr=not secret, **constraints)
    return Field(default, description=help, json_schema_extra=extra, repr=not secret, **constraints)


class Section(BaseModel):
    # strict: no "false" read as true, no "5" read as 5; containers and paths stay lax per field.
    model_config = ConfigDict(strict=True, extra="forbid", validate_default=False)


def _pem_file(path: Path | None, what: str, *, key: bool = False) -> Path | None:
    if path is None:
        return None
    if not path.is_file():
        raise ValueError(f"no such file {path}; give the path of the {what} (PEM)")
    try:
        text = path.read_bytes().decode("ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} is not a PEM file ({exc.__class__.__name__}); give the {what} in PEM") from None
    marker = "PRIVATE KEY-----" if key else "-----BEGIN CERTIFICATE-----"
    if marker not in text:
        raise ValueError(f"{path} holds no PEM {'key' if key else 'certificate'}; give the {what} in PEM")
    if not key:
        try:
            ssl.create_default_context(cafile=str(path))
        except ssl.SSLError as exc:
            raise ValueError(f"{path} is not a readable PEM certificate ({exc.reason}); give the {what}") from None
    return path


def _secret_file(path: Path | None, where: str) -> str | None:
    if path is None:
        return None
    try:
        return read_secret_file(path, where)
    except SecretFileError as exc:
        raise ValueError(str(exc)) from None


def _port_of(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        raise ValueError(f"{url!r} has a port that is not a number from 1 to 65535") from None


class MqttConfig(Section):
    url: str = setting(
        "mqtt://localhost:1883",
        "The broker: mqtt://[user:pass@]host[:port] or mqtts://… (TLS, port 8883 by default).",
        flag="--mqtt",
    )
    username: str | None = setting(None, "User name at the broker (or in the url).")
    password: str | None = setting(None, "Password at the broker. Prefer --mqtt-password-file.", secret=True)
    password_file: Path | None = setting(None, "Read the broker password from this file.", strict=False)
    ca: Path | None = setting(None, "CA certificate of the broker (PEM; turns TLS on).", strict=False)
    certfile: Path | None = setting(None, "Client certificate for the broker (PEM).", flag="--mqtt-cert", strict=False)
    keyfile: Path | None = setting(None, "Client key for the broker (PEM).", flag="--mqtt-key", strict=False)
    tls_insecure: bool = setting(False, "Do not verify the broker's certificate.", flag="--mqtt-insecure")
    client_id: str = setting(
        "", "MQTT client id (default: unique per run; two bridges must never share one).", flag="--client-id"
    )
    keepalive: int = setting(30, "Seconds between keep-alive pings to the broker.", ge=5, le=3600)
    protocol: Literal["5", "3.1.1"] = setting(
        "5", 'MQTT version: "5" (falls back to 3.1.1 when the broker refuses 5) or "3.1.1".'
    )
    prefix: str = setting("pwkit", "Topic prefix: PREFIX/<gateway>/….", flag="--prefix")
    discovery_prefix: str = setting("homeassistant", "Home Assistant discovery prefix.", flag="--discovery-prefix")
    _generated_id: bool = PrivateAttr(default=False)
    discovery: bool = setting(
        True, "Home Assistant discovery is published unless this is false (flag: turn it off).", flag="--no-discovery"
    )

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise ValueError(f"{url!r} is not mqtt://[user:pass@]host[:port] or mqtts://…")
        port = _port_of(url)
        if port is not None and not 1 <= port <= 65535:
            raise ValueError(f"{url!r}: port {port} is not from 1 to 65535")
        return url

    @field_validator("prefix", "discovery_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        if (
            not value
            or value.startswith("$")  # $SYS/… is the broker's own: clients may not publish there
            or UNSAFE_LEVEL.search(value)
            or any(c in value for c in "+#\0")
            or value.startswith("/")
            or value.endswith("/")
            or "//" in value
            or len(value.encode()) > 200
        ):
            raise ValueError(
                f"{value!r} is not a topic prefix (no +, #, control characters, empty level, leading $ "
                "or leading/trailing /)"
            )
        return value

    @field_validator("ca", "certfile")
    @classmethod
    def _pem(cls, path: Path | None) -> Path | None:
        return _pem_file(path, "broker's CA certificate")

    @field_validator("keyfile")
    @classmethod
    def _key(cls, path: Path | None) -> Path | None:
        return _pem_file(path, "client key", key=True)

    @model_validator(mode="after")
    def _resolve(self) -> MqttConfig:
        if not self.client_id:
            # Unique by default: two bridges with one fixed id knock each other off in a loop.
            self.client_id = f"pwkit-{uuid.uuid4().hex[:12]}"
            self._generated_id = True
        parts = urlsplit(self.url)
        if self.username is None and parts.username:
            self.username = unquote(parts.username)
        if self.password is None:
            self.password = _secret_file(self.password_file, "password_file")
        if self.password is None and parts.password:
            self.password = unquote(parts.password)
        if self.prefix == self.discovery_prefix or self.prefix.startswith(self.discovery_prefix + "/"):
            raise ValueError("prefix must differ from discovery_prefix and lie outside it")
        return self

    @property
    def generated_id(self) -> bool:
        """Whether the client id was made for this run (no earlier session can exist under it)."""
        return self._generated_id

    @property
    def tls(self) -> bool:
        return urlsplit(self.url).scheme == "mqtts" or any((self.ca, self.certfile, self.keyfile))

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "localhost"

    @property
    def port(self) -> int:
        return _port_of(self.url) or (8883 if self.tls else 1883)

    @property
    def display(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://{self.host}:{self.port}"


class GatewayConfig(Section):
    url: str = setting(
        ..., "A gateway, https://ADDRESS[:PORT]; repeat for several (or use [[gateway]] sections).", flag="--gateway"
    )
    name: str | None = setting(None, "The gateway's id in topics (default: its serial).")
    email: str = setting("", "The customer login's e-mail.")
    username: Literal["customer", "installer"] = setting("customer", "The gateway login.")
    password: str = setting(
        "", "The gateway password. Prefer PWKIT_PASSWORD or --password-file over the flag.", secret=True
    )
    password_file: Path | None = setting(None, "Read the gateway password from this file.", strict=False)
    ca: Path | None = setting(None, "Trust the gateway's CA certificate (PEM) instead of pinning.", strict=False)
    fingerprint: str | None = setting(None, "Trust only the gateway certificate with this SHA-256 fingerprint.")
    insecure: bool = setting(False, "Do not verify the gateway's certificate (warned).")
    sni: str = setting("powerwall", "SNI name sent when the url is a DNS name the gateway would refuse.")
    allow_commands: tuple[CommandName, ...] = setting(
        (),
        "Commands to accept, comma-separated: mode,reserve,island,sitemaster,grid_charging,export,storm_watch,"
        "backup_event (grid_charging and export need a paired key or the Fleet API; storm_watch the Fleet API; "
        "backup_event a paired key). None by default.",
        strict=False,
    )
    allow_island: bool = setting(False, "Also allow going off-grid (island must be in allow_commands).")
    allow_sitemaster_stop: bool = setting(False, "Also allow stopping the sitemaster.")
    fleet_site_id: int | None = setting(
        None,
        "The gateway's energy_site_id in Tesla's cloud (default: found by the gateway's DIN in /api/1/products).",
        flag="--fleet-site-id",
        ge=1,
        strict=False,
    )
    tedapi: Literal["off", "auto", "basic", "bearer", "v1r"] = setting(
        "auto",
        "TEDAPI, the gateway's second local API (per-pack, PV string, temperature and alert readings; all but three "
        "readings of a Powerwall 3): auto (v1r with a paired key, else basic with the sticker password, else bearer; "
        "skipped on firmware before 23.44, whose REST vitals carry the same), off, or one of basic, bearer, v1r.",
    )
    tedapi_url: str = setting(
        "https://192.168.91.1",
        "The access point's URL for TEDAPI basic (the gateway's own Wi-Fi; since firmware 25.10 basic answers only "
        "there). auto also tries the gateway's own URL first (firmware before 25.10).",
    )
    tedapi_password_file: Path | None = setting(
        None,
        "A file with the FULL password on the gateway's QR sticker, for TEDAPI basic (or env "
        "PWKIT_TEDAPI_PASSWORD; never a flag).",
        strict=False,
    )
    tedapi_key: Path | None = setting(
        None,
        "The v1r private key (0600) registered with `pwkit pair` (default: the one `pwkit pair` writes in the state "
        "directory).",
        strict=False,
    )
    tedapi_poll: dict[str, float] = setting(
        dict,
        "Seconds between two TEDAPI reads, per query (device_controller, components, config, compliance, "
        "firmware); only longer than the defaults.",
        flag="",
        strict=False,
    )
    _tedapi_password: str = PrivateAttr(default="")
    _password_source: str = PrivateAttr(default="")

    @property
    def password_source(self) -> str:
        """Where the password came from, for a message that must name it (never the password itself)."""
        return self._password_source or "the configuration file's password setting"

    @field_validator("fleet_site_id", mode="before")
    @classmethod
    def _site_id(cls, value: Any) -> Any:
        if isinstance(value, bool):  # true would become site 1
            raise ValueError(f"expected the energy site's number, got {str(value).lower()}")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(f"expected https://ADDRESS[:PORT], got {url!r}")
        port = _port_of(url)
        if port is not None and not 1 <= port <= 65535:
            raise ValueError(f"{url!r}: port {port} is not from 1 to 65535 (leave it out for 443)")
        if parts.path.strip("/") or parts.query or parts.fragment:
            raise ValueError(f"{url!r}: give only https://ADDRESS[:PORT], no path")
        return url

    @field_validator("name")
    @classmethod
    def _name(cls, name: str | None) -> str | None:
        if name is not None and (not name or any(c in name for c in "/+#\0") or len(name.encode()) > 64):
            raise ValueError(f"{name!r} cannot be a topic level (1–64 bytes, no /, +, # or NUL)")
        return name

    @field_validator("sni")
    @classmethod
    def _sni(cls, value: str) -> str:
        # A DNS name: NUL or a control character would break every TLS handshake, and only that.
        if not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", value) or ".." in value:
            raise ValueError(f"{value!r} is not a DNS name; the gateway accepts teg, powerwall or powerpack")
        return value

    @field_validator("fingerprint")
    @classmethod
    def _fingerprint(cls, value: str | None) -> str | None:
        return normalise_fingerprint(value) if value else None

    @field_validator("ca")
    @classmethod
    def _ca(cls, path: Path | None) -> Path | None:
        return _pem_file(path, "gateway's CA certificate")

    @field_validator("allow_commands", mode="before")
    @classmethod
    def _commands(cls, value: Any) -> Any:
        if isinstance(value, str):
            # The flag and the variable are comma-separated (split where they are read); the file has a list.
            raise ValueError(f'expected a list, e.g. ["mode", "reserve"], got {value!r}')
        if isinstance(value, list | tuple):
            return tuple(dict.fromkeys(value))
        return value

    @field_validator("tedapi_url")
    @classmethod
    def _tedapi_url(cls, url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(f"expected https://ADDRESS[:PORT] (the access point is https://192.168.91.1), got {url!r}")
        return url.rstrip("/")

    @field_validator("tedapi_poll", mode="before")
    @classmethod
    def _tedapi_poll(cls, value: Any) -> Any:
        from .sources.tedapi import QUERY_INTERVALS

        if not isinstance(value, dict):
            return value
        for name, seconds in value.items():
            if name not in QUERY_INTERVALS:
                raise ValueError(f"tedapi_poll: no TEDAPI query {name!r}; the queries are {', '.join(QUERY_INTERVALS)}")
            if isinstance(seconds, bool) or not isinstance(seconds, int | float):
                raise ValueError(f"tedapi_poll.{name}: expected a number of seconds, got {seconds!r}")
            if seconds < QUERY_INTERVALS[name]:
                raise ValueError(
                    f"tedapi_poll.{name}: {seconds:g} s is shorter than the default {QUERY_INTERVALS[name]:g} s; "
                    "the budget may only be lengthened (the gateway answers TEDAPI slowly and pauses busy clients)"
                )
        return value

    @property
    def tedapi_password(self) -> str:
        return self._tedapi_password

    @model_validator(mode="after")
    def _resolve(self) -> GatewayConfig:
        self._tedapi_password = (
            _secret_file(self.tedapi_password_file, "tedapi_password_file")
            or os.environ.get("PWKIT_TEDAPI_PASSWORD", "")
        ).strip()
        if self.tedapi == "basic" and not self._tedapi_password:
            raise ValueError(
                "tedapi: basic needs the full password on the gateway's QR sticker: set PWKIT_TEDAPI_PASSWORD "
                "or tedapi_password_file"
            )
        if not self.password and self.password_file is not None:
            self.password = _secret_file(self.password_file, "password_file") or ""
            self._password_source = f"the file {self.password_file} (password_file)"
        if sum(map(bool, (self.ca, self.fingerprint, self.insecure))) > 1:
            raise ValueError("give only one of ca, fingerprint and insecure")
        return self

    @property
    def tls(self) -> TlsOptions:
        return TlsOptions(ca=self.ca, fingerprint=self.fingerprint, insecure=self.insecure, sni=self.sni)


class PollConfig(Section):
    """Seconds per poll group (the spec's x-pwkit-poll markers); unset groups use the spec's interval."""

    fast: float | None = setting(
        None, "Seconds between fast polls (aggregates, charge, grid status).", ge=MIN_POLL, allow_inf_nan=False
    )
    normal: float | None = setting(
        None, "Seconds between normal polls (operation, vitals, …).", ge=MIN_POLL, allow_inf_nan=False
    )
    slow: float | None = setting(
        None, "Seconds between slow polls (status, site info, …).", ge=MIN_POLL, allow_inf_nan=False
    )


def _deadband_rules(value: dict[str, Any]) -> dict[str, Any]:
    for pattern, deadband in value.items():
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a regular expression ({exc})") from None
        if deadband != "refresh" and (
            isinstance(deadband, bool) or not isinstance(deadband, int | float) or not 0 <= deadband < float("inf")
        ):
            raise ValueError(f'{pattern!r} = {deadband!r}: give a number ≥ 0 in the reading\'s unit, or "refresh"')
    return value


class BridgeSettings(Section):
    id: str = setting(
        "",
        "This bridge's id: its topics are PREFIX/bridge/ID/state, …/info and …/stats, and its Home Assistant "
        "discovery state is its own. Default: derived from its gateways' addresses (stable across restarts, "
        "different for bridges of different gateways). Give each bridge its own when several share a broker.",
        flag="--bridge-id",
    )
    refresh_interval: float = setting(
        300.0, "Seconds between full re-publications of every value.", ge=1, allow_inf_nan=False
    )
    command_interval: float = setting(
        2.0, "Minimum seconds between two commands to one gateway; a burst keeps the latest.", ge=0, le=3600
    )
    verify_timeout: float = setting(
        30.0,
        'Seconds the bridge reads a command\'s effect back before answering "accepted but not applied" (writes '
        "have been acknowledged and not applied, and Tesla's cloud may drop a command).",
        gt=0,
        le=600,
    )
    command_max_age: float = setting(
        30.0, "A command older than this many seconds when its turn comes is answered expired, not run.", gt=0, le=3600
    )
    reserve_scale: Literal["gateway", "app"] = setting(
        "gateway", "Scale of reserve commands: the gateway's or the app's (about 5 points less)."
    )
    # One, as Home Assistant polls (one request after another on one keep-alive connection), since parallel polling
    # has overloaded gateways (shared FACTS, "Load and timing"); each connection more also cost the bridge about
    # 56 KiB a gateway (250 against 216 MiB at 300 gateways with 3 and 1, `python -m tests.bench.gateways 300`).
    # Commands have a slot of their own besides.
    max_concurrency: int = setting(
        1, "Requests in flight to one gateway at most (commands have one more of their own).", ge=1, le=8
    )
    request_timeout: float = setting(
        10.0, "Seconds a whole request to the gateway may take (connect to last byte).", ge=0.5, le=300
    )
    rate_limit_cooldown: float = setting(
        600.0, "Seconds to leave a gateway alone after a 429 without Retry-After (a lockout).", ge=1, le=86400
    )
    offline_after: int = setting(
        3, "Whole poll cycles that must fail in a row before a gateway is marked offline.", ge=1, le=1000
    )
    vanish_grace: float = setting(
        600.0, "Seconds a value may be missing from its answer before its retained topic is cleared.", ge=0, le=604800
    )
    stats_interval: float = setting(10.0, "Seconds between two counter reports on PREFIX/bridge/stats.", ge=1, le=3600)
    state_dir: Path | None = setting(None, "Where pinned certificates and sessions are kept (0600).", strict=False)
    poll: PollConfig = setting(PollConfig, "Seconds per poll group.", flag="")
    deadbands: dict[str, float | Literal["refresh"]] = setting(
        dict, 'Regular expression on a value\'s name = the change worth a message, or "refresh".', flag="", strict=False
    )

    @field_validator("deadbands", mode="before")
    @classmethod
    def _deadbands(cls, value: Any) -> Any:
        return _deadband_rules(value) if isinstance(value, dict) else value

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if value and (
            any(c in value for c in "/+#") or UNSAFE_LEVEL.search(value) or value.startswith("$") or value == "probe"
        ):
            raise ValueError(f"{value!r} cannot be a bridge id (one topic level: no /, +, #, control characters or $)")
        if len(value.encode()) > 64:
            raise ValueError(f"{value[:20]!r}…: a bridge id is at most 64 bytes")
        return value


class CommandsConfig(Section):
    route: Literal["auto", "local-v1r", "local", "fleet"] = setting(
        "auto",
        "Which way commands go: auto (a paired key over the LAN, local-v1r; else the gateway's REST API when the "
        "login may write there; else Tesla's Fleet API if configured), local-v1r, local (REST), or fleet. "
        "sitemaster always stays on REST; storm_watch is only in Tesla's cloud; backup_event only over a paired key.",
        flag="--command-route",
    )


class FleetConfig(Section):
    """Tesla's Fleet API: one account (client id + refresh token) for every gateway of the bridge."""

    client_id: str | None = setting(None, "Client id of your Tesla developer application: turns the Fleet API on.")
    url: str = setting(
        "https://fleet-api.prd.na.vn.cloud.tesla.com",
        "Regional Fleet API base URL (Europe: https://fleet-api.prd.eu.vn.cloud.tesla.com).",
    )
    auth_url: str = setting(
        "https://fleet-auth.prd.vn.cloud.tesla.com",
        "Tesla's OAuth token host (Tesla's current one; when it answers 404, https://auth.tesla.com is tried once).",
    )
    interval: float = setting(
        900.0,
        "Seconds between cloud reads of each site's settings, apart from the gateway's poll intervals. Tesla "
        "allows one data request per site per 5 minutes (less than 300 is warned) and its pricing page bills "
        "each; every 15 minutes stays inside its $10 monthly credit. A command is read back at once whatever "
        "this is.",
        gt=0,
        strict=False,
    )
    refresh_token_file: Path | None = setting(
        None,
        "A file with the Fleet API refresh token (or env PWKIT_FLEET_REFRESH_TOKEN; never a flag).",
        strict=False,
    )
    ca: Path | None = setting(
        None, "Trust this CA for the Fleet API (the simulator's; Tesla needs none).", strict=False
    )
    _refresh_token: str = PrivateAttr(default="")

    @field_validator("url", "auth_url")
    @classmethod
    def _https(cls, url: str) -> str:
        if urlsplit(url).scheme != "https" or not urlsplit(url).hostname:
            raise ValueError(f"expected https://HOST, got {url!r}")
        return url.rstrip("/")

    @field_validator("ca")
    @classmethod
    def _ca(cls, path: Path | None) -> Path | None:
        return _pem_file(path, "Fleet API's CA certificate")

    @field_validator("interval")
    @classmethod
    def _interval(cls, seconds: float) -> float:
        if seconds != seconds or seconds == float("inf"):
            raise ValueError("expected a finite number of seconds")
        return seconds

    @model_validator(mode="after")
    def _resolve(self) -> FleetConfig:
        # The token rotates and is kept in the state directory; this is only the first one.
        self._refresh_token = _secret_file(self.refresh_token_file, "refresh_token_file") or os.environ.get(
            "PWKIT_FLEET_REFRESH_TOKEN", ""
        )
        self._refresh_token = self._refresh_token.strip()
        return self

    @property
    def refresh_token(self) -> str:
        return self._refresh_token


class BridgeConfig(BaseModel):
    """The whole configuration: ``[mqtt]``, ``[bridge]`` and ``[[gateway]]``."""

    model_config = ConfigDict(strict=True, extra="forbid")

    mqtt: MqttConfig = Field(default_factory=MqttConfig)
    bridge: BridgeSettings = Field(default_factory=BridgeSettings)
    gateway: list[GatewayConfig] = Field(default_factory=list, strict=False)
    commands: CommandsConfig = Field(default_factory=CommandsConfig)
    fleet: FleetConfig = Field(default_factory=FleetConfig)

    @model_validator(mode="after")
    def _distinct(self) -> BridgeConfig:
        if self.fleet.refresh_token and not self.fleet.client_id:
            raise ValueError(
                "a Fleet API refresh token is given (PWKIT_FLEET_REFRESH_TOKEN or fleet.refresh_token_file) but no "
                "client id: give --fleet-client-id (your developer application's), or remove the token"
            )
        if self.commands.route == "fleet" and not self.fleet.client_id:
            raise ValueError(
                "commands.route = fleet, but the Fleet API is not configured: give --fleet-client-id, "
                "and PWKIT_FLEET_REFRESH_TOKEN or --fleet-refresh-token-file"
            )
        urls = [urlsplit(g.url)._replace(path="").geturl().lower() for g in self.gateways]
        for seen, url in enumerate(urls):
            if url in urls[:seen]:
                raise ValueError(f"gateway {self.gateways[seen].url} is configured twice; keep one [[gateway]]")
        names = [g.name for g in self.gateways if g.name]
        if len(names) != len(set(names)):
            raise ValueError("two gateways share a name; give each its own name")
        return self

    @property
    def gateways(self) -> list[GatewayConfig]:
        return self.gateway

    # The runtime reads these often; they live in [bridge].
    @property
    def poll(self) -> dict[str, float]:
        return {k: v for k, v in self.bridge.poll.model_dump().items() if v is not None}

    @property
    def refresh_interval(self) -> float:
        return self.bridge.refresh_interval

    @property
    def command_interval(self) -> float:
        return self.bridge.command_interval

    @property
    def reserve_scale(self) -> str:
        return self.bridge.reserve_scale

    @property
    def deadbands(self) -> dict[str, float | str]:
        return dict(self.bridge.deadbands)

    @property
    def max_concurrency(self) -> int:
        return self.bridge.max_concurrency

    @property
    def rate_limit_cooldown(self) -> float:
        return self.bridge.rate_limit_cooldown

    @property
    def request_timeout(self) -> float:
        return self.bridge.request_timeout

    @property
    def state_dir(self) -> Path | None:
        return self.bridge.state_dir

    @property
    def bridge_id(self) -> str:
        """This bridge's id (``[bridge] id``), else one derived from its gateways' addresses: the same at every
        restart, and another for a bridge of other gateways (two bridges on one broker never share topics)."""
        if self.bridge.id:
            return self.bridge.id
        urls = sorted(urlsplit(g.url)._replace(path="").geturl().lower() for g in self.gateways)
        return "pwkit-" + hashlib.sha256("\n".join(urls).encode()).hexdigest()[:8]

    @property
    def command_route(self) -> str:
        return self.commands.route

    @property
    def fleet_account(self) -> FleetConfig | None:
        """The Fleet API settings when the route is configured (a client id given), else None."""
        return self.fleet if self.fleet.client_id else None


# ------------------------------------------------------------------ flags and environment variables
SECTIONS: dict[str, type[Section]] = {
    "mqtt": MqttConfig,
    "bridge": BridgeSettings,
    "bridge.poll": PollConfig,
    "gateway": GatewayConfig,
    "commands": CommandsConfig,
    "fleet": FleetConfig,
}


@dataclass(frozen=True)
class Flag:
    """One setting as the command line and the environment give it."""

    section: str
    key: str
    flag: str
    help: str
    annotation: Any
    default: Any

    @property
    def dest(self) -> str:
        return f"{self.section.replace('.', '_')}__{self.key}"

    @property
    def env(self) -> str:
        return "PWKIT_" + self.flag.removeprefix("--").replace("-", "_").upper()

    @property
    def negative(self) -> bool:
        """A ``--no-…`` flag: given, it turns a default-on setting off."""
        return self.flag.startswith("--no-")

    @property
    def where(self) -> str:
        table = "[[gateway]]" if self.section == "gateway" else f"[{self.section}]"
        return f"{table} {self.key}"


def _flag_name(section: str, key: str, info: FieldInfo) -> str:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    explicit = extra.get("flag")
    if isinstance(explicit, str):
        return explicit
    stem = key.replace("_", "-")
    return {"mqtt": f"--mqtt-{stem}", "bridge.poll": f"--poll-{stem}", "fleet": f"--fleet-{stem}"}.get(
        section, f"--{stem}"
    )


def _flags() -> list[Flag]:
    out = []
    for section, model in SECTIONS.items():
        for key, info in model.model_fields.items():
            name = _flag_name(section, key, info)
            if name:
                out.append(Flag(section, key, name, info.description or "", info.annotation, info.get_default()))
    return out


FLAGS: list[Flag] = _flags()


def _apply_flags(data: dict[str, Any], flags: dict[str, Any]) -> None:
    """Flags and variables win over the file; for gateways they apply to every gateway."""
    gateway_flags: dict[str, Any] = {}
    for f in FLAGS:
        value = flags.get(f.dest)
        if value is None or value == ():
            continue
        if f.negative:
            value = not value
        if f.key == "allow_commands" and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]  # --allow-commands mode,reserve
        if f.section == "gateway":
            gateway_flags[f.key] = value
            continue
        node = data
        for part in f.section.split("."):
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                return  # the schema reports the section that is not a table
            node = child
        node[f.key] = value
    urls = gateway_flags.pop("url", None)
    if urls:
        if len(urls) > 1 and gateway_flags.get("name"):
            raise ConfigError("--name: names one gateway; give each its own [[gateway]] section instead")
        data["gateway"] = [{"url": url} for url in urls]
    sections = data.get("gateway")
    if not gateway_flags or not isinstance(sections, list):
        return
    for section in sections:
        if not isinstance(section, dict):
            continue
        for key, value in gateway_flags.items():
            # A password from the environment is a fallback: a section's own password file wins.
            if key in ("password", "password_file") and ("password" in section or "password_file" in section):
                continue
            section[key] = value


def _location(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] = BridgeConfig
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {(info.alias or name): info for name, info in model.model_fields.items()}
        info = fields.get(part)
        if info is None:
            return None
        annotation = info.annotation
        candidates = [annotation, *get_args(annotation)]
        found = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if found is None:
            return None
        model = found
    return model


def _hint(loc: tuple[int | str, ...]) -> str:
    section = ".".join(str(p) for p in loc[:-1] if isinstance(p, str))
    key = loc[-1] if loc else ""
    flag = next((f for f in FLAGS if f.section == section and f.key == key), None)
    return f" (file: {flag.where}; flag {flag.flag}; env {flag.env})" if flag else ""


TYPE_WORDS = {
    "bool_type": "true or false (unquoted)",
    "int_type": "a whole number (unquoted)",
    "float_type": "a number (unquoted)",
    "string_type": "a quoted string",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "list_type": "a list",
    "tuple_type": "a list",
    "path_type": "a path (a quoted string)",
}


def _message(error: Any) -> str:
    loc = tuple(error["loc"])
    # Union members add their type name to the location ("str", "float"): drop them.
    loc = tuple(p for p in loc if not (isinstance(p, str) and (p in ("str", "float", "int") or "[" in p)))
    where = _location(loc) or "gateway"
    kind, value = error["type"], error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = sorted((info.alias or name) for name, info in (model.model_fields.items() if model else ()))
        near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
        suggestion = f'; did you mean "{near[0]}"?' if near else f"; the settings here are {', '.join(known)}"
        return f"{where}: unknown setting{suggestion}"
    if kind == "missing":
        return f"{where}: missing; it is required{_hint(loc)}"
    if kind in TYPE_WORDS:
        return f"{where}: expected {TYPE_WORDS[kind]}, got {shown}{_hint(loc)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than", "finite_number"):
        return f"{where}: {error['msg'].lower()}, got {shown}{_hint(loc)}"
    if kind in ("literal_error", "enum"):
        return f"{where}: {error['msg'].lower()}, got {shown}{_hint(loc)}"
    message = str(error["msg"]).removeprefix("Value error, ")
    model = _model_at(loc)
    key, _, rest = message.partition(": ")
    if model is not None and key in model.model_fields and rest:
        # A check of the whole section that names one of its settings: name it in the location.
        return f"{_location((*loc, key))}: {rest}{_hint((*loc, key))}"
    return f"{where}: {message}{_hint(loc)}"


def _state_dir_writable(path: Path, explicit: bool) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path):
            pass
    except OSError as exc:
        how = "choose a writable one" if explicit else "set --state-dir / PWKIT_STATE_DIR to a writable one"
        raise ConfigError(f"bridge.state_dir: cannot write to {path} ({exc.strerror or exc}); {how}") from None


def validate(data: dict[str, Any]) -> BridgeConfig:
    """The configuration from a TOML-shaped dict, or :class:`ConfigError` with one line per mistake."""
    try:
        config = BridgeConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_message(e) for e in exc.errors()]) from None
    if not config.gateways:
        raise ConfigError("gateway: none configured; give --gateway https://ADDRESS or a [[gateway]] section")
    for index, gateway in enumerate(config.gateways):
        if not gateway.password:
            raise ConfigError(
                f"gateway[{index}].password: no password; set PWKIT_PASSWORD, password_file, or --password-file"
            )
    _state_dir_writable(config.state_dir or default_state_dir(), config.state_dir is not None)
    return config


def load(path: Path | None, flags: dict[str, Any] | None = None) -> BridgeConfig:
    """The configuration: the file (if any), then flags and ``PWKIT_…`` variables (by :attr:`Flag.dest`)."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_bytes().decode("utf-8"))
        except OSError as exc:
            raise ConfigError(f"--config: cannot read {path}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"--config: {path} is not UTF-8 text") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"--config: {path} is not valid TOML: {exc}") from None
    flags = flags or {}
    sections = data.get("gateway")
    listed = sections if isinstance(sections, list) else []  # anything else is the schema's to refuse
    own = [isinstance(g, dict) and ("password" in g or "password_file" in g) for g in listed]
    if flags.get("gateway__url"):
        own = []  # --gateway replaces the file's gateways
    _apply_flags(data, flags)
    config = validate(data)
    given = flags.get("gateway__password")
    for index, gateway in enumerate(config.gateways):
        if given and gateway.password == given and not (index < len(own) and own[index]):
            # A variable and a flag reach here alike: the variable is named when it holds this password.
            from_env = os.environ.get("PWKIT_PASSWORD") == given
            gateway._password_source = "PWKIT_PASSWORD" if from_env else "--password"
    return config


def describe(flag: Flag) -> str:
    """The help line of a flag: what it does, its variable, its file key and default."""
    default = flag.default
    if default is PydanticUndefined:
        default = None  # required: there is no default to show
    shown = "" if default in (None, "", (), {}) or flag.negative or default is False else f"; default {default}"
    return f"{flag.help} [env {flag.env}; file {flag.where}{shown}]"


def scalar_type(flag: Flag) -> Any:
    """The Python type a flag's text converts to (for the command line)."""
    annotation = flag.annotation
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    args = [a for a in get_args(annotation) if a is not type(None)]
    if args and get_origin(annotation) is not Literal and get_origin(annotation) is not tuple:
        annotation = args[0]
    return annotation


__all__ = [
    "FLAGS",
    "BridgeConfig",
    "BridgeSettings",
    "CommandsConfig",
    "ConfigError",
    "Flag",
    "FleetConfig",
    "GatewayConfig",
    "MqttConfig",
    "PollConfig",
    "describe",
    "load",
    "validate",
]
