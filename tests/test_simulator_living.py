"""A site that lives everywhere: vitals, meters, strings and grid faults follow the same physics.

In-process, on a frozen simulated clock (speed 0) that only the tests move, so every
answer of one moment describes the same instant.
"""

from __future__ import annotations

import re

import pytest

from pwkit.client.vitals import decode_flat
from pwkit.simulator.profiles import PROFILES
from pwkit.simulator.site import GRID_CONNECTED, ISLANDED

from .simulators import call, login, make_app

ALL = sorted(PROFILES)
NOON = 6 * 3600  # the site's day starts at 06:00


def frozen(firmware: str = "21.39.1") -> tuple[object, dict[str, str]]:
    app = make_app(firmware, speed=0)
    app.site.clock.advance(NOON)
    return app, login(app)


def get(app: object, path: str, headers: dict[str, str]) -> object:
    response = call(app, "GET", path, headers=headers)  # type: ignore[arg-type]
    assert response.status_code == 200, (path, response.status_code, response.text)
    return response.json() if "json" in response.headers.get("content-type", "") else response.content


def test_two_vitals_reads_a_few_seconds_apart_differ() -> None:
    app, headers = frozen()
    first = decode_flat(get(app, "/api/devices/vitals", headers))  # type: ignore[arg-type]
    app.site.clock.advance(10)  # type: ignore[attr-defined]
    second = decode_flat(get(app, "/api/devices/vitals", headers))  # type: ignore[arg-type]
    pvac = next(k for k in first if k.startswith("PVAC--"))
    assert first[pvac]["PVAC_Pout"] != second[pvac]["PVAC_Pout"]
    assert first[pvac]["lastCommunicationTime"] != second[pvac]["lastCommunicationTime"]


def test_vitals_follow_the_sites_power_voltage_frequency_and_strings() -> None:
    app, headers = frozen()
    aggregates = get(app, "/api/meters/aggregates", headers)
    vitals = decode_flat(get(app, "/api/devices/vitals", headers))  # type: ignore[arg-type]
    solar = aggregates["solar"]  # type: ignore[index]
    pvac = next(v for k, v in vitals.items() if k.startswith("PVAC--"))
    strings = sum(pvac[f"PVAC_PVMeasuredPower_{s}"] for s in "ABCD")
    assert strings == pytest.approx(solar["instant_power"], abs=1.0)
    assert pvac["PVAC_Pout"] == pytest.approx(solar["instant_power"], abs=0.1)
    inverters = [v for k, v in vitals.items() if k.startswith("TEPINV--")]
    battery_kw = sum(v["PINV_Pout"] for v in inverters)
    assert battery_kw * 1000 == pytest.approx(aggregates["battery"]["instant_power"], abs=5)  # type: ignore[index]
    for inverter in inverters:
        assert inverter["PINV_Vout"] == pytest.approx(solar["instant_average_voltage"], abs=0.1)


def test_the_meters_endpoints_agree_with_the_aggregates() -> None:
    app, headers = frozen()
    aggregates = get(app, "/api/meters/aggregates", headers)
    for location in ("site", "solar"):
        [meter] = get(app, f"/api/meters/{location}", headers)  # type: ignore[misc]
        readings, aggregate = meter["Cached_readings"], aggregates[location]  # type: ignore[index]
        assert meter["location"] == location
        assert readings["instant_power"] == pytest.approx(aggregate["instant_power"])
        assert readings["energy_exported"] == pytest.approx(aggregate["energy_exported"])
        assert readings["last_communication_time"] == aggregate["last_communication_time"]
        assert readings["instant_average_voltage"] == pytest.approx(aggregate["instant_average_voltage"])


@pytest.mark.parametrize("firmware", ALL)
def test_the_battery_and_load_meters_answer_without_data(firmware: str) -> None:
    app, headers = frozen(firmware)
    assert get(app, "/api/meters/battery", headers) == []
    assert get(app, "/api/meters/load", headers) == []


def test_frequencies_and_voltages_agree_across_meters_vitals_and_site_info() -> None:
    app, headers = frozen()
    aggregates = get(app, "/api/meters/aggregates", headers)
    frequencies = {name: meter["frequency"] for name, meter in aggregates.items()}  # type: ignore[union-attr]
    for location in ("site", "solar"):
        frequencies[f"meters/{location}"] = get(app, f"/api/meters/{location}", headers)[0]["Cached_readings"][  # type: ignore[index]
            "frequency"
        ]
    site_info = get(app, "/api/site_info", headers)
    frequencies["site_info"] = site_info["measured_frequency"]  # type: ignore[index]
    vitals = decode_flat(get(app, "/api/devices/vitals", headers))  # type: ignore[arg-type]
    for device, values in vitals.items():
        for name in ("PINV_Fout", "PVAC_Fout", "ISLAND_FreqL1_Main", "ISLAND_FreqL1_Load"):
            if name in values:
                frequencies[f"{device} {name}"] = values[name]
    assert max(frequencies.values()) - min(frequencies.values()) < 0.002, frequencies
    grid = site_info["grid_code"]  # type: ignore[index]
    assert min(frequencies.values()) == pytest.approx(grid["grid_freq_setting"], abs=0.05)
    voltages = [meter["instant_average_voltage"] for meter in aggregates.values()]  # type: ignore[union-attr]
    assert max(voltages) - min(voltages) < 0.001
    assert voltages[0] == pytest.approx(grid["grid_voltage_setting"], abs=3)


