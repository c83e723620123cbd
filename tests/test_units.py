"""The bridge and Home Assistant discovery take units from the spec (x-pwkit-unit), not from tables of their own."""

from __future__ import annotations

from powerwall_client import pwkit_readings
from pwkit.bridge import discovery
from pwkit.bridge.publisher import Deadbands, Publisher


def test_every_discovered_sensor_shows_the_unit_the_spec_gives_its_topic() -> None:
    checked = 0
    for entity in discovery.SENSORS + discovery.CONTROLS:
        shown = entity.options.get("unit_of_measurement")
        spec = pwkit_readings.unit(entity.state)
        if shown is None or spec is None:
            continue
        checked += 1
        if spec == "Wh":
            # Home Assistant's Energy dashboard wants kWh: the template divides by 1000.
            assert (shown, entity.options["value_template"]) == ("kWh", discovery.KWH), entity.key
        else:
            assert shown == spec, entity.key
    assert checked >= 15


def test_a_watt_second_counter_moves_by_the_same_energy_as_a_watt_hour_one() -> None:
    """eExp_Ws counts watt-seconds: a deadband of 10 "Wh" there would publish every 3 mWh."""
    deadbands = Deadbands()
    assert deadbands.of("pwkit/GW/meters/aggregates/site/energy_exported") == 10.0
    assert deadbands.of("pwkit/GW/meters/readings/OBB3172012345/data/cts/0/eExp_Ws") == 36000.0
    publisher = Publisher(deadbands)
    topic = "pwkit/GW/meters/readings/OBB3172012345/data/cts/0/eExp_Ws"
    assert publisher.changes("g", [(topic, 12601671)], force=True)
    assert publisher.changes("g", [(topic, 12601671 + 3600)]) == []  # 1 Wh more: not yet
    assert publisher.changes("g", [(topic, 12601671 + 36000)]) == [(topic, str(12601671 + 36000))]


def test_the_unit_lookup_works_under_any_topic_prefix() -> None:
    deadbands = Deadbands()
    assert deadbands.of("home/energy/pw/GW/system_status/battery_blocks/TG1/p_out") == 20.0
    assert deadbands.of("pwkit/GW/meters/aggregates/site/last_communication_time") == "refresh"


def test_a_user_rule_still_wins_over_the_spec_unit() -> None:
    deadbands = Deadbands.with_overrides({"instant_power": 50.0})
    assert deadbands.of("pwkit/GW/meters/aggregates/site/instant_power") == 50.0


def test_values_the_spec_gives_no_unit_keep_the_name_rules() -> None:
    """The vitals are protobuf, outside the OpenAPI spec: their deadbands come from the vital's name."""
    deadbands = Deadbands()
    assert deadbands.of("pwkit/GW/devices/vitals/TEPINV--1081100-13-V--CN3211/PINV_Fout") == 0.05
    assert deadbands.of("pwkit/GW/devices/vitals/TESYNC--1/METER_X_VL1N") == 1.0
