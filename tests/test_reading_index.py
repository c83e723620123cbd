"""The generated reading index answers exactly what a scan of every reading's pattern answers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from powerwall_client import pwkit_readings
from pwkit.bridge.topics import leaves, relative
from pwkit.codegen import paths
from pwkit.codegen.recordings import load_dir

# A `<…>` level stands for a serial, an index or a key: each is tried with several kinds of value, one of them
# a literal level of the table, so a wildcard that shadows (or is shadowed by) a literal sibling shows.
PLACEHOLDER_VALUES = ("TG1234567", "0", "site", "instant_power", "x/y")


# The reference: each reading's pattern built here from its topic, not taken from the generated table.
SCAN = [
    (re.compile("^" + re.sub(r"<[^>]+>", "[^/]+", re.escape(reading.topic)) + r"\Z"), reading)
    for reading in pwkit_readings.READINGS
]


def _scan(topic: str) -> pwkit_readings.ReadingInfo | None:
    """The lookup the index replaced: a described literal topic, else the first reading whose pattern matches."""
    for reading in pwkit_readings.READINGS:
        if reading.topic == topic and "<" not in reading.topic:
            return reading
    return next((reading for pattern, reading in SCAN if pattern.match(topic)), None)


def _topics_md() -> Iterator[str]:
    """Every value topic of generated/TOPICS.md's tables, below the gateway, placeholders filled several ways."""
    reading = None
    for line in (paths.GENERATED / "TOPICS.md").read_text().splitlines():
        if heading := re.fullmatch(r"#### `PREFIX/GW/(.+)`", line):
            reading = heading.group(1)
        elif reading and (row := re.match(r"\| `…/([^`]+)`", line)):
            topic = f"{reading}/{row.group(1)}"
            yield topic
            for value in PLACEHOLDER_VALUES:
                yield re.sub(r"<[^>]+>", value, topic)


def _recorded() -> Iterator[str]:
    """Every value topic the bridge would publish from the repository's recorded answers."""
    for recording in load_dir(paths.RECORDINGS):
        if recording.method == "GET" and recording.status == 200 and recording.is_json:
            for topic, _ in leaves(recording.json(), relative(recording.path)):
                yield topic


TOPICS = sorted({*_topics_md(), *_recorded()})
# Near misses: a level short, a level more, an empty level, a trailing newline, wrong first levels.
NEAR_MISSES = sorted(
    {
        variant
        for reading in pwkit_readings.READINGS[::7]
        for topic in [re.sub(r"<[^>]+>", "X", reading.topic)]
        for variant in (
            topic.rsplit("/", 1)[0],
            topic + "/extra",
            topic.replace("/X", "/"),
            topic + "\n",
            "x" + topic,
            "/" + topic,
        )
    }
    | {"", "/", "meters", "devices/vitals//v", "no/such/topic"}
)


def test_the_index_covers_every_documented_and_recorded_topic() -> None:
    assert len(pwkit_readings.READINGS) >= 600
    # Recordings hold answers the bridge does not poll (not described): most topics are no reading.
    described = {pwkit_readings.find(topic) for topic in TOPICS} - {None}
    assert len(described) == len(pwkit_readings.READINGS)


@pytest.mark.parametrize("chunk", range(8))
def test_the_index_finds_the_reading_the_pattern_scan_finds(chunk: int) -> None:
    wrong = [
        (topic, getattr(pwkit_readings.find(topic), "topic", None), getattr(_scan(topic), "topic", None))
        for topic in [*TOPICS, *NEAR_MISSES][chunk::8]
        if pwkit_readings.find(topic) is not _scan(topic)
    ]
    assert wrong == []


def test_each_reading_is_found_by_its_own_pattern() -> None:
    for reading in pwkit_readings.READINGS:
        topic = re.sub(r"<[^>]+>", "serial-1", reading.topic)
        found = pwkit_readings.find(topic)
        assert found is not None and found.pattern.match(topic), reading.topic
        assert found.unit == _scan(topic).unit  # type: ignore[union-attr]


def test_a_topic_with_an_empty_or_extra_level_is_no_reading() -> None:
    assert pwkit_readings.find("meters/aggregates/site/instant_power") is not None
    assert pwkit_readings.find("meters/aggregates//instant_power") is None
    assert pwkit_readings.find("meters/aggregates/site/instant_power/x") is None
    assert pwkit_readings.find("meters/aggregates/site") is None
    assert pwkit_readings.find("devices/vitals/TEPOD--1/") is None
    assert pwkit_readings.find("devices/vitals/TEPOD--1/PINV_Fout").unit is None  # type: ignore[union-attr]


def test_where_two_patterns_match_the_first_in_the_table_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spec's table has no overlapping patterns today; a future one keeps the scan's answer."""

    def reading(topic: str, unit: str) -> pwkit_readings.ReadingInfo:
        return pwkit_readings.ReadingInfo(topic, "number", unit, "", re.compile("^$"))

    table = (reading("a/<serial>/p", "first"), reading("a/b/p", "literal"), reading("a/b/<key>", "third"))
    monkeypatch.setattr(pwkit_readings, "READINGS", table)
    monkeypatch.setattr(pwkit_readings, "_INDEX", pwkit_readings._index(table))
    monkeypatch.setattr(pwkit_readings, "_LITERAL", {"a/b/p": table[1]})
    assert pwkit_readings.unit("a/b/p") == "literal"  # a described literal topic is itself
    assert pwkit_readings.unit("a/c/p") == "first"
    assert pwkit_readings.unit("a/b/q") == "third"
    monkeypatch.setattr(pwkit_readings, "_LITERAL", {})
    assert pwkit_readings.unit("a/b/p") == "first"  # else the first in table order
