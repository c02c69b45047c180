"""SlackDigestPoster against the fake Slack Web API: parts, idempotency through history, errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Bot, FileInstallationStore

from adapters.slack.app import make_client
from adapters.slack.digest_poster import (
    EVENT_TYPE,
    NOT_INSTALLED,
    PERMANENT_ERRORS,
    SlackDigestPoster,
    installation_tokens,
)
from adapters.slack.digest_render import render_digest_messages
from adapters.slack.settings import SlackSettings
from bot.digest.model import Digest, DigestItem, PostError, PostResult, Target
from newsbot.platforms import poster_from_env
from tests.fakes.slack_api import FakeSlackAPI, block_problems

BOT_TOKEN = "xoxb-digest-test"
TARGET = Target("slack", "T1", "C1")


class FakeSlackWithHistory(FakeSlackAPI):
    """The fake Web API, also keeping the messages posted so conversations.history returns them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.history: list[dict[str, Any]] = []

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        answer = super()._answer(method, args)
        if method == "chat.postMessage" and answer.get("ok"):
            message = {"type": "message", "bot_id": "BBOT", "ts": answer["ts"], "text": args.get("text", "")}
            if args.get("metadata"):
                message["metadata"] = args["metadata"]
            self.history.insert(0, {"channel": args["channel"], **message})
        if method == "conversations.history":
            messages = [
                {k: v for k, v in m.items() if k != "channel"}
                for m in self.history
                if m["channel"] == args.get("channel")
            ]
            return {"ok": True, "messages": messages, "has_more": False}
        return answer


@pytest.fixture
async def api() -> AsyncIterator[FakeSlackWithHistory]:
    fake = await FakeSlackWithHistory().start()
    yield fake
    await fake.close()


def poster_for(api: FakeSlackAPI, **kwargs: Any) -> SlackDigestPoster:
    client = make_client(SlackSettings(bot_token=BOT_TOKEN, api_url=api.base_url))
    return SlackDigestPoster(client, **kwargs)


def digest(count: int, long: bool = False) -> Digest:
    sentence = ("The council debated the plan for the river crossing at length " * (20 if long else 1)).strip()
    items = tuple(
        DigestItem(f"Story {n}", f"https://news.example/{n}", (sentence + ".",), published=datetime.now(UTC))
        for n in range(count)
    )
    return Digest("Test digest", items, subscription_id=1)


async def test_each_part_is_posted_once_with_valid_blocks_and_its_key(api: FakeSlackWithHistory) -> None:
    big = digest(20, long=True)
    parts = len(render_digest_messages(big))
    assert parts > 1
    poster = poster_for(api)
    await poster.post_digest(TARGET, big, "key-1")
    posts = api.called("chat.postMessage")
    assert len(posts) == parts
    for number, post in enumerate(posts, 1):
        assert post.token == BOT_TOKEN and post.args["channel"] == "C1"
        assert block_problems(post.args["blocks"]) == []
        assert post.args["metadata"] == {
            "event_type": EVENT_TYPE,
            "event_payload": {"key": "key-1", "part": number, "parts": parts},
        }
    await poster.post_digest(TARGET, big, "key-1")  # a retried run
    assert len(api.called("chat.postMessage")) == parts
    assert len(api.called("conversations.history")) == 2
    await poster.post_digest(TARGET, digest(1), "key-2")  # a different run posts
    assert len(api.called("chat.postMessage")) == parts + 1


async def test_a_retry_posts_only_the_parts_missing_from_the_channel(api: FakeSlackWithHistory) -> None:
    big = digest(20, long=True)
    poster = poster_for(api)
    await poster.post_digest(TARGET, big, "key-1")
    parts = len(api.called("chat.postMessage"))
    api.history.pop(0)  # as if the instance died before posting the last part
    await poster.post_digest(TARGET, big, "key-1")
    posts = api.called("chat.postMessage")
    assert len(posts) == parts + 1
    assert posts[-1].args["metadata"]["event_payload"]["part"] == parts


async def test_other_channels_and_other_keys_do_not_count_as_posted(api: FakeSlackWithHistory) -> None:
    poster = poster_for(api)
    await poster.post_digest(TARGET, digest(1), "key-1")
    await poster.post_digest(Target("slack", "T1", "C2"), digest(1), "key-1")
    assert [p.args["channel"] for p in api.called("chat.postMessage")] == ["C1", "C2"]


