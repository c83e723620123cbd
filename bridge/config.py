"""The bridge's configuration: a TOML file, overridden by flags and ``PWKIT_…`` environment variables.

Every mistake is reported at start, naming the setting (``gateway[1].allow_commands``).
Secrets come from the environment or a file; they are never shown.
"""

from __future__ import annotations

import os
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pwkit.client.store import SecretFileError, read_secret_file
from pwkit.client.tls import TlsOptions

from .commands import COMMANDS


class ConfigError(ValueError):
    """A setting is wrong; the message names it and says what is expected."""


@dataclass
class MqttConfig:
    host: str = "localhost"
    port: int = 1883
    tls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca: Path | None = None
    certfile: Path | None = None
    keyfile: Path | None = None
    tls_insecure: bool = False
    client_id: str = ""
    keepalive: int = 30
    # "5" (falls back to 3.1.1 when the broker refuses 5) or "3.1.1".
    protocol: str = "5"
    prefix: str = "pwkit"
    discovery_prefix: str = "homeassistant"
    discovery: bool = True

    def __post_init__(self) -> None:
        if not self.client_id:
            # Unique by default: two bridges with one fixed id knock each other off in a loop.
            self.client_id = f"pwkit-{uuid.uuid4().hex[:12]}"

    @property
    def display(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://{self.host}:{self.port}"


@dataclass
class GatewayConfig:
    url: str
    password: str = field(default="", repr=False)
    email: str = ""
    username: str = "customer"
    name: str | None = None
    allow_commands: tuple[str, ...] = ()
    allow_island: bool = False
    allow_sitemaster_stop: bool = False
    tls: TlsOptions = field(default_factory=TlsOptions)


@dataclass
class BridgeConfig:
    mqtt: MqttConfig = field(default_factory=MqttConfig)
    gateways: list[GatewayConfig] = field(default_factory=list)
    poll: dict[str, float] = field(default_factory=dict)
    refresh_interval: float = 300.0
    command_interval: float = 2.0
    reserve_scale: str = "gateway"
    deadbands: dict[str, float | str] = field(default_factory=dict)
    max_concurrency: int = 3
    # How long to leave a gateway alone after a 429 without Retry-After (lockouts last 10–30 min).
    rate_limit_cooldown: float = 600.0
    request_timeout: float = 10.0
    state_dir: Path | None = None


def parse_mqtt_url(url: str, into: MqttConfig) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
        raise ConfigError(f"mqtt url: {url!r} is not mqtt://[user:pass@]host[:port] or mqtts://…")
    into.tls = parts.scheme == "mqtts"
    into.host = parts.hostname
    into.port = parts.port or (8883 if into.tls else 1883)
    if parts.username:
        into.username = unquote(parts.username)
    if parts.password:
        into.password = unquote(parts.password)


def _secret(section: dict[str, Any], where: str, key: str = "password") -> str | None:
    if key in section:
        return str(section[key])
    file = section.get(f"{key}_file")
    if not file:
        return None
    try:
        return read_secret_file(file, f"{where}.{key}_file")
    except SecretFileError as exc:
        raise ConfigError(str(exc)) from exc


def _commands(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.allow_commands: expected a list of command names")
    unknown = [v for v in value if v not in COMMANDS]
    if unknown:
        raise ConfigError(
            f"{where}.allow_commands: unknown command {unknown[0]!r} (the commands are {', '.join(COMMANDS)})"
        )
    return tuple(dict.fromkeys(value))


def gateway_from(section: dict[str, Any], where: str, defaults: dict[str, Any]) -> GatewayConfig:
    merged = {**defaults, **{k: v for k, v in section.items() if v is not None}}
    url = merged.get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        raise ConfigError(f"{where}.url: expected https://ADDRESS[:PORT], got {url!r}")
    password = _secret(merged, where) or os.environ.get("PWKIT_PASSWORD")
    if not password:
        raise ConfigError(f"{where}.password: no password; set PWKIT_PASSWORD, password_file, or --password-file")
    try:
        tls = TlsOptions(
            ca=Path(merged["ca"]) if merged.get("ca") else None,
            fingerprint=merged.get("fingerprint") or None,
            insecure=bool(merged.get("insecure", False)),
            sni=str(merged.get("sni") or "powerwall"),
        )
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    if tls.ca is not None and not tls.ca.is_file():
        raise ConfigError(f"{where}.ca: no such file {tls.ca}")
    return GatewayConfig(
        url=url,
        password=password,
        email=str(merged.get("email") or ""),
        username=str(merged.get("username") or "customer"),
        name=merged.get("name") or None,
        allow_commands=_commands(merged.get("allow_commands", []), where),
        allow_island=bool(merged.get("allow_island", False)),
        allow_sitemaster_stop=bool(merged.get("allow_sitemaster_stop", False)),
        tls=tls,
    )


def load(path: Path | None, overrides: dict[str, Any]) -> BridgeConfig:
    """The configuration: the file (if any), then ``overrides`` from flags and environment."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text())
        except OSError as exc:
            raise ConfigError(f"--config: cannot read {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"--config: {path} is not valid TOML: {exc}") from exc
    config = BridgeConfig()
    mqtt_section = dict(data.get("mqtt", {}))
    if overrides.get("mqtt"):
        mqtt_section["url"] = overrides["mqtt"]
    if "url" in mqtt_section:
        parse_mqtt_url(str(mqtt_section.pop("url")), config.mqtt)
    if "password" in mqtt_section or "password_file" in mqtt_section:
        config.mqtt.password = _secret(mqtt_section, "mqtt")
    for key in ("username", "client_id", "prefix", "discovery_prefix", "protocol"):
        if key in mqtt_section:
            setattr(config.mqtt, key, str(mqtt_section[key]))
    if overrides.get("mqtt_protocol"):
        config.mqtt.protocol = overrides["mqtt_protocol"]
    if config.mqtt.protocol not in ("5", "3.1.1"):
        raise ConfigError(f'mqtt.protocol: expected "5" or "3.1.1", got {config.mqtt.protocol!r}')
    for key in ("ca", "certfile", "keyfile"):
        value = overrides.get(f"mqtt_{key}") or mqtt_section.get(key)
        if value:
            if not Path(value).is_file():
                raise ConfigError(f"mqtt.{key}: no such file {value}")
            setattr(config.mqtt, key, Path(value))
            config.mqtt.tls = True
    config.mqtt.tls_insecure = bool(overrides.get("mqtt_insecure") or mqtt_section.get("tls_insecure", False))
    if "discovery" in mqtt_section:
        config.mqtt.discovery = bool(mqtt_section["discovery"])
    if overrides.get("prefix"):
        config.mqtt.prefix = overrides["prefix"]
    if overrides.get("discovery_prefix"):
        config.mqtt.discovery_prefix = overrides["discovery_prefix"]
    if overrides.get("no_discovery"):
        config.mqtt.discovery = False
    for key in ("prefix", "discovery_prefix"):
        value = getattr(config.mqtt, key)
        if not value or any(c in value for c in "+#") or value.startswith("/") or value.endswith("/"):
            raise ConfigError(f"mqtt.{key}: {value!r} is not a topic prefix (no +, #, or leading/trailing /)")

    bridge = dict(data.get("bridge", {}))
    for key in ("refresh_interval", "command_interval", "rate_limit_cooldown", "request_timeout"):
        value = overrides.get(key) if overrides.get(key) is not None else bridge.get(key)
        if value is not None:
            if not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"bridge.{key}: expected seconds (a number ≥ 0), got {value!r}")
            setattr(config, key, float(value))
    scale = overrides.get("reserve_scale") or bridge.get("reserve_scale", "gateway")
    if scale not in ("gateway", "app"):
        raise ConfigError(f'bridge.reserve_scale: expected "gateway" or "app", got {scale!r}')
    config.reserve_scale = scale
    poll = dict(bridge.get("poll", {}))
    for group, seconds in poll.items():
        if group not in ("fast", "normal", "slow") or not isinstance(seconds, int | float) or seconds <= 0:
            raise ConfigError(f"bridge.poll.{group}: expected fast, normal or slow = seconds > 0, got {seconds!r}")
    config.poll = {k: float(v) for k, v in poll.items()}
    config.deadbands = dict(bridge.get("deadbands", {}))
    if overrides.get("state_dir"):
        config.state_dir = Path(overrides["state_dir"])
    elif bridge.get("state_dir"):
        config.state_dir = Path(bridge["state_dir"])

    flag_gateway = {
        key: overrides.get(key)
        for key in (
            "email",
            "username",
            "ca",
            "fingerprint",
            "insecure",
            "sni",
            "name",
            "allow_commands",
            "password",
            "password_file",
        )
        if overrides.get(key) not in (None, (), "", False)
    }
    if overrides.get("allow_island"):
        flag_gateway["allow_island"] = True
    if overrides.get("allow_sitemaster_stop"):
        flag_gateway["allow_sitemaster_stop"] = True
    urls = overrides.get("gateways") or ()
    if urls:
        if len(urls) > 1 and flag_gateway.get("name"):
            raise ConfigError("--name: names one gateway; give each its own [[gateway]] section instead")
        sections = [{"url": url} for url in urls]
    else:
        sections = list(data.get("gateway", []))
    if not sections:
        raise ConfigError("gateway: none configured; give --gateway https://ADDRESS or a [[gateway]] section")
    config.gateways = [gateway_from(s, f"gateway[{i}]", flag_gateway) for i, s in enumerate(sections)]
    names = [g.name for g in config.gateways if g.name]
    if len(names) != len(set(names)):
        raise ConfigError("gateway[].name: two gateways share a name")
    return config
