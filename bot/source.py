"""What a person names on the command line (a link, a file or standard input), decided once, and its Article.

The order: `-` is standard input; a link with a scheme is a link (only http and https are
opened); an existing path is a file; a link typed without a scheme (`apnews.com/article/…`)
is an https link; anything else is a file name, and reading it says what is wrong.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Literal

from .errors import BadSetting, EmptyInput, InvalidURL, NoSuchFile
from .inputs import article_from_text
from .links import WEB_SCHEMES, scheme_of, schemeless_link
from .local_input import read_file, read_stream
from .model import Article

if TYPE_CHECKING:
    from .fetch import NetworkPolicy

STDIN = "-"

SPACE_IN_LINK = "That link has a space in it, so I can't tell where it ends: remove the space, or write it as %20."
TEXT_NOT_PATH = (
    "That looks like article text, not a file name or a link: "
    "pass the text on standard input instead (… | newsbot analyse -)."
)


@dataclass(frozen=True)
class Source:
    """Where an article comes from: an http(s) `url`, a `file` path, or `stdin`."""

    kind: Literal["url", "file", "stdin"]
    value: str


def _is_link(word: str) -> bool:
    return scheme_of(word) in WEB_SCHEMES or schemeless_link(word, standalone=True) is not None


def resolve_source(argument: str) -> Source:
    """What `argument` names. Raises EmptyInput for an empty argument, InvalidURL for a link that
    cannot be opened (another scheme, a space inside) and NoSuchFile for article text given
    in place of a file name."""
    if argument == STDIN:
        return Source("stdin", STDIN)
    stripped = argument.strip()
    if not stripped:
        raise EmptyInput(
            "the argument is empty",
            user_message="There is nothing to read: give me a link, a file, or - for standard input.",
        )
    scheme = scheme_of(stripped)
    if scheme in WEB_SCHEMES:
        if any(c.isspace() for c in stripped):
            raise InvalidURL(f"{stripped!r} contains a space", user_message=SPACE_IN_LINK)
        return Source("url", stripped)
    if os.path.lexists(argument):
        return Source("file", argument)
    if scheme is not None:
        hint = " To read a local file, give its path." if scheme == "file" else ""
        raise InvalidURL(
            f"{scheme}: links are not opened ({stripped[:200]!r})",
            user_message=f"I only open web links (http or https), not {scheme}: links.{hint}",
        )
    link = schemeless_link(stripped, standalone=True)
    if link is not None:
        return Source("url", link)
    words = stripped.split()
    if len(words) > 1 and _is_link(words[0]):
        raise InvalidURL(f"{stripped[:200]!r} contains a space", user_message=SPACE_IN_LINK)
    if len(words) >= 4 or "\n" in stripped:
        raise NoSuchFile(
            f"no file named {stripped[:60]!r}… ({len(words)} words)", user_message=TEXT_NOT_PATH
        )
    return Source("file", argument)


def network_policy() -> NetworkPolicy:
    """The fetcher's network policy from the environment; a malformed setting raises BadSetting."""
    from .fetch import NetworkPolicy

    try:
        return NetworkPolicy.from_env()
    except ValueError as exc:
        raise BadSetting(str(exc)) from exc


def load_article(source: Source, *, title: str | None = None, stdin: BinaryIO | None = None) -> Article:
    """The Article `source` gives: the page fetched safely, or the file or standard input read as
    text (HTML is extracted). Every failure is a NewsbotError saying what went wrong."""
    if source.kind == "url":
        from .fetch import fetch_article

        article = asyncio.run(fetch_article(source.value, policy=network_policy()))
        return dataclasses.replace(article, title=article.title or title)
    if source.kind == "stdin":
        text = read_stream(stdin if stdin is not None else sys.stdin.buffer)
    else:
        text = read_file(source.value)
    return article_from_text(text, title=title)