async def test_unreadable_history_does_not_stop_the_post(api: FakeSlackWithHistory) -> None:
    api.fail_once("conversations.history", "missing_scope")
    await poster_for(api).post_digest(TARGET, digest(2), "key-1")
    assert len(api.called("chat.postMessage")) == 1


@pytest.mark.parametrize("error", sorted(PERMANENT_ERRORS))
async def test_permanent_slack_errors(api: FakeSlackWithHistory, error: str) -> None:
    api.fail_once("chat.postMessage", error)
    with pytest.raises(PostError) as raised:
        await poster_for(api).post_digest(TARGET, digest(1), "key-1")
    assert (raised.value.permanent, raised.value.reason) == (True, error)


@pytest.mark.parametrize("error", ["internal_error", "fatal_error", "ratelimited"])
async def test_other_slack_errors_are_temporary(api: FakeSlackWithHistory, error: str) -> None:
    api.fail_once("chat.postMessage", error)
    with pytest.raises(PostError) as raised:
        await poster_for(api).post_digest(TARGET, digest(1), "key-1")
    assert (raised.value.permanent, raised.value.reason) == (False, error)


async def test_unreachable_slack_is_temporary() -> None:
    fake = await FakeSlackAPI().start()
    await fake.close()  # nothing listens on its port any more
    with pytest.raises(PostError) as raised:
        await poster_for(fake).post_digest(TARGET, digest(1), "key-1")
    assert not raised.value.permanent


async def test_oauth_installs_post_with_each_workspace_token(api: FakeSlackWithHistory, tmp_path: Path) -> None:
    store = FileInstallationStore(base_dir=str(tmp_path))
    await store.async_save_bot(
        Bot(
            team_id="T1",
            bot_token="xoxb-team-one",
            bot_id="B1",
            bot_user_id="UB1",
            installed_at=datetime.now(UTC).timestamp(),
        )
    )
    client = make_client(SlackSettings(api_url=api.base_url))
    poster = SlackDigestPoster(client, token_for=installation_tokens(store))
    await poster.post_digest(TARGET, digest(1), "key-1")
    assert [c.token for c in api.calls] == ["xoxb-team-one", "xoxb-team-one"]
    with pytest.raises(PostError) as raised:
        await poster.post_digest(Target("slack", "T-other", "C1"), digest(1), "key-1")
    assert (raised.value.permanent, raised.value.reason) == (True, NOT_INSTALLED)


async def test_one_refused_item_leaves_the_others_posted(api: FakeSlackWithHistory) -> None:
    api.refuse_blocks_containing("Story 1")
    poster = poster_for(api)
    result = await poster.post_digest(TARGET, digest(3), "key-1")
    assert result.posted == 2 and result.refused == ("Slack refused a message: invalid_blocks",)
    landed = list(reversed(api.history))
    assert [m["text"] for m in landed] == ["Test digest: Story 0", "Test digest: Story 2"]
    assert [m["metadata"]["event_payload"].get("sub") for m in landed] == [1, 3]
    tried = len(api.called("chat.postMessage"))
    assert tried == 4, "the whole part, then each of its items alone"
    assert await poster.post_digest(TARGET, digest(3), "key-1") == PostResult(posted=2, refused=result.refused)
    assert len(api.history) == 2, "a retry finds the items sent alone and repeats none"


async def test_a_refused_message_is_not_a_temporary_failure(api: FakeSlackWithHistory) -> None:
    api.fail_once("chat.postMessage", "msg_too_long")
    result = await poster_for(api).post_digest(TARGET, digest(1), "key-1")
    assert result == PostResult(posted=0, refused=("Slack refused a message: msg_too_long",))


async def test_the_routing_poster_of_run_due_passes_refusals_on(api: FakeSlackWithHistory) -> None:
    routing = poster_from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": api.base_url})
    assert routing is not None
    api.refuse_blocks_containing("Story 0")
    result = await routing.post_digest(TARGET, digest(2), "key-1")
    assert result is not None and result.posted == 1 and len(result.refused) == 1
