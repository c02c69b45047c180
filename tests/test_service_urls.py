"""Finding links in chat messages and canonicalising them."""

from __future__ import annotations

import pytest

from bot.errors import InvalidURL
from bot.service.urls import canonical_url, find_urls, strip_markup


def test_plain_links_in_order_with_sentence_punctuation_trimmed() -> None:
    text = "Read https://a.example/one. Then (see https://b.example/two), or https://c.example/x?y=1!"
    assert find_urls(text) == ("https://a.example/one", "https://b.example/two", "https://c.example/x?y=1")


def test_balanced_parentheses_stay_in_the_link() -> None:
    assert find_urls("wiki https://en.example/Foo_(bar) yes") == ("https://en.example/Foo_(bar)",)


def test_slack_labelled_and_bare_bracketed_links() -> None:
    text = "see <https://a.example/story?x=1&amp;y=2|The story> and <http://b.example/>"
    assert find_urls(text) == ("https://a.example/story?x=1&y=2", "http://b.example/")


def test_discord_suppressed_embed_and_markdown_link() -> None:
    text = "<https://a.example/one> and [label](https://b.example/two)"
    assert find_urls(text) == ("https://a.example/one", "https://b.example/two")


def test_mentions_channels_and_other_schemes_are_not_links() -> None:
    text = "<@U123> in <#C42|general>: mail <mailto:x@y.example|https://not.example> ftp://f.example/"
    assert find_urls(text) == ()


def test_duplicates_judged_by_canonical_form_first_kept() -> None:
    text = "https://A.example/p?utm_source=x <https://a.example/p#top> https://a.example:443/p"
    assert find_urls(text) == ("https://A.example/p?utm_source=x",)


def test_link_without_host_is_ignored() -> None:
    assert find_urls("broken http:// and https:///path") == ()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/a/B?x=1", "https://news.example.com/a/B?x=1"),
        ("https://example.com", "https://example.com/"),
        ("http://example.com:80/p", "http://example.com/p"),
        ("https://example.com:443/p", "https://example.com/p"),
        ("https://example.com:8443/p", "https://example.com:8443/p"),
        ("https://example.com/p#section-2", "https://example.com/p"),
        (
            "https://example.com/p?utm_source=tw&id=7&UTM_Medium=s&fbclid=abc&gclid=z",
            "https://example.com/p?id=7",
        ),
        ("https://example.com/p?a=1&b=&c", "https://example.com/p?a=1&b=&c"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://example.com/", "javascript:alert(1)", "https://", "https://x:99999/"])
def test_canonical_url_rejects_non_web_links(url: str) -> None:
    with pytest.raises(InvalidURL):
        canonical_url(url)


def test_strip_markup_keeps_labels_drops_mentions_and_unescapes() -> None:
    text = "<@U1> says <https://a.example|this> &amp; <https://b.example> &lt;3 in <#C1|news>"
    assert strip_markup(text) == " says this & https://b.example <3 in news"