@pytest.mark.parametrize("firmware", ["23.44.0", "25.2.0"])
def test_solar_strings_sum_to_the_solar_power_since_23_44(firmware: str) -> None:
    app, headers = frozen(firmware)
    body = get(app, "/api/solar_powerwall", headers)
    aggregates = get(app, "/api/meters/aggregates", headers)
    strings = body["pvac_status"]["string_vitals"]  # type: ignore[index]
    assert [s["connected"] for s in strings] == [True, False, True, True]
    assert sum(s["measured_power"] for s in strings) == pytest.approx(aggregates["solar"]["instant_power"], abs=1.0)  # type: ignore[index]
    for string in strings:
        if string["connected"]:
            assert string["current"] == pytest.approx(string["measured_power"] / string["measured_voltage"], abs=0.01)
    assert all(isinstance(v, bool) for v in {**body["pvac_alerts"], **body["pvs_alerts"]}.values())  # type: ignore[index]


@pytest.mark.parametrize("firmware", ["20.49.0", "21.39.1", "21.44.1"])
def test_solar_powerwall_is_not_served_before_23_44(firmware: str) -> None:
    app, headers = frozen(firmware)
    assert call(app, "GET", "/api/solar_powerwall", headers=headers).status_code == 404


def test_going_off_grid_fills_grid_faults() -> None:
    app, headers = frozen()
    assert get(app, "/api/system_status/grid_faults", headers) == []
    off = {"island_mode": "intentional_reconnect_failsafe"}
    assert call(app, "POST", "/api/v2/islanding/mode", json=off, headers=headers).status_code == 200
    [fault] = get(app, "/api/system_status/grid_faults", headers)  # type: ignore[misc]
    assert fault["alert_name"] == "PINV_a006_vfCheckUnderFrequency"
    assert isinstance(fault["decoded_alert"], str) and fault["decoded_alert"].startswith("[")
    assert get(app, "/api/system_status", headers)["grid_faults"] == [fault]  # type: ignore[index]


def test_a_grid_outage_islands_the_site_records_a_fault_and_ends_when_the_grid_returns() -> None:
    app, headers = frozen()
    site = app.site  # type: ignore[attr-defined]
    site.set_grid_outage(True)
    site.clock.advance(5)
    assert get(app, "/api/system_status/grid_status", headers)["grid_status"] == ISLANDED  # type: ignore[index]
    assert len(get(app, "/api/system_status/grid_faults", headers)) == 1  # type: ignore[arg-type]
    aggregates = get(app, "/api/meters/aggregates", headers)
    assert aggregates["site"]["instant_power"] == 0  # type: ignore[index]
    assert aggregates["site"]["frequency"] == 0  # type: ignore[index]
    assert aggregates["load"]["frequency"] > 59  # type: ignore[index]
    # Asking to go back on grid cannot conjure a grid.
    call(app, "POST", "/api/v2/islanding/mode", json={"island_mode": "backup"}, headers=headers)
    site.clock.advance(10)
    assert get(app, "/api/system_status/grid_status", headers)["grid_status"] == ISLANDED  # type: ignore[index]
    site.set_grid_outage(False)
    site.clock.advance(10)
    assert get(app, "/api/system_status/grid_status", headers)["grid_status"] == GRID_CONNECTED  # type: ignore[index]


@pytest.mark.parametrize("firmware", ALL)
def test_version_strings_have_the_recorded_shape(firmware: str) -> None:
    app, headers = frozen(firmware)
    status = get(app, "/api/status", headers)
    assert re.fullmatch(r"\d+\.\d+\.\d+ [0-9a-f]{8}", status["version"])  # type: ignore[index]  # "21.39.1 7759c368"
    assert status["version"].startswith(PROFILES[firmware].version + " ")  # type: ignore[index]
    assert re.fullmatch(r"[0-9a-f]{40}", status["git_hash"])  # type: ignore[index]
    assert status["version"].split()[1] == status["git_hash"][:8]  # type: ignore[index]
    assert re.fullmatch(r"(\d+h)?(\d+m)?\d+\.\d{9}s", status["up_time_seconds"])  # type: ignore[index]


def test_config_completed_answers_21_39_1s_recorded_body() -> None:
    app, headers = frozen()
    body = get(app, "/api/config/completed", headers)
    assert {"din", "start_time", "up_time_seconds", "version", "git_hash"} <= set(body)  # type: ignore[arg-type]
