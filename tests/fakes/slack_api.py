"""A fake Slack Web API on 127.0.0.1: records calls, validates Block Kit like Slack, answers ok."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT_USER_ID = "UBOT"
TEAM_ID = "T0TEST"
INSTALLED_TEAM_ID = "T9INSTALLED"
INSTALLED_BOT_TOKEN = "xoxb-installed-by-oauth"

# Slack's documented limits, written out here independently of the adapter's constants.
SLACK_MAX_BLOCKS = 50
SLACK_MAX_TEXT = 3000
SLACK_MAX_HEADER = 150
SLACK_MAX_FIELDS = 10
SLACK_MAX_FIELD_TEXT = 2000
SLACK_MAX_CONTEXT_ELEMENTS = 10
KNOWN_BLOCK_TYPES = {"header", "section", "context", "divider"}


def block_problems(blocks: Any) -> list[str]:
    """Why Slack would answer `invalid_blocks` for these blocks (empty if it would accept them)."""
    if not isinstance(blocks, list) or not blocks:
        return ["blocks must be a non-empty list"]
    problems = []
    if len(blocks) > SLACK_MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks > {SLACK_MAX_BLOCKS}")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind not in KNOWN_BLOCK_TYPES:
            problems.append(f"block {i}: unknown type {kind!r}")
        elif kind == "header":
            text = block["text"]
            if text.get("type") != "plain_text" or not 0 < len(text["text"]) <= SLACK_MAX_HEADER:
                problems.append(f"block {i}: header text must be 1..{SLACK_MAX_HEADER} plain_text chars")
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                problems.append(f"block {i}: section without text or fields")
            if "text" in block and not 0 < len(block["text"]["text"]) <= SLACK_MAX_TEXT:
                problems.append(f"block {i}: section text length {len(block['text']['text'])}")
            fields = block.get("fields", [])
            if len(fields) > SLACK_MAX_FIELDS:
                problems.append(f"block {i}: {len(fields)} fields")
            problems += [
                f"block {i}: field too long" for f in fields if not 0 < len(f["text"]) <= SLACK_MAX_FIELD_TEXT
            ]
        elif kind == "context":
            elements = block.get("elements", [])
            if not 0 < len(elements) <= SLACK_MAX_CONTEXT_ELEMENTS:
                problems.append(f"block {i}: {len(elements)} context elements")
            problems += [
                f"block {i}: context text length"
                for e in elements
                if not 0 < len(e["text"]) <= SLACK_MAX_TEXT
            ]
    return problems


@dataclass(frozen=True)
class Call:
    """One request the app made: the Web API method (or "response_url"), its arguments, its token."""

    method: str
    args: dict[str, Any]
    token: str | None


class FakeSlackAPI:
    """An aiohttp server standing in for https://slack.com/api/ (and for response_url targets)."""

    def __init__(self, *, admins: frozenset[str] = frozenset(), socket_url: str = "") -> None:
        self.calls: list[Call] = []
        self.admins = admins
        self.socket_url = socket_url
        self._rate_limit_once: dict[str, int] = {}
        self._fail_once: dict[str, str] = {}
        self.refused_texts: list[str] = []
        self.held: dict[str, int] = {}
        self._release = asyncio.Event()
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def fail_once(self, method: str, error: str) -> None:
        """Answer the next call of `method` with `{"ok": false, "error": error}`."""
        self._fail_once[method] = error

    def refuse_blocks_containing(self, text: str) -> None:
        """Answer `invalid_blocks` to any chat.postMessage whose blocks contain `text`."""
        self.refused_texts.append(text)

    def hold_answers(self, method: str, times: int = 1) -> None:
        """Carry out the next `times` calls of `method`, then keep their answers until `release_answers()`."""
        self.held[method] = times

    def release_answers(self) -> None:
        """Send the answers kept back."""
        self._release.set()

    def rate_limit_once(self, method: str, retry_after: int = 0) -> None:
        """Answer the next call of `method` with 429 and this Retry-After."""
        self._rate_limit_once[method] = retry_after

    async def start(self) -> FakeSlackAPI:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 20.0) -> list[Call]:
        """The calls of `method` once there are at least `count` of them."""

        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.called(method)) >= count)

        await asyncio.wait_for(enough(), timeout)
        return self.called(method)

    async def _record(self, call: Call) -> None:
        self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    async def _response_url(self, request: web.Request) -> web.Response:
        await self._record(Call("response_url", await request.json(), None))
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or None
        if request.method == "GET":
            args: dict[str, Any] = dict(request.query)
        elif request.content_type == "application/json":
            args = await request.json()
        else:
            args = dict(await request.post())
            token = token or args.pop("token", None)
        for key in ("blocks", "unfurls"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        if method in self._rate_limit_once:
            retry_after = self._rate_limit_once.pop(method)
            await self._record(Call(method + ":429", args, token))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(retry_after)}
            )
        if method in self._fail_once:
            error = self._fail_once.pop(method)
            await self._record(Call(method + ":" + error, args, token))
            return web.json_response({"ok": False, "error": error})
        await self._record(Call(method, args, token))
        answer = self._answer(method, args)
        if self.held.get(method, 0) > 0:
            self.held[method] -= 1
            await self._release.wait()
        return web.json_response(answer)

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method in ("chat.postMessage", "chat.postEphemeral") and "blocks" in args:
            problems = block_problems(args["blocks"])
            problems += [f"refused: {t}" for t in self.refused_texts if t in json.dumps(args["blocks"])]
            if problems:
                return {"ok": False, "error": "invalid_blocks", "errors": problems}
        if method == "chat.unfurl":
            for unfurl in args.get("unfurls", {}).values():
                if block_problems(unfurl.get("blocks")):
                    return {"ok": False, "error": "invalid_unfurls"}
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": "BBOT",
                "team_id": TEAM_ID,
                "user": "newsbot",
                "team": "Test",
                "url": "https://test.slack.example/",
            }
        if method == "users.info":
            user = str(args.get("user"))
            return {"ok": True, "user": {"id": user, "is_admin": user in self.admins, "is_owner": False}}
        if method == "chat.postMessage":
            return {"ok": True, "channel": args.get("channel"), "ts": f"1700000000.{next(self._ts):06d}"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700000000.{next(self._ts):06d}"}
        if method == "oauth.v2.access":
            return {
                "ok": True,
                "app_id": "A1",
                "access_token": INSTALLED_BOT_TOKEN,
                "token_type": "bot",
                "scope": "chat:write,commands",
                "bot_user_id": BOT_USER_ID,
                "team": {"id": INSTALLED_TEAM_ID, "name": "Installed"},
                "enterprise": None,
                "is_enterprise_install": False,
                "authed_user": {"id": "UINSTALLER"},
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}
