"""Errors the core raises, each with a stable code and a sentence a chat user understands.

The README's "Errors" table lists every code with its sentence and what to do about it.
"""

from __future__ import annotations

from .limits import MAX_INPUT_BYTES, format_bytes


class NewsbotError(Exception):
    """Base class: `code` is stable for programs, `user_message` is shown to people."""

    code = "error"
    user_message = "Something went wrong while reading that article."

    def __init__(self, detail: str = "", *, user_message: str | None = None) -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail
        if user_message is not None:
            self.user_message = user_message


class InvalidURL(NewsbotError):
    code = "invalid_url"
    user_message = "That doesn't look like a web link I can open (only http and https links work)."


class BlockedAddress(NewsbotError):
    code = "blocked_address"
    user_message = "I can't open that link: it points to a private or internal address."


class TooManyRedirects(NewsbotError):
    code = "too_many_redirects"
    user_message = "That link redirects too many times, so I gave up following it."


class FetchTimeout(NewsbotError):
    code = "timeout"
    user_message = "The site took too long to answer, so I stopped waiting."


class TooLarge(NewsbotError):
    code = "too_large"
    user_message = (
        f"That is too large for me to read: I read at most {format_bytes(MAX_INPUT_BYTES)} of a page or text."
    )


class NotAnArticle(NewsbotError):
    code = "not_an_article"
    user_message = "That link isn't a web page I can read (it looks like a PDF, image or other file)."


class FetchFailed(NewsbotError):
    code = "fetch_failed"
    user_message = "I couldn't load that page (the site returned an error or couldn't be reached)."


class NoArticleText(NewsbotError):
    code = "no_article_text"
    user_message = "I couldn't find article text on that page (it may be behind a paywall or built with scripts)."


class EmptyInput(NewsbotError):
    code = "empty_input"
    user_message = "There is nothing to summarise: send me a link or paste the article text."


class NotEnglish(NewsbotError):
    code = "not_english"
    user_message = "That text doesn't look like English, and I can only read English articles for now."


class TooShort(NewsbotError):
    code = "too_short"
    user_message = "That text is too short to summarise: it has no complete sentences."


class RateLimited(NewsbotError):
    code = "rate_limited"
    user_message = "You're sending requests faster than I can read them; please wait a minute and try again."


class ModelMissing(NewsbotError):
    code = "model_missing"
    user_message = "The language model newsbot needs is not installed."


class NoSuchFile(NewsbotError):
    code = "no_such_file"
    user_message = (
        "There is no file by that name, and it isn't a web link either: "
        "check the spelling, or give the link with https:// in front."
    )


class NotAFile(NewsbotError):
    code = "not_a_file"
    user_message = "That is a folder, not a file: give me one article file, a link, or - for standard input."


class CannotRead(NewsbotError):
    code = "cannot_read"
    user_message = "I can't read that file (the system refused: see the detail)."


class CannotWrite(NewsbotError):
    code = "cannot_write"
    user_message = "I can't write the output file (the system refused: see the detail)."


class NotText(NewsbotError):
    code = "not_text"
    user_message = "That is not text or HTML (it looks like a PDF, an image or another binary file)."


class BadData(NewsbotError):
    code = "bad_data"
    user_message = "The data set has a line that is not a JSON object with an id and the article text."


class BadSetting(NewsbotError):
    code = "bad_setting"
    user_message = "A setting in the environment is not valid (see the detail)."


class Internal(NewsbotError):
    code = "internal"
    user_message = "Something went wrong inside newsbot; run the command again with -v to see where."
