"""A fake Discord on 127.0.0.1: the REST API under /api/v10 and a gateway speaking the real protocol.

The real discord.py client connects to it (see `adapters.discord.endpoints`). The gateway
sends HELLO, answers IDENTIFY with READY and a GUILD_CREATE per guild, acknowledges
heartbeats, honours `compress=zlib-stream` (one zlib stream per connection, each message ended
by a Z_SYNC_FLUSH) and closes with 4004 / 4014 for a wrong token / a privileged intent that
is not enabled, as Discord does. Tests push events with `dispatch`.

The REST API records every request, validates message payloads against Discord's documented
limits and its URL check (400 "Invalid Form Body" like Discord), can answer 429 with Retry-After,
refuses posts in channels marked as forbidden with 403 "Missing Permissions" (or with any error
set by `fail_channel`), and, like Discord, answers a repeated message nonce sent with
`enforce_nonce` with the message already created instead of creating another
(`created_messages`) — until `forget_nonces()`, which stands for Discord's few-minute nonce window
running out. It lists a channel's messages newest first (without their nonces, as Discord does),
can create a message and then drop the connection without answering (`lose_answers`), and can
refuse embeds whose title matches a pattern (`refuse_titles`), for a refusal the bot cannot foresee.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web

API_PREFIX = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content
MANAGE_CHANNELS = 1 << 4
EVERYDAY_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)  # view, send, embed, history
EPHEMERAL = 1 << 6

# Discord's documented message limits, written out here independently of the adapter's constants.
LIMITS = {
    "content": 2000,
    "embeds": 10,
    "embeds_total": 6000,
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "nonce": 25,
}

Json = dict[str, Any]


def message_problems(payload: Json) -> list[str]:
    """Why Discord would refuse this message payload (empty when it would accept it)."""
    problems: list[str] = []
    content = payload.get("content") or ""
    embeds = payload.get("embeds") or []
    if len(content) > LIMITS["content"]:
        problems.append(f"content: {len(content)} > {LIMITS['content']}")
    if len(embeds) > LIMITS["embeds"]:
        problems.append(f"embeds: {len(embeds)} > {LIMITS['embeds']}")
    if not content and not embeds:
        problems.append("empty message")
    nonce = payload.get("nonce")
    if nonce is not None and len(str(nonce)) > LIMITS["nonce"]:
        problems.append(f"nonce: {len(str(nonce))} > {LIMITS['nonce']}")
    total = 0
    for i, embed in enumerate(embeds):
        parts = {
            "title": embed.get("title") or "",
            "description": embed.get("description") or "",
            "footer": (embed.get("footer") or {}).get("text") or "",
            "author": (embed.get("author") or {}).get("name") or "",
        }
        for key, text in parts.items():
            if len(text) > LIMITS[key]:
                problems.append(f"embeds.{i}.{key}: {len(text)} > {LIMITS[key]}")
            total += len(text)
        for path in _URL_FIELDS:
            holder: Any = embed
            for key in path[:-1]:
                holder = holder.get(key) or {}
            if path[-1] in holder and (problem := url_problem(holder[path[-1]])):
                problems.append(f"embeds.{i}.{'.'.join(path)}: {problem}")
        fields = embed.get("fields") or []
        if len(fields) > LIMITS["fields"]:
            problems.append(f"embeds.{i}.fields: {len(fields)} > {LIMITS['fields']}")
        for j, fld in enumerate(fields):
            name, value = fld.get("name") or "", fld.get("value") or ""
            if not name or not value:
                problems.append(f"embeds.{i}.fields.{j}: name and value are required")
            if len(name) > LIMITS["field_name"]:
                problems.append(f"embeds.{i}.fields.{j}.name: {len(name)} > {LIMITS['field_name']}")
            if len(value) > LIMITS["field_value"]:
                problems.append(f"embeds.{i}.fields.{j}.value: {len(value)} > {LIMITS['field_value']}")
            total += len(name) + len(value)
    if total > LIMITS["embeds_total"]:
        problems.append(f"embeds: {total} characters > {LIMITS['embeds_total']}")
    return problems


_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_URL_FIELDS = (("url",), ("author", "url"), ("thumbnail", "url"), ("image", "url"), ("footer", "icon_url"))


def url_problem(url: Any) -> str | None:
    """Why Discord would call this embed URL "Not a well formed URL." (None when it is fine)."""
    if not isinstance(url, str) or not _URL_CHARACTERS.fullmatch(url) or len(url) > 2048:
        return "Not a well formed URL."
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "attachment") or not parts.netloc:
        return "Scheme must be one of ('http', 'https', 'attachment')."
    return None


_CHAT_NAME = re.compile(r"[-_\w]{1,32}")


def command_problems(command: Json, path: str = "") -> list[str]:
    """Why Discord would refuse to register this application command (or option)."""
    name = command.get("name", "")
    where = path + (name or "?")
    if not path and command.get("type", 1) in (2, 3):  # user / message context menu
        valid = 1 <= len(name) <= 32 and not command.get("description")
        return [] if valid else [f"{where}: invalid context menu"]
    problems = []
    if not _CHAT_NAME.fullmatch(name) or name != name.lower():
        problems.append(f"{where}: invalid name")
    if not 1 <= len(command.get("description", "")) <= 100:
        problems.append(f"{where}: description must be 1-100 characters")
    for option in command.get("options") or []:
        problems += command_problems(option, where + ".")
    return problems


@dataclass(frozen=True)
class Recorded:
    """One REST request as the fake received it (path without the /api/v10 prefix)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int


