"""A fake Slack Socket Mode endpoint on 127.0.0.1: says hello, sends envelopes, collects acks."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web


class FakeSocketMode:
    """A websocket server; `url` is what apps.connections.open should answer."""

    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}
        self._connected = asyncio.Event()
        self._ack_arrived = asyncio.Condition()
        self._socket: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    async def start(self) -> FakeSocketMode:
        app = web.Application()
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def send(self, envelope: dict[str, Any], timeout: float = 20.0) -> None:
        """Send an envelope once a client is connected."""
        await asyncio.wait_for(self._connected.wait(), timeout)
        assert self._socket is not None
        await self._socket.send_str(json.dumps(envelope))

    async def ack_for(self, envelope_id: str, timeout: float = 20.0) -> dict[str, Any]:
        """The client's acknowledgement of `envelope_id` (waits for it)."""

        async def arrived() -> None:
            async with self._ack_arrived:
                await self._ack_arrived.wait_for(lambda: envelope_id in self.acks)

        await asyncio.wait_for(arrived(), timeout)
        return self.acks[envelope_id]

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._socket = socket
        await socket.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "fake"},
                    "connection_info": {"app_id": "A1"},
                }
            )
        )
        self._connected.set()
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "envelope_id" in data:
                async with self._ack_arrived:
                    self.acks[data["envelope_id"]] = data
                    self._ack_arrived.notify_all()
        return socket
