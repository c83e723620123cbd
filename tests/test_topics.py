"""One topic, one kind of payload: a whole answer (JSON) or a value, never both, on every firmware."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from powerwall_client.pwkit_operations import OPERATIONS
from pwkit.bridge.topics import leaves, owned_below, without_owned
from pwkit.codegen import paths
from pwkit.simulator.profiles import PROFILES

from .brokers import Mosquitto, Observer, RunningBridge
from .simulators import EMAIL, PASSWORD, RunningSimulator

READINGS = [op.path for op in OPERATIONS if op.is_reading and op.poll and "{" not in op.path]


def test_an_answer_inside_another_reading_leaves_that_topic_to_the_inner_reading() -> None:
    site_info = {"site_name": "Home Energy Gateway", "timezone": "Europe/Berlin", "nominal_system_energy_kWh": 13.5}
    base = "pwkit/gw/site_info"
    owned = owned_below("/api/site_info", READINGS)
    assert "site_name" in owned
    topics = dict(without_owned(leaves(site_info, base), base, owned))
    assert "pwkit/gw/site_info/site_name" not in topics  # the whole answer of /api/site_info/site_name is there
    assert topics["pwkit/gw/site_info/timezone"] == "Europe/Berlin"


def test_a_derived_value_replaces_the_firmwares_field_on_the_same_topic() -> None:
    found = [("b/operation/mode", "self_consumption"), ("b/operation/mode", "backup")]
    assert without_owned(found, "b/operation", ()) == [("b/operation/mode", "backup")]


def test_a_walk_with_a_limit_stops_just_past_it_with_the_same_first_leaves_in_the_answers_order() -> None:
    answer = {"meters": [{"serial": f"M{i}", "p": i, "v": {"a": i, "b": [i, i + 1]}} for i in range(50)], "x": 1}
    whole = leaves(answer, "pwkit/gw/r")
    assert len(whole) == 50 * 5 + 1 and whole[0] == ("pwkit/gw/r/meters/M0/serial", "M0")
    assert whole[-1] == ("pwkit/gw/r/x", 1)
    for limit in (0, 1, 7, 100, 250):
        assert leaves(answer, "pwkit/gw/r", limit) == whole[: limit + 1]  # one more says there were more
    assert leaves(answer, "pwkit/gw/r", len(whole)) == whole
    assert leaves(5, "pwkit/gw/r", 0) == [("pwkit/gw/r", 5)]  # an answer that is one value is its own topic


def test_the_topic_reference_gives_no_topic_two_meanings() -> None:
    """Every topic TOPICS.md documents, whole answers and values, is documented once."""
    text = (paths.GENERATED / "TOPICS.md").read_text()
    documented: dict[str, list[str]] = defaultdict(list)
    reading = ""
    for line in text.splitlines():
        if line.startswith("#") and "`PREFIX/GW/" in line:  # a reading's heading (REST ####, TEDAPI ###)
            reading = line.split("`")[1].removeprefix("PREFIX/GW/")
            documented[reading].append("whole answer")
        elif line.startswith("#"):
            reading = ""  # a section heading: its rows belong to no reading above it
        elif line.startswith("| `…/") and reading:
            documented[f"{reading}/{line.split('`')[1].removeprefix('…/')}"].append(f"a value of {reading}")
    twice = {topic: meanings for topic, meanings in documented.items() if len(meanings) > 1}
    assert not twice
    assert "site_info/site_name" in documented  # the collision the issue found is documented once, as an answer


def kind(payload: bytes) -> str:
    try:
        value = json.loads(payload)
    except ValueError:
        return "value"
    return "answer" if isinstance(value, dict | list) else "value"


# A Powerwall 3's REST has no site_info (restricted REST): what this test waits for.
FULL_REST = sorted(p for p, profile in PROFILES.items() if not (profile.tedapi and profile.tedapi.restricted_rest))


@pytest.mark.slow
@pytest.mark.parametrize("firmware", FULL_REST)
def test_no_topic_receives_two_kinds_of_payload(tmp_path: Path, firmware: str) -> None:
    sim = RunningSimulator(tmp_path / "sim", "--firmware", firmware)
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    config = f"""
[mqtt]
url = "{broker.url}"
discovery = false
[bridge]
refresh_interval = 1
[bridge.poll]
fast = 0.5
normal = 0.5
slow = 0.5
[[gateway]]
url = "{sim.url}"
name = "gw"
email = "{EMAIL}"
"""
    bridge = RunningBridge(tmp_path / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        observer.wait_for("pwkit/gw/availability", lambda m: m.text == "online", timeout=30)
        # Every reading refreshed twice (refresh_interval 1 s): a topic two answers share shows both by then.
        first = observer.wait_for("pwkit/gw/site_info", timeout=30)
        observer.wait_for("pwkit/gw/site_info", lambda m: m.at > first.at + 1.5, timeout=30)
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()
    kinds: dict[str, set[str]] = defaultdict(set)
    for message in observer.messages:
        if message.payload:
            kinds[message.topic].add(kind(message.payload))
    mixed = {topic: sorted(found) for topic, found in kinds.items() if len(found) > 1}
    assert not mixed, f"{firmware}: topics with two kinds of payload: {mixed}"
    assert kinds["pwkit/gw/site_info/site_name"] == {"answer"}
    assert not [m.topic for m in observer.messages if m.payload == b"-0.0"]


# ------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("topic", "value", "published"),
    [
        ("b/meters/aggregates/battery/instant_power", -0.0, "0"),
        ("b/meters/aggregates/battery/instant_power", -0.4, "0"),
        ("b/meters/aggregates/site/instant_power", 1263.6, "1264"),
        ("b/meters/aggregates/site/instant_average_voltage", 239.56168837662776, "239.6"),
        ("b/meters/aggregates/site/energy_exported", 1263964.3977012094, "1263964"),
        ("b/meters/aggregates/site/frequency", 50.00123, "50.001"),
        ("b/meters/aggregates/site/instant_total_current", -0.001, "0.0"),
        ("b/system_status/soe/percentage", 59.88387912657783, "59.9"),
        ("b/operation/backup_reserve_percent_app", 47.36842105263158, "47.4"),
        ("b/system_status/nominal_full_pack_energy", 14000, "14000"),
        # The spec's unit wins over the name: kW keeps its decimals, a W the name doesn't say is rounded.
        ("b/site_info/nominal_system_power_kW", 13.5, "13.5"),
        ("b/system_status/auxiliary_load", 12.34, "12"),
        ("b/something/unknown", -0.0, "0.0"),
        ("b/something/unknown", 0.123456789, "0.123456789"),
        ("b/site/timeout", 60000000000, "60000000000"),
        ("b/grid/enabled", True, "true"),
    ],
)
def test_values_are_published_at_their_units_precision_and_never_as_minus_zero(
    topic: str, value: object, published: str
) -> None:
    from pwkit.bridge.topics import payload
    from pwkit.bridge.units import rounded, unit_of

    assert payload(rounded(value, unit_of(topic))) == published


# -------------------------------------------------------------------- refresh


def test_the_refresh_sends_every_value_as_last_read_even_within_its_deadband() -> None:
    from pwkit.bridge.publisher import Publisher

    publisher = Publisher()
    assert publisher.changes("g", [("g/soe/percentage", 50.0), ("g/x/instant_power", 100)]) == [
        ("g/soe/percentage", "50.0"),
        ("g/x/instant_power", "100"),
    ]
    assert publisher.changes("g", [("g/soe/percentage", 50.0), ("g/x/instant_power", 110)]) == []  # within 20 W
    assert dict(publisher.refresh()) == {"g/soe/percentage": "50.0", "g/x/instant_power": "110"}
    assert publisher.changes("g", [("g/soe/percentage", 50.0), ("g/x/instant_power", 125)]) == []  # 15 W from 110


def test_a_value_back_at_its_published_text_is_refreshed_as_that_and_a_drift_within_the_deadband_still_counts() -> None:
    from pwkit.bridge.publisher import Publisher

    publisher = Publisher()
    publisher.changes("g", [("g/x/instant_power", 100), ("g/x/last_communication_time", "t0")])
    # Within 20 W, then back: the refresh sends what was read last (100), not the value in between.
    assert publisher.changes("g", [("g/x/instant_power", 110)]) == []
    assert publisher.changes("g", [("g/x/instant_power", 100)]) == []
    assert dict(publisher.refresh())["g/x/instant_power"] == "100"
    # Steps of 15 W, each within the deadband of the last one *read*, add up against the one *published*.
    assert publisher.changes("g", [("g/x/instant_power", 115)]) == []
    assert publisher.changes("g", [("g/x/instant_power", 125)]) == [("g/x/instant_power", "125")]
    # A refresh-only timestamp waits for the refresh, whatever it reads meanwhile.
    assert publisher.changes("g", [("g/x/last_communication_time", "t1")]) == []
    assert dict(publisher.refresh())["g/x/last_communication_time"] == "t1"


@pytest.mark.slow
def test_every_value_is_published_again_each_refresh_interval_without_polling_again(tmp_path: Path) -> None:
    """What the README promises ("all again every 5 minutes"), with refresh_interval = 2 and hour-long polls."""
    sim = RunningSimulator(tmp_path / "sim")
    broker = Mosquitto(tmp_path / "mqtt")
    observer = Observer(broker, ["pwkit/#"])
    config = f"""
