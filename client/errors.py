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

    def __init__(self, gateway: str, retry_at: float, detail: str = "", *, clock: Clock = REAL) -> None:
        self.clock = clock
        wait = max(0.0, retry_at - clock.monotonic())
        super().__init__(
            gateway,
            f"rate-limited by the gateway{': ' + detail if detail else ''}; no requests for {wait:.0f} s",
        )
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
