"""The gateway side of powerwall-kit: the connection layer, vitals decoding, recording and the command line.

Reading the state of charge::

    from powerwall_client.api.system import get_system_status_soe
    from pwkit.bridge import Gateway

    with Gateway("https://192.168.1.50", password="…", email="you@example.com") as gateway:
        print(get_system_status_soe.sync(client=gateway.client).percentage)
"""

from .connection import ConnectionOptions, Credentials, Gateway
from .errors import (
    AuthRefused,
    GatewayError,
    NotPermitted,
    NotServed,
    RateLimited,
    SitemasterStopped,
    TlsMismatch,
    UnexpectedAnswer,
    Unreachable,
)
from .tls import TlsOptions
from .vitals import FlatVitals, decode_flat

__all__ = [
    "AuthRefused",
    "ConnectionOptions",
    "Credentials",
    "FlatVitals",
    "Gateway",
    "GatewayError",
    "NotPermitted",
    "NotServed",
    "RateLimited",
    "SitemasterStopped",
    "TlsMismatch",
    "TlsOptions",
    "UnexpectedAnswer",
    "Unreachable",
    "decode_flat",
]
