"""Slack's message limits that the renderer respects (https://api.slack.com/reference/block-kit)."""

MAX_BLOCKS = 50
"""Blocks in one message."""
MAX_SECTION_TEXT = 3000
"""Characters in a section's text (and in any text object)."""
MAX_HEADER_TEXT = 150
"""Characters in a header block's plain_text."""
MAX_FIELDS = 10
"""Fields in one section."""
MAX_FIELD_TEXT = 2000
"""Characters in one section field."""
MAX_CONTEXT_ELEMENTS = 10
"""Elements in one context block."""
MAX_FALLBACK_TEXT = 3000
"""Characters in the plain `text` sent with the blocks (Slack allows more; notifications show less)."""
MAX_CLAIM_TEXT = 600
"""Characters of one quoted claim, so one long quote cannot crowd out the others (our choice)."""
