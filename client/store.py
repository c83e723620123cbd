"""What the client keeps on disk: small JSON state files only the user can read (0600), and secret files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def default_state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "pwkit"


class StateFile:
    """A JSON object on disk, rewritten atomically with mode 0600."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):  # missing, unreadable or damaged: nothing kept
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any:
        return self.load().get(key)

    def put(self, key: str, value: Any) -> None:
        self.update({key: value})

    def update(self, changes: dict[str, Any]) -> None:
        """Set several keys in one atomic rewrite; a value of None removes its key."""
        data = self.load()
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            # json.dumps without indent is the C encoder; json.dump, or any indent, is the pure-Python one, 20×
            # slower: a thousand gateways' discovery state is megabytes.
            handle.write(json.dumps(data))
        os.replace(tmp, self.path)

    def try_update(self, changes: dict[str, Any]) -> str | None:
        """:meth:`update`, or why it failed (disk full, read-only, a ``.tmp`` that cannot be created): the
        caller keeps the value in memory and says so, rather than failing what it was doing."""
        try:
            self.update(changes)
        except OSError as exc:
            return f"cannot save {self.path.name} in {self.path.parent} ({exc.strerror or exc})"
        return None


class SecretFileError(ValueError):
    """A secret file that cannot be used; the message names the setting and the file, never the secret."""


def read_secret_file(file: str | Path, where: str) -> str:
    """The first line of a secret file; ``where`` names the setting in the error."""
    try:
        return Path(file).read_bytes().decode("utf-8").splitlines()[0]
    except UnicodeDecodeError:
        raise SecretFileError(f"{where}: {file} is not UTF-8 text; write the secret as one line of UTF-8") from None
    except (OSError, IndexError) as exc:
        raise SecretFileError(f"{where}: cannot read a secret from {file}: {exc}") from exc
