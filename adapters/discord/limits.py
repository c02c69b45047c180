"""Discord's message and embed size limits, in one place.

Lengths are counted in Unicode code points (Python `len`), as discord.py's `len(embed)` does.
Exceeding any of these makes Discord reject the whole message with HTTP 400.
"""

from __future__ import annotations

from typing import Final

CONTENT_MAX: Final = 2000
"""Characters of plain message content."""
EMBEDS_MAX: Final = 10
"""Embeds in one message."""
EMBEDS_TOTAL_MAX: Final = 6000
"""Characters across all embeds of a message (titles, descriptions, field names and values,
footers, author names)."""
TITLE_MAX: Final = 256
DESCRIPTION_MAX: Final = 4096
FIELDS_MAX: Final = 25
"""Fields in one embed."""
FIELD_NAME_MAX: Final = 256
FIELD_VALUE_MAX: Final = 1024
FOOTER_MAX: Final = 2048
AUTHOR_NAME_MAX: Final = 256
URL_MAX: Final = 2048
"""Length of an embed's title link; longer links are left out rather than sent."""
