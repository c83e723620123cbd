"""TLS towards a gateway: trust on first use, a CA file, a fingerprint, or (warned) no verification; and SNI.

Pinning is enforced during the handshake, before any request (and so any
password or token) is sent: the pinned certificate is the only trust anchor
(``VERIFY_X509_PARTIAL_CHAIN``), so OpenSSL refuses any other. A separate
probe, which sends nothing, reads the presented certificate only to say in
the error what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import logging
import socket
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import TlsMismatch, Unreachable
from .store import StateFile

log = logging.getLogger("pwkit.gateway")

# The names the gateway's TLS server accepts as SNI.
GATEWAY_NAMES = frozenset({"teg", "powerwall", "powerpack"})


def fingerprint_of(der: bytes) -> str:
    return "sha256:" + hashlib.sha256(der).hexdigest()


def normalise_fingerprint(value: str) -> str:
    hexdigits = value.lower().removeprefix("sha256:").replace(":", "").strip()
    if len(hexdigits) != 64 or any(c not in "0123456789abcdef" for c in hexdigits):
        raise ValueError(f"not a SHA-256 fingerprint: {value!r} (expected sha256:<64 hex digits>)")
    return "sha256:" + hexdigits


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def sni_for(host: str, sni: str) -> str | None:
    """The SNI name to send: none for an IP literal, the host itself if the gateway knows it, else ``sni``."""
    if is_ip(host):
        return None
    return host if host in GATEWAY_NAMES else sni


def probe_certificate(host: str, port: int, server_name: str | None, timeout: float) -> bytes:
    """The DER certificate a server presents. Sends nothing after the handshake."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host.strip("[]"), port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=server_name) as tls,
        ):
            der = tls.getpeercert(binary_form=True)
    except OSError as exc:
        raise Unreachable(f"https://{host}:{port}", f"cannot reach the gateway: {exc}") from exc
    if der is None:
        raise Unreachable(f"https://{host}:{port}", "the gateway presented no certificate")
    return der


def _pinned_context(der: bytes) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # The gateway's names (teg, powerwall) rarely match the address used; the pin is stronger.
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    context.load_verify_locations(cadata=ssl.DER_cert_to_PEM_cert(der))
    return context


@dataclass(frozen=True)
class TlsOptions:
    """How to trust the gateway. Default: pin its certificate on first use."""

    ca: Path | None = None
    fingerprint: str | None = None
    insecure: bool = False
    sni: str = "powerwall"

    def __post_init__(self) -> None:
        if sum((self.ca is not None, self.fingerprint is not None, self.insecure)) > 1:
            raise ValueError("choose one of --ca, --fingerprint and --insecure")
        if self.fingerprint is not None:
            object.__setattr__(self, "fingerprint", normalise_fingerprint(self.fingerprint))


class TlsTrust:
    """Builds the SSL context for one gateway, pinning on first use in a 0600 state file."""

    def __init__(
        self, gateway: str, host: str, port: int, options: TlsOptions, pins: StateFile, timeout: float
    ) -> None:
        self.gateway, self.host, self.port = gateway, host, port
        self.options, self.pins, self.timeout = options, pins, timeout
        self.server_name = sni_for(host, options.sni)
        self.fingerprint: str | None = None
        # A pin made while the pins file could not be written: kept (and trusted) for this run only.
        self._unsaved_pin: dict[str, Any] | None = None
        self.unsaved: str | None = None  # why the pin is not on disk, or None

    @property
    def key(self) -> str:
        return f"{self.host}:{self.port}"

    def context(self) -> ssl.SSLContext:
        o = self.options
        if o.insecure:
            log.warning(
                "%s: TLS verification is off (--insecure): anyone on the network can impersonate the "
                "gateway and read the password. Prefer the default (pin on first use), --ca or --fingerprint.",
                self.gateway,
            )
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        if o.ca is not None:
            # Each gateway has a CA of its own: a chain to it identifies the gateway.
            context = ssl.create_default_context(cafile=str(o.ca))
            context.check_hostname = False
            return context
        if o.fingerprint is not None:
            der = self._presented()
            if fingerprint_of(der) != o.fingerprint:
                raise TlsMismatch(self.gateway, o.fingerprint, fingerprint_of(der), "check --fingerprint.")
            self.fingerprint = o.fingerprint
            return _pinned_context(der)
        pinned = self.pins.get(self.key) or self._unsaved_pin
        if pinned is None:
            der = self._presented()
            self.fingerprint = fingerprint_of(der)
            pin = {"fingerprint": self.fingerprint, "pem": ssl.DER_cert_to_PEM_cert(der), "pinned_at": _now()}
            self.unsaved = self.pins.try_update({self.key: pin})
            if self.unsaved is not None:
                # Never pinned again on every connection (each a trust-on-first-use): kept for this run.
                self._unsaved_pin = pin
                log.warning(
                    "%s: first connection; pinned its certificate %s for this run only: %s",
                    self.gateway,
                    self.fingerprint,
                    self.unsaved,
                )
                return _pinned_context(der)
            log.info(
                "%s: first connection; pinned its certificate %s in %s", self.gateway, self.fingerprint, self.pins.path
            )
            return _pinned_context(der)
        self.fingerprint = str(pinned["fingerprint"])
        return _pinned_context(ssl.PEM_cert_to_DER_cert(pinned["pem"]))

    def _presented(self) -> bytes:
        return probe_certificate(self.host, self.port, self.server_name, self.timeout)

    def mismatch(self) -> TlsMismatch:
        """Explain a failed handshake against a pin: what is presented now."""
        try:
            presented: str | None = fingerprint_of(self._presented())
        except Unreachable:
            presented = None
        if self.options.fingerprint is not None:
            how = "check --fingerprint."
        else:
            how = f"re-pin with `pwkit pin {self.gateway} --reset` (or delete its entry in {self.pins.path})."
        return TlsMismatch(self.gateway, self.fingerprint or "(none)", presented, how)

    def repinned(self) -> bool:
        """Whether the pins file changed since this trust was built (`pwkit pin URL --reset`, or an entry deleted)."""
        o = self.options
        if o.insecure or o.ca is not None or o.fingerprint is not None or self.fingerprint is None:
            return False
        pinned = self.pins.get(self.key) or self._unsaved_pin
        return not isinstance(pinned, dict) or pinned.get("fingerprint") != self.fingerprint

    def reset_pin(self) -> None:
        self.pins.put(self.key, None)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
