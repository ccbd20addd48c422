"""A fake Telegram Bot API server for the end-to-end tests.

The real PTB ``Application`` talks real HTTP to it (``ApplicationBuilder().base_url(
server.base_url)``), so the tests cover PTB's request code, (de)serialisation, error mapping and
long polling as well as the bot. The fake answers like Telegram: the same ``{"ok": ...}``
envelopes, and Telegram's own error descriptions for the rules a bot can break (text length,
callback data size, HTML entities, "message is not modified", stale callback queries...).

A test plays the users (``server.add_user``) and reads what the bot showed them::

    async with FakeBotAPI() as server:
        ana = server.add_user(1001, first_name="Ana", language_code="fr")
        ...  # start the bot's Application with base_url=server.base_url
        ana.send_text("/start")
        welcome = await ana.next_message()
        query_id = ana.press("Oui")
        await server.wait_for_answer(query_id)

The server runs in the test's own event loop and binds 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any, Final, NamedTuple, Self, TypeVar

from aiohttp import web
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

JSONDict = dict[str, Any]
T = TypeVar("T")

DEFAULT_TOKEN: Final = "123456789:AAFakeTokenForCareerbotTests-0123456789"
DEFAULT_BOT_USERNAME: Final = "careerbot_test_bot"

MAX_TEXT_LENGTH: Final = MessageLimit.MAX_TEXT_LENGTH
MAX_CAPTION_LENGTH: Final = MessageLimit.CAPTION_LENGTH
MAX_CALLBACK_DATA_BYTES: Final = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024

NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_TOO_OLD: Final = "query is too old and response timeout expired or query ID is invalid"

ALL_UPDATE_TYPES: Final = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# What Telegram sends when allowed_updates is empty or was never set.
DEFAULT_UPDATE_TYPES: Final = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INLINE_BUTTON_KINDS: Final = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_BOT_PATH: Final = re.compile(r"/bot([^/]+)/([^/]+)")
_COMMAND: Final = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,})?(?=\s|$)")
_BOT_COMMAND_NAME: Final = re.compile(r"[a-z0-9_]{1,32}")

# PTB form-encodes every parameter, JSON-dumping the non-strings: these are decoded back.
_JSON_PARAMS: Final = frozenset(
    {
        "reply_markup",
        "allowed_updates",
        "commands",
        "scope",
        "entities",
        "caption_entities",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
    }
)
_INT_PARAMS: Final = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
    }
)
_BOOL_PARAMS: Final = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "has_spoiler",
        "disable_content_type_detection",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "show_caption_above_media",
    }
)


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class ApiError(Exception):
    """An ``ok: false`` answer, raised inside a method handler."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _injected_error(status: int, retry_after: int, description: str | None) -> ApiError:
    if status == HTTPStatus.TOO_MANY_REQUESTS:
        text = description or f"Too Many Requests: retry after {retry_after}"
        return ApiError(status, text, {"retry_after": retry_after})
    defaults = {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    return ApiError(status, description or defaults.get(status) or HTTPStatus(status).phrase)


# --------------------------------------------------------------------------------------------
# Text formatting: Telegram's HTML subset
# --------------------------------------------------------------------------------------------


class EntityParseError(ValueError):
    """Malformed ``parse_mode=HTML`` text; the message follows Telegram's wording."""


@dataclass
class FormattedText:
    """Plain text (tags stripped, character references decoded) and its message entities."""

    text: str
    entities: list[JSONDict]


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


_HTML_TAGS: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_CHAR_REFS: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REF: Final = re.compile(r"&(?:#([0-9]{1,8})|#x([0-9a-fA-F]{1,8})|([a-zA-Z]+));?")
_TAG_NAME: Final = re.compile(r"[^\s>]*")
# A quoted value may lack its closing quote: it then runs to the end ("Unclosed start tag").
_ATTRIBUTE: Final = re.compile(r"""([A-Za-z_][\w:.-]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>"']+))?""")


def _decode_char_ref(raw: str, pos: int) -> tuple[str, int] | None:
    """Decode ``&lt;``-style references like Telegram: unknown ones stay literal text."""
    match = _CHAR_REF.match(raw, pos)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = _NAMED_CHAR_REFS.get(name)
        return None if char is None else (char, match.end())
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _decode_all(raw: str) -> str:
    out: list[str] = []
    pos = 0
    while pos < len(raw):
        ref = _decode_char_ref(raw, pos) if raw[pos] == "&" else None
        if ref is None:
            out.append(raw[pos])
            pos += 1
        else:
            out.append(ref[0])
            pos = ref[1]
    return "".join(out)


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    utf16_offset: int
    text_index: int  # index into the output chunks, to recover the tag's text
    language: str | None = None


class _HtmlParser:
    """Telegram's HTML subset, with nesting; errors mimic the Bot API's descriptions."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def parse(self) -> FormattedText:
        raw = self.raw
        while self.pos < len(raw):
            char = raw[self.pos]
            if char == "<":
                if raw.startswith("</", self.pos):
                    self._end_tag()
                else:
                    self._start_tag()
                continue
            ref = _decode_char_ref(raw, self.pos) if char == "&" else None
            if ref is None:
                self.pos += 1
            else:
                char, self.pos = ref
            self.out.append(char)
            self.utf16 += utf16_len(char)
        if self.stack:
            name = self.stack[-1].name
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return FormattedText("".join(self.out), entities)

    def _byte_offset(self, pos: int) -> int:
        return len(self.raw[:pos].encode())

    def _start_tag(self) -> None:
        raw, begin = self.raw, self.pos
        name_match = _TAG_NAME.match(raw, begin + 1)
        assert name_match is not None  # the pattern also matches the empty string
        name = name_match.group().lower()
        if name not in _HTML_TAGS:
            offset = self._byte_offset(begin)
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
        pos = name_match.end()
        attributes: dict[str, str] = {}
        while True:
            if pos >= len(raw):
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {self._byte_offset(begin)}"
                )
            if raw[pos] == ">":
                pos += 1
                break
            if raw[pos].isspace():
                pos += 1
                continue
            attribute = _ATTRIBUTE.match(raw, pos)
            if attribute is None:
                raise EntityParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}" '
                    f"at byte offset {self._byte_offset(begin)}"
                )
            value = attribute.group(2) or ""
            if value[:1] in ("'", '"'):
                value = _decode_all(value[1:].removesuffix(value[0]))
            attributes[attribute.group(1).lower()] = value
            pos = attribute.end()
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset(begin)}'
            )
        if name == "tg-emoji" and not attributes.get("emoji-id"):
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{self._byte_offset(begin)}"
            )
        self.stack.append(_OpenTag(name, attributes, self.utf16, len(self.out)))
        self.pos = pos

    def _end_tag(self) -> None:
        raw, begin = self.raw, self.pos
        close = raw.find(">", begin)
        if close == -1:
            raise EntityParseError(f"Unclosed end tag at byte offset {self._byte_offset(begin)}")
        name = raw[begin + 2 : close].strip().lower()
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {self._byte_offset(begin)}")
        tag = self.stack.pop()
        if name and name != tag.name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self._byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self._close(tag)
        self.pos = close + 1

    def _close(self, tag: _OpenTag) -> None:
        css_class = tag.attributes.get("class", "")
        parent = self.stack[-1] if self.stack else None
        # <pre><code class="language-python"> is one "pre" entity with a language.
        if (
            tag.name == "code"
            and parent
            and parent.name == "pre"
            and css_class.startswith("language-")
        ):
            parent.language = css_class.removeprefix("language-")
            return
        length = self.utf16 - tag.utf16_offset
        if length == 0:
            return
        entity: JSONDict = {"type": _HTML_TAGS[tag.name], "offset": tag.utf16_offset}
        entity["length"] = length
        if tag.name == "a":
            entity["url"] = tag.attributes.get("href") or "".join(self.out[tag.text_index :])
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attributes["emoji-id"]
        self.entities.append(entity)


def parse_html(raw: str) -> FormattedText:
    """Parse ``parse_mode=HTML`` text; raises :class:`EntityParseError` like Telegram would."""
    return _HtmlParser(raw).parse()


def _trim(formatted: FormattedText) -> FormattedText:
    """Telegram strips leading and trailing whitespace and shifts the entities accordingly."""
    text = formatted.text
    left = text.lstrip()
    shift = utf16_len(text[: len(text) - len(left)])
    trimmed = left.rstrip()
    end = utf16_len(trimmed)
    entities = []
    for entity in formatted.entities:
        start = max(int(entity["offset"]) - shift, 0)
        stop = min(int(entity["offset"]) + int(entity["length"]) - shift, end)
        if stop > start:
            entities.append({**entity, "offset": start, "length": stop - start})
    return FormattedText(trimmed, entities)


def format_text(raw: str, parse_mode: str | None, entities: object = None) -> FormattedText:
    """What Telegram stores for ``raw``: HTML is parsed; Markdown modes are kept as they are."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        try:
            parsed = parse_html(raw)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    elif mode in ("", "markdown", "markdownv2"):
        given = entities if isinstance(entities, list) else []
        parsed = FormattedText(raw, [e for e in given if isinstance(e, dict)])
    else:
        raise bad_request("unsupported parse_mode")
    return _trim(parsed)


# --------------------------------------------------------------------------------------------
# Records a test inspects
# --------------------------------------------------------------------------------------------


class Button(NamedTuple):
    """An inline keyboard button: its text and its callback_data (or URL for a link button)."""

    text: str
    data: str


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class StoredFile:
    """A file the bot sent; ``data`` is None when it was given as an HTTP URL."""

    file_id: str
    file_unique_id: str
    data: bytes | None
    filename: str | None = None
    mime_type: str | None = None
    url: str | None = None
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class MessageVersion:
    """A bot message as it was before one of its edits."""

    text: str
    raw_text: str
    caption: str
    reply_markup: list[list[Button]]
    replaced_at: float


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent, as it is now (``history`` keeps the earlier versions)."""

    chat: FakeChat = field(repr=False)
    message_id: int
    date: int
    text: str = ""  # plain text as the user sees it; "" for a photo or document
    raw_text: str = ""  # as the bot sent it (with HTML tags)
    parse_mode: str | None = None
    entities: list[JSONDict] = field(default_factory=list)
    markup: JSONDict | None = None  # the reply_markup as sent (any keyboard type)
    photo_file: StoredFile | None = None
    document_file: StoredFile | None = None
    caption: str = ""  # plain, like text; "" when there is none
    raw_caption: str = ""
    caption_entities: list[JSONDict] = field(default_factory=list)
    history: list[MessageVersion] = field(default_factory=list)
    edit_date: int | None = None
    deleted: bool = False

    @property
    def chat_id(self) -> int:
        return self.chat.id

    @property
    def photo(self) -> bytes | None:
        return self.photo_file.data if self.photo_file else None

    @property
    def document(self) -> bytes | None:
        return self.document_file.data if self.document_file else None

    @property
    def document_filename(self) -> str | None:
        return self.document_file.filename if self.document_file else None

    @property
    def is_media(self) -> bool:
        """A photo or document (with a caption), rather than a text message."""
        return self.photo_file is not None or self.document_file is not None

    @property
    def inline_markup(self) -> JSONDict | None:
        """The inline keyboard, the only markup Telegram keeps on a message."""
        if self.markup is not None and "inline_keyboard" in self.markup:
            return self.markup
        return None

    @property
    def reply_markup(self) -> list[list[Button]]:
        """The inline keyboard as rows of ``(text, callback_data or url)``."""
        inline = self.inline_markup
        if inline is None:
            return []
        return [[_button(b) for b in row] for row in inline["inline_keyboard"]]

    @property
    def buttons(self) -> list[str]:
        return [button.text for row in self.reply_markup for button in row]

    @property
    def content(self) -> str:
        """Text, or caption, or "" — handy in predicates."""
        return self.text or self.caption or ""

    def to_dict(self, bot_user: JSONDict) -> JSONDict:
        message: JSONDict = {
            "message_id": self.message_id,
            "from": bot_user,
            "chat": self.chat.to_dict(),
            "date": self.date,
        }
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        if not self.is_media:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.photo_file is not None:
            message["photo"] = [_photo_size(self.photo_file)]
        if self.document_file is not None:
            message["document"] = _document(self.document_file)
        if self.caption:
            message["caption"] = self.caption
            if self.caption_entities:
                message["caption_entities"] = self.caption_entities
        if self.inline_markup is not None:
            message["reply_markup"] = self.inline_markup
        return message

    def describe(self) -> str:
        """One transcript entry."""
        parts = []
        if self.photo_file is not None:
            parts.append(f"[photo, {len(self.photo or b'')} bytes]")
        if self.document_file is not None:
            name = self.document_filename
            parts.append(f"[document {name!r}, {len(self.document or b'')} bytes]")
        if self.content:
            parts.append(self.content)
        lines = [" ".join(parts)]
        for row in self.reply_markup:
            lines.append("    " + " ".join(f"[{b.text} → {b.data}]" for b in row))
        return "\n".join(lines)

    def _version(self) -> MessageVersion:
        return MessageVersion(
            self.text, self.raw_text, self.caption, self.reply_markup, time.monotonic()
        )


def _button(raw: JSONDict) -> Button:
    for kind in _INLINE_BUTTON_KINDS:
        if kind in raw:
            value = raw[kind]
            return Button(raw["text"], value if isinstance(value, str) else json.dumps(value))
    return Button(raw["text"], "")


def _photo_size(file: StoredFile) -> JSONDict:
    size: JSONDict = {
        "file_id": file.file_id,
        "file_unique_id": file.file_unique_id,
        "width": file.width,
        "height": file.height,
    }
    if file.data is not None:
        size["file_size"] = len(file.data)
    return size


def _document(file: StoredFile) -> JSONDict:
    document: JSONDict = {"file_id": file.file_id, "file_unique_id": file.file_unique_id}
    if file.filename:
        document["file_name"] = file.filename
    if file.mime_type:
        document["mime_type"] = file.mime_type
    if file.data is not None:
        document["file_size"] = len(file.data)
    return document


@dataclass
class RecordedRequest:
    """One HTTP request to the bot API, as the server saw and answered it."""

    method: str  # canonical spelling ("sendMessage"), or the path's name if unknown
    params: JSONDict
    at: float  # time.monotonic() on arrival
    files: dict[str, Upload] = field(default_factory=dict)
    status: int | None = None  # None while the request is in flight
    description: str | None = None  # the error description of a failed request
    injected: bool = False  # failed by fail_next()
    held: bool = False  # being held by delay_next()

    @property
    def ok(self) -> bool:
        return self.status == HTTPStatus.OK


@dataclass
class CallbackQueryRecord:
    """A button press and how the bot answered it (``answer`` is answerCallbackQuery's params)."""

    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    at: float
    answer: JSONDict | None = None


@dataclass
class _QueuedUpdate:
    update_id: int
    kind: str
    payload: JSONDict
    fetched: bool = False  # returned by a getUpdates whose client was still listening

    def to_dict(self) -> JSONDict:
        return {"update_id": self.update_id, self.kind: self.payload}


@dataclass(frozen=True)
class _Fault:
    status: int
    retry_after: int
    description: str | None


@dataclass(frozen=True)
class _Call:
    params: JSONDict
    files: dict[str, Upload]
    request: web.Request


# --------------------------------------------------------------------------------------------
# Chats and users
# --------------------------------------------------------------------------------------------


class FakeChat:
    """A chat the bot can write to: a user's private chat, or a group."""

    def __init__(
        self,
        server: FakeBotAPI,
        chat_id: int,
        chat_type: str,
        *,
        title: str | None = None,
        owner: FakeUser | None = None,
    ) -> None:
        self.server = server
        self.id = chat_id
        self.type = chat_type
        self.title = title
        self.owner = owner
        self.all_messages: list[BotMessage] = []  # including deleted ones
        self.actions: list[str] = []  # sendChatAction calls, in order
        self._user_messages: dict[int, JSONDict] = {}
        self._next_message_id = 1
        self._log: list[str] = []
        self._read = 0  # how many of all_messages next_message() has handed out

    def __repr__(self) -> str:
        return f"<FakeChat {self.id} {self.type} {self.title or ''}>"

    def to_dict(self) -> JSONDict:
        chat: JSONDict = {"id": self.id, "type": self.type}
        if self.owner is not None:
            chat.update(self.owner.to_dict())
            for key in ("is_bot", "language_code"):
                chat.pop(key, None)
        if self.title is not None:
            chat["title"] = self.title
        return chat

    # --- inspection

    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages still in the chat, oldest first."""
        return [m for m in self.all_messages if not m.deleted]

    @property
    def last_message(self) -> BotMessage | None:
        messages = self.messages
        return messages[-1] if messages else None

    @property
    def last_text(self) -> str:
        """The text (or caption) of the newest bot message; "" if there is none."""
        last = self.last_message
        return last.content if last else ""

    @property
    def texts(self) -> list[str]:
        """Text (or caption) of each bot message still in the chat."""
        return [message.content for message in self.messages]

    def message(self, message_id: int) -> BotMessage:
        for message in self.all_messages:
            if message.message_id == message_id:
                return message
        raise AssertionError(f"no bot message #{message_id} in chat {self.id}\n{self.transcript()}")

    def buttons(self, message_id: int | None = None) -> list[str]:
        """Button texts of the given message, or of the newest message that has a keyboard."""
        message = self._keyboard_message(message_id)
        return message.buttons if message else []

    def transcript(self) -> str:
        name = self.title or (self.owner.first_name if self.owner else "")
        header = f"--- chat {self.id} ({self.type}, {name}) ---"
        return "\n".join([header, *self._log] if self._log else [header, "(nothing yet)"])

    # --- waiting

    async def next_message(self, timeout: float = 30.0) -> BotMessage:  # noqa: ASYNC109
        """The first bot message not yet handed out, waiting for it if need be.

        A user action in the chat (send_text, press...) marks every earlier bot message as
        read, so after an action this returns the bot's reply to it.
        """
        await self.server._wait_until(
            lambda: len(self.all_messages) > self._read,
            timeout,
            lambda: f"the bot sent no new message within {timeout}s\n{self.transcript()}",
        )
        message = self.all_messages[self._read]
        self._read += 1
        return message

    async def wait_for(
        self,
        predicate: Callable[[FakeChat], T | None],
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> T:
        """Wait until ``predicate(chat)`` is truthy and return its value."""
        return await self.server._wait_for_value(
            lambda: predicate(self), timeout, lambda: self.transcript()
        )

    # --- used by the server and the users

    def _take_message_id(self) -> int:
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def _mark_read(self) -> None:
        self._read = len(self.all_messages)

    def _keyboard_message(self, message_id: int | None) -> BotMessage | None:
        if message_id is not None:
            return self.message(message_id)
        for message in reversed(self.messages):
            if message.inline_markup is not None:
                return message
        return None

    def _find_bot_message(self, message_id: int) -> BotMessage | None:
        for message in self.all_messages:
            if message.message_id == message_id and not message.deleted:
                return message
        return None


class FakeUser:
    """A simulated Telegram user; its private chat with the bot has the same id."""

    def __init__(
        self,
        server: FakeBotAPI,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> None:
        self.server = server
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code
        self.blocked = False
        self.chat = FakeChat(server, user_id, "private", owner=self)

    def __repr__(self) -> str:
        return f"<FakeUser {self.id} {self.first_name}>"

    def to_dict(self) -> JSONDict:
        user: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    # --- acting

    def send_text(self, text: str) -> int:
        """Write in the private chat; returns the new message's id."""
        return self.send_text_in(self.chat, text)

    def send_text_in(self, chat: FakeChat, text: str) -> int:
        """Write in ``chat`` (e.g. a group from ``server.add_group``)."""
        extra: JSONDict = {"text": text}
        command = _COMMAND.match(text)
        if command:
            length = utf16_len(command.group())
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._send(chat, extra, text)

    def send_sticker(self, chat: FakeChat | None = None, emoji: str = "👍") -> int:
        """A message with a sticker and no text."""
        sticker = {
            "file_id": f"CAACAgFakeSticker{self.id}",
            "file_unique_id": f"AgADFakeSticker{self.id}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._send(chat or self.chat, {"sticker": sticker}, f"[sticker {emoji}]")

    def press(
        self,
        button: str | None = None,
        *,
        callback_data: str | None = None,
        message_id: int | None = None,
        chat: FakeChat | None = None,
    ) -> str:
        """Press an inline button; returns the callback query id.

        ``button`` is the button's text: an exact match, or else a substring matching one button
        only. ``callback_data`` picks it by its data instead. The button is looked for on
        ``message_id``, or on the newest bot message in the chat that has an inline keyboard.
        """
        chat = chat or self.chat
        if (button is None) == (callback_data is None):
            raise TypeError("press() takes exactly one of a button text and callback_data=")
        message = chat._keyboard_message(message_id)
        if message is None or message.deleted:
            raise AssertionError(
                f"no message with an inline keyboard to press\n{chat.transcript()}"
            )
        choice = _pick_button(message, button, callback_data)
        if not _is_callback_button(message, choice):
            raise AssertionError(
                f"[{choice.text}] on #{message.message_id} is not a callback button "
                f"({choice.data})\n{chat.transcript()}"
            )
        return self._press(chat, message, choice.data, f"[{choice.text}]")

    def press_data(self, message_id: int, data: str, *, chat: FakeChat | None = None) -> str:
        """Send a callback query with any data (even stale or foreign) for a bot message."""
        chat = chat or self.chat
        message = chat.message(message_id)
        if message.deleted:
            raise AssertionError(f"message #{message_id} was deleted\n{chat.transcript()}")
        return self._press(chat, message, data, "(raw data)")

    def block_bot(self) -> None:
        """From now on sending to this user fails with 403, as when a user blocks a bot."""
        self.blocked = True
        self.chat._log.append(f"{self.first_name} blocked the bot")
        self.server._queue_member_update(self, "kicked")

    def unblock_bot(self) -> None:
        self.blocked = False
        self.chat._log.append(f"{self.first_name} unblocked the bot")
        self.server._queue_member_update(self, "member")

    # --- inspection (of the private chat)

    @property
    def messages(self) -> list[BotMessage]:
        return self.chat.messages

    @property
    def last_message(self) -> BotMessage | None:
        return self.chat.last_message

    @property
    def last_text(self) -> str:
        return self.chat.last_text

    @property
    def texts(self) -> list[str]:
        return self.chat.texts

    def message(self, message_id: int) -> BotMessage:
        return self.chat.message(message_id)

    def buttons(self, message_id: int | None = None) -> list[str]:
        return self.chat.buttons(message_id)

    def transcript(self) -> str:
        return self.chat.transcript()

    async def next_message(self, timeout: float = 30.0) -> BotMessage:  # noqa: ASYNC109
        return await self.chat.next_message(timeout)

    async def wait_for(
        self,
        predicate: Callable[[FakeUser], T | None],
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> T:
        """Wait until ``predicate(user)`` is truthy and return its value.

        It is re-checked whenever the server handles a request. A predicate that raises counts
        as false (``lambda u: "Bravo" in u.last_message.text`` works; ``u.last_text`` also
        pleases mypy). On timeout, an AssertionError shows the chat's transcript.
        """
        return await self.server._wait_for_value(
            lambda: predicate(self), timeout, lambda: self.chat.transcript()
        )

    # --- internals

    def _send(self, chat: FakeChat, extra: JSONDict, log_text: str) -> int:
        message_id = chat._take_message_id()
        message: JSONDict = {
            "message_id": message_id,
            "from": self.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
            **extra,
        }
        chat._user_messages[message_id] = message
        chat._log.append(f"{self.first_name}: {log_text}")
        chat._mark_read()
        self.server.push_update("message", message)
        return message_id

    def _press(self, chat: FakeChat, message: BotMessage, data: str, label: str) -> str:
        server = self.server
        query_id = server._new_callback_query_id()
        payload: JSONDict = {
            "id": query_id,
            "from": self.to_dict(),
            "message": message.to_dict(server.bot_user),
            "chat_instance": str(8_000_000_000_000 + abs(chat.id)),
            "data": data,
        }
        server.callback_queries[query_id] = CallbackQueryRecord(
            query_id, self.id, chat.id, message.message_id, data, time.monotonic()
        )
        chat._log.append(f"{self.first_name} pressed {label} on #{message.message_id}: {data!r}")
        chat._mark_read()
        server.push_update("callback_query", payload)
        return query_id


def _pick_button(message: BotMessage, text: str | None, data: str | None) -> Button:
    buttons = [b for row in message.reply_markup for b in row]
    if data is not None:
        matches = [b for b in buttons if b.data == data]
    else:
        assert text is not None
        matches = [b for b in buttons if b.text == text] or [b for b in buttons if text in b.text]
    if len(matches) != 1:
        wanted = f"callback_data={data!r}" if data is not None else repr(text)
        problem = "no button matches" if not matches else "several buttons match"
        raise AssertionError(
            f"{problem} {wanted} on #{message.message_id}; buttons: "
            f"{[tuple(b) for b in buttons]}\n{message.chat.transcript()}"
        )
    return matches[0]


def _is_callback_button(message: BotMessage, choice: Button) -> bool:
    inline = message.inline_markup or {}
    return any(
        b.get("text") == choice.text and b.get("callback_data") == choice.data
        for row in inline.get("inline_keyboard", [])
        for b in row
    )


# --------------------------------------------------------------------------------------------
# Request parameters
# --------------------------------------------------------------------------------------------


def _normalise(raw: JSONDict) -> JSONDict:
    """Undo form encoding: JSON-valued, integer and boolean parameters get their real types."""
    params: JSONDict = {}
    for name, value in raw.items():
        if isinstance(value, str):
            if name in _JSON_PARAMS:
                try:
                    value = json.loads(value)
                except ValueError:
                    what = "reply keyboard markup" if name == "reply_markup" else name
                    raise bad_request(f"can't parse {what} JSON object") from None
            elif name in _INT_PARAMS and re.fullmatch(r"\s*-?\d+\s*", value):
                value = int(value)
            elif name in _BOOL_PARAMS:
                value = value.strip().lower() in ("true", "1")
        params[name] = value
    return params


async def _read_params(request: web.Request) -> tuple[JSONDict, dict[str, Upload]]:
    """Parameters from the query string and a JSON, form-urlencoded or multipart body."""
    raw: JSONDict = dict(request.query)
    files: dict[str, Upload] = {}
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected")
            raw.update(body)
        else:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files[name] = Upload(value.filename, value.content_type, value.file.read())
                elif isinstance(value, bytes | bytearray):
                    raw[name] = bytes(value).decode()
                else:
                    raw[name] = value
    return _normalise(raw), files


def _int_param(params: JSONDict, name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise bad_request(f"wrong parameter {name} specified")
    if isinstance(value, int):
        return value
    try:
        return int(float(value))
    except (TypeError, ValueError):
        raise bad_request(f"wrong parameter {name} specified") from None


def _text_param(params: JSONDict, name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _check_markup(markup: object, *, inline_only: bool = False) -> JSONDict | None:
    """Validate a reply_markup like Telegram does (callback_data size above all)."""
    if markup is None or markup == {}:
        return None  # PTB sends an empty InlineKeyboardMarkup as {}
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if inline_only:
            raise bad_request("inline keyboard expected")
        if not any(key in markup for key in ("keyboard", "remove_keyboard", "force_reply")):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _check_inline_button(button)
    return markup


def _check_inline_button(button: object) -> None:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(prefix + 'Field "text" must be of type String')
    if not any(kind in button for kind in _INLINE_BUTTON_KINDS):
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url or any(c.isspace() for c in url):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG, GIF or WebP; None if it is no image Telegram takes."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return 0, 0
    if data.startswith(b"\xff\xd8"):
        pos = 2
        while pos + 4 <= len(data) and data[pos] == 0xFF:
            marker = data[pos + 1]
            if marker == 0xFF:
                pos += 1
                continue
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC) and pos + 9 <= len(data):
                height = int.from_bytes(data[pos + 5 : pos + 7], "big")
                width = int.from_bytes(data[pos + 7 : pos + 9], "big")
                return width, height
            pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        return 0, 0
    return None


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------

Handler = Callable[[_Call], Awaitable[Any]]


class FakeBotAPI:
    """The fake Bot API server. Use ``async with FakeBotAPI() as server`` or start()/stop()."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_first_name: str = "CareerBot (test)",
    ) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 123456789
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.requests: list[RecordedRequest] = []
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}  # (scope JSON, language)
        self.menu_buttons: dict[int | None, JSONDict] = {}  # None: the default menu button
        self.webhook: JSONDict | None = None  # setWebhook's params while a webhook is set

        self._updates: list[_QueuedUpdate] = []
        self._next_update_id = 1000
        self._allowed_updates: frozenset[str] = DEFAULT_UPDATE_TYPES
        self._poll_generation = 0
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[float]] = {}
        self._ids = itertools.count(1)
        self._changed = asyncio.Event()
        self._in_flight = 0
        self._last_activity = 0.0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

        handlers: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "close": self._true,
            "logOut": self._true,
        }
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    # --- lifecycle

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the fake Bot API is already running")
        app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._closing = False
        self._last_activity = asyncio.get_running_loop().time()

    async def stop(self) -> None:
        """Stop serving; pending long polls return at once with no updates."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        self._closing = True
        self._notify()
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("start the fake Bot API first")
        return self._port

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``; PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- simulated users and chats

    def add_user(
        self,
        user_id: int,
        first_name: str = "Ana",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fr",
    ) -> FakeUser:
        if user_id in self.users or user_id in self.chats:
            raise ValueError(f"user or chat {user_id} already exists")
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = FakeUser(
            self,
            user_id,
            first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.users[user_id] = user
        self.chats[user_id] = user.chat
        return user

    def add_group(self, chat_id: int, title: str, *, chat_type: str = "group") -> FakeChat:
        if chat_id in self.chats:
            raise ValueError(f"chat {chat_id} already exists")
        if chat_id >= 0 or chat_type not in ("group", "supergroup"):
            raise ValueError("groups have negative ids and type 'group' or 'supergroup'")
        group = FakeChat(self, chat_id, chat_type, title=title)
        self.chats[chat_id] = group
        return group

    def push_update(self, kind: str, payload: JSONDict) -> int:
        """Queue any update (``kind`` is its field, e.g. "message"); returns its update_id."""
        if kind not in ALL_UPDATE_TYPES:
            raise ValueError(f"unknown update type {kind!r}")
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append(_QueuedUpdate(update_id, kind, payload))
        self._notify()
        return update_id

    @property
    def pending_updates(self) -> int:
        """Updates no getUpdates has fetched yet."""
        return sum(not update.fetched for update in self._updates)

    # --- fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with an error, without their effect."""
        fault = _Fault(status, retry_after, description)
        self._faults.setdefault(method.lower(), []).extend([fault] * count)

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Hold the next ``count`` calls of ``method`` before handling them, as a slow Telegram.

        Telegram has the whole request by then, so its effect still happens even if the client
        gives up: at the end of the delay, or as soon as the client disconnects, whichever comes
        first. A request is thus never applied after its client went away, where it would
        overwrite what a bot started since then has shown."""
        self._delays.setdefault(method.lower(), []).extend([seconds] * count)

    def faults_waiting(self, method: str) -> int:
        """Faults and delays injected for ``method`` that no call of it has met yet."""
        name = method.lower()
        return len(self._faults.get(name, ())) + len(self._delays.get(name, ()))

    # --- inspection

    def requests_for(self, method: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method.lower() == method.lower()]

    def failed_requests(self) -> list[RecordedRequest]:
        """Requests answered with an error that fail_next() did not cause: bot mistakes."""
        return [r for r in self.requests if r.status not in (None, 200) and not r.injected]

    def unanswered_callback_queries(self) -> list[CallbackQueryRecord]:
        return [q for q in self.callback_queries.values() if q.answer is None]

    def my_commands(
        self, language_code: str = "", scope: JSONDict | None = None
    ) -> list[tuple[str, str]]:
        """The commands set for exactly this scope and language, as (command, description)."""
        key = (_scope_key(scope), language_code)
        return [(c["command"], c["description"]) for c in self.commands.get(key, [])]

    # --- waiting

    async def wait_for(
        self,
        predicate: Callable[[FakeBotAPI], T | None],
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> T:
        """Wait until ``predicate(server)`` is truthy and return its value."""
        return await self._wait_for_value(
            lambda: predicate(self), timeout, lambda: self._all_transcripts()
        )

    async def wait_for_request(
        self,
        method: str,
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> RecordedRequest:
        """Wait until a call of ``method`` has been answered; returns the first one."""
        return await self._wait_for_value(
            lambda: next((r for r in self.requests_for(method) if r.status), None),
            timeout,
            lambda: f"no {method} request was answered\n{self._all_transcripts()}",
        )

    async def wait_for_answer(
        self,
        callback_query_id: str,
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> JSONDict:
        """Wait for the bot to answer a callback query; returns answerCallbackQuery's params
        (without callback_query_id; may be empty)."""
        query = self.callback_queries.get(callback_query_id)
        if query is None:
            raise AssertionError(f"no callback query {callback_query_id!r} was sent")
        chat = self.chats[query.chat_id]
        await self._wait_until(
            lambda: query.answer is not None,
            timeout,
            lambda: (
                f"callback query {query.data!r} was not answered within {timeout}s\n"
                f"{chat.transcript()}"
            ),
        )
        assert query.answer is not None
        return query.answer

    async def wait_until_idle(
        self,
        quiet: float = 0.3,
        timeout: float = 30.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until every queued update was fetched and no request came for ``quiet`` s.

        Empty long polls do not count as requests. Prefer ``wait_for`` on the expected effect;
        this is for asserting that nothing (more) happens.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            now = loop.time()
            busy = self._in_flight > 0 or self.pending_updates > 0
            quiet_for = now - self._last_activity
            if not busy and quiet_for >= quiet:
                return
            if now >= deadline:
                raise AssertionError(
                    f"the bot API was not idle within {timeout}s: {self.pending_updates} updates "
                    f"not fetched, {self._in_flight} requests in flight\n{self._all_transcripts()}"
                )
            wake = deadline - now if busy else min(quiet - quiet_for, deadline - now)
            await _wait_event(changed, wake)

    # --- internals: waiting

    def _notify(self) -> None:
        """Wake every waiter: something happened."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(
        self, check: Callable[[], object], within: float, explain: Callable[[], str]
    ) -> None:
        """Re-check ``check`` after each change until it is truthy; exceptions count as false."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        last_error: Exception | None = None
        while True:
            changed = self._changed
            try:
                if check():
                    return
            except Exception as error:
                last_error = error
            remaining = deadline - loop.time()
            if remaining <= 0:
                detail = f"\n(the last check raised {last_error!r})" if last_error else ""
                raise AssertionError(f"timed out after {within}s: {explain()}{detail}")
            await _wait_event(changed, remaining)

    async def _wait_for_value(
        self, compute: Callable[[], T | None], within: float, explain: Callable[[], str]
    ) -> T:
        found: list[T] = []

        def check() -> bool:
            value = compute()
            if value:
                found.append(value)
            return bool(value)

        await self._wait_until(check, within, explain)
        return found[-1]

    def _all_transcripts(self) -> str:
        return "\n".join(chat.transcript() for chat in self.chats.values())

    def _touch(self) -> None:
        self._last_activity = asyncio.get_running_loop().time()

    # --- internals: HTTP

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _BOT_PATH.fullmatch(request.path)
        if match is None:
            return _error_response(ApiError(404, "Not Found"))
        token, method = match.groups()
        name, handler = self._handlers.get(method.lower(), (method, None))
        record = RecordedRequest(name, {}, time.monotonic())
        self.requests.append(record)
        polling = name == "getUpdates"
        if not polling:
            self._in_flight += 1
            self._touch()
        response: web.Response
        try:
            record.params, record.files = await _read_params(request)
            self._notify()  # waiters may be looking for this request
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            if handler is None:
                raise ApiError(404, "Not Found")
            delays = self._delays.get(name.lower())
            if delays:
                record.held = True
                self._notify()
                await _hold(request, delays.pop(0))
                record.held = False
            faults = self._faults.get(name.lower())
            if faults:
                fault = faults.pop(0)
                record.injected = True
                raise _injected_error(fault.status, fault.retry_after, fault.description)
            result = await handler(_Call(record.params, record.files, request))
        except ApiError as error:
            record.status, record.description = error.status, error.description
            response = _error_response(error)
        except Exception as error:
            record.status, record.description = 500, f"bug in the fake Bot API: {error!r}"
            raise
        else:
            record.status = 200
            response = web.json_response({"ok": True, "result": result})
            if polling and result:
                self._touch()  # an empty long poll is not activity
        finally:
            if not polling:
                self._in_flight -= 1
                self._touch()
            self._notify()
        return response

    # --- internals: helpers for the methods

    def _chat(self, params: JSONDict, *, sending: bool = False) -> FakeChat:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        if sending and chat.owner is not None and chat.owner.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _bot_message(self, params: JSONDict, *, missing: str) -> BotMessage:
        if params.get("inline_message_id"):
            raise bad_request(missing)  # inline mode is not simulated
        chat = self._chat(params)
        message_id = _int_param(params, "message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = chat._find_bot_message(message_id)
        if message is None:
            if message_id in chat._user_messages and missing.endswith("edit not found"):
                raise bad_request("message can't be edited")
            raise bad_request(missing)
        return message

    def _new_message(self, chat: FakeChat, **fields: Any) -> JSONDict:
        message = BotMessage(chat, chat._take_message_id(), int(time.time()), **fields)
        chat.all_messages.append(message)
        chat._log.append(f"bot #{message.message_id}: {message.describe()}")
        return message.to_dict(self.bot_user)

    def _caption(self, params: JSONDict) -> FormattedText | None:
        raw = _text_param(params, "caption")
        if not raw:
            return None
        formatted = format_text(raw, params.get("parse_mode"), params.get("caption_entities"))
        if len(formatted.text) > MAX_CAPTION_LENGTH:
            raise bad_request("message caption is too long")
        return formatted

    def _input_file(self, call: _Call, name: str, kind: str) -> StoredFile:
        """The file sent as ``name``: an upload, attach://, a known file_id or an HTTP URL."""
        value = call.params.get(name)
        upload = call.files.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = call.files.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"wrong HTTP URL specified: {value}")
        if upload is None:
            if not value:
                raise bad_request(f"there is no {name} in the request")
            if not isinstance(value, str):
                raise bad_request("wrong file identifier/HTTP URL specified")
            if value in self.files:
                return self.files[value]
            if not value.startswith(("http://", "https://")):
                raise bad_request("wrong file identifier/HTTP URL specified")
            return self._store_file(kind, None, url=value)
        if not upload.data:
            raise bad_request("file must be non-empty")
        width = height = 0
        if kind == "photo":
            size = _image_size(upload.data)
            if size is None:
                raise bad_request("IMAGE_PROCESS_FAILED")
            width, height = size
        return self._store_file(
            kind,
            upload.data,
            filename=upload.filename,
            mime_type=upload.content_type,
            width=width,
            height=height,
        )

    def _store_file(self, kind: str, data: bytes | None, **fields: Any) -> StoredFile:
        number = next(self._ids)
        file = StoredFile(
            f"Fake{kind.title()}{number:08d}", f"FakeUnique{number:08d}", data, **fields
        )
        self.files[file.file_id] = file
        return file

    def _queue_member_update(self, user: FakeUser, status: str) -> None:
        old, new = ("member", "kicked") if status == "kicked" else ("kicked", "member")

        def member(state: str) -> JSONDict:
            member: JSONDict = {"status": state, "user": self.bot_user}
            if state == "kicked":
                member["until_date"] = 0
            return member

        payload = {
            "chat": user.chat.to_dict(),
            "from": user.to_dict(),
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        self.push_update("my_chat_member", payload)

    def _new_callback_query_id(self) -> str:
        return str(4_000_000_000_000_000_000 + next(self._ids))

    # --- the Bot API methods

    async def _true(self, call: _Call) -> bool:
        return True

    async def _get_me(self, call: _Call) -> JSONDict:
        return self.bot_user

    async def _get_updates(self, call: _Call) -> list[JSONDict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        params = call.params
        offset = _int_param(params, "offset", 0) or 0
        limit = min(max(_int_param(params, "limit", 100) or 100, 1), 100)
        timeout = max(_int_param(params, "timeout", 0) or 0, 0)
        if "allowed_updates" in params:
            self._allowed_updates = _allowed_updates(params["allowed_updates"])
        if offset > 0:
            self._updates = [u for u in self._updates if u.update_id >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        # A newer getUpdates ends an older one still waiting, like Telegram does.
        self._poll_generation += 1
        generation = self._poll_generation
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            if generation != self._poll_generation:
                if _client_gone(call.request):
                    return []  # an abandoned poll (e.g. a stopped Updater): nobody to tell
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            self._updates = [u for u in self._updates if u.kind in self._allowed_updates]
            ready = self._updates[:limit]
            remaining = deadline - loop.time()
            if ready or self._closing or remaining <= 0:
                break
            await _wait_event(changed, remaining)
        if not _client_gone(call.request):
            for update in ready:
                update.fetched = True
        return [update.to_dict() for update in ready]

    async def _set_webhook(self, call: _Call) -> bool:
        url = _text_param(call.params, "url") or ""
        if not url:
            self.webhook = None
        elif not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        else:
            self.webhook = dict(call.params)
            if "allowed_updates" in call.params:
                self._allowed_updates = _allowed_updates(call.params["allowed_updates"])
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, call: _Call) -> bool:
        self.webhook = None
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, call: _Call) -> JSONDict:
        info: JSONDict = {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    async def _send_message(self, call: _Call) -> JSONDict:
        params = call.params
        chat = self._chat(params, sending=True)
        raw = _text_param(params, "text") or ""
        formatted = format_text(raw, params.get("parse_mode"), params.get("entities"))
        if not formatted.text:
            raise bad_request("message text is empty")
        if len(formatted.text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        markup = _check_markup(params.get("reply_markup"))
        return self._new_message(
            chat,
            text=formatted.text,
            raw_text=raw,
            parse_mode=params.get("parse_mode"),
            entities=formatted.entities,
            markup=markup,
        )

    async def _send_photo(self, call: _Call) -> JSONDict:
        chat = self._chat(call.params, sending=True)
        caption = self._caption(call.params)
        markup = _check_markup(call.params.get("reply_markup"))
        photo = self._input_file(call, "photo", "photo")
        return self._new_message(
            chat, photo_file=photo, markup=markup, **_caption_fields(call, caption)
        )

    async def _send_document(self, call: _Call) -> JSONDict:
        chat = self._chat(call.params, sending=True)
        caption = self._caption(call.params)
        markup = _check_markup(call.params.get("reply_markup"))
        document = self._input_file(call, "document", "document")
        return self._new_message(
            chat, document_file=document, markup=markup, **_caption_fields(call, caption)
        )

    async def _edit_message_text(self, call: _Call) -> JSONDict:
        params = call.params
        message = self._bot_message(params, missing="message to edit not found")
        if message.is_media:
            raise bad_request("there is no text in the message to edit")
        raw = _text_param(params, "text") or ""
        formatted = format_text(raw, params.get("parse_mode"), params.get("entities"))
        if not formatted.text:
            raise bad_request("message text is empty")
        if len(formatted.text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        markup = _check_markup(params.get("reply_markup"), inline_only=True)
        same_text = (formatted.text, formatted.entities) == (message.text, message.entities)
        if same_text and markup == message.inline_markup:
            raise bad_request(NOT_MODIFIED)
        self._edit(message, markup, text=formatted.text, raw_text=raw, entities=formatted.entities)
        message.parse_mode = params.get("parse_mode")
        return message.to_dict(self.bot_user)

    async def _edit_message_caption(self, call: _Call) -> JSONDict:
        params = call.params
        message = self._bot_message(params, missing="message to edit not found")
        if not message.is_media:
            raise bad_request("there is no caption in the message to edit")
        caption = self._caption(params)
        markup = _check_markup(params.get("reply_markup"), inline_only=True)
        new = (caption.text, caption.entities) if caption else ("", [])
        if new == (message.caption, message.caption_entities) and markup == message.inline_markup:
            raise bad_request(NOT_MODIFIED)
        self._edit(message, markup, **_caption_fields(call, caption))
        return message.to_dict(self.bot_user)

    async def _edit_message_reply_markup(self, call: _Call) -> JSONDict:
        message = self._bot_message(call.params, missing="message to edit not found")
        markup = _check_markup(call.params.get("reply_markup"), inline_only=True)
        if markup == message.inline_markup:
            raise bad_request(NOT_MODIFIED)
        self._edit(message, markup)
        return message.to_dict(self.bot_user)

    def _edit(self, message: BotMessage, markup: JSONDict | None, **fields: Any) -> None:
        message.history.append(message._version())
        for name, value in fields.items():
            setattr(message, name, value)
        message.markup = markup
        message.edit_date = int(time.time())
        message.chat._log.append(f"bot edited #{message.message_id}: {message.describe()}")

    async def _delete_message(self, call: _Call) -> bool:
        chat = self._chat(call.params)
        message_id = _int_param(call.params, "message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = chat._find_bot_message(message_id)
        if message is not None:
            message.deleted = True
        elif chat._user_messages.pop(message_id, None) is None:
            raise bad_request("message to delete not found")
        chat._log.append(f"bot deleted #{message_id}")
        return True

    async def _answer_callback_query(self, call: _Call) -> bool:
        query_id = str(call.params.get("callback_query_id") or "")
        query = self.callback_queries.get(query_id)
        if query is None or query.answer is not None:
            raise bad_request(QUERY_TOO_OLD)
        query.answer = {k: v for k, v in call.params.items() if k != "callback_query_id"}
        text = query.answer.get("text")
        alert = " (alert)" if query.answer.get("show_alert") else ""
        shown = f": {text!r}{alert}" if text else ""
        self.chats[query.chat_id]._log.append(
            f"bot answered the press on #{query.message_id}{shown}"
        )
        return True

    async def _send_chat_action(self, call: _Call) -> bool:
        chat = self._chat(call.params, sending=True)
        action = _text_param(call.params, "action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        chat.actions.append(action)
        chat._log.append(f"bot is {action}…")
        return True

    async def _set_my_commands(self, call: _Call) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand")
            if not _BOT_COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(call.params)
        if commands:
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.commands.pop(key, None)
        return True

    async def _get_my_commands(self, call: _Call) -> list[JSONDict]:
        return self.commands.get(self._commands_key(call.params), [])

    async def _delete_my_commands(self, call: _Call) -> bool:
        self.commands.pop(self._commands_key(call.params), None)
        return True

    def _commands_key(self, params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope")
        if scope is not None and not (isinstance(scope, dict) and "type" in scope):
            raise bad_request("can't parse BotCommandScope")
        language = _text_param(params, "language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return _scope_key(scope), language

    async def _set_chat_menu_button(self, call: _Call) -> bool:
        chat_id = _int_param(call.params, "chat_id")
        if chat_id is not None and chat_id not in self.chats:
            raise bad_request("chat not found")
        button = call.params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or "type" not in button:
            raise bad_request("can't parse menu button")
        self.menu_buttons[chat_id] = button
        return True

    async def _get_chat_menu_button(self, call: _Call) -> JSONDict:
        chat_id = _int_param(call.params, "chat_id")
        button = self.menu_buttons.get(chat_id) or self.menu_buttons.get(None)
        return button or {"type": "default"}


def _caption_fields(call: _Call, caption: FormattedText | None) -> JSONDict:
    if caption is None:
        return {"caption": "", "raw_caption": "", "caption_entities": []}
    return {
        "caption": caption.text,
        "raw_caption": _text_param(call.params, "caption") or "",
        "caption_entities": caption.entities,
        "parse_mode": call.params.get("parse_mode"),
    }


def _scope_key(scope: JSONDict | None) -> str:
    scope = dict(scope or {"type": "default"})
    for name in ("chat_id", "user_id"):
        value = scope.get(name)
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            scope[name] = int(value)
    return json.dumps(scope, sort_keys=True)


def _allowed_updates(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        raise bad_request("can't parse allowed_updates JSON object")
    chosen = frozenset(str(kind) for kind in value) & ALL_UPDATE_TYPES
    return chosen or DEFAULT_UPDATE_TYPES


def _client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def _hold(request: web.Request, seconds: float) -> None:
    """Sleep ``seconds``, or less if the client disconnects meanwhile."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not _client_gone(request):
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return
        await asyncio.sleep(min(remaining, 0.05))


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.status)


async def _wait_event(event: asyncio.Event, within: float) -> None:
    """Wait for ``event`` at most ``within`` seconds; running out of time is no error here."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(event.wait(), max(within, 0.0))
