"""The platform-neutral chat service: find links, rate-limit, cache, fetch and analyse."""

from bot.service.automode import AutoModeStore, InMemoryAutoModeStore
from bot.service.service import (
    GENERIC_ERROR,
    ArticleRecorder,
    ItemOutcome,
    ServiceConfig,
    SummaryOutcome,
    SummaryRequest,
    SummaryService,
)

__all__ = [
    "GENERIC_ERROR",
    "ArticleRecorder",
    "AutoModeStore",
    "InMemoryAutoModeStore",
    "ItemOutcome",
    "ServiceConfig",
    "SummaryOutcome",
    "SummaryRequest",
    "SummaryService",
]
