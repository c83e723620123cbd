"""Firmware profiles: what differs between gateway versions, as data.

Only 21.39.1 has a complete recording; the other profiles replay it with the
documented differences applied (see FACTS, "Firmware drift"). Operations the
spec marks ``x-pwkit-removed-in`` disappear (``404``) on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class FirmwareProfile:
    version: str
    git_hash: str
    recordings: str = "21.39.1"
    # GET /api/operation names the mode `real_mode` since about 1.21 (20.49.0 included: a public
    # client reads real_mode there); POST /api/operation then wants `real_mode` too.
    mode_field: str = "real_mode"
    # A customer may post /api/v2/islanding/mode until 25.2.0. POST /api/operation is refused to
    # customers on every profile (gateway.py), so it is no profile setting.
    customer_can_island: bool = True
    # GET /api/config/completed: the 21.39.1 recording is a 200 with the gateway status; the seed
    # documents 202 (no body), which the other profiles answer.
    config_completed_body: bool = False
    # 21.44: meters/aggregates gains last_phase_energy_communication_time; site_info loses measured_frequency.
    phase_energy_time: bool = False
    measured_frequency: bool = True
    # The name `--firmware` takes (the version for the REST-only profiles of before TEDAPI).
    name: str = ""
    # TEDAPI (simulator/tedapi.py): None = this profile has none. Otherwise which transports
    # ("basic", "bearer", "v1r") each listener offers: the LAN address and the access point.
    tedapi: TedapiProfile | None = None

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.version)

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return version_tuple(self.version)


@dataclass(frozen=True)
class TedapiProfile:
    """What a gateway of this firmware offers over TEDAPI, and its hardware. Evidence in ``evidence``."""

    hardware: str  # "pw2" (Powerwall 2/+ behind a Backup Gateway 2) or "pw3" (a Powerwall 3 leader)
    lan: frozenset[str]  # transports answered on the LAN address
    access_point: frozenset[str]  # transports answered on the gateway's own Wi-Fi (192.168.91.1)
    gzip: bool  # answers on the access point are gzip (firmware 25.42.2 and later)
    restricted_rest: bool = False  # REST: only aggregates, soe and grid_status; every other path 404
    expansions: int = 0  # DC expansion packs beside the leader
    followers: int = 0  # more Powerwall 3 units, reachable only over Wi-Fi
    evidence: str = ""


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split()[0].split(".") if part.isdigit())


PW2_24 = TedapiProfile(
    "pw2",
    lan=frozenset({"basic"}),
    access_point=frozenset({"basic"}),
    gzip=False,
    evidence="FACTS 'Three ways in': before 25.10 the Wi-Fi basic path was also routed from the LAN "
    "(pypowerwall's README: `route add -host 192.168.91.1 <Powerwall_IP>`)",
)
PW2_25 = TedapiProfile(
    "pw2",
    lan=frozenset(),
    access_point=frozenset({"basic"}),
    gzip=True,
    evidence="FACTS: since 25.10 basic only through the access point (PD #606, pypowerwall #165); "
    "gzip answers since 25.42.2 (pypowerwall decompress_response)",
)
PW2_26 = TedapiProfile(
    "pw2",
    lan=frozenset({"v1r"}),
    access_point=frozenset({"basic"}),
    gzip=True,
    evidence="FACTS: v1r confirmed on PW2/Gateway 2 on 26.26.4 (pypowerwall #387)",
)
PW3_26 = TedapiProfile(
    "pw3",
    lan=frozenset({"v1r", "bearer"}),
    access_point=frozenset({"basic", "v1r"}),
    gzip=True,
    restricted_rest=True,
    expansions=2,
    evidence="FACTS 'Who has what': PW3 REST answers only aggregates, soe, grid_status (HA PR #169137, "
    "evcc #31849); v1r on the LAN; bearer+AuthEnvelope reported mixed for PW3 (offered here, inferred); "
    "v1r over the access point from pypowerwall's wifi_v1r_fallback; 2 DC expansions: battery_expansions[]",
)

PROFILES: dict[str, FirmwareProfile] = {
    p.name: p
    for p in (
        FirmwareProfile("20.49.0", "f6e5a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6"),
        FirmwareProfile("21.39.1", "7759c368f4e96326389d76703a8a2ae27f091c45", config_completed_body=True),
        FirmwareProfile(
            "21.44.1", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", phase_energy_time=True, measured_frequency=False
        ),
        FirmwareProfile(
            "23.44.0",
            "b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1",
            phase_energy_time=True,
            measured_frequency=False,
        ),
        FirmwareProfile(
            "25.2.0",
            "c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2",
            phase_energy_time=True,
            measured_frequency=False,
            customer_can_island=False,
        ),
        FirmwareProfile(
            "24.36.2",
            "d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3",
            phase_energy_time=True,
            measured_frequency=False,
            name="pw2-24.x",
            tedapi=PW2_24,
        ),
        FirmwareProfile(
            "25.42.2",
            "e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
            phase_energy_time=True,
            measured_frequency=False,
            customer_can_island=False,
            name="pw2-25.x",
            tedapi=PW2_25,
        ),
        FirmwareProfile(
            "26.26.4",
            "f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5",
            phase_energy_time=True,
            measured_frequency=False,
            customer_can_island=False,
            name="pw2-26.x",
            tedapi=PW2_26,
        ),
        FirmwareProfile(
            "26.18.1",
            "a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6",
            phase_energy_time=True,
            measured_frequency=False,
            customer_can_island=False,
            name="pw3-26.x",
            tedapi=PW3_26,
        ),
        FirmwareProfile(
            "26.18.1",
            "a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6",
            phase_energy_time=True,
            measured_frequency=False,
            customer_can_island=False,
            name="pw3-26.x-follower",
            tedapi=replace(PW3_26, followers=1),
        ),
    )
}
# The REST-only profiles, named by their version (the acceptance tests of the REST clients run on these).
REST_PROFILES = [name for name, p in PROFILES.items() if p.tedapi is None]
DEFAULT_FIRMWARE = "21.39.1"
