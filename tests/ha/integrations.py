"""Prints the PyPI requirements of the integrations `make test-ha`'s Home Assistant sets up.

Runs inside the root with Home Assistant's own Python: the always-loaded integrations (from its
bootstrap), the ones the tests configure, the ones onboarding adds (the tests delete them after),
and their dependencies, read from each integration's manifest.
"""

import json
import pathlib

import homeassistant
from homeassistant import bootstrap

components = pathlib.Path(homeassistant.__file__).parent / "components"
wanted = {
    *bootstrap.CORE_INTEGRATIONS,
    *bootstrap.LOGGING_AND_HTTP_DEPS_INTEGRATIONS,
    *bootstrap.FRONTEND_INTEGRATIONS,
    *bootstrap.DEFAULT_INTEGRATIONS,
    "recorder",
    # configured by tests/ha/homeassistant.py
    "mqtt",
    "energy",
    "history",
    "logbook",
    # added by onboarding
    "met",
    "radio_browser",
    "shopping_list",
    "google_translate",
}
seen: set[str] = set()
requirements: set[str] = set()
while wanted:
    domain = wanted.pop()
    if domain in seen:
        continue
    seen.add(domain)
    manifest = components / domain / "manifest.json"
    if not manifest.exists():
        continue
    data = json.loads(manifest.read_text())
    requirements.update(data.get("requirements", []))
    wanted.update(data.get("dependencies", []))
print("\n".join(sorted(requirements)))
