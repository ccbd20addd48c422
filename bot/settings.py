"""Settings from the environment or a `.env` file (see the README)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API = "https://api.telegram.org/bot"
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")


class SettingsError(Exception):
    """A setting is missing or wrong; the message is one line, without secrets."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    bot_token: SecretStr | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    base_url: str = Field(default=TELEGRAM_API, validation_alias="TELEGRAM_BASE_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias="CAREERBOT_ADMIN_IDS"
    )
    data_dir: Path = Field(default=Path("data"), validation_alias="CAREERBOT_DATA_DIR")
    questions_dir: Path = Field(
        default=Path("questions"), validation_alias="CAREERBOT_QUESTIONS_DIR"
    )
    profiles_dir: Path = Field(default=Path("profiles"), validation_alias="CAREERBOT_PROFILES_DIR")
    session_ttl_days: int = Field(default=30, ge=1, validation_alias="CAREERBOT_SESSION_TTL_DAYS")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
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

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.db"

    @property
    def scores_db(self) -> Path:
        return self.data_dir / "scores.db"
