"""Posting digests through discord.py's REST layer against the fake Discord, without a gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import discord
import pytest
from discord.http import Route

from adapters.discord.digest_poster import (
    NONCE_MAX,
    DiscordDigestPoster,
    TokenDigestPoster,
    message_nonce,
    message_ref,
)
from adapters.discord.digest_render import render_digest_messages
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.platform import poster as poster_from_env
from adapters.discord.settings import DiscordSettings
from bot.digest.model import Digest, DigestItem, PostError, PostResult, Target
from tests.fakes.discord_api import FakeDiscord, message_problems

KEY = "7-2024-05-06T09:00:00+00:00"


def digest(count: int, *, long: bool = False) -> Digest:
    words = "detail " * (130 if long else 3)
    return Digest(
        "Night News",
        tuple(
            DigestItem(
                title=f"Story {n} " + ("headline " * 25 if long else ""),
                url=f"https://news.example/{n}",
                summary=(f"Story {n} happened with {words}today.",),
                source="news.example" + "x" * (200 if long else 0),
                published=datetime(2024, 5, 6, tzinfo=UTC),
            )
            for n in range(count)
        ),
        subscription_id=7,
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    with discord_endpoints(server.api_base, server.gateway_url):
        yield server
    await server.close()


@pytest.fixture
async def client(fake: FakeDiscord) -> AsyncIterator[discord.Client]:
    """A client that only logged in: REST calls work, no gateway connection is made."""
    logged_in = discord.Client(intents=discord.Intents.none())
    async with logged_in:
        await logged_in.login(fake.token)
        yield logged_in


def channel_of(fake: FakeDiscord) -> tuple[Target, int]:
    guild = fake.guilds[0]
    return Target("discord", str(guild.id), str(guild.channels[0])), guild.channels[0]


async def test_posts_every_message_with_a_nonce_and_no_pings(fake: FakeDiscord, client: discord.Client) -> None:
    target, channel = channel_of(fake)
    big = digest(12, long=True)
    await DiscordDigestPoster(client).post_digest(target, big, KEY)
    posts = fake.requests_to("POST", rf"/channels/{channel}/messages")
    expected = render_digest_messages(big)
    assert len(posts) == len(expected) > 1
    assert all(post.status == 200 and message_problems(post.body) == [] for post in posts)
    assert [post.body["content"] for post in posts] == [m.content for m in expected]
    titles = [e["title"] for post in posts for e in post.body["embeds"]]
    assert titles == [item.title.strip() for item in big.items]
    nonces = [post.body["nonce"] for post in posts]
    assert len(set(nonces)) == len(nonces) and all(len(n) <= NONCE_MAX for n in nonces)
    assert nonces == [message_nonce(KEY, part) for part in range(len(posts))]
    assert all(post.body["enforce_nonce"] is True for post in posts)
    assert all(post.body["allowed_mentions"]["parse"] == [] for post in posts)
    assert not fake.gateway_queries, "no gateway connection was needed"


async def test_posting_the_same_run_again_creates_no_new_messages(fake: FakeDiscord, client: discord.Client) -> None:
    target, _ = channel_of(fake)
    poster = DiscordDigestPoster(client)
    await poster.post_digest(target, digest(12, long=True), KEY)
    created = len(fake.created_messages)
    await poster.post_digest(target, digest(12, long=True), KEY)
    assert len(fake.created_messages) == created > 1
    await poster.post_digest(target, digest(1), "another-run")
    assert len(fake.created_messages) == created + 1


@pytest.mark.parametrize(
    ("status", "code", "message", "permanent", "reason"),
    [
        (404, 10003, "Unknown Channel", True, "does not exist"),
        (403, 50001, "Missing Access", True, "no access"),
        (403, 50013, "Missing Permissions", True, "Send Messages and Embed Links"),
        (401, 0, "401: Unauthorized", True, "token"),
        (503, 0, "Service Unavailable", False, "HTTP 503"),
    ],
)
async def test_discord_errors_become_post_errors(
    fake: FakeDiscord, client: discord.Client, status: int, code: int, message: str, permanent: bool, reason: str
) -> None:
    target, channel = channel_of(fake)
    fake.fail_channel(channel, status, code, message)
    with pytest.raises(PostError) as raised:
        await DiscordDigestPoster(client).post_digest(target, digest(2), KEY)
    assert raised.value.permanent is permanent
    assert reason in raised.value.reason


async def test_a_rate_limit_is_waited_out(fake: FakeDiscord, client: discord.Client) -> None:
    target, channel = channel_of(fake)
    fake.rate_limit("POST", rf"/channels/{channel}/messages", times=1, retry_after=0.05)
    await DiscordDigestPoster(client).post_digest(target, digest(2), KEY)
    assert [r.status for r in fake.requests_to("POST", rf"/channels/{channel}/messages")] == [429, 200]


async def test_other_platforms_and_bad_channel_ids_are_refused_without_a_request(
    fake: FakeDiscord, client: discord.Client
) -> None:
    poster = DiscordDigestPoster(client)
    with pytest.raises(PostError) as slack:
        await poster.post_digest(Target("slack", "T1", "C1"), digest(1), KEY)
    assert not slack.value.permanent, "another platform's run is left for that platform's poster"
    with pytest.raises(PostError) as bad:
        await poster.post_digest(Target("discord", "1", "general"), digest(1), KEY)
    assert bad.value.permanent
    assert not fake.requests_to("POST", r"/channels/.*")


async def test_the_token_poster_needs_only_the_token(fake: FakeDiscord) -> None:
    target, channel = channel_of(fake)
    poster = poster_from_env({"DISCORD_TOKEN": fake.token, "DISCORD_API_BASE": fake.api_base})
    assert isinstance(poster, TokenDigestPoster)
    await poster.post_digest(target, digest(2), KEY)
    [post] = fake.requests_to("POST", rf"/channels/{channel}/messages")
    assert post.status == 200 and len(post.body["embeds"]) == 2
    assert fake.requests_to("GET", "/users/@me"), "it logged in"
    assert not fake.gateway_queries
    assert fake.api_base == Route.BASE
    assert poster_from_env({}) is None


async def test_the_token_poster_reports_a_rejected_token_as_permanent(fake: FakeDiscord) -> None:
    target, _ = channel_of(fake)
    settings = DiscordSettings(token="not-" + fake.token, api_base=fake.api_base)
    with pytest.raises(PostError) as raised:
        await TokenDigestPoster(settings).post_digest(target, digest(1), KEY)
    assert raised.value.permanent and "token" in raised.value.reason
    assert "not-" + fake.token not in raised.value.reason
    assert not fake.requests_to("POST", r"/channels/.*")


def test_nonces_are_short_stable_and_distinct() -> None:
    assert message_nonce(KEY, 0) == message_nonce(KEY, 0)
    assert len({message_nonce(KEY, 0), message_nonce(KEY, 1), message_nonce(KEY + "x", 0)}) == 3
    assert all(len(message_nonce("k" * 500, n)) == NONCE_MAX for n in range(3))


async def test_a_malformed_message_is_refused_for_good_not_retried_as_temporary(
    fake: FakeDiscord, client: discord.Client
) -> None:
    target, channel = channel_of(fake)
    fake.fail_channel(channel, 400, 50035, "Invalid Form Body")
    result = await DiscordDigestPoster(client).post_digest(target, digest(2), KEY)
    assert result.posted == 0 and len(result.refused) == 2, "each item was tried alone, and refused"
    assert all("HTTP 400 (error 50035)" in reason for reason in result.refused)


async def test_one_refused_item_leaves_the_others_posted(fake: FakeDiscord, client: discord.Client) -> None:
    target, channel = channel_of(fake)
    fake.refuse_titles(r"^Story 1\b")
    result = await DiscordDigestPoster(client).post_digest(target, digest(3), KEY)
    assert result == PostResult(posted=2, refused=(result.refused[0],)) and "Story 1" in result.refused[0]
    posted = [e["title"] for m in fake.messages_in(channel) for e in m["embeds"]]
    assert posted == ["Story 0", "Story 2"]
    again = await DiscordDigestPoster(client).post_digest(target, digest(3), KEY)
    assert again.posted == 2 and len(fake.messages_in(channel)) == 2, "a retry finds them by their references"


async def test_malformed_links_are_encoded_before_discord_sees_them(fake: FakeDiscord, client: discord.Client) -> None:
    target, channel = channel_of(fake)
    odd = DigestItem("Odd link", "https://news.example/a story?q=<x>", ("It has a space.",))
    raw = {"content": "x", "embeds": [{"title": "Odd link", "url": odd.url}]}
    assert message_problems(raw) == ["embeds.0.url: Not a well formed URL."], "the fake checks like Discord"
    result = await DiscordDigestPoster(client).post_digest(target, Digest("Links", (odd,)), KEY)
    assert result == PostResult(posted=1)
    [message] = fake.messages_in(channel)
    assert message["embeds"][0]["url"] == "https://news.example/a%20story?q=%3Cx%3E"


async def test_a_post_whose_answer_was_lost_is_not_repeated_after_the_nonce_window(
    fake: FakeDiscord, client: discord.Client
) -> None:
    target, channel = channel_of(fake)
    fake.lose_answers(channel)
    poster = DiscordDigestPoster(client)
    with pytest.raises(PostError) as lost:
        await poster.post_digest(target, digest(2), KEY)
    assert not lost.value.permanent, "an unanswered post is retried later"
    assert len(fake.messages_in(channel)) == 1, "the message was created all the same"
    fake.forget_nonces()  # the retry comes after Discord's nonce window
    assert await poster.post_digest(target, digest(2), KEY) == PostResult(posted=1)
    [message] = fake.messages_in(channel)
    assert message["embeds"][-1]["footer"]["text"].endswith(f"ref {message_ref(KEY, 0)}")


async def test_without_the_history_a_retry_posts_rather_than_miss_the_digest(
    fake: FakeDiscord, client: discord.Client
) -> None:
    target, channel = channel_of(fake)
    fake.history_forbidden.add(channel)
    poster = DiscordDigestPoster(client)
    await poster.post_digest(target, digest(1), KEY)
    fake.forget_nonces()
    await poster.post_digest(target, digest(1), KEY)
    assert len(fake.messages_in(channel)) == 2
