"""The simulator as a model of a gateway under load: how many requests it serves at once, what it carried out."""

from __future__ import annotations

import asyncio

import httpx

from .simulators import installer_login, login, make_app


def _concurrently(app: object, requests: list[tuple[str, str, dict[str, object]]]) -> list[httpx.Response]:
    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="https://powerwall") as client:
            return list(await asyncio.gather(*(client.request(m, p, **kw) for m, p, kw in requests)))  # type: ignore[arg-type]

    return asyncio.run(go())


def test_a_gateway_with_max_parallel_one_serves_one_request_at_a_time_and_queues_the_rest() -> None:
    app = make_app()
    headers = login(app)
    app.faults.latency_ms = 20  # long enough that the three requests overlap
    app.faults.max_parallel = 1
    answers = _concurrently(app, [("GET", "/api/meters/aggregates", {"headers": headers})] * 3)
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert app.stats.peak_in_flight == 3  # all three arrived together…
    assert app.stats.peak_in_service == 1  # …and were served one after another


def test_without_a_limit_overlapping_requests_are_served_together() -> None:
    app = make_app()
    headers = login(app)
    app.faults.latency_ms = 20
    _concurrently(app, [("GET", "/api/meters/aggregates", {"headers": headers})] * 3)
    assert app.stats.peak_in_service == 3


def test_a_write_answered_with_an_injected_5xx_is_not_counted_as_carried_out() -> None:
    app = make_app()
    headers = installer_login(app)
    write = (
        "POST",
        "/api/operation",
        {"headers": headers, "json": {"real_mode": "backup", "backup_reserve_percent": 40}},
    )
    app.faults.error_rate, app.faults.error_status = 1.0, 503
    assert [a.status_code for a in _concurrently(app, [write])] == [503]
    assert app.stats.executed == []
    app.faults.error_rate = 0.0
    assert [a.status_code for a in _concurrently(app, [write])] == [200]
    assert [(e["endpoint"], e["body"]["backup_reserve_percent"]) for e in app.stats.executed] == [
        ("POST /api/operation", 40)
    ]
    assert app.stats.requests["POST /api/operation"] == 2  # both arrived; only one was carried out
