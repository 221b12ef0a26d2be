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
    database_url: str = ""  # PostgreSQL for several machines; empty: the SQLite file below
    db_path: str = ""  # PYFRAMEWORK_DB; empty: bot.store.default_sqlite_path()
    store_text: bool = False  # PYFRAMEWORK_STORE_TEXT=1 keeps the wording of questions people voted on
    log_format: str = "text"  # LOG_FORMAT: text (one line per record) or json
    lease_seconds: float = 5.0  # how long a silent worker keeps a job before another takes it over
    answer_budget: float = 30.0  # seconds an answer may take, Web API waits included, before a notice
    api_timeout: float = 10.0  # seconds one Web API call may take
    body_timeout: float = 10.0  # seconds a client has to send a request body
    header_timeout: float = 10.0  # seconds from a request's first byte (or the connection) to its last header
    max_connections: int = 1000  # per worker: past it uvicorn answers 503 at once instead of growing unbounded
    problems: tuple[str, ...] = ()  # malformed settings, reported by validate() as one line each

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
    problems: list[str] = []
    return Settings(
        bot_token=os.environ.get("SLACK_BOT_TOKEN", "").strip(),
        signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
        app_token=os.environ.get("SLACK_APP_TOKEN", "").strip(),
        api_url=api_url,
        database_url=os.environ.get("DATABASE_URL", "").strip(),
        db_path=os.environ.get("PYFRAMEWORK_DB", "").strip(),
        store_text=os.environ.get("PYFRAMEWORK_STORE_TEXT", "").strip() == "1",
        log_format=os.environ.get("LOG_FORMAT", "text").strip().lower() or "text",
        lease_seconds=_seconds("PYFRAMEWORK_LEASE_SECONDS", 5.0, problems),
        answer_budget=_seconds("PYFRAMEWORK_ANSWER_BUDGET", 30.0, problems),
        api_timeout=_seconds("SLACK_API_TIMEOUT", 10.0, problems),
        body_timeout=_seconds("PYFRAMEWORK_BODY_TIMEOUT", 10.0, problems),
        header_timeout=_seconds("PYFRAMEWORK_HEADER_TIMEOUT", 10.0, problems),
        max_connections=_count("PYFRAMEWORK_MAX_CONNECTIONS", 1000, problems),
        problems=tuple(problems),
    )


def _seconds(name: str, default: float, problems: list[str]) -> float:
    """A number of seconds from the environment; a malformed one is noted in `problems` (reported by
    validate(), so that reading settings never fails) and the default is used."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        problems.append(f"{name} must be a number of seconds between 0 and 3600, got {raw[:40]!r}")
        return default
    return value


def _count(name: str, default: int, problems: list[str]) -> int:
    """A whole number from the environment, noted in `problems` like `_seconds` when malformed."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) <= 1_000_000:
        problems.append(f"{name} must be a whole number between 1 and 1000000, got {raw[:40]!r}")
        return default
    return int(raw)


def validate(settings: Settings, *, http: bool) -> None:
    """Raise ConfigError naming the first setting that stops the app from starting."""
    if settings.problems:
        raise ConfigError(settings.problems[0])
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
    if settings.log_format not in ("text", "json"):
        raise ConfigError(f"LOG_FORMAT must be text or json, got {settings.log_format[:40]!r}")
    if not re.match(r"^https?://[^\s/]+", settings.api_url):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, got {settings.api_url!r}")
