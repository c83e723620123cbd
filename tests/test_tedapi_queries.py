"""Tesla's signed query sets: the generated loader tells the sets apart and recognises exactly what clients send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pwkit.codegen import tedapi_data
from tedapi_client import queries


def test_loader_lists_both_sets_oldest_first() -> None:
    assert queries.versions() == ("V2024_06", "V2026_06")
    assert queries.LATEST == "V2026_06"


def test_same_operation_in_two_sets_is_two_different_signed_queries() -> None:
    old = queries.get("device_controller_basic", "V2024_06")
    new = queries.get("DeviceControllerQuery", "V2026_06")
    assert old.operation == new.operation == "DeviceControllerQuery"
    assert old.text != new.text and old.signature != new.signature
    assert queries.find(old.text, old.signature) is old
    assert queries.find(new.text, new.signature) is new
    assert (old.envelope, new.envelope) == ("legacy", "energy_device")


def test_a_query_with_another_querys_signature_is_not_found() -> None:
    a = queries.get("PW3Query")
    b = queries.get("ComplianceQuery")
    assert queries.find(a.text, b.signature) is None
    assert queries.find(a.text + " ", a.signature) is None
    assert queries.find(b"\xff\xfe", a.signature) is None


def test_energy_device_query_is_found_by_its_signed_bytes() -> None:
    for query in queries.queries("V2026_06"):
        assert query.signed_query is not None
        assert query.signed_query.endswith(query.text.encode())  # SignedGraphQLQuery.query (field 2) is the text
        assert queries.find_signed(query.signed_query, query.signature) is query
    assert queries.queries("V2024_06")[0].signed_query is None


def test_unknown_set_or_name_is_named_with_what_exists() -> None:
    with pytest.raises(queries.UnknownQuery, match="V2024_06, V2026_06"):
        queries.queries("V2030_01")
    with pytest.raises(queries.UnknownQuery, match="PW3Query"):
        queries.get("NoSuchQuery", "V2026_06")


def test_answering_picks_the_queries_each_schema_describes() -> None:
    assert [q.name for q in queries.answering("components", "V2024_06")] == ["components"]
    assert [q.name for q in queries.answering("components", "V2026_06")] == ["PW3Query"]
    assert [q.name for q in queries.answering("compliance", "V2026_06")] == ["ComplianceQuery"]


def test_default_variables_are_a_fresh_dict_each_time() -> None:
    full = queries.get("device_controller_full", "V2024_06")
    first = full.variables()
    first["msaSignals"].append("X")
    assert "X" not in full.variables()["msaSignals"]
    assert queries.get("ComplianceQuery").variables() == {}


def test_every_query_the_installed_pypowerwall_sends_is_in_the_set_byte_for_byte() -> None:
    from pypowerwall.tedapi import queries as pp
    from pypowerwall.tedapi.api_version import TEDAPIApiVersion

    sent = [pp.get_query(role, TEDAPIApiVersion.V2024_06) for role in pp.QueryRole]
    sent += [pp.get_query(role, TEDAPIApiVersion.V2026_06) for role in pp.QueryRole]
    sent += [pp.get_query_by_name(name) for name in pp.V2026_06_QUERIES]
    assert len(sent) == 6 + len(pp.V2026_06_QUERIES)
    for query in sent:
        found = queries.find(query.text, query.code)
        assert found is not None, query.text[:60]
        if query.signed_bytes:
            assert queries.find_signed(query.signed_bytes, query.code) is found
    # Every query we carry is one pypowerwall can send: nothing invented.
    carried = {(q.text, q.signature) for q in queries.QUERIES}
    assert carried == {(q.text, q.code) for q in sent}


def test_query_file_with_a_bad_signature_is_refused_with_its_name(tmp_path: Path) -> None:
    doc = json.loads((tedapi_data.QUERIES_DIR / "V2026_06.json").read_text())
    doc["queries"]["PW3Query"]["signature"] = "not hex"
    (tmp_path / "V2026_06.json").write_text(json.dumps(doc))
    with pytest.raises(tedapi_data.QueryDataError, match="PW3Query"):
        tedapi_data.load_query_sets(tmp_path)
