"""The MQTT bridge (``pwkit bridge``): every reading of a gateway on MQTT, commands from MQTT.

It talks to gateways only through :mod:`pwkit.client`, and nothing below it
imports it. One concern per module:

- :mod:`.service`    the core: poll loops per gateway, routing of commands and events
- :mod:`.topics`     an answer → its leaf topics and payloads
- :mod:`.publisher`  what changed beyond its deadband, and the periodic refresh
- :mod:`.mqtt`       the broker link (paho): will, reconnects, MQTT 5 properties
- :mod:`.commands`   parsing, validating and executing commands
- :mod:`.discovery`  Home Assistant MQTT discovery
- :mod:`.config`     TOML, flags and ``PWKIT_…`` variables → one configuration

A reading travels ``client.Gateway → topics.leaves → publisher.changes → mqtt.publish``.
"""

import functools
from importlib.metadata import version


@functools.cache
def pwkit_version() -> str:
    """The installed pwkit's version, read once: importlib reads and parses the package's METADATA file on every
    call, and Home Assistant's discovery names it in every device's config (3.6 % of a 300-gateway start-up)."""
    return version("powerwall-kit")
