"""Mask what identifies a home in recorded answers, as the shared samples do (``<<METER_SERIAL>>``).

Two passes over a whole recording session: first collect the identifying
values by the keys they stand under (serials, e-mails, Wi-Fi names, …), then
replace every occurrence of them, in every body and path, so one serial
becomes the same placeholder everywhere. IP and MAC addresses, e-mail
addresses and secrets are masked wherever they appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

KEYED = {
    "PackageSerialNumber": "BATTERY_SERIAL",
    "serialNumber": "DEVICE_SERIAL",
    "serial": "METER_SERIAL",
    "device_serial": "METER_SERIAL",
    "serial_number": "METER_SERIAL",
    "ecu_package_serial_number": "DEVICE_SERIAL",
    "email": "EMAIL",
    "phone": "PHONE",
    "ssid": "WIFI_SSID",
    "bssid": "MAC_ADDR",
    "hw_address": "MAC_ADDR",
    "mac": "MAC_ADDR",
    "site_uid": "SITE_UID",
    "token": "TOKEN",
    "password": "PASSWORD",
}
# Device ids: `<part number>--<serial>`; the serial identifies the home.
DIN_KEYS = {"din", "gateway_din", "vin", "short_id", "Parent"}
WIFI_INTERFACES = {"WifiType"}
PATTERNS = (
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "IP_ADDR"),
    (re.compile(r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b"), "MAC_ADDR"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "EMAIL"),
)
MIN_LENGTH = 4  # shorter values are too common to replace inside other strings


def _placeholder(name: str) -> str:
    return f"<<{name}>>"


class Masker:
    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}

    def _remember(self, value: str, name: str) -> None:
        """One placeholder per distinct value: a second meter serial is METER_SERIAL_2."""
        if value in self.secrets:
            return
        used = set(self.secrets.values())
        candidate, number = name, 1
        while candidate in used:
            number += 1
            candidate = f"{name}_{number}"
        self.secrets[value] = candidate

    def learn(self, bodies: Iterable[Any]) -> None:
        for body in bodies:
            self._learn(body)

    def _learn(self, node: Any) -> None:
        if isinstance(node, dict):
            wifi = node.get("interface") in WIFI_INTERFACES or "security_type" in node
            for key, value in node.items():
                if isinstance(value, str) and value and not value.startswith("<<"):
                    if key in KEYED:
                        self._remember(value, KEYED[key])
                    elif key in DIN_KEYS and "--" in value:
                        self._remember(value.rsplit("--", 1)[1], "GATEWAY_TSN" if key != "Parent" else "DEVICE_SERIAL")
                    elif key == "network_name" and wifi:
                        self._remember(value, "WIFI_SSID")
                else:
                    self._learn(value)
        elif isinstance(node, list):
            for item in node:
                self._learn(item)

    def text(self, value: str) -> str:
        if value in self.secrets:
            return _placeholder(self.secrets[value])
        for secret in sorted(self.secrets, key=len, reverse=True):
            if len(secret) >= MIN_LENGTH and secret in value:
                value = value.replace(secret, _placeholder(self.secrets[secret]))
        for pattern, name in PATTERNS:
            value = pattern.sub(_placeholder(name), value)
        return value

    def body(self, node: Any) -> Any:
        if isinstance(node, dict):
            # Keys too: some answers are keyed by meter serial (meters/readings).
            return {self.text(key): self.body(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.body(item) for item in node]
        if isinstance(node, str):
            return self.text(node)
        return node

    def path(self, path: str) -> str:
        for secret in sorted(self.secrets, key=len, reverse=True):
            if len(secret) >= MIN_LENGTH:
                path = path.replace(secret, _placeholder(self.secrets[secret]).strip("<>"))
        return path
