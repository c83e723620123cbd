"""The ``pwkit`` command line: one entry point, one module per command group.

The command line is the top of the house: it is the only code that composes
rooms (the demo runs the simulator, a broker and the bridge together), so it
lives apart from all of them and imports flow from here downwards:

    cli → bridge, codegen (recorder, verify), simulator → client → generated

- :mod:`.spec`      ``pwkit codegen``
- :mod:`.drift`     ``pwkit record``, ``pwkit verify``, ``pwkit import-samples``
- :mod:`.simulate`  ``pwkit simulate``
- :mod:`.gateway`   ``pwkit pin`` and the options shared by commands that talk to a gateway
- :mod:`.bridge`    ``pwkit bridge``, ``pwkit demo`` (whose composition is :mod:`.demo`)
- :mod:`.publish`   ``pwkit publish``: one MQTT message (a command), and the bridge's answer
- :mod:`.pair`      ``pwkit pair``: register a v1r key for TEDAPI, through the owner's power switch
"""

from __future__ import annotations

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="powerwall-kit", prog_name="pwkit")
def main() -> None:
    """Toolkit for the Tesla Powerwall 2 local gateway API.

    \b
    The firmware-drift workflow, when Tesla ships new firmware:
      pwkit record --out DIR record every reading of your gateway (masked)
      pwkit verify DIR       check recorded answers against spec/openapi.yaml
      (edit spec/openapi.yaml where the gateway changed)
      pwkit codegen          regenerate the typed client in generated/

    \b
    Commands to the battery: mode and reserve need the installer session
    (pwkit login --installer URL, through the physical toggle) or Tesla's
    Fleet API (pwkit bridge --fleet-client-id …); see README.
    """


def _register() -> None:
    # Each command group lives in its own module; the root only gathers them.
    from . import bridge, drift, gateway, pair, publish, simulate, spec

    for command in (
        spec.codegen,
        drift.verify,
        drift.import_samples,
        drift.record,
        simulate.simulate,
        gateway.pin,
        gateway.login,
        pair.pair,
        bridge.bridge_command,
        bridge.demo,
        publish.publish,
    ):
        main.add_command(command)


_register()
