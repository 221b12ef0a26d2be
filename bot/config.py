"""Settings from the environment or `.env` (python-dotenv), checked once at start-up.

A missing or malformed setting is reported as one clear line, never a traceback.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from dotenv import load_dotenv

DEFAULT_API_URL = "https://slack.com/api/"


class ConfigError(Exception):
    """A setting is missing or malformed; the message is the one line to show."""


@dataclass(frozen=True)
class Settings:
    bot_token: str
    signing_secret: str
    app_token: str
    api_url: str

    @property
    def slack_configured(self) -> bool:
        return bool(self.bot_token)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


def load_settings(env_file: str | None = ".env") -> Settings:
    """Read the settings; values already in the environment win over `.env`."""
    if env_file:
        load_dotenv(env_file, override=False)
    api_url = os.environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    if not api_url.endswith("/"):
        api_url += "/"
    return Settings(
        bot_token=os.environ.get("SLACK_BOT_TOKEN", "").strip(),
        signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
        app_token=os.environ.get("SLACK_APP_TOKEN", "").strip(),
        api_url=api_url,
    )


def validate(settings: Settings, *, http: bool) -> None:
    """Raise ConfigError naming the first setting that stops the app from starting."""
    if not settings.bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set (see .env.example)")
    if not settings.bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    if http:
        if not settings.signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information > App Credentials)")
        if not re.fullmatch(r"[0-9a-fA-F]{16,128}", settings.signing_secret):
            raise ConfigError("SLACK_SIGNING_SECRET looks malformed: expected the hex string from App Credentials")
    elif not settings.app_token:
        raise ConfigError("SLACK_APP_TOKEN (xapp-...) is required for Socket Mode; or run `pyframework serve --http`")
    elif not settings.app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp-")
    if not re.match(r"^https?://[^\s/]+", settings.api_url):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, got {settings.api_url!r}")
