"""A fault-injecting HTTP proxy for tests: the client talks to the proxy, the proxy to a real
platform, and rules make chosen requests fail in chosen ways (a burst of 503s with
Retry-After, a connection dropped before or after the platform handled the request, a body
cut mid-way, malformed or huge bodies, a wrong content type). The upstream can be switched
or set to None (the platform is gone: every connection is closed without an answer).
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

#: The hop-by-hop headers a proxy does not pass on.
_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection",
        "content-length", "host"}


@dataclass
class Fault:
    """What to do with a matching request, ``times`` times (None: always)."""

    method: str | None = None
    path: str | None = None  # a substring of the path, e.g. "/decisions"
    action: str = "status"  # status | drop_before | drop_after | cut | body | forward_then_body
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Callable[[], bytes] = b""
    content_type: str = "application/json"
    times: int | None = 1
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (self.path is None or self.path in path) \
            and (self.times is None or self.hits < self.times)


class FaultProxy:
    def __init__(self, upstream: str | None) -> None:
        self.upstream = upstream
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str, str]] = []  # (method, path, what happened)
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fault = proxy._take(self.command, self.path)
                action = fault.action if fault else "forward"
                proxy.log.append((self.command, self.path, action))
                if action == "drop_before":
                    self.close_connection = True
                    return
                if action in ("status", "body"):
                    payload = fault.body() if callable(fault.body) else fault.body  # type: ignore[union-attr]
                    if action == "status" and not payload:
                        payload = b'{"type":"about:blank","title":"Unavailable","status":%d}' % fault.status
                    self._answer(fault.status, {"Content-Type": fault.content_type, **fault.headers}, payload)
                    return
                answer = proxy._forward(self.command, self.path, dict(self.headers), body)
                if answer is None:  # the platform is gone
                    self.close_connection = True
                    return
                status, headers, payload = answer
                if action == "drop_after":
                    self.close_connection = True
                    return
                if action == "cut":
                    self.send_response(status)
                    for k, v in headers:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(payload[: max(1, len(payload) // 2)])
                    self.close_connection = True
                    return
                if action == "forward_then_body":
                    payload = fault.body() if callable(fault.body) else fault.body  # type: ignore[union-attr]
                    self._answer(status, {"Content-Type": fault.content_type}, payload)
                    return
                self._answer(status, dict(headers), payload)

            def _answer(self, status: int, headers: dict[str, str], payload: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, name="fault-proxy", daemon=True)
        self._thread.start()

    def add(self, **kwargs: object) -> Fault:
        fault = Fault(**kwargs)  # type: ignore[arg-type]
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.hits += 1
                    return fault
        return None

    def _forward(self, method: str, path: str, headers: dict[str, str],
                 body: bytes) -> tuple[int, list[tuple[str, str]], bytes] | None:
        upstream = self.upstream
        if upstream is None:
            return None
        parts = urlsplit(upstream)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            conn.request(method, path, body=body or None,
                         headers={k: v for k, v in headers.items() if k.lower() not in _HOP})
            response = conn.getresponse()
            payload = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP]
            return response.status, kept, payload
        except OSError:
            return None
        finally:
            conn.close()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
