"""The Slack app in HTTP mode, end to end over real sockets against a fake Slack Web API."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from ipaddress import ip_network
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web

from adapters.slack.app import build_app
from adapters.slack.replies import MENTION_HINT, NOT_A_MANAGER, USAGE
from adapters.slack.run import build_web_app
from adapters.slack.settings import SlackSettings
from bot.errors import BlockedAddress, EmptyInput
from bot.fetch import NetworkPolicy, fetch_article
from bot.model import Article, Claim, ClaimSpans, Flag, Report, Sourcing, Speaker
from bot.service import InMemoryAutoModeStore, SummaryService
from bot.service.service import GENERIC_ERROR
from tests.fakes.slack_api import BOT_USER_ID, TEAM_ID, FakeSlackAPI, block_problems

SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
ARTICLE_HTML = """<!doctype html><html><head><title>Harbour bridge to close</title></head><body><article>
<h1>Harbour bridge to close for repairs</h1>
<p>The city council said on Monday that the harbour bridge will close for six weeks of repairs.</p>
<p>"The cables are older than anyone expected," said Maria Lopez, the council's chief engineer.</p>
<p>Officials who asked not to be named said the work could take longer.</p>
</article></body></html>"""


def simple_analyse(article: Article) -> Report:
    """A stand-in analysis: the first sentence as summary, one claim, one flag."""
    first = article.text.strip().split(". ")[0].strip().rstrip(".") + "."
    if len(first) < 20:
        raise EmptyInput("too little text")
    speaker = Speaker(name="Maria Lopez", description="chief engineer", kind="named")
    claim = Claim(
        text="The cables are older than anyone expected",
        direct=True,
        speaker=speaker,
        cue="said",
        spans=ClaimSpans(content=((0, 1),)),
        key=True,
    )
    flag = Flag(
        kind="anonymous",
        severity="high",
        text="Officials who asked not to be named",
        reasons=("unnamed",),
        spans=((0, 1),),
    )
    return Report(
        text=article.text,
        summary=(first,),
        summary_spans=((0, len(first)),),
        title=article.title,
        url=article.url,
        site=article.site,
        claims=(claim,),
        sourcing=Sourcing(flags=(flag,), verdict="One claim rests on anonymous officials."),
    )


@dataclass(frozen=True)
class Reply:
    status: int
    body: str


@dataclass
class Harness:
    api: FakeSlackAPI
    store: InMemoryAutoModeStore
    url: str
    page_url: str
    http: aiohttp.ClientSession

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        ts: int | None = None,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        stamp = str(ts if ts is not None else int(time.time()))
        digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={digest}",
            **(headers or {}),
        }
        async with self.http.post(self.url, data=body.encode(), headers=all_headers) as response:
            return Reply(response.status, await response.text())

    async def command(self, text: str, *, user: str = "U1", **kw: object) -> Reply:
        form = {
            "token": "x",
            "team_id": TEAM_ID,
            "channel_id": "C1",
            "user_id": user,
            "command": "/summarise",
            "text": text,
            "response_url": self.api.response_url(),
            "trigger_id": "t1",
            "api_app_id": "A1",
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **kw)  # type: ignore[arg-type]

    async def event(self, event: Mapping[str, object], event_id: str, **kw: object) -> Reply:
        body = {
            "token": "x",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "type": "event_callback",
            "event": event,
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        return await self.post(json.dumps(body), "application/json", **kw)  # type: ignore[arg-type]


async def _serve(app: web.Application) -> tuple[web.AppRunner, int]:
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, runner.addresses[0][1]


@pytest.fixture
async def harness() -> AsyncIterator[Harness]:
    api = await FakeSlackAPI(admins=frozenset({"UADMIN"})).start()
    pages = web.Application()

    async def article(_: web.Request) -> web.Response:
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    pages.router.add_get("/article", article)
    pages_runner, pages_port = await _serve(pages)
    local = NetworkPolicy(allow=(ip_network("127.0.0.0/8"),))

    async def fetch(url: str) -> Article:
        return await fetch_article(url, policy=local)

    service = SummaryService(fetch=fetch, analyse=simple_analyse)
    store = InMemoryAutoModeStore()
    settings = SlackSettings(
        bot_token=BOT_TOKEN, signing_secret=SECRET, api_url=api.base_url, managers=frozenset({"UMANAGER"})
    )
    runner, port = await _serve(build_web_app(build_app(settings, service, store)))
    async with aiohttp.ClientSession() as http:
        yield Harness(
            api,
            store,
            f"http://127.0.0.1:{port}/slack/events",
            f"http://127.0.0.1:{pages_port}/article",
            http,
        )
    await runner.cleanup()
    await pages_runner.cleanup()
    await api.close()
    service.close()


PASTED = (
    "The city council said on Monday that the harbour bridge will close for six weeks of repairs. "
    "Engineers found worn cables."
)


async def test_slash_command_acks_then_posts_valid_blocks(harness: Harness) -> None:
    response = await harness.command(PASTED)
    assert response.status == 200
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert post.token == BOT_TOKEN
    assert post.args["channel"] == "C1"
    assert block_problems(post.args["blocks"]) == []
    assert "harbour bridge will close" in json.dumps(post.args["blocks"])
    assert "harbour bridge" in post.args["text"]


async def test_private_command_answers_only_the_caller(harness: Harness) -> None:
    await harness.command("private " + PASTED)
    (answer,) = await harness.api.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral"
    assert block_problems(answer.args["blocks"]) == []
    assert harness.api.called("chat.postMessage") == []


async def test_command_without_text_shows_usage_in_the_ack(harness: Harness) -> None:
    reply = await harness.command("  ")
    assert (reply.status, reply.body) == (200, USAGE)


async def test_command_acks_before_the_work_is_done(harness: Harness) -> None:
    reply = await harness.command(PASTED)
    assert reply.status == 200 and "Reading" in reply.body
    await harness.api.wait_for("chat.postMessage")


async def test_command_error_is_one_ephemeral_sentence(harness: Harness) -> None:
    await harness.command("hi")
    (answer,) = await harness.api.wait_for("response_url", 1)
    assert answer.args == {
        "text": EmptyInput.user_message,
        "response_type": "ephemeral",
        "replace_original": False,
    }
    assert harness.api.called("chat.postMessage") == []


async def test_link_to_private_address_is_refused_politely(harness: Harness) -> None:
    await harness.command("http://10.1.2.3/secret")
    (answer,) = await harness.api.wait_for("response_url")
    assert answer.args["text"] == f"http://10.1.2.3/secret: {BlockedAddress.user_message}"


def shortcut_payload(harness: Harness, ts: str) -> dict[str, Any]:
    """A "Summarise this message" shortcut on a pasted-text message sent at `ts`."""
    return {
        "type": "message_action",
        "callback_id": "summarise_message",
        "trigger_id": "t",
        "team": {"id": TEAM_ID},
        "channel": {"id": "C7"},
        "user": {"id": "U2"},
        "message": {"type": "message", "user": "U3", "ts": ts, "text": PASTED},
        "response_url": harness.api.response_url("shortcut"),
        "token": "x",
        "action_ts": "1",
    }


async def test_message_shortcut_answers_in_the_thread(harness: Harness) -> None:
    payload = shortcut_payload(harness, "1700000100.000200")
    response = await harness.post(
        urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
    )
    assert response.status == 200
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert (post.args["channel"], post.args["thread_ts"]) == ("C7", "1700000100.000200")
    assert block_problems(post.args["blocks"]) == []


async def test_app_mention_with_a_link_fetches_and_answers_in_thread(harness: Harness) -> None:
    event = {
        "type": "app_mention",
        "user": "U1",
        "channel": "C1",
        "ts": "1700000200.000100",
        "text": f"<@{BOT_USER_ID}> what about <{harness.page_url}>?",
    }
    response = await harness.event(event, "Ev1")
    assert response.status == 200
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert post.args["thread_ts"] == "1700000200.000100"
    assert block_problems(post.args["blocks"]) == []
    rendered = json.dumps(post.args["blocks"], ensure_ascii=False)
    assert "Harbour bridge to close" in rendered
    assert "Maria Lopez" in rendered and ":red_circle:" in rendered


async def test_app_mention_without_link_gets_a_private_hint(harness: Harness) -> None:
    await harness.event(
        {
            "type": "app_mention",
            "user": "U1",
            "channel": "C1",
            "ts": "1.2",
            "text": f"<@{BOT_USER_ID}> hello",
        },
        "Ev2",
    )
    (hint,) = await harness.api.wait_for("chat.postEphemeral")
    assert (hint.args["user"], hint.args["text"]) == ("U1", MENTION_HINT)


async def test_retried_and_repeated_events_post_once(harness: Harness) -> None:
    event = {
        "type": "app_mention",
        "user": "U1",
        "channel": "C1",
        "ts": "1700000300.000100",
        "text": f"<@{BOT_USER_ID}> {harness.page_url}",
    }
    assert (await harness.event(event, "EvRetry")).status == 200
    retry = await harness.event(
        event, "EvRetry", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert retry.status == 200
    assert (await harness.event(event, "EvRetry")).status == 200
    # A later, different event is handled; by then a duplicate would have been posted too.
    await harness.event({**event, "ts": "1700000400.000100"}, "EvLater")
    posts = await harness.api.wait_for("chat.postMessage", 2)
    assert sorted(p.args["thread_ts"] for p in posts) == ["1700000300.000100", "1700000400.000100"]


@pytest.mark.parametrize("variant", ["bad_signature", "stale_timestamp"])
async def test_unverified_requests_get_401_and_no_call(harness: Harness, variant: str) -> None:
    if variant == "bad_signature":
        response = await harness.command(PASTED, secret="wrong-secret")
    else:
        response = await harness.command(PASTED, ts=int(time.time()) - 600)
    assert response.status == 401
    await harness.command("hi")  # a valid request afterwards is answered...
    await harness.api.wait_for("response_url")
    assert [c.method for c in harness.api.calls if c.method.startswith("chat.")] == []  # ...the bad one never


async def test_healthz(harness: Harness) -> None:
    async with harness.http.get(harness.url.replace("/slack/events", "/healthz")) as response:
        assert response.status == 200
        assert await response.json() == {"ok": True}


async def test_auto_mode_needs_a_manager(harness: Harness) -> None:
    await harness.command("auto on", user="U1")
    (refusal,) = await harness.api.wait_for("response_url")
    assert (refusal.args["text"], refusal.args["response_type"]) == (NOT_A_MANAGER, "ephemeral")
    assert not harness.store.get_auto("slack", TEAM_ID, "C1")
    assert [c.args["user"] for c in harness.api.called("users.info")] == ["U1"]


@pytest.mark.parametrize("manager", ["UADMIN", "UMANAGER"])
async def test_auto_mode_on_summarises_links_posted_in_the_channel(harness: Harness, manager: str) -> None:
    message = {
        "type": "message",
        "user": "U5",
        "channel": "C1",
        "ts": "1700000500.000100",
        "text": f"look <{harness.page_url}>",
        "channel_type": "channel",
    }
    await harness.event(message, "EvBefore")
    await harness.command("auto on", user=manager)
    (announcement,) = await harness.api.wait_for("response_url")
    assert announcement.args["response_type"] == "in_channel"
    assert harness.store.get_auto("slack", TEAM_ID, "C1")
    await harness.event({**message, "ts": "1700000600.000100"}, "EvAfter")
    (post,) = await harness.api.wait_for("chat.postMessage")
    assert (post.args["channel"], post.args["thread_ts"]) == ("C1", "1700000600.000100")
    assert block_problems(post.args["blocks"]) == []


async def test_link_shared_unfurls_with_compact_blocks(harness: Harness) -> None:
    event = {
        "type": "link_shared",
        "channel": "C1",
        "user": "U1",
        "message_ts": "1700000700.000100",
        "links": [{"domain": "127.0.0.1", "url": harness.page_url}],
        "source": "conversations_history",
        "unfurl_id": "U-1",
    }
    await harness.event(event, "EvLink")
    (unfurl,) = await harness.api.wait_for("chat.unfurl")
    assert (unfurl.args["unfurl_id"], unfurl.args["source"]) == ("U-1", "conversations_history")
    (blocks,) = [u["blocks"] for u in unfurl.args["unfurls"].values()]
    assert list(unfurl.args["unfurls"]) == [harness.page_url]
    assert block_problems(blocks) == [] and len(blocks) <= 3


async def test_rate_limited_web_api_call_is_retried_once(harness: Harness) -> None:
    harness.api.rate_limit_once("chat.postMessage", retry_after=0)
    await harness.command(PASTED)
    await harness.api.wait_for("chat.postMessage")
    methods = [c.method for c in harness.api.calls if c.method.startswith("chat.postMessage")]
    assert methods == ["chat.postMessage:429", "chat.postMessage"]


async def test_channel_without_the_bot_gets_the_report_through_response_url(harness: Harness) -> None:
    harness.api.fail_once("chat.postMessage", "not_in_channel")
    await harness.command(PASTED)
    (answer,) = await harness.api.wait_for("response_url")
    assert answer.args["response_type"] == "in_channel"
    assert block_problems(answer.args["blocks"]) == []
    assert [c.method for c in harness.api.calls if c.method.startswith("chat.")] == [
        "chat.postMessage:not_in_channel"
    ]


async def test_unexpected_failure_is_logged_and_told_privately(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.fail_once("chat.postMessage", "internal_error")
    payload = shortcut_payload(harness, "1700000900.000200")
    await harness.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")
    (answer,) = await harness.api.wait_for("response_url")
    assert (answer.args["text"], answer.args["response_type"]) == (GENERIC_ERROR, "ephemeral")
    assert any(r.exc_info and "internal_error" in str(r.exc_info[1]) for r in caplog.records)


async def test_a_link_typed_without_scheme_is_fetched_with_https_under_the_same_policy(harness: Harness) -> None:
    await harness.command("10.1.2.3/secret")
    (answer,) = await harness.api.wait_for("response_url")
    assert answer.args["text"] == f"https://10.1.2.3/secret: {BlockedAddress.user_message}"


async def test_a_mention_with_a_link_slack_wrapped_from_text_without_scheme(harness: Harness) -> None:
    """Slack sends `apnews.com/x` typed in a message as `<http://apnews.com/x|apnews.com/x>`."""
    event = {
        "type": "app_mention",
        "user": "U1",
        "channel": "C1",
        "ts": "1700000900.000100",
        "text": f"<@{BOT_USER_ID}> <http://10.1.2.3/secret|10.1.2.3/secret>",
    }
    await harness.event(event, "EvSchemeless")
    (note,) = await harness.api.wait_for("chat.postEphemeral")
    assert note.args["text"] == f"https://10.1.2.3/secret: {BlockedAddress.user_message}"