[mqtt]
url = "{broker.url}"
discovery = false
[bridge]
refresh_interval = 2
[bridge.poll]
fast = 3600
normal = 3600
slow = 3600
[[gateway]]
url = "{sim.url}"
name = "gw"
email = "{EMAIL}"
"""
    bridge = RunningBridge(tmp_path / "bridge", config, env={"PWKIT_PASSWORD": PASSWORD})
    try:
        watched = ["pwkit/gw/site_info/timezone", "pwkit/gw/operation/mode", "pwkit/gw/site_info/site_name"]
        watched += ["pwkit/gw/system_status/soe/percentage", "pwkit/gw/meters/aggregates"]
        firsts = {topic: observer.wait_for(topic, timeout=30) for topic in watched}
        for topic, first in firsts.items():
            again = observer.wait_for(topic, lambda m, first=first: m.at > first.at + 1, timeout=10)
            assert again.payload == first.payload
        polled = {path: count for path, count in sim.stats()["requests"].items() if "site_info" in path}
        assert polled == {"GET /api/site_info": 1, "GET /api/site_info/site_name": 1}
    finally:
        bridge.stop()
        observer.close()
        broker.stop()
        sim.stop()


def test_a_scalar_payload_is_what_json_writes_and_never_bare_nan() -> None:
    import enum
    import json
    import math

    from pwkit.bridge.topics import payload

    class Level(enum.IntEnum):
        HIGH = 3

    values = [0, -1, 2**70, 0.0, -0.0, 0.1, 239.56168837662776, 1e16, 1e-7, -3.5e300, True, False, None, Level.HIGH]
    for value in values:
        assert payload(value) == json.dumps(value), value
    assert [payload(v) for v in (math.nan, math.inf, -math.inf)] == ["null"] * 3
    assert payload([1.5, math.nan]) == "[1.5, null]"