@dataclass
class _RateLimit:
    method: str
    path: re.Pattern[str]
    times: int
    retry_after: float


@dataclass
class _Session:
    ws: web.WebSocketResponse
    compressor: Any | None
    seq: int = 0
    shard: tuple[int, int] = (0, 1)
    identified: bool = False
    session_id: str = ""


@dataclass
class FakeGuild:
    id: int
    name: str
    channels: list[int] = field(default_factory=list)


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response typed exactly `application/json`, as Discord sends (discord.py checks)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json"} | (headers or {}),
    )


class FakeDiscord:
    """The fake: start it, point discord.py at `api_base` / `gateway_url`, then `dispatch` events."""

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        guilds: list[FakeGuild] | None = None,
        message_content_enabled: bool = True,
        heartbeat_interval_ms: int = 500,
        recommended_shards: int = 1,
        gateway_bot_url: str | None = None,
    ) -> None:
        self.token = token
        self._ids = itertools.count(1)
        self.application_id = self.snowflake()
        self.bot_user_id = self.application_id
        self.owner_id = self.snowflake()
        self.guilds = guilds if guilds is not None else [FakeGuild(self.snowflake(), "Newsroom", [self.snowflake()])]
        self.message_content_enabled = message_content_enabled
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.recommended_shards = recommended_shards
        self.gateway_bot_url = gateway_bot_url
        self.requests: list[Recorded] = []
        self.identify_payloads: list[Json] = []
        self.gateway_queries: list[dict[str, str]] = []
        self.heartbeats = 0
        self.forbidden_channels: set[int] = set()
        self.channel_failures: dict[int, tuple[int, int, str]] = {}
        self.created_messages: list[Json] = []
        self.refused_titles: list[re.Pattern[str]] = []
        self.history_forbidden: set[int] = set()
        self._lose_answers: dict[int, int] = {}
        self._by_nonce: dict[tuple[int, str], Json] = {}
        self._rate_limits: list[_RateLimit] = []
        self._sessions: list[_Session] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        for session in list(self._sessions):
            await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- test controls ---------------------------------------------------------------------

    def snowflake(self) -> int:
        """A fresh ID, shaped like Discord's (milliseconds since 2015 in the high bits)."""
        return ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (next(self._ids) & 0xFFF)

    def fail_channel(self, channel_id: int, status: int, code: int, message: str) -> None:
        """Answer posts in `channel_id` with this HTTP status and Discord error (e.g. 404, 10003,
        "Unknown Channel")."""
        self.channel_failures[channel_id] = (status, code, message)

    def forget_nonces(self) -> None:
        """Forget the nonces of the messages created so far: Discord's nonce window has passed."""
        self._by_nonce.clear()

    def lose_answers(self, channel_id: int, times: int = 1) -> None:
        """Create the next `times` messages posted in `channel_id`, then drop the connection unanswered."""
        self._lose_answers[channel_id] = times

    def refuse_titles(self, pattern: str) -> None:
        """Refuse (400 Invalid Form Body) any message with an embed whose title matches `pattern`."""
        self.refused_titles.append(re.compile(pattern))

    def messages_in(self, channel_id: int) -> list[Json]:
        """The messages created in `channel_id`, oldest first."""
        return [m for m in self.created_messages if m["channel_id"] == str(channel_id)]

    def rate_limit(self, method: str, path_pattern: str, *, times: int = 1, retry_after: float = 0.05) -> None:
        """Answer the next `times` matching requests with 429 and Retry-After."""
        self._rate_limits.append(_RateLimit(method, re.compile(path_pattern), times, retry_after))

    async def wait_for_request(
        self, predicate: Callable[[Recorded], bool], *, count: int = 1, timeout: float = 10.0
    ) -> list[Recorded]:
        """The first `count` recorded requests matching `predicate`, waiting for them if needed."""

        def matching() -> list[Recorded]:
            return [r for r in self.requests if predicate(r)]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count), timeout)
        return matching()[:count]

    async def wait_identified(self, *, count: int = 1, timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: sum(s.identified for s in self._sessions) >= count), timeout
            )

    async def wait_heartbeats(self, count: int, *, timeout: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.heartbeats >= count), timeout)

    async def dispatch(self, event: str, data: Json) -> None:
        """Send a DISPATCH (op 0) event to every identified gateway session."""
        for session in self._sessions:
            if session.identified:
                session.seq += 1
                await self._send(session, {"op": 0, "t": event, "s": session.seq, "d": data})

    def requests_to(self, method: str, pattern: str) -> list[Recorded]:
        regex = re.compile(pattern)
        return [r for r in self.requests if r.method == method and regex.fullmatch(r.path)]

    # -- payloads --------------------------------------------------------------------------

    def user(self, user_id: int, name: str, *, bot: bool = False) -> Json:
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def bot_user(self) -> Json:
        return self.user(self.bot_user_id, "newsbot", bot=True) | {"verified": True, "mfa_enabled": False}

    def member(self, user_id: int, name: str, *, permissions: int | None = None) -> Json:
        data: Json = {
            "user": self.user(user_id, name),
            "roles": [],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data

    def channel(self, guild: FakeGuild, channel_id: int) -> Json:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(guild.id),
            "name": f"news-{channel_id % 1000}",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "rate_limit_per_user": 0,
            "last_message_id": None,
        }

    def message(self, guild: FakeGuild, channel_id: int, author: Json, content: str, **extra: Any) -> Json:
        return {
            "id": str(self.snowflake()),
            "channel_id": str(channel_id),
            "guild_id": str(guild.id),
            "author": author,
            "content": content,
            "timestamp": "2024-05-01T12:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        } | extra

    def interaction(
        self,
        guild: FakeGuild,
        channel_id: int,
        data: Json,
        *,
        user_id: int,
        permissions: int = EVERYDAY_PERMISSIONS,
    ) -> Json:
        """An INTERACTION_CREATE payload for an application command used in `channel_id`."""
        return {
            "id": str(self.snowflake()),
            "application_id": str(self.application_id),
            "type": 2,
            "token": f"interaction-token-{self.snowflake()}",
            "version": 1,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": self.channel(guild, channel_id),
            "member": self.member(user_id, "reader", permissions=permissions),
            "app_permissions": str(EVERYDAY_PERMISSIONS),
            "locale": "en-GB",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
            "data": data,
        }

    def _guild_create(self, guild: FakeGuild) -> Json:
        everyone = {
            "id": str(guild.id),
            "name": "@everyone",
            "color": 0,
            "hoist": False,
            "position": 0,
            "permissions": str(EVERYDAY_PERMISSIONS),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "owner_id": str(self.owner_id),
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [everyone],
            "emojis": [],
            "stickers": [],
            "channels": [self.channel(guild, cid) for cid in guild.channels],
            "threads": [],
            "members": [self.member(self.bot_user_id, "newsbot") | {"user": self.bot_user()}],
            "member_count": 2,
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "large": False,
            "unavailable": False,
            "joined_at": "2024-01-01T00:00:00+00:00",
        }

    # -- gateway ---------------------------------------------------------------------------

    async def _send(self, session: _Session, payload: Json) -> None:
        text = json.dumps(payload)
        if session.compressor is None:
            await session.ws.send_str(text)
        else:
            data = session.compressor.compress(text.encode()) + session.compressor.flush(zlib.Z_SYNC_FLUSH)
            await session.ws.send_bytes(data)

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        query = dict(request.query)
        self.gateway_queries.append(query)
        if query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"Decode error")
            return ws
        compressor = zlib.compressobj() if query.get("compress") == "zlib-stream" else None
        session = _Session(ws, compressor)
        self._sessions.append(session)
        try:
            await self._send(session, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                await self._gateway_op(session, json.loads(msg.data))
        finally:
            self._sessions.remove(session)
        return ws

    async def _gateway_op(self, session: _Session, payload: Json) -> None:
        op, data = payload.get("op"), payload.get("d") or {}
        if op == 1:
            await self._send(session, {"op": 11})
            async with self._changed:
                self.heartbeats += 1
                self._changed.notify_all()
        elif op == 2:
            await self._identify(session, data)
        elif op == 6:
            await self._send(session, {"op": 9, "d": False})  # sessions are not resumable here

    async def _identify(self, session: _Session, data: Json) -> None:
        self.identify_payloads.append(data)
        if data.get("token") != self.token:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return
        if data.get("intents", 0) & PRIVILEGED_INTENTS and not self.message_content_enabled:
            await session.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard") or [0, 1]
        session.shard = (shard_id, shard_count)
        session.session_id = f"session-{self.snowflake()}"
        mine = [g for g in self.guilds if (g.id >> 22) % shard_count == shard_id]
        session.seq += 1
        ready = {
            "v": 10,
            "user": self.bot_user(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
        }
        await self._send(session, {"op": 0, "t": "READY", "s": session.seq, "d": ready})
        for guild in mine:
            session.seq += 1
            await self._send(session, {"op": 0, "t": "GUILD_CREATE", "s": session.seq, "d": self._guild_create(guild)})
        async with self._changed:
            session.identified = True
            self._changed.notify_all()

    # -- REST ------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if raw and request.content_type == "application/json" else raw
        response = self._answer(request, path, body)
        lost = self._answer_lost(request.method, path, response.status)
        async with self._changed:
            status = 0 if lost else response.status  # 0: no answer was sent
            self.requests.append(Recorded(request.method, path, dict(request.query), body, status))
            self._changed.notify_all()
        if lost and request.transport is not None:
            request.transport.close()  # the message exists; its answer never arrives
        return response

    def _answer_lost(self, method: str, path: str, status: int) -> bool:
        match = re.fullmatch(r"/channels/(\d+)/messages", path)
        if method != "POST" or status != 200 or match is None:
            return False
        channel_id = int(match.group(1))
        if self._lose_answers.get(channel_id, 0) <= 0:
            return False
        self._lose_answers[channel_id] -= 1
        return True

    def _answer(self, request: web.Request, path: str, body: Any) -> web.Response:
        if request.headers.get("Authorization") != f"Bot {self.token}" and not path.startswith(
            ("/webhooks/", "/interactions/")
        ):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        for limit in self._rate_limits:
            if limit.times > 0 and limit.method == request.method and limit.path.fullmatch(path):
                limit.times -= 1
                return _json(
                    {
                        "message": "You are being rate limited.",
                        "retry_after": limit.retry_after,
                        "global": False,
                    },
                    status=429,
                    headers={
                        "Retry-After": str(limit.retry_after),
                        "X-RateLimit-Limit": "5",
                        "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset-After": str(limit.retry_after),
                        "X-RateLimit-Bucket": "fakebucket",
                        "X-RateLimit-Scope": "user",
                        "Via": "1.1 google",
                    },
                )
        for method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if method == request.method and match:
                return handler(match, body)
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    def _routes(self) -> list[tuple[str, str, Callable[[re.Match[str], Any], web.Response]]]:
        return [
            ("GET", r"/users/@me", lambda m, b: _json(self.bot_user())),
            ("GET", r"/oauth2/applications/@me", lambda m, b: _json(self._application())),
            ("GET", r"/gateway/bot", lambda m, b: _json(self._gateway_bot())),
            ("PUT", r"/applications/(\d+)(?:/guilds/(\d+))?/commands", self._put_commands),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("POST", r"/webhooks/(\d+)/([^/]+)", self._execute_webhook),
            ("DELETE", r"/webhooks/(\d+)/([^/]+)/messages/@original", lambda m, b: web.Response(status=204)),
            ("POST", r"/channels/(\d+)/messages", self._create_message),
            ("GET", r"/channels/(\d+)/messages", self._list_messages),
        ]

    def _application(self) -> Json:
        return {
            "id": str(self.application_id),
            "name": "newsbot",
            "icon": None,
            "description": "Reads news articles",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.user(self.owner_id, "owner"),
            "verify_key": "0" * 64,
            "flags": 0,
            "team": None,
            "summary": "",
        }

    def _gateway_bot(self) -> Json:
        return {
            "url": self.gateway_bot_url or self.gateway_url,
            "shards": self.recommended_shards,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        }

    def _put_commands(self, match: re.Match[str], body: Any) -> web.Response:
        if int(match.group(1)) != self.application_id or not isinstance(body, list):
            return _json({"message": "Invalid Form Body", "code": 50035}, status=400)
        problems = [p for command in body for p in command_problems(command)]
        if problems:
            return self._invalid(problems)
        registered = []
        for command in body:
            entry = {"description": "", "options": []} | dict(command)
            entry.update(id=str(self.snowflake()), application_id=str(self.application_id), version="1")
            if match.group(2):
                entry["guild_id"] = match.group(2)
            registered.append(entry)
        return _json(registered)

    def _invalid(self, problems: list[str]) -> web.Response:
        errors = {str(i): {"_errors": [{"code": "INVALID", "message": p}]} for i, p in enumerate(problems)}
        return _json({"message": "Invalid Form Body", "code": 50035, "errors": errors}, status=400)

    def _callback(self, match: re.Match[str], body: Any) -> web.Response:
        kind = body.get("type") if isinstance(body, dict) else None
        if kind not in (1, 4, 5, 6, 7, 9):
            return self._invalid([f"type: {kind!r}"])
        data = body.get("data") or {}
        if kind == 4 and message_problems(data):
            return self._invalid(message_problems(data))
        interaction = {
            "id": match.group(1),
            "type": 2,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL),
        }
        return _json({"interaction": interaction, "resource": {"type": kind}})

    def _refused(self, body: Any) -> list[str]:
        titles = [embed.get("title") or "" for embed in body.get("embeds") or []]
        return [f"title {t!r} refused" for t in titles for p in self.refused_titles if p.search(t)]

    def _execute_webhook(self, match: re.Match[str], body: Any) -> web.Response:
        if int(match.group(1)) != self.application_id:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        if message_problems(body) or self._refused(body):
            return self._invalid(message_problems(body) + self._refused(body))
        guild = self.guilds[0]
        channel_id = guild.channels[0] if guild.channels else self.snowflake()
        message = self.message(
            guild,
            channel_id,
            self.bot_user(),
            body.get("content") or "",
            embeds=body.get("embeds") or [],
            flags=body.get("flags", 0),
            webhook_id=str(self.application_id),
            application_id=str(self.application_id),
        )
        return _json(message)

    def _list_messages(self, match: re.Match[str], body: Any) -> web.Response:
        channel_id = int(match.group(1))
        if channel_id in self.history_forbidden:
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        newest_first = list(reversed(self.messages_in(channel_id)))[:100]
        return _json([{k: v for k, v in m.items() if k != "nonce"} for m in newest_first])

    def _create_message(self, match: re.Match[str], body: Any) -> web.Response:
        channel_id = int(match.group(1))
        if channel_id in self.forbidden_channels:
            return _json({"message": "Missing Permissions", "code": 50013}, status=403)
        if channel_id in self.channel_failures:
            status, code, message = self.channel_failures[channel_id]
            return _json({"message": message, "code": code}, status=status)
        if message_problems(body):
            return self._invalid(message_problems(body))
        if self._refused(body):
            return self._invalid(self._refused(body))
        nonce = (channel_id, str(body["nonce"])) if body.get("nonce") is not None else None
        if nonce is not None and body.get("enforce_nonce") and nonce in self._by_nonce:
            return _json(self._by_nonce[nonce])
        guild = next((g for g in self.guilds if channel_id in g.channels), self.guilds[0])
        extra: Json = {"embeds": body.get("embeds") or []}
        if body.get("message_reference"):
            extra |= {"type": 19, "message_reference": body["message_reference"]}
        if nonce is not None:
            extra["nonce"] = nonce[1]
        message = self.message(guild, channel_id, self.bot_user(), body.get("content") or "", **extra)
        self.created_messages.append(message)
        if nonce is not None:
            self._by_nonce[nonce] = message
        return _json(message)
