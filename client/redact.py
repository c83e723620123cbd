"""Known secrets never leave the process: every text we publish or log is scrubbed of them, and bounded.

Passwords, session tokens and refresh tokens are registered as they become known (configuration, login).
An error text can echo any of them (a 4xx body that repeats the request, an exception that shows a URL),
so the check is on the text itself, wherever it came from, not on where it came from.
"""

from __future__ import annotations

import json
import logging
import threading

MASK = "***"
MAX_TEXT = 300  # characters of an error text we publish: enough to say what happened, never a whole page
MIN_SECRET = 4  # shorter strings would mask ordinary words

_secrets: set[str] = set()
_lock = threading.Lock()


def register(secret: str | None) -> None:
    """A secret to mask from now on (and its JSON-escaped form)."""
    if not isinstance(secret, str) or len(secret) < MIN_SECRET:
        return
    with _lock:
        _secrets.add(secret)
        escaped = json.dumps(secret)[1:-1]
        if escaped != secret:
            _secrets.add(escaped)


def scrub(text: str) -> str:
    """``text`` with every known secret masked."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def bounded(text: str, limit: int = MAX_TEXT) -> str:
    """A scrubbed text of at most ``limit`` characters (cut at the end, marked with …)."""
    text = scrub(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """A log handler's filter: each record's message is scrubbed of known secrets before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is logging's to report, not ours
            return True
        cleaned = scrub(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Scrub every handler of ``logger`` (default: the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
