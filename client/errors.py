"""The errors a gateway call can end in: a narrow tree a caller can act on, never a message to parse."""

from __future__ import annotations

from .clock import REAL, Clock


class GatewayError(Exception):
    """Something went wrong talking to one gateway (``gateway`` is its address)."""

    def __init__(self, gateway: str, message: str) -> None:
        super().__init__(f"{gateway}: {message}")
        self.gateway = gateway


class Unreachable(GatewayError):
    """No answer: refused, timed out, or the network is down. Retried only for reads."""


class TlsMismatch(GatewayError):
    """The gateway presented another certificate than the one pinned for it."""

    def __init__(self, gateway: str, expected: str, presented: str | None, how_to_repin: str) -> None:
        presented_text = presented or "a certificate that could not be read"
        super().__init__(
            gateway,
            f"TLS certificate changed: pinned {expected}, presented {presented_text}. Someone may be "
            f"impersonating the gateway. If you replaced the gateway or it renewed its certificate, "
            f"{how_to_repin}",
        )
        self.expected = expected
        self.presented = presented


class AuthRefused(GatewayError):
    """The login was refused (wrong password or e-mail), or a fresh session was refused too."""

    def __init__(self, gateway: str, message: str, retry_at: float | None = None) -> None:
        super().__init__(gateway, message)
        self.retry_at = retry_at


class ToggleRequired(AuthRefused):
    """The installer's password is right, but the gateway still waits for the physical toggle (since 1.50.1)."""


class NotPermitted(GatewayError):
    """403: this login lacks the right. Logging in again does not help; nothing is retried."""


class InstallerSessionEnded(NotPermitted):
    """The installer session the writes went out under was refused (401): it ended; it has been forgotten."""


class RateLimited(GatewayError):
    """429: the gateway refuses requests (often a login lockout). ``retry_at`` is a ``clock.monotonic()`` value."""

    def __init__(
        self, gateway: str, retry_at: float, detail: str = "", *, clock: Clock = REAL, period: float | None = None
    ) -> None:
        self.clock = clock
        wait = max(0.0, retry_at - clock.monotonic())
        # With ``period`` (the whole limit, said at each request it blocks) the text is the same until the limit
        # ends: a countdown in it would change the gateway's health at every poll while nothing changes.
        said = f"no requests for {period:.0f} s from its 429" if period is not None else f"no requests for {wait:.0f} s"
        super().__init__(gateway, f"rate-limited by the gateway{': ' + detail if detail else ''}; {said}")
        self.retry_at = retry_at

    @property
    def retry_after(self) -> float:
        return max(0.0, self.retry_at - self.clock.monotonic())


class SitemasterStopped(GatewayError):
    """502 with an empty body: the sitemaster is stopped, so there are no readings."""


class UnexpectedAnswer(GatewayError):
    """Any other answer the caller did not expect: ``status`` and the (secret-free) ``body``."""

    def __init__(self, gateway: str, status: int, body: str, what: str = "") -> None:
        shown = body if len(body) <= 300 else body[:299] + "…"
        super().__init__(gateway, f"{what + ': ' if what else ''}unexpected answer {status}: {shown}")
        self.status = status
        self.body = body


class NotServed(UnexpectedAnswer):
    """404: this firmware does not serve the endpoint (it was removed, or never existed)."""


# ------------------------------------------------------------------ TEDAPI
# The gateway's second local API (client/tedapi.py). Each error names what happened and what to do;
# none carries a secret (sticker password, private key, bearer token).


class TedapiError(GatewayError):
    """A TEDAPI call failed; the subclasses say how."""


class TedapiWrongPassword(AuthRefused):
    """The Wi-Fi path refused the sticker password (403/401): it is the FULL password on the QR sticker."""


class AccessPointUnreachable(Unreachable):
    """The Wi-Fi path (TEDAPI basic) did not answer: this machine is not on the gateway's own access point."""


class TedapiRateLimited(RateLimited):
    """429 or 503 from TEDAPI: no TEDAPI request to this gateway until ``retry_at`` (300 s, as pypowerwall)."""


class SignedMessageRefused(TedapiError):
    """A v1r message was refused with a ``signed_message_status.message_fault`` (``fault``, its ``fault_name``)."""

    def __init__(self, gateway: str, message: str, fault: int = 0, fault_name: str = "") -> None:
        super().__init__(gateway, message)
        self.fault = fault
        self.fault_name = fault_name


class UnknownKey(SignedMessageRefused):
    """UNKNOWN_KEY_ID: this key is not registered on the gateway (or was removed). Register it: ``pwkit pair``."""


class KeyPendingVerification(SignedMessageRefused):
    """The key is registered but not verified: the owner must switch the Powerwall off ~15 s, then on."""


class FollowerNotReachable(SignedMessageRefused):
    """TIMEOUT for a follower's DIN: v1r reaches only the leader; a follower only over the Wi-Fi path."""


class MessageExpired(SignedMessageRefused):
    """The gateway took the signed message as expired (TIME_EXPIRED): this machine's clock is off."""


class QueryRefused(TedapiError):
    """The gateway refused a signed query, or answered it with ``errors[]`` (``errors`` as sent)."""

    def __init__(self, gateway: str, message: str, errors: list[dict[str, object]] | None = None) -> None:
        super().__init__(gateway, message)
        self.errors = errors or []


class QuerySigningKeysRotated(QueryRefused):
    """Every signed query is refused: Tesla rotated the query signing keys with a firmware update."""


class MalformedAnswer(TedapiError):
    """An answer pwkit cannot read: truncated, garbled or oversized protobuf, gzip that isn't, odd DIN."""


class SchemaMismatch(MalformedAnswer):
    """A decoded answer's JSON does not match its schema in spec/tedapi/schemas/ (``path``: where)."""

    def __init__(self, gateway: str, message: str, path: str = "") -> None:
        super().__init__(gateway, message)
        self.path = path


class TedapiRefused(TedapiError):
    """The gateway answered a request with an error (``common.errorResponse``, a FileStore refusal, …)."""

    def __init__(self, gateway: str, message: str, code: int | None = None) -> None:
        super().__init__(gateway, message)
        self.code = code


class KeyFileError(ValueError):
    """The v1r private key file cannot be used (wrong mode, unreadable, not an RSA-4096 key); the fix is named."""
