"""A gateway that misbehaves on purpose: a loopback HTTPS proxy in front of the simulator.

It terminates TLS itself (its own certificate, pinned by the bridge on first use like a real
gateway's), speaks HTTP/1.1 on raw sockets so it can break an answer anywhere (drip it one byte
a second, reset the connection mid-body, cut it short), forwards every request to the simulator
first (so the simulator's control API still counts every request and login), and then replaces or
damages the answer as told. It runs in a thread of the test process: ``proxy.inject(...)``.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from pwkit.simulator import certs

LOGIN = "/api/login/Basic"
REASONS = {200: "OK", 401: "Unauthorized", 403: "Forbidden", 429: "Too Many Requests", 500: "Internal Server Error"}

# fault → what it does to an answer (params: see Rule)
FAULTS = (
    "drip",  # the real answer, one byte every `interval` seconds
    "reset",  # half the body, then a TCP reset
    "truncated",  # Content-Length of the whole body, half of it sent, then a clean close
    "html",  # 200 with an HTML error page
    "surrogate_keys",  # JSON with a lone surrogate in a key and in a value
    "nul_keys",  # JSON with a NUL inside a key
    "deep_json",  # 5,000 nested lists
    "not_protobuf",  # vitals that are not protobuf
    "body",  # 200 with `body` as given (a JSON list, null, …)
    "status",  # `status` with a JSON error body and any `headers`
    "no_token",  # the login answers 200 without a token
)


@dataclass
class Rule:
    fault: str
    paths: tuple[str, ...] | None = None  # None: every /api/ path except the login
    methods: tuple[str, ...] | None = None  # None: every method
    interval: float = 1.0
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    def applies(self, method: str, path: str) -> bool:
        if self.methods is not None and method not in self.methods:
            return False
        if self.paths is None:
            return path.startswith("/api/") and path != LOGIN
        return path in self.paths


class FaultProxy:
    def __init__(self, upstream: str, directory: Path) -> None:
        self.upstream = upstream
        directory.mkdir(parents=True, exist_ok=True)
        _, cert, key = certs.generate().write(directory)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._context.set_alpn_protocols(["http/1.1"])
        self.rules: list[Rule] = []
        self.injected: Counter[str] = Counter()
        # Every answer a rule damaged: (time.monotonic() when served, fault, method, path).
        self.served: list[tuple[float, str, str, str]] = []
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fault proxy did not start")

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def inject(self, fault: str, paths: tuple[str, ...] | None = None, **params: Any) -> None:
        assert fault in FAULTS, fault
        self.rules.append(Rule(fault, paths, **params))

    def clear(self) -> None:
        self.rules = []

    def served_on(self, paths: tuple[str, ...], since: float) -> list[tuple[float, str, str, str]]:
        """The damaged answers on ``paths`` since ``since``: did a fault reach a command's own requests?"""
        return [entry for entry in self.served if entry[0] >= since and entry[3] in paths]

    def stop(self) -> None:
        """Close the listener, every connection and the client to the simulator, then the loop.

        The client's keep-alive connection to the simulator would otherwise hold the simulator's
        own shutdown up."""
        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _close(self) -> None:
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        await self._client.aclose()

    # ------------------------------------------------------------------ serving
    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._client = httpx.AsyncClient(base_url=self.upstream, verify=False, timeout=30)
        self._writers: set[asyncio.StreamWriter] = set()
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self._context)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
                keep = await self._answer(method, target, headers, body, writer)
                if not keep:
                    return
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, ValueError):
            return
        finally:
            self._writers.discard(writer)
            if not writer.is_closing():
                writer.close()

    async def _answer(
        self, method: str, target: str, headers: dict[str, str], body: bytes, writer: asyncio.StreamWriter
    ) -> bool:
        forward = {k: v for k, v in headers.items() if k not in ("host", "connection", "content-length")}
        # Always asked of the simulator first: its counters see every request, and every login.
        upstream = await self._client.request(method, target, headers=forward, content=body)
        status, content = upstream.status_code, upstream.content
        kind = upstream.headers.get("content-type", "application/json")
        extra: dict[str, str] = {}
        path = target.split("?", 1)[0]
        rule = next((r for r in reversed(self.rules) if r.applies(method, path)), None)
        if rule is None:
            await self._write(writer, status, kind, content)
            return True
        self.injected[rule.fault] += 1
        self.served.append((time.monotonic(), rule.fault, method, path))
        fault = rule.fault
        if fault == "drip":
            writer.write(self._head(status, kind, len(content)))
            for i in range(len(content)):
                writer.write(content[i : i + 1])
                await writer.drain()
                await asyncio.sleep(rule.interval)
            return True
        if fault in ("reset", "truncated"):
            writer.write(self._head(status, kind, len(content)) + content[: len(content) // 2])
            await writer.drain()
            if fault == "reset":
                transport = writer.transport
                sock = transport.get_extra_info("socket")
                if sock is not None:
                    import socket
                    import struct

                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                transport.abort()
            else:
                writer.close()
            return False
        if fault == "html":
            status, kind, content = 200, "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        elif fault in ("surrogate_keys", "nul_keys") and kind.startswith("application/json"):
            document = json.loads(content)
            if isinstance(document, dict):
                if fault == "surrogate_keys":
                    document["bad\udc80key"] = "bad\ud800value"
                else:
                    document["bad\x00key"] = 1
            # ensure_ascii: the lone surrogate travels as the escape \udc80, as a broken firmware would send it
            content = json.dumps(document).encode()
        elif fault == "deep_json":
            status, kind, content = 200, "application/json", b"[" * 5000 + b"]" * 5000
        elif fault == "not_protobuf":
            status, kind, content = 200, "application/octet-stream", b"<html>this is not protobuf</html>\xff\x00"
        elif fault == "body":
            status, kind, content = 200, "application/json", rule.body
        elif fault == "status":
            status, kind = rule.status, "application/json"
            content = json.dumps({"code": rule.status, "error": "injected", "message": "fault proxy"}).encode()
            extra = dict(rule.headers)
        elif fault == "no_token":
            status, kind, content = 200, "application/json", b'{"email": "x@example.com", "roles": ["Home_Owner"]}'
        await self._write(writer, status, kind, content, extra)
        return True

    @staticmethod
    def _head(status: int, kind: str, length: int, extra: dict[str, str] | None = None) -> bytes:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}", f"Content-Type: {kind}"]
        lines += [f"Content-Length: {length}", *(f"{k}: {v}" for k, v in (extra or {}).items())]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def _write(
        self, writer: asyncio.StreamWriter, status: int, kind: str, content: bytes, extra: dict[str, str] | None = None
    ) -> None:
        writer.write(self._head(status, kind, len(content), extra) + content)
        await writer.drain()
