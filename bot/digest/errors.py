"""Digest errors with a stable code and a sentence a chat user understands."""

from __future__ import annotations

from bot.errors import NewsbotError


class NotAFeed(NewsbotError):
    code = "not_a_feed"
    user_message = "That link isn't an RSS or Atom feed I can read."


class HostileFeed(NewsbotError):
    code = "hostile_feed"
    user_message = "That feed declares XML entities, which I refuse to read for safety."


class BadCommand(NewsbotError):
    code = "bad_command"
    user_message = "I didn't understand that /digest command. Try `/digest help`."
