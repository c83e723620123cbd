"""The stale-hash rule of local-v1r at its edges (a stand-in FileStore; the real one is in test_v1r_control.py):
a refused update whose re-read shows another hash is made again once on that version, never more."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pwkit.bridge.commands import Command, CommandError
from pwkit.bridge.control import V1rControl
from pwkit.client.errors import TedapiRefused
from pwkit.client.tedapi import ConfigFile


class FileStore:
    """config.json with a hash; ``others`` are writes by someone else, one before each of our updates."""

    def __init__(self, others: list[dict[str, Any]], *, hashed: bool = True) -> None:
        self.data: dict[str, Any] = {
            "default_real_mode": "self_consumption",
            "site_info": {"backup_reserve_percent": 20},
        }
        self.version = 0
        self.others = others
        self.hashed = hashed
        self.updates = 0

    async def config(self) -> ConfigFile:
        text = json.dumps(self.data)
        return ConfigFile(json.loads(text), str(self.version).encode() if self.hashed else b"", text)

    async def update_file(self, blob: bytes, lock: bytes) -> bytes:
        self.updates += 1
        if self.others:  # another writer got there first
            self.data.update(self.others.pop(0))
            self.version += 1
        if lock != str(self.version).encode():
            raise TedapiRefused("https://gw", "update config.json: stale hash", 10)
        self.data = json.loads(blob)
        self.version += 1
        return str(self.version).encode()


def control(store: FileStore) -> V1rControl:
    v1r = V1rControl(SimpleNamespace(url="https://gw"), Path("/nonexistent"), None)  # type: ignore[arg-type]
    v1r._client = store  # type: ignore[assignment]
    return v1r


def run(v1r: V1rControl, command: Command) -> None:
    asyncio.run(v1r.execute(command, "gateway"))


def test_another_writers_change_is_kept_and_ours_written_once_more() -> None:
    store = FileStore([{"default_real_mode": "backup"}])
    run(control(store), Command("reserve", 90.0))
    assert store.updates == 2
    assert store.data["default_real_mode"] == "backup" and store.data["site_info"]["backup_reserve_percent"] == 90


def test_a_second_stale_hash_is_an_answer_not_a_third_write() -> None:
    store = FileStore([{"default_real_mode": "backup"}, {"default_real_mode": "autonomous"}])
    with pytest.raises(CommandError, match="not retried a second time"):
        run(control(store), Command("reserve", 90.0))
    assert store.updates == 2
    assert store.data["site_info"]["backup_reserve_percent"] == 20


def test_a_read_without_hash_writes_nothing() -> None:
    store = FileStore([], hashed=False)
    with pytest.raises(CommandError, match="without its hash"):
        run(control(store), Command("mode", "backup"))
    assert store.updates == 0
