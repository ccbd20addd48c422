"""Settings from the environment or a `.env` file in the working directory.

The fields below are the whole list of variables the settings read, with their defaults
and descriptions; `careerbot run --help` prints them and a test checks that the README's
settings table lists the same variables. Values in the environment win over `.env`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API = "https://api.telegram.org/bot"
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
#: The longest deep-link source kept: Telegram allows 64 characters in a `/start`
#: payload, but the source also rides in the Begin button's 64-byte payload
#: (`bot.engine.session.MAX_SOURCE_CHARS`, which a test checks is the same).
MAX_SOURCE_CHARS = 32
_PROFILE_SHAPE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SOURCE_SHAPE = re.compile(rf"^[A-Za-z0-9_-]{{1,{MAX_SOURCE_CHARS}}}$")


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line, without secrets."""


def load_settings() -> Settings:
    """The settings, or a `SettingsError` with one plain line per wrong variable.

    The line names the variable and says what is wrong; it never echoes the value
    itself (it could be a secret), only what a validator of ours chose to quote.
    """
    try:
        return Settings()
    except ValidationError as error:
        lines = []
        for problem in error.errors(include_url=False, include_input=False):
            name = ".".join(str(part) for part in problem["loc"]) or "settings"
            cause = (problem.get("ctx") or {}).get("error")
            reason = str(cause) if cause is not None else problem["msg"]
            lines.append(f"invalid setting {name}: {reason}")
        raise SettingsError("\n".join(lines)) from None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    bot_token: SecretStr | None = Field(
        default=None,
        validation_alias="TELEGRAM_BOT_TOKEN",
        description="the bot's token from @BotFather (required by `careerbot run`)",
    )
    base_url: str = Field(
        default=TELEGRAM_API,
        validation_alias="TELEGRAM_BASE_URL",
        description="Bot API base URL, e.g. a self-hosted Bot API server",
    )
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(),
        validation_alias="CAREERBOT_ADMIN_IDS",
        description="comma-separated Telegram user ids allowed /stats, /export, /reload",
    )
    data_dir: Path = Field(
        default=Path("data"),
        validation_alias="CAREERBOT_DATA_DIR",
        description="where state.db and scores.db live",
    )
    questions_dir: Path = Field(
        default=Path("questions"),
        validation_alias="CAREERBOT_QUESTIONS_DIR",
        description="the question files",
    )
    profiles_dir: Path = Field(
        default=Path("profiles"),
        validation_alias="CAREERBOT_PROFILES_DIR",
        description="the job profiles, one file each",
    )
    profiles: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        validation_alias="CAREERBOT_PROFILES",
        description="comma-separated ids of the job profiles the bot serves, in the order "
        "offered (default: every profile); with several, the person picks one at /start",
    )
    locales_dir: Path | None = Field(
        default=None,
        validation_alias="CAREERBOT_LOCALES_DIR",
        description="the bot's own texts, one gettext catalogue per language "
        "(<dir>/<lang>/LC_MESSAGES/careerbot.mo); default: the packaged bot/presentation/locales",
    )
    webhook_url: str | None = Field(
        default=None,
        validation_alias="CAREERBOT_WEBHOOK_URL",
        description="public HTTPS URL of the webhook (`careerbot run --webhook`)",
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        validation_alias="CAREERBOT_WEBHOOK_SECRET",
        description="secret Telegram sends with each webhook call (random if not set)",
    )
    session_ttl_days: int = Field(
        default=30,
        ge=1,
        validation_alias="CAREERBOT_SESSION_TTL_DAYS",
        description="idle quizzes and kept results expire after this many days",
    )
    sources: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(),
        validation_alias="CAREERBOT_SOURCES",
        description="comma-separated deep-link sources recorded in the score log "
        "(e.g. salon2026,lycee-pro); any other /start payload is recorded as `other`",
    )
    on_corrupt_db: Literal["move", "refuse"] = Field(
        default="move",
        validation_alias="CAREERBOT_ON_CORRUPT_DB",
        description="a database failing its start-up check: `move` it aside "
        "(renamed with the time) and start on a fresh one, or `refuse` to start",
    )

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [part for part in value.replace(" ", "").split(",") if part]
        for part in parts:
            if not part.isascii() or not part.isdigit():
                raise ValueError(
                    f"{part!r} is not a Telegram user id (expected numbers, comma-separated)"
                )
        return frozenset(int(part) for part in parts)

    @field_validator("profiles", mode="before")
    @classmethod
    def _split_profiles(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        ids = [part.strip() for part in value.split(",") if part.strip()]
        for profile_id in ids:
            if not _PROFILE_SHAPE.match(profile_id):
                raise ValueError(
                    f"{profile_id!r} is not a profile id (its file name without .yaml: "
                    "lower-case letters, digits, _ or -, comma-separated)"
                )
        twice = sorted({profile_id for profile_id in ids if ids.count(profile_id) > 1})
        if twice:
            raise ValueError(f"profile named twice: {', '.join(twice)}")
        return tuple(ids)

    @field_validator("sources", mode="before")
    @classmethod
    def _split_sources(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | set | frozenset | tuple):
            for source in value:
                if not isinstance(source, str) or not _SOURCE_SHAPE.match(source):
                    raise ValueError(
                        f"{source!r} is not a deep-link source (1-{MAX_SOURCE_CHARS} "
                        "letters, digits, _ or -, comma-separated)"
                    )
        return value

    def require_token(self) -> str:
        """The bot token, or a `SettingsError` that says what to do without echoing it."""
        if self.bot_token is None or not self.bot_token.get_secret_value().strip():
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: put it in the environment or in a .env file "
                "(ask @BotFather for one)."
            )
        token = self.bot_token.get_secret_value().strip()
        if not _TOKEN_SHAPE.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token "
                "(expected digits, a colon, then at least 30 letters, digits, - or _)."
            )
        return token

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Each environment variable the settings read → its description (for --help)."""
        return {
            str(field.validation_alias): field.description or ""
            for field in cls.model_fields.values()
        }

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def scores_db(self) -> Path:
        return self.data_dir / "scores.db"
