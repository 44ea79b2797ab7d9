"""Real webhook receivers on loopback for the webhook tests: a threaded HTTP server that records
every request and answers by a script, and helpers to cause events and wait for deliveries."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def event(self) -> str:
        return self.json["event"]


Answer = tuple[int, bytes, float]  # status, body, delay in real seconds


@dataclass
class Receiver:
    """Answers URL validation correctly (unless ``validates`` is off), and each delivery with the
    next scripted answer (then ``default``)."""

    secret: str = ""
    validates: bool = True
    default: Answer = (200, b"", 0.0)
    script: list[Answer] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    on_request: Callable[[Received], None] | None = None

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                got = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, raw, time.monotonic())
                status, body, delay = receiver.answer(got)
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("content-length", str(len(body)))
                    self.send_header("content-type", "application/json")
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def answer(self, got: Received) -> Answer:
        try:
            message = got.json
        except ValueError:
            message = {}
        if message.get("event") == "endpoint.url_validation":
            with self._lock:
                self.received.append(got)
            if not self.validates:
                return 200, b"{}", 0.0
            plain = message["payload"]["plainToken"]
            token = hmac.new(self.secret.encode(), plain.encode(), hashlib.sha256).hexdigest()
            return 200, json.dumps({"plainToken": plain, "encryptedToken": token}).encode(), 0.0
        with self._lock:
            self.received.append(got)
            answer = self.script.pop(0) if self.script else self.default
        if self.on_request:
            self.on_request(got)
        return answer

    def deliveries(self, event: str | None = None) -> list[Received]:
        with self._lock:
            found = [r for r in self.received if r.event != "endpoint.url_validation"]
        return [r for r in found if event is None or r.event == event]

    def validations(self) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.event == "endpoint.url_validation"]

    def wait_for(self, count: int, event: str | None = None, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.deliveries(event)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"{len(self.deliveries(event))} deliveries arrived, expected {count}")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def verify(secret: str, got: Received) -> bool:
    """Zoom's check: v0=HMAC-SHA256(secret, v0:{timestamp}:{body})."""
    message = f"v0:{got.headers['x-zm-request-timestamp']}:".encode() + got.body
    expected = "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, got.headers["x-zm-signature"])


def subscribe(control: httpx.Client, url: str, **extra: Any) -> dict[str, Any]:
    answer = control.post("/zemu/subscriptions", json={"url": url, **extra})
    assert answer.status_code == 201, answer.text
    return answer.json()


def change_settings(api: httpx.Client, value: bool = True) -> None:
    """Causes one ``account.settings_updated`` event."""
    answer = api.patch("/accounts/me/settings", json={"schedule_meeting": {"host_video": value}})
    assert answer.status_code == 204, answer.text


def deliveries(control: httpx.Client, **query: Any) -> list[dict[str, Any]]:
    return control.get("/zemu/deliveries", params=query).raise_for_status().json()["deliveries"]


def wait_settled(control: httpx.Client, count: int, timeout: float = 10.0, **query: Any) -> list[dict[str, Any]]:
    """Wait until ``count`` deliveries exist and none has an attempt in flight for the first time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = deliveries(control, **query)
        if len(found) >= count and all(d["attempt_count"] > 0 or d["status"] != "pending" for d in found):
            return found
        time.sleep(0.02)
    raise AssertionError(f"deliveries did not settle: {deliveries(control, **query)}")


def emit_raw(zemu: Any, event: str, body: dict[str, Any]) -> None:
    """Commit an outbox row with a crafted body, on the server's own thread."""
    zemu.transaction(lambda tx: tx.emit(body["payload"]["account_id"], event, body, body["event_ts"]))
