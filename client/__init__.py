"""The gateway client runtime: the manners of talking to a Tesla gateway, for every tool and user script.

- :mod:`.connection`  :class:`Gateway`: one login shared by all callers, backoff, bounded concurrency,
                      the generated typed client and a raw JSON layer under one policy; the
                      installer session through the physical toggle (``start_toggle``,
                      ``login_installer``, ``end_installer_session``) that carries the writes
- :mod:`.tls`         trust: pin on first use, CA or fingerprint; SNI for names the gateway refuses
- :mod:`.errors`      the error tree a caller acts on
- :mod:`.clock`       the one clock every timer reads (real; simulated in tests and benches)
- :mod:`.vitals`      ``/api/devices/vitals`` protobuf → the flat per-device map
- :mod:`.store`       0600 state files (pins, sessions) and secret files

It imports only the generated code (``powerwall_client``); the bridge, the
recorder and the command line import it, never the other way round.

Reading the state of charge::

    from powerwall_client.api.system import get_system_status_soe
    from pwkit.client import Gateway

    with Gateway("https://192.168.1.50", password="…", email="you@example.com") as gateway:
        print(get_system_status_soe.sync(client=gateway.client).percentage)
"""

from .clock import REAL, Clock, ManualClock, RealClock
from .connection import ConnectionOptions, Credentials, Gateway, ToggleWindow
from .errors import (
    AuthRefused,
    GatewayError,
    InstallerSessionEnded,
    NotPermitted,
    NotServed,
    RateLimited,
    SitemasterStopped,
    TlsMismatch,
    ToggleRequired,
    UnexpectedAnswer,
    Unreachable,
)
from .tls import TlsOptions
from .vitals import FlatVitals, decode_flat

__all__ = [
    "REAL",
    "AuthRefused",
    "Clock",
    "ConnectionOptions",
    "Credentials",
    "FlatVitals",
    "Gateway",
    "GatewayError",
    "InstallerSessionEnded",
    "ManualClock",
    "NotPermitted",
    "NotServed",
    "RateLimited",
    "RealClock",
    "SitemasterStopped",
    "TlsMismatch",
    "TlsOptions",
    "ToggleRequired",
    "ToggleWindow",
    "UnexpectedAnswer",
    "Unreachable",
    "decode_flat",
]
