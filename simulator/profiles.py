"""Firmware profiles: what differs between gateway versions, as data.

Only 21.39.1 has a complete recording; the other profiles replay it with the
documented differences applied (see FACTS, "Firmware drift"). Operations the
spec marks ``x-pwkit-removed-in`` disappear (``404``) on their own.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return version_tuple(self.version)


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split()[0].split(".") if part.isdigit())


PROFILES: dict[str, FirmwareProfile] = {
    p.version: p
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
    )
}
DEFAULT_FIRMWARE = "21.39.1"
