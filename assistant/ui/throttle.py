"""Wrong passwords are slowed down per client.

An ASGI middleware in front of Gradio's ``/login`` route: login attempts of one client
(its address) are handled one at a time, and after ``free`` failures in a row every
further failure is answered only after a delay that doubles up to ``cap`` seconds. A
success clears the client's count. Other routes and other clients are not affected.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class _Client:
    failures: int = 0
    last: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class LoginThrottle:
    def __init__(
        self,
        app: Any,
        free: int = 3,
        base: float = 1.0,
        cap: float = 30.0,
        forget_after: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.free = free
        self.base = base
        self.cap = cap
        self.forget_after = forget_after
        self.clock = clock
        self._clients: dict[str, _Client] = {}

    def delay(self, failures: int) -> float:
        """Seconds to wait before answering the ``failures``-th failure in a row."""
        if failures <= self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** (failures - self.free - 1))

    def _client(self, key: str) -> _Client:
        now = self.clock()
        if len(self._clients) > 10_000:  # forget clients quiet for a long time
            for k in [k for k, c in self._clients.items() if now - c.last > self.forget_after and not c.lock.locked()]:
                del self._clients[k]
        client = self._clients.get(key)
        if client is None or (now - client.last > self.forget_after and not client.lock.locked()):
            client = self._clients[key] = _Client()
        return client

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if not (
            scope.get("type") == "http"
            and scope.get("method") == "POST"
            and scope.get("path", "").rstrip("/").endswith("/login")
        ):
            await self.app(scope, receive, send)
            return
        peer = scope.get("client") or ("?", 0)
        client = self._client(str(peer[0]))
        async with client.lock:  # one attempt at a time per client
            held: list[dict] = []

            async def capture(message: dict) -> None:
                held.append(message)

            await self.app(scope, receive, capture)
            status = next((m.get("status") for m in held if m.get("type") == "http.response.start"), 500)
            client.last = self.clock()
            if status == 200:
                client.failures = 0
            elif 400 <= status < 500:
                client.failures += 1
                wait = self.delay(client.failures)
                if wait:
                    await asyncio.sleep(wait)
            for message in held:
                await send(message)
