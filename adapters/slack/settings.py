"""The Slack adapter's settings, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

PLATFORM = "slack"
"""The platform's name: its `newsbot` command and `Target.platform` of its channels."""
DEFAULT_HOST = "0.0.0.0"
"""Where HTTP mode listens unless `--host` says otherwise: every address of the machine."""
MANAGERS_ENV = "NEWSBOT_SLACK_MANAGERS"


@dataclass(frozen=True)
class SlackSettings:
    """Tokens, secrets and options; `repr` never shows a secret."""

    bot_token: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    api_url: str | None = None
    managers: frozenset[str] = frozenset()
    """User ids allowed to switch automatic mode besides workspace admins and owners."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SlackSettings:
        """Settings from SLACK_* variables and NEWSBOT_SLACK_MANAGERS (comma-separated user ids)."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            return env.get(name, "").strip() or None

        api_url = get("SLACK_API_URL")
        if api_url and not api_url.endswith("/"):
            api_url += "/"
        managers = frozenset(u.strip() for u in env.get(MANAGERS_ENV, "").split(",") if u.strip())
        return cls(
            bot_token=get("SLACK_BOT_TOKEN"),
            app_token=get("SLACK_APP_TOKEN"),
            signing_secret=get("SLACK_SIGNING_SECRET"),
            client_id=get("SLACK_CLIENT_ID"),
            client_secret=get("SLACK_CLIENT_SECRET"),
            api_url=api_url,
            managers=managers,
        )

    def missing(self, *, http: bool) -> list[str]:
        """The environment variables Socket Mode (or `http` mode) needs that are not set."""
        needed: dict[str, str | None]
        if not http:
            needed = {"SLACK_BOT_TOKEN": self.bot_token, "SLACK_APP_TOKEN": self.app_token}
        elif self.oauth:
            needed = {"SLACK_SIGNING_SECRET": self.signing_secret}
        else:
            needed = {"SLACK_BOT_TOKEN": self.bot_token, "SLACK_SIGNING_SECRET": self.signing_secret}
        return [name for name, value in needed.items() if not value]

    @property
    def oauth(self) -> bool:
        """Whether to run as a multi-workspace app installed through OAuth."""
        return bool(self.client_id and self.client_secret)
