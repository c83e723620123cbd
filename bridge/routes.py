"""Which way each command goes: the gateway (as customer or installer) or Tesla's Fleet API.

``commands.route``:

- ``auto``: the gateway when the login's role may write there, else the
  Fleet API where it is configured, else an answer at once saying what is
  missing and the command that sets it up;
- ``local``: always the gateway (a customer login then gets the gateway's
  refusal, reported as such);
- ``fleet``: the Fleet API for every command it offers.

``island`` and ``sitemaster`` always stay local: the cloud offers neither.
``grid_charging``, ``export`` and ``storm_watch`` exist only in the cloud.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pwkit.client.fleet import FleetSite

from .commands import Command, app_to_gateway_reserve, gateway_to_app_reserve

ROUTES = ("auto", "local", "fleet")
LOCAL_ONLY = ("island", "sitemaster")
CLOUD_ONLY = ("grid_charging", "export", "storm_watch")

# Local writes of mode and reserve need the installer role on every firmware since at least 2019 (FACTS).
INSTALLER_ONLY = ("mode", "reserve")

FLEET_SETUP = (
    "configure Tesla's Fleet API: --fleet-client-id and PWKIT_FLEET_REFRESH_TOKEN "
    "(or --fleet-refresh-token-file); see README, 'Controlling your Powerwall'"
)
INSTALLER_SETUP = "log in as installer after the physical toggle: pwkit login --installer {url}"


def choose(name: str, setting: str, role: str, fleet: bool, url: str) -> tuple[str | None, str | None]:
    """(route, None) or (None, what is missing and how to set it up)."""
    local = f"local-{role}"
    if name in LOCAL_ONLY:
        return local, None
    if name in CLOUD_ONLY:
        if setting == "local":
            return None, f"{name} is offered only by Tesla's cloud, but commands.route = local"
        if not fleet:
            return None, f"{name} is offered only by Tesla's cloud: {FLEET_SETUP}"
        return "fleet", None
    if setting == "local":
        return local, None
    if setting == "fleet":
        return ("fleet", None) if fleet else (None, f"commands.route = fleet, but {FLEET_SETUP}")
    if role == "installer" or name not in INSTALLER_ONLY:
        return local, None
    if fleet:
        return "fleet", None
    return None, (
        f"the gateway refuses {name} changes to a customer login; either "
        f"{INSTALLER_SETUP.format(url=url)}, or {FLEET_SETUP}"
    )


def _reserve(command: Command, scale: str) -> dict[str, Any]:
    # The Fleet API takes the app's scale (pypowerwall's cloud mode: gateway = (cloud + 5/0.95) × 0.95).
    value = float(command.value)
    app = value if scale == "app" else gateway_to_app_reserve(value)
    return {"backup_reserve_percent": round(app)}


FLEET_COMMANDS: dict[str, tuple[str, Callable[[Command, str], dict[str, Any]]]] = {
    "mode": ("operation", lambda c, _: {"default_real_mode": c.value}),
    "reserve": ("backup", _reserve),
    "grid_charging": (
        "grid_import_export",
        lambda c, _: {"disallow_charge_from_grid_with_solar_installed": c.value == "off"},
    ),
    "export": ("grid_import_export", lambda c, _: {"customer_preferred_export_rule": c.value}),
    "storm_watch": ("storm_mode", lambda c, _: {"enabled": c.value == "on"}),
}


async def execute_fleet(site: FleetSite, command: Command, reserve_scale: str) -> None:
    action, body = FLEET_COMMANDS[command.name]
    await site.command(action, body(command, reserve_scale))


def fleet_readings(info: dict[str, Any]) -> dict[str, Any]:
    """The settings behind the cloud-only commands (and mode and reserve) from ``site_info``."""
    components = info.get("components") if isinstance(info.get("components"), dict) else {}
    settings = info.get("user_settings") if isinstance(info.get("user_settings"), dict) else {}
    assert isinstance(components, dict) and isinstance(settings, dict)
    out: dict[str, Any] = {}
    # Absent means allowed (pypowerwall's get_grid_charging).
    out["grid_charging"] = "off" if components.get("disallow_charge_from_grid_with_solar_installed") else "on"
    if components.get("non_export_configured"):
        out["export"] = "never"
    else:
        out["export"] = components.get("customer_preferred_export_rule") or "battery_ok"
    if "storm_mode_enabled" in settings:
        out["storm_watch"] = "on" if settings["storm_mode_enabled"] else "off"
    if info.get("default_real_mode") is not None:
        out["mode"] = info["default_real_mode"]
    reserve = info.get("backup_reserve_percent")
    if isinstance(reserve, int | float) and not isinstance(reserve, bool):
        out["backup_reserve_percent_app"] = reserve
        out["backup_reserve_percent"] = app_to_gateway_reserve(reserve)
    return out
