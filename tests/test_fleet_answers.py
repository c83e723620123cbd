"""The Fleet client's edge cases that no simulator fault produces: malformed shapes, odd headers, echoed secrets.

A mock transport stands in for Tesla's cloud here only because these answers are
deliberately broken; the simulator tests (test_fleet.py) prove the manners.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pwkit.client.clock import ManualClock
from pwkit.client.fleet import FleetError, FleetOptions, FleetRateLimited, FleetSession, FleetSite, command_failure

DIN = "1232100-00-E--TG0123456789"
GIVEN = "rt-given-0123456789abcdef"


def site(tmp_path: Path, handler: Callable[[httpx.Request], httpx.Response]) -> FleetSite:
    options = FleetOptions(
        url="https://fleet.test",
        auth_url="https://auth.test",
        client_id="client",
        refresh_token=GIVEN,
        state_file=tmp_path / "fleet.json",
        command_interval=0.0,
        clock=ManualClock(),
    )
    session = FleetSession(options)
    session._client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return FleetSite(session, din=DIN)


def cloud(products: Any = None, token: dict[str, Any] | None = None, **answers: httpx.Response) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth2/v3/token":
            body = token or {"access_token": "at-secret-aaaa", "refresh_token": "rt-new-bbbb", "expires_in": 28800}
            return httpx.Response(200, json=body)
        if request.url.path == "/api/1/products":
            listed = products if products is not None else [{"energy_site_id": 7, "gateway_id": "TG0123456789"}]
            return httpx.Response(200, json={"response": listed})
        action = request.url.path.rsplit("/", 1)[-1]
        return answers.get(action) or httpx.Response(200, json={"response": {"code": 200, "message": "Updated"}})

    return handler


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.mark.parametrize(
    ("products", "token", "says"),
    [
        (5, None, "not a list"),
        ([{"energy_site_id": "abc", "gateway_id": "TG0123456789"}], None, "no energy site"),
        (None, {"access_token": "a", "refresh_token": "b", "expires_in": "abc"}, "valid expires_in"),
    ],
    ids=["response-5", "site-id-not-a-number", "expires-in-abc"],
)
def test_a_malformed_cloud_answer_is_a_fleet_error_never_an_exception_of_another_kind(
    tmp_path: Path, products: Any, token: dict[str, Any] | None, says: str
) -> None:
    s = site(tmp_path, cloud(products, token))
    with pytest.raises(FleetError, match=says):
        run(s.command("operation", {"default_real_mode": "backup"}))


def test_an_unreadable_retry_after_falls_back_to_the_default_wait(tmp_path: Path) -> None:
    limited = httpx.Response(429, headers=[(b"retry-after", "²".encode())], json={"response": None})
    s = site(tmp_path, cloud(operation=limited))
    with pytest.raises(FleetRateLimited) as raised:
        run(s.command("operation", {"default_real_mode": "backup"}))
    assert raised.value.retry_at == pytest.approx(60.0)


def test_a_retry_after_of_a_thousand_years_is_clamped_to_an_hour(tmp_path: Path) -> None:
    limited = httpx.Response(429, headers={"retry-after": str(10**12)}, json={"response": None})
    s = site(tmp_path, cloud(operation=limited))
    with pytest.raises(FleetRateLimited) as raised:
        run(s.command("operation", {"default_real_mode": "backup"}))
    assert raised.value.retry_at == pytest.approx(3600.0)


def test_a_cloud_error_that_echoes_the_token_is_redacted_and_bounded(tmp_path: Path) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/operation"):
            echoed = {"error": "bad request " + request.headers["authorization"] + " " + GIVEN + " x" * 5000}
            return httpx.Response(400, json=echoed)
        return cloud()(request)

    s = site(tmp_path, echo)
    with pytest.raises(FleetError) as raised:
        run(s.command("operation", {"default_real_mode": "backup"}))
    text = str(raised.value)
    assert "at-secret-aaaa" not in text and GIVEN not in text and len(text) < 400


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ({"code": 200, "message": "Updated"}, True),
        ({"Code": 201, "Message": "Updated"}, True),
        ({"result": True, "reason": ""}, True),
        ({}, True),
        (None, False),
        (5, False),
        ({"code": 400, "result": False}, False),
        ({"result": False, "reason": "busy"}, False),
        ({"code": "200"}, False),
    ],
)
def test_a_command_succeeds_only_when_the_answer_positively_says_so(answer: Any, ok: bool) -> None:
    assert (command_failure(answer) is None) is ok, json.dumps(answer)


def test_the_site_is_found_when_the_cloud_lists_only_the_gateways_serial(tmp_path: Path) -> None:
    s = site(tmp_path, cloud([{"energy_site_id": 7, "gateway_id": "TG0123456789"}]))
    assert run(s.energy_site_id()) == 7
    other = site(tmp_path, cloud([{"energy_site_id": 8, "gateway_id": "1232100-00-E--TG0999999999"}]))
    with pytest.raises(FleetError, match="no energy site"):
        run(other.energy_site_id())


def test_commands_to_a_site_are_spaced_on_the_one_clock_not_in_real_time(tmp_path: Path) -> None:
    sent: list[float] = []
    clock = ManualClock()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/operation"):
            sent.append(clock.monotonic())
        return cloud()(request)

    s = site(tmp_path, handler)
    s.session.options.command_interval = 5.0
    s.session.options.clock = clock

    async def go() -> None:
        await s.command("operation", {"default_real_mode": "backup"})
        second = asyncio.ensure_future(s.command("operation", {"default_real_mode": "self_consumption"}))
        await clock.advance(4.9)
        assert len(sent) == 1 and not second.done()  # waits on the simulated clock, not the machine's
        await clock.advance(0.2)
        await second

    run(go())
    assert sent == [0.0, 5.0]


def test_fleet_tokens_are_masked_everywhere_as_soon_as_they_are_read_or_rotated(tmp_path: Path) -> None:
    """Issue 26: the tokens are registered with client/redact, not only scrubbed where FleetSession.clean is
    called: a log line or any published text that echoes one (an exception, a 4xx body) never shows it."""
    import io
    import logging
    import uuid

    from pwkit.client import redact

    tag = uuid.uuid4().hex[:12]  # the registry is process-wide: tokens no other test registered
    given, stored_access = f"rt-given-{tag}", f"at-stored-{tag}"
    rotated = {"access_token": f"at-rotated-{tag}", "refresh_token": f"rt-rotated-{tag}", "expires_in": 28800}
    (tmp_path / "fleet.json").write_text(
        json.dumps({"refresh_token": f"rt-stored-{tag}", "access_token": stored_access, "expires_at": 0})
    )
    options = FleetOptions(
        url="https://fleet.test",
        auth_url="https://auth.test",
        client_id="client",
        refresh_token=given,
        state_file=tmp_path / "fleet.json",
        command_interval=0.0,
        clock=ManualClock(),
    )
    session = FleetSession(options)  # read: the owner's token (and the rotation kept from last time)
    session._client = httpx.AsyncClient(transport=httpx.MockTransport(cloud(token=rotated)))
    run(FleetSite(session, din=DIN).command("operation", {"default_real_mode": "backup"}))  # rotated
    secrets = [given, rotated["access_token"], rotated["refresh_token"]]
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(redact.RedactingFilter())
    logger = logging.getLogger(f"pwkit.test.{tag}")
    logger.addHandler(handler)
    try:
        echo = f'Tesla answered 400: {{"refresh_token": "{secrets[2]}", "auth": "Bearer {secrets[1]}", "x": "{given}"}}'
        logger.error("Fleet read failed: %s", echo)
        logger.error("json-escaped: %s", json.dumps({"echo": echo}))
    finally:
        logger.removeHandler(handler)
    published = redact.bounded(echo)
    for secret in secrets:
        assert secret not in out.getvalue() and secret not in published, secret
    assert "***" in published


def test_a_powerwall_3_site_is_found_by_its_tedapi_din_and_an_unknown_din_is_named(tmp_path: Path) -> None:
    # A Powerwall 3's DIN (read over TEDAPI) and the products list's gateway_id share the serial only.
    listed = [{"energy_site_id": 9, "gateway_id": "1707000-02-D--TG1230000001AB"}]
    s = site(tmp_path, cloud(listed))
    s.din = "1707000-11-J--TG1230000001AB"
    assert run(s.energy_site_id()) == 9
    unknown = site(tmp_path, cloud(listed))
    unknown.din = None
    with pytest.raises(FleetError, match=r"no energy site .*its DIN is not known yet.*set --fleet-site-id"):
        run(unknown.energy_site_id())
