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
- :mod:`.tedapi`      :class:`Tedapi`: TEDAPI, the gateway's second local API, over Wi-Fi basic, bearer or
                      v1r (:mod:`.tedapi_transport`); envelopes and answer checks (:mod:`.tedapi_wire`,
                      :mod:`.tedapi_schemas`); the v1r key (:mod:`.tedapi_keys`); pairing a key
                      (:mod:`.tedapi_pairing`)

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
    AccessPointUnreachable,
    AuthRefused,
    FollowerNotReachable,
    GatewayError,
    InstallerSessionEnded,
    KeyFileError,
    KeyPendingVerification,
    MalformedAnswer,
    MessageExpired,
    NotPermitted,
    NotServed,
    QueryRefused,
    QuerySigningKeysRotated,
    RateLimited,
    SchemaMismatch,
    SignedMessageRefused,
    SitemasterStopped,
    TedapiError,
    TedapiRateLimited,
    TedapiRefused,
    TedapiWrongPassword,
    TlsMismatch,
    ToggleRequired,
    UnexpectedAnswer,
    UnknownKey,
    Unreachable,
)
from .tedapi import AuthorizedKey, ConfigFile, Firmware, QueryAnswer, StoredFile, Tedapi
from .tedapi_keys import SigningKey, default_key_path, load_key, load_or_create_key
from .tedapi_transport import Bearer, TedapiOptions, V1r, WifiBasic
from .tls import TlsOptions
from .vitals import FlatVitals, decode_flat

__all__ = [
    "REAL",
    "AccessPointUnreachable",
    "AuthRefused",
    "AuthorizedKey",
    "Bearer",
    "Clock",
    "ConfigFile",
    "ConnectionOptions",
    "Credentials",
    "Firmware",
    "FlatVitals",
    "FollowerNotReachable",
    "Gateway",
    "GatewayError",
    "InstallerSessionEnded",
    "KeyFileError",
    "KeyPendingVerification",
    "MalformedAnswer",
    "ManualClock",
    "MessageExpired",
    "NotPermitted",
    "NotServed",
    "QueryAnswer",
    "QueryRefused",
    "QuerySigningKeysRotated",
    "RateLimited",
    "RealClock",
    "SchemaMismatch",
    "SignedMessageRefused",
    "SigningKey",
    "SitemasterStopped",
    "StoredFile",
    "Tedapi",
    "TedapiError",
    "TedapiOptions",
    "TedapiRateLimited",
    "TedapiRefused",
    "TedapiWrongPassword",
    "TlsMismatch",
    "TlsOptions",
    "ToggleRequired",
    "ToggleWindow",
    "UnexpectedAnswer",
    "UnknownKey",
    "Unreachable",
    "V1r",
    "WifiBasic",
    "decode_flat",
    "default_key_path",
    "load_key",
    "load_or_create_key",
]
