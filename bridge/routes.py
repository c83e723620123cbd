"""Which way each command goes: a paired key on the LAN, the gateway's REST API (as customer or installer),
or Tesla's Fleet API.

The routes, and which commands each carries:

- ``local-v1r`` (a key paired with ``pwkit pair``): mode, reserve, export and grid_charging as one change of
  ``config.json`` over the FileStore (reserve above 80 included); island over TEG island mode; backup_event
  over TEG's manual backup events;
- ``local-installer`` / ``local-customer`` (REST): mode and reserve (installer only), island (installer only
  since 25.2.0), sitemaster;
- ``fleet``: mode, reserve (not 81–99 since 25.18.4), export, grid_charging, storm_watch.

``commands.route``:

- ``auto``: local-v1r, then local REST where the login may write, then fleet; with none, an answer at once
  saying what would enable one (and the command that sets it up);
- ``local-v1r``, ``local`` (REST) or ``fleet``: only that route for every command it carries; sitemaster stays
  on REST and island goes locally whatever the setting (the cloud offers neither).

``storm_watch`` has no local representation: only Tesla's cloud sets it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pwkit.client.fleet import FleetSite

from .commands import Command, app_to_gateway_reserve, gateway_to_app_reserve

ROUTES = ("auto", "local-v1r", "local", "fleet")
V1R = "local-v1r"
# What each route carries (REST: as the login's role allows, see INSTALLER_ONLY and ISLAND_INSTALLER_SINCE).
V1R_COMMANDS = ("mode", "reserve", "export", "grid_charging", "island", "backup_event")
REST_COMMANDS = ("mode", "reserve", "island", "sitemaster")
FLEET_ONLY = ("storm_watch",)
FLEET_COMMANDS_NAMES = ("mode", "reserve", "export", "grid_charging", "storm_watch")
LOCAL_ONLY = ("island", "sitemaster", "backup_event")  # Tesla's cloud offers none of these
CLOUD_ONLY = FLEET_ONLY  # kept for callers: what only the cloud sets
NO_LOCAL = {"storm_watch": "storm_watch has no local representation: only Tesla's cloud sets it"}

# Local writes of mode and reserve over REST need the installer role on every firmware since at least 2019 (FACTS).
INSTALLER_ONLY = ("mode", "reserve")

FLEET_SETUP = (
    "configure Tesla's Fleet API: --fleet-client-id and PWKIT_FLEET_REFRESH_TOKEN "
    "(or --fleet-refresh-token-file); see README, 'Controlling your Powerwall'"
)
INSTALLER_SETUP = "log in as installer after the physical toggle: pwkit login --installer {url}"
PAIR_SETUP = "pair a key once: pwkit pair {url}"
# A Powerwall 2 takes a paired key from 26.x (confirmed on 26.26.4, pypowerwall #387; the first 26 release is
# inferred): before that, "pwkit pair" is advice that cannot work.
V1R_PW2_SINCE = (26, 0, 0)


def pair_setup(url: str, firmware: str | None, powerwall3: bool = False) -> str:
    """How to get the local-v1r route on this gateway, or why it cannot have one yet."""
    return v1r_too_early(firmware, powerwall3) or PAIR_SETUP.format(url=url)


def v1r_too_early(firmware: str | None, powerwall3: bool = False) -> str | None:
    """Why no key can be paired with this gateway yet (a Powerwall 2 before 26), or None. Short: a refusal is
    bounded, and the way that does work (an installer login) must still fit after it."""
    if not powerwall3 and firmware and not firmware_at_least(firmware, V1R_PW2_SINCE):
        return f"a Powerwall 2 takes a paired key from firmware 26 (this one runs {firmware.split(' ')[0]})"
    return None


# Since this firmware the gateway refuses going off-grid (POST /api/v2/islanding/mode) to a customer (FACTS).
ISLAND_INSTALLER_SINCE = (25, 2, 0)


def firmware_at_least(firmware: str | None, version: tuple[int, ...]) -> bool:
    """Whether ``firmware`` ("25.2.0 a1b2c3d4") is ``version`` or later; False when unknown or unreadable."""
    if not firmware:
        return False
    parts = []
    for part in firmware.split(" ")[0].split("."):
        digits = "".join(c for c in part if c.isdigit())
        if not digits:
            return False
        parts.append(int(digits))
    return tuple(parts) >= version


def plan(
    name: str,
    setting: str,
    role: str,
    fleet: bool,
    url: str,
    firmware: str | None = None,
    v1r: str | None = "no paired key",
    powerwall3: bool = False,
) -> tuple[list[str], str | None]:
    """The routes ``name`` may take, in the order to try them, and why others are not possible (None: all are).

    ``v1r`` is None when a paired key is at hand, else why not (it is named in refusals).
    """
    rest = f"local-{role}"
    candidates: list[str] = []
    missing: list[str] = []
    if name in V1R_COMMANDS:
        if v1r is None:
            candidates.append(V1R)
        else:
            missing.append(v1r_too_early(firmware, powerwall3) or f"{v1r} ({PAIR_SETUP.format(url=url)})")
    if name in REST_COMMANDS:
        if name in INSTALLER_ONLY and role != "installer" and setting != "local":
            # (Forced local: the gateway's own refusal is the answer, as it always was.)
            missing.append(
                f"the gateway refuses {name} changes to a customer login ({INSTALLER_SETUP.format(url=url)})"
            )
        elif name == "island" and role != "installer" and firmware_at_least(firmware, ISLAND_INSTALLER_SINCE):
            missing.append(
                f"since firmware 25.2.0 the gateway refuses going off-grid to a customer login over REST (this one "
                f"runs {firmware.split(' ')[0] if firmware else '?'}; {INSTALLER_SETUP.format(url=url)})"
            )
        else:
            candidates.append(rest)
    if name in FLEET_COMMANDS_NAMES:
        if fleet:
            candidates.append("fleet")
        else:
            missing.append(f"{name} over Tesla's cloud needs the Fleet API ({FLEET_SETUP})")
    if name in NO_LOCAL:
        missing.insert(0, NO_LOCAL[name])
    if name in LOCAL_ONLY and name != "sitemaster":
        missing.append("Tesla's cloud offers no such command")
    forced = {"local-v1r": (V1R,), "local": (rest,), "fleet": ("fleet",)}.get(setting)
    if forced is not None and name not in ("sitemaster", "island"):
        kept = [r for r in candidates if r in forced]
        if not kept and candidates:
            missing.insert(0, f"commands.route = {setting}, and {name} is not carried there")
        candidates = kept
    elif forced is not None and name == "island":
        candidates = [r for r in candidates if r in forced] or candidates
    why = "; ".join(missing) if missing else None
    return candidates, why


def choose(
    name: str,
    setting: str,
    role: str,
    fleet: bool,
    url: str,
    firmware: str | None = None,
    v1r: str | None = "no paired key",
    powerwall3: bool = False,
) -> tuple[str | None, str | None]:
    """(route, None) or (None, what is missing and how to set it up)."""
    found, why = plan(name, setting, role, fleet, url, firmware, v1r, powerwall3)
    if found:
        return found[0], None
    return None, why or "no route"


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


# Since 25.18.4 Tesla's cloud takes a backup reserve of at most 80, or 100 (evcc #22743, pypowerwall #200).
RESERVE_RULE_SINCE = (25, 18, 4)


def reserve_rule_refusal(command: Command, reserve_scale: str, firmware: str | None) -> str | None:
    """Why the cloud will refuse this reserve (81–99 on the app's scale, firmware 25.18.4 or later), or None."""
    if command.name != "reserve" or not firmware:
        return None
    version = tuple(int(p) for p in firmware.split()[0].split(".") if p.isdigit())
    if version < RESERVE_RULE_SINCE:
        return None
    app = _reserve(command, reserve_scale)["backup_reserve_percent"]
    if 80 < app < 100:
        return (
            f"Tesla's cloud refuses a backup reserve between 81 and 99 % (the app's scale; this is {app}) since "
            f"firmware 25.18.4 (this gateway runs {firmware.split()[0]}): choose at most 80, or 100. "
            "Not sent. Locally it works: a paired key (pwkit pair, route local-v1r) or an installer session "
            "(pwkit login --installer) writes it"
        )
    return None


async def execute_fleet(site: FleetSite, command: Command, reserve_scale: str) -> None:
    action, body = FLEET_COMMANDS[command.name]
    await site.command(action, body(command, reserve_scale))


def fleet_readings(info: dict[str, Any]) -> dict[str, Any]:
    """The settings behind the cloud-only commands (and mode and reserve) from ``site_info``."""
    components = info.get("components") if isinstance(info.get("components"), dict) else {}
    settings = info.get("user_settings") if isinstance(info.get("user_settings"), dict) else {}
    if not isinstance(components, dict) or not isinstance(settings, dict):  # for the type checker
        return {}
    out: dict[str, Any] = {}
    # Absent means allowed (pypowerwall's get_grid_charging).
    out["grid_charging"] = "off" if components.get("disallow_charge_from_grid_with_solar_installed") else "on"
    if components.get("non_export_configured"):
        out["export"] = "never"
    else:
        rule = components.get("customer_preferred_export_rule")
        out["export"] = rule if isinstance(rule, str) and rule else "battery_ok"
    if "storm_mode_enabled" in settings:
        out["storm_watch"] = "on" if settings["storm_mode_enabled"] else "off"
    if isinstance(info.get("default_real_mode"), str):
        out["mode"] = info["default_real_mode"]
    reserve = info.get("backup_reserve_percent")
    if isinstance(reserve, int | float) and not isinstance(reserve, bool):
        out["backup_reserve_percent_app"] = reserve
        out["backup_reserve_percent"] = app_to_gateway_reserve(reserve)
    return out
