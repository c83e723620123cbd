"""A living site: solar, load, battery and grid with consistent physics, and the gateway's state machines.

Time is simulated: the model advances in fixed steps of :data:`STEP` seconds,
and solar, cloud and load are pure functions of the simulated time and the
seed, so a run is reproducible. Powers are W, energies Wh. Signs follow the
gateway: battery positive = discharging, grid (``site``) positive = importing.
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

STEP = 5.0
TO_ISLAND_SECONDS = 2.0
TO_GRID_SECONDS = 5.0
MAX_GRID_FAULTS = 10
# The PV strings of the recorded Powerwall+ (vitals, 21.39.1): A, C and D active, B not connected.
# Each string's share of the solar power and its voltage at the maximum power point.
STRINGS = (("A", 0.353, 245.0, True), ("B", 0.0, 0.0, False), ("C", 0.325, 315.0, True), ("D", 0.322, 315.0, True))

GRID_CONNECTED = "SystemGridConnected"
TO_ISLAND = "SystemTransitionToIsland"
ISLANDED = "SystemIslandedActive"
TO_GRID = "SystemTransitionToGrid"


class Clock:
    """Simulated seconds since the start: ``speed`` times the monotonic clock, plus any advance."""

    def __init__(self, speed: float = 1.0, start: datetime | None = None) -> None:
        self.speed = speed
        self.start = start or datetime(2021, 12, 13, 6, 0, tzinfo=timezone(timedelta(hours=-8)))
        self._t0 = time.monotonic()
        self._offset = 0.0

    def now(self) -> float:
        return (time.monotonic() - self._t0) * self.speed + self._offset

    def advance(self, seconds: float) -> None:
        self._offset += seconds

    def datetime(self, t: float | None = None) -> datetime:
        return self.start + timedelta(seconds=self.now() if t is None else t)


@dataclass
class SiteConfig:
    seed: int = 0
    solar_peak_w: float = 5250.0
    capacity_wh: float = 14066.0
    max_charge_w: float = 5000.0
    max_discharge_w: float = 5000.0
    base_load_w: float = 450.0
    initial_soe: float = 60.0
    mode: str = "self_consumption"
    reserve: float = 30.0
    grid_voltage: float = 240.0
    grid_frequency: float = 60.0


@dataclass
class Counters:
    """Lifetime energies, Wh: they only grow."""

    site_imported: float = 535337.2
    site_exported: float = 323100.2
    battery_imported: float = 557440.0  # charged
    battery_exported: float = 495740.0  # discharged
    load_imported: float = 1263925.0
    solar_exported: float = 1115685.7  # produced


@dataclass
class Flows:
    solar: float = 0.0
    load: float = 0.0
    battery: float = 0.0
    grid: float = 0.0


@dataclass(frozen=True)
class PvString:
    name: str
    connected: bool
    voltage: float  # V
    current: float  # A
    power: float  # W


@dataclass
class Site:
    config: SiteConfig = field(default_factory=SiteConfig)
    clock: Clock = field(default_factory=Clock)

    def __post_init__(self) -> None:
        c = self.config
        self.t = 0.0
        self.remaining_wh = c.capacity_wh * c.initial_soe / 100.0
        self.mode = c.mode
        self.reserve = c.reserve
        self.staged: tuple[str, float] | None = None
        self.sitemaster_running = True
        self.grid_state = GRID_CONNECTED
        self._transition_ends = 0.0
        self.counters = Counters()
        self.grid_outage = False
        # Newest first, as the grid_faults answer lists them (the order is inferred).
        self.grid_faults: list[dict[str, object]] = []
        self.flows = self._flows(0.0)

    # ------------------------------------------------------------------ physics
    def _noise(self, kind: int, t: float, bucket: float) -> float:
        """Smooth noise in [0, 1): seeded values per bucket, interpolated between them."""
        index, frac = divmod(t / bucket, 1.0)

        def at(i: float) -> float:
            return random.Random(hash((self.config.seed, kind, int(i)))).random()

        return at(index) * (1 - frac) + at(index + 1) * frac

    def hour(self, t: float) -> float:
        start = self.clock.start
        return (start.hour + start.minute / 60 + t / 3600.0) % 24.0

    def solar_w(self, t: float) -> float:
        day = math.sin(math.pi * (self.hour(t) - 6.0) / 12.0)
        cloud = 0.6 + 0.4 * self._noise(1, t, 600.0)
        return max(0.0, self.config.solar_peak_w * day * cloud)

    def load_w(self, t: float) -> float:
        h = self.hour(t)
        morning = math.exp(-(((h - 7.5) / 1.2) ** 2))
        evening = math.exp(-(((h - 19.0) / 2.0) ** 2))
        return self.config.base_load_w + 600 * morning + 1400 * evening + 250 * self._noise(2, t, 60.0)

    @property
    def soe(self) -> float:
        return 100.0 * self.remaining_wh / self.config.capacity_wh

    @property
    def islanded(self) -> bool:
        return self.grid_state in (ISLANDED, TO_ISLAND)

    def _flows(self, t: float) -> Flows:
        c = self.config
        solar, load = self.solar_w(t), self.load_w(t)
        empty, full = self.remaining_wh <= 0.0, self.remaining_wh >= c.capacity_wh
        if not self.sitemaster_running:
            battery = 0.0
        elif self.islanded:
            battery = max(-c.max_charge_w, min(c.max_discharge_w, load - solar))
            if full and battery < 0:
                solar, battery = load, 0.0  # curtailed: nowhere to put it
            if empty and battery > 0:
                load, battery = solar, 0.0  # blackout: what solar gives is all there is
            return Flows(solar, load, battery, 0.0)
        elif self.mode == "backup":
            battery = 0.0 if full else -min(max(solar - load, 0.0), c.max_charge_w)
        else:  # self_consumption, autonomous and any unknown mode
            net = load - solar
            if net > 0:
                battery = min(net, c.max_discharge_w) if self.soe > self.reserve else 0.0
            else:
                battery = 0.0 if full else -min(-net, c.max_charge_w)
        return Flows(solar, load, battery, load - solar - battery)

    def _step(self, dt: float) -> None:
        self._advance_transitions()
        f = self.flows = self._flows(self.t)
        hours = dt / 3600.0
        self.remaining_wh = min(self.config.capacity_wh, max(0.0, self.remaining_wh - f.battery * hours))
        k = self.counters
        k.site_imported += max(f.grid, 0.0) * hours
        k.site_exported += max(-f.grid, 0.0) * hours
        k.battery_exported += max(f.battery, 0.0) * hours
        k.battery_imported += max(-f.battery, 0.0) * hours
        k.load_imported += f.load * hours
        k.solar_exported += f.solar * hours
        self.t += dt

    def update(self) -> None:
        """Bring the model up to the clock's time."""
        target = self.clock.now()
        while self.t + STEP <= target:
            self._step(STEP)
        if target > self.t:
            self._step(target - self.t)
        self._advance_transitions()

    # ----------------------------------------------------------- state machines
    def _advance_transitions(self) -> None:
        if self.grid_state == TO_ISLAND and self.t >= self._transition_ends:
            self.grid_state = ISLANDED
        elif self.grid_state == TO_GRID and self.t >= self._transition_ends:
            self.grid_state = GRID_CONNECTED

    def stage_operation(self, mode: str, reserve: float) -> None:
        self.update()
        self.staged = (mode, reserve)

    def commit(self) -> None:
        self.update()
        if self.staged is not None:
            self.mode, self.reserve = self.staged
            self.staged = None

    def go_off_grid(self) -> None:
        self.update()
        if self.grid_state in (GRID_CONNECTED, TO_GRID):
            self.grid_state, self._transition_ends = TO_ISLAND, self.t + TO_ISLAND_SECONDS
            self._record_grid_fault(self.frequency())

    def go_on_grid(self) -> None:
        self.update()
        if self.grid_outage:
            return  # nothing to reconnect to: the Powerwall waits for the grid to come back
        if self.grid_state in (ISLANDED, TO_ISLAND):
            self.grid_state, self._transition_ends = TO_GRID, self.t + TO_GRID_SECONDS

    def set_grid_outage(self, out: bool) -> None:
        """The utility's grid goes away (the site islands by itself) or comes back (it resynchronises)."""
        self.update()
        if out and not self.grid_outage:
            self.grid_outage = True
            if self.grid_state in (GRID_CONNECTED, TO_GRID):
                self.grid_state, self._transition_ends = TO_ISLAND, self.t + TO_ISLAND_SECONDS
            # The battery inverters saw the frequency collapse as the grid went.
            self._record_grid_fault(self.config.grid_frequency * 0.95)
        elif not out and self.grid_outage:
            self.grid_outage = False
            if self.grid_state in (ISLANDED, TO_ISLAND):
                self.grid_state, self._transition_ends = TO_GRID, self.t + TO_GRID_SECONDS

    def _record_grid_fault(self, frequency: float) -> None:
        # Shaped on the one recorded grid fault (samples/misc/system_status.grid_faults.json).
        decoded = [
            {"name": "PINV_alertID", "value": "PINV_a006_vfCheckUnderFrequency"},
            {"name": "PINV_alertType", "value": "Warning"},
            {"name": "PINV_a006_frequency", "value": round(frequency, 3), "units": "Hz"},
        ]
        fault = {
            "timestamp": int(self.clock.datetime(self.t).timestamp() * 1000),
            "alert_name": "PINV_a006_vfCheckUnderFrequency",
            "alert_is_fault": False,
            "decoded_alert": json.dumps(decoded, separators=(",", ":")),
            "alert_raw": 432406325129904128,
            "git_hash": "7759c368f4e963",
            "site_uid": "STE20211213-00001",
            "ecu_type": "TEPINV",
            "ecu_package_part_number": "1081100-10-U",
            "ecu_package_serial_number": "TG1210480013PQ",
        }
        self.grid_faults = [fault, *self.grid_faults][:MAX_GRID_FAULTS]

    def set_sitemaster(self, running: bool) -> None:
        self.update()
        self.sitemaster_running = running

    # ------------------------------------------------------------------ readings
    # One frequency and one voltage for the whole site at a moment: every meter, the vitals and
    # site_info agree, as they measure the same wires (split phase: each leg is half the voltage).
    def frequency(self) -> float:
        return self.config.grid_frequency + 0.04 * (self._noise(3, self.t, 30.0) - 0.5)

    def voltage(self) -> float:
        return self.config.grid_voltage + 4.0 * (self._noise(4, self.t, 30.0) - 0.5)

    def grid_present(self) -> bool:
        """Whether the utility side of the gateway has voltage (not during an outage)."""
        return not self.grid_outage

    def strings(self) -> list[PvString]:
        """The PV strings' readings; their powers sum to the solar power."""
        solar = self.flows.solar
        result = []
        for index, (name, share, mpp_voltage, connected) in enumerate(STRINGS):
            if not connected:
                result.append(PvString(name, False, 0.0, 0.0, 0.0))
                continue
            power = solar * share / sum(s[1] for s in STRINGS)
            voltage = mpp_voltage * (0.9 + 0.1 * min(1.0, solar / max(self.config.solar_peak_w, 1.0)))
            voltage += 2.0 * (self._noise(10 + index, self.t, 20.0) - 0.5) if power > 0 else 0.0
            result.append(PvString(name, True, round(voltage, 1), round(power / voltage, 2), round(power, 1)))
        return result

    def ambient_temperature(self) -> float:
        """°C around the Powerwall: cool at night, warmer in the afternoon."""
        day = math.sin(math.pi * (self.hour(self.t) - 9.0) / 12.0)
        return round(14.0 + 6.0 * day + 1.0 * (self._noise(5, self.t, 300.0) - 0.5), 1)

    def timestamp(self) -> str:
        """The gateway's timestamp format: RFC 3339 with nanoseconds."""
        now = self.clock.datetime(self.t)
        offset = now.strftime("%z")
        return now.strftime("%Y-%m-%dT%H:%M:%S.%f") + "000" + offset[:3] + ":" + offset[3:]
