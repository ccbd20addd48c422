"""Tests of the fake Bot API itself, driven by PTB's real ``telegram.Bot`` over HTTP.

Going through PTB also proves that PTB parses every answer the fake gives.
"""

from __future__ import annotations

import asyncio
import io
import struct
import zlib
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from telegram import Bot as PTBBot
from telegram import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Update,
)
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support.fake_botapi import (
    NOT_MODIFIED,
    FakeBotAPI,
    FakeUser,
    format_text,
    parse_html,
)


def make_png(width: int = 3, height: int = 2) -> bytes:
    """A real, tiny RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    pixels = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


@pytest.fixture
async def server() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as fake:
        yield fake


@pytest.fixture
async def bot(server: FakeBotAPI) -> AsyncIterator[PTBBot]:
    async with PTBBot(server.token, base_url=server.base_url) as ptb_bot:
        yield ptb_bot


@pytest.fixture
def ana(server: FakeBotAPI) -> FakeUser:
    return server.add_user(1001, first_name="Ana", username="ana", language_code="fr")


# --- basics -----------------------------------------------------------------------------------


async def test_get_me(server: FakeBotAPI, bot: PTBBot) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.username == "careerbot_test_bot"
    assert bot.username == "careerbot_test_bot"
    assert server.base_url.startswith("http://127.0.0.1:")
    assert [r.method for r in server.requests] == ["getMe", "getMe"]  # initialize() + ours


async def test_wrong_token_is_invalid(server: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with PTBBot("111:not-the-token", base_url=server.base_url):
            pass
    assert (server.requests[-1].status, server.requests[-1].description) == (401, "Unauthorized")


async def test_raw_http_case_insensitive_json_body_and_unknown_method(
    server: FakeBotAPI, ana: FakeUser
) -> None:
    url = f"{server.base_url}{server.token}"
    async with httpx.AsyncClient() as client:
        me = (await client.get(f"{url}/GETME")).json()
        sent = await client.post(f"{url}/sendmessage", json={"chat_id": ana.id, "text": "Salut"})
        unknown = await client.post(f"{url}/sendTeleportation")
        wrong_path = await client.get(f"http://127.0.0.1:{server.port}/nothing")
    assert me["ok"] and me["result"]["username"] == "careerbot_test_bot"
    assert sent.json()["result"]["text"] == "Salut"
    assert ana.last_message is not None and ana.last_message.text == "Salut"
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert wrong_path.status_code == 404
    assert server.requests_for("sendMessage")[0].params == {"chat_id": ana.id, "text": "Salut"}


# --- sending and editing ----------------------------------------------------------------------


async def test_send_then_edit(server: FakeBotAPI, bot: PTBBot, ana: FakeUser) -> None:
    markup = keyboard([("Oui", "q1:yes"), ("Non", "q1:no")])
    sent = await bot.send_message(ana.id, "Question 1 ?", reply_markup=markup)
    assert sent.text == "Question 1 ?"
    assert sent.reply_markup == markup  # PTB parsed our echo of the keyboard
    assert ana.buttons() == ["Oui", "Non"]
    assert ana.last_message is not None
    assert ana.last_message.reply_markup == [[("Oui", "q1:yes"), ("Non", "q1:no")]]

    edited = await bot.edit_message_text("Merci !", chat_id=ana.id, message_id=sent.message_id)
    assert isinstance(edited, type(sent))
    assert edited.text == "Merci !"
    assert edited.edit_date is not None
    message = ana.message(sent.message_id)
    assert message.text == "Merci !"
    assert message.reply_markup == []  # editing without reply_markup removes the keyboard
    assert [v.text for v in message.history] == ["Question 1 ?"]
    assert message.history[0].reply_markup == [[("Oui", "q1:yes"), ("Non", "q1:no")]]
    assert not server.failed_requests()


async def test_message_is_not_modified(server: FakeBotAPI, bot: PTBBot, ana: FakeUser) -> None:
    markup = keyboard([("A", "a")])
    sent = await bot.send_message(ana.id, "<b>Same</b>", parse_mode="HTML", reply_markup=markup)

    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message"):
        await bot.edit_message_text(
            "<strong>Same</strong>",  # other markup, same rendered text: not modified
            chat_id=ana.id,
            message_id=sent.message_id,
            parse_mode="HTML",
            reply_markup=markup,
        )
    assert server.requests[-1].description == f"Bad Request: {NOT_MODIFIED}"
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(ana.id, sent.message_id, reply_markup=markup)
    assert ana.message(sent.message_id).history == []

    # A new keyboard alone is a modification.
    await bot.edit_message_reply_markup(ana.id, sent.message_id, reply_markup=keyboard())
    assert ana.buttons(sent.message_id) == []


async def test_edit_and_send_errors(server: FakeBotAPI, bot: PTBBot, ana: FakeUser) -> None:
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=ana.id, message_id=999)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "hello?")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ana.id, "  \n ")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(ana.id, "<b></b>", parse_mode="HTML")
    user_message = ana.send_text("bonjour")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", chat_id=ana.id, message_id=user_message)
    assert ana.messages == []


async def test_delete_message(bot: PTBBot, ana: FakeUser) -> None:
    first = await bot.send_message(ana.id, "one")
    await bot.send_message(ana.id, "two")
    assert await bot.delete_message(ana.id, first.message_id)
    assert [m.text for m in ana.messages] == ["two"]
    assert ana.message(first.message_id).deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ana.id, first.message_id)


async def test_callback_data_limit_is_64_bytes(bot: PTBBot, ana: FakeUser) -> None:
    fits = "é" * 32  # 64 bytes in UTF-8
    await bot.send_message(ana.id, "ok", reply_markup=keyboard([("fits", fits)]))
    assert ana.last_message is not None and ana.last_message.reply_markup[0][0].data == fits

    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ana.id, "too big", reply_markup=keyboard([("no", fits + "x")]))
    with pytest.raises(BadRequest, match="text buttons are unallowed"):
        raw_markup = {"inline_keyboard": [[{"text": "plain"}]]}  # PTB's types forbid it
        await bot.send_message(ana.id, "x", reply_markup=raw_markup)  # type: ignore[arg-type]
    assert len(ana.messages) == 1


async def test_text_limit_is_4096_characters_after_parsing(bot: PTBBot, ana: FakeUser) -> None:
    await bot.send_message(ana.id, "é" * 4096)
    await bot.send_message(ana.id, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ana.id, "a" * 4097)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ana.id, "&lt;" * 4097, parse_mode="HTML")
    assert [len(m.text) for m in ana.messages] == [4096, 4096]


async def test_caption_limit_is_1024(bot: PTBBot, ana: FakeUser) -> None:
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(ana.id, make_png(), caption="c" * 1025)
    await bot.send_photo(ana.id, make_png(), caption="c" * 1024)
    assert ana.last_message is not None and ana.last_message.caption == "c" * 1024


# --- HTML ---------------------------------------------------------------------------------------


async def test_html_is_parsed_into_plain_text_and_entities(bot: PTBBot, ana: FakeUser) -> None:
    raw = (
        '<b>Bravo</b> Ana &amp; co : <i>92&nbsp;%</i> <a href="https://example.org/x">lien</a>\n'
        '<tg-spoiler>secret</tg-spoiler> <span class="tg-spoiler">s2</span> &#x1F600; &lt;3'
    )
    sent = await bot.send_message(ana.id, raw, parse_mode="HTML")
    plain = "Bravo Ana & co : 92&nbsp;% lien\nsecret s2 😀 <3"
    assert sent.text == plain
    assert [e.type for e in sent.entities] == ["bold", "italic", "text_link", "spoiler", "spoiler"]
    assert sent.entities[2].url == "https://example.org/x"
    assert sent.text_html.startswith("<b>Bravo</b> Ana &amp; co")  # PTB rebuilds it
    message = ana.last_message
    assert message is not None
    assert (message.text, message.raw_text, message.parse_mode) == (plain, raw, "HTML")


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        (
            '<a href=x"y>z</a>',
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
        ("<p>para</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_malformed_html_is_rejected(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser, raw: str, error: str
) -> None:
    # PTB lower-cases all but the first letter of Telegram's descriptions.
    with pytest.raises(BadRequest, match=r"^Can't parse entities: ") as caught:
        await bot.send_message(ana.id, raw, parse_mode="HTML")
    assert error.lower() in caught.value.message.lower()
    assert server.requests[-1].description == f"Bad Request: can't parse entities: {error}"
    assert ana.messages == []


def test_html_parser_details() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre> <B>up</B>')
    assert parsed.text == "x = 1 up"
    assert parsed.entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "bold", "offset": 6, "length": 2},
    ]
    # Offsets and lengths are in UTF-16 code units; whitespace around the text is trimmed.
    emoji = format_text("  😀<b>é😀</b>  ", "HTML")
    assert emoji.text == "😀é😀"
    assert emoji.entities == [{"type": "bold", "offset": 2, "length": 3}]
    # Markdown is not interpreted, only stored.
    assert format_text("*bold*", "MarkdownV2").text == "*bold*"


# --- fault injection --------------------------------------------------------------------------


async def test_injected_429_raises_retry_after_without_effect(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22's non-deprecated retry_after type
    server.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ana.id, "flood")
    assert caught.value.retry_after == timedelta(seconds=7)
    failed = server.requests[-1]
    assert failed.injected and failed.description == "Too Many Requests: retry after 7"
    assert ana.messages == []  # the failed call had no effect

    await bot.send_message(ana.id, "flood")  # only the next call failed
    assert len(ana.messages) == 1
    assert server.failed_requests() == []  # injected failures are not the bot's mistakes


async def test_injected_server_errors_raise_network_error(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    server.fail_next("SENDMESSAGE", status=500, count=2)
    server.fail_next("sendMessage", status=502)
    for expected in ("Internal Server Error", "Internal Server Error", "Bad Gateway"):
        with pytest.raises(NetworkError, match=expected):
            await bot.send_message(ana.id, "hello")
    assert ana.messages == []
    await bot.send_message(ana.id, "hello")
    assert [r.status for r in server.requests_for("sendMessage")] == [500, 500, 502, 200]


async def test_delay_next_makes_the_client_time_out(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    server.delay_next("sendMessage", 0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(ana.id, "slow", read_timeout=0.1)
    # Like Telegram, the slow request still takes effect once it is handled.
    message = await ana.next_message(timeout=5)
    assert message.text == "slow"


# --- updates and long polling -----------------------------------------------------------------


async def test_long_polling_returns_queued_updates_and_respects_offset(
    bot: PTBBot, ana: FakeUser
) -> None:
    ana.send_text("/start salon2026")
    ana.send_sticker()
    first, second = await bot.get_updates(timeout=5)
    assert first.message is not None and first.message.text == "/start salon2026"
    assert first.message.from_user is not None and first.message.from_user.language_code == "fr"
    command = first.message.entities[0]
    assert (command.type, command.offset, command.length) == ("bot_command", 0, 6)
    assert first.message.chat.type == "private" and first.message.chat.id == ana.id
    assert second.message is not None and second.message.sticker is not None
    assert second.message.text is None

    # Unconfirmed updates come again; an offset confirms everything below it.
    assert [u.update_id for u in await bot.get_updates()] == [first.update_id, second.update_id]
    assert [u.update_id for u in await bot.get_updates(offset=second.update_id)] == [
        second.update_id
    ]
    assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == ()
    assert await bot.get_updates(timeout=0) == ()  # confirmed updates are gone for good


async def test_long_poll_waits_and_returns_early_on_a_new_update(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await server.wait_for(lambda s: s.requests_for("getUpdates"))  # the poll is waiting
    ana.send_text("coucou")
    updates = await poll
    assert [u.message.text for u in updates if u.message] == ["coucou"]
    assert loop.time() - started < 5


async def test_long_poll_honours_timeout(bot: PTBBot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= loop.time() - started < 5


async def test_limit_and_allowed_updates(bot: PTBBot, ana: FakeUser) -> None:
    await bot.send_message(ana.id, "Q", reply_markup=keyboard([("Oui", "yes")]))
    for text in ("a", "b", "c"):
        ana.send_text(text)
    assert [u.message.text for u in await bot.get_updates(limit=2) if u.message] == ["a", "b"]
    ana.press("Oui")
    updates = await bot.get_updates(allowed_updates=[Update.CALLBACK_QUERY])
    assert [u.callback_query.data for u in updates if u.callback_query] == ["yes"]
    assert len(updates) == 1  # the messages were dropped, as Telegram does


async def test_webhook_conflicts_with_get_updates(bot: PTBBot) -> None:
    assert await bot.set_webhook("https://bot.example.invalid/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://bot.example.invalid/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()


# --- callback queries -------------------------------------------------------------------------


async def test_press_and_answer_callback_query(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    await bot.send_message(ana.id, "Old", reply_markup=keyboard([("Oui", "old:yes")]))
    sent = await bot.send_message(
        ana.id, "Q1", reply_markup=keyboard([("Oui, souvent", "q1:yes"), ("Non", "q1:no")])
    )
    query_id = ana.press("souvent")  # a unique substring will do; the newest keyboard is used
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None and query.id == query_id
    assert query.data == "q1:yes" and query.chat_instance
    assert query.message is not None and query.message.message_id == sent.message_id
    assert query.from_user.id == ana.id

    assert server.unanswered_callback_queries()[0].id == query_id
    assert await query.answer("Noté", show_alert=True)
    assert await server.wait_for_answer(query_id) == {"text": "Noté", "show_alert": True}
    assert server.unanswered_callback_queries() == []
    with pytest.raises(BadRequest, match="Query is too old and response timeout expired"):
        await query.answer()
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("123")

    assert ana.press(callback_data="old:yes", message_id=sent.message_id - 1)
    foreign = ana.press_data(sent.message_id, "not-ours:{}")
    updates = await bot.get_updates(offset=update.update_id + 1)
    assert [u.callback_query.data for u in updates if u.callback_query] == [
        "old:yes",
        "not-ours:{}",
    ]
    assert updates[-1].callback_query is not None and updates[-1].callback_query.id == foreign
    with pytest.raises(AssertionError, match="no button matches 'Peut-être'"):
        ana.press("Peut-être")


# --- files ------------------------------------------------------------------------------------


async def test_send_photo_multipart_keeps_the_bytes(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    png = make_png(5, 4)
    sent = await bot.send_photo(ana.id, png, caption="<b>Ton score</b>", parse_mode="HTML")
    assert (sent.photo[-1].width, sent.photo[-1].height) == (5, 4)
    assert sent.caption == "Ton score" and sent.caption_entities[0].type == "bold"
    message = ana.last_message
    assert message is not None and message.photo == png and message.caption == "Ton score"
    assert server.requests_for("sendPhoto")[0].files["photo"].data == png

    again = await bot.send_photo(ana.id, sent.photo[-1].file_id)  # re-send by file_id
    assert again.photo[-1].file_id == sent.photo[-1].file_id
    assert ana.last_message is not None and ana.last_message.photo == png
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(ana.id, b"not an image")


async def test_send_document_keeps_bytes_and_filename(bot: PTBBot, ana: FakeUser) -> None:
    csv = b"question,score\nq1,3\n"
    sent = await bot.send_document(ana.id, io.BytesIO(csv), filename="scores.csv")
    assert sent.document is not None and sent.document.file_name == "scores.csv"
    message = ana.last_message
    assert message is not None
    assert (message.document, message.document_filename) == (csv, "scores.csv")
    with pytest.raises(BadRequest, match="There is no caption in the message to edit"):
        text = await bot.send_message(ana.id, "text")
        await bot.edit_message_caption(ana.id, text.message_id, caption="x")
    edited = await bot.edit_message_caption(ana.id, sent.message_id, caption="Tes réponses")
    assert isinstance(edited, type(sent)) and edited.caption == "Tes réponses"


# --- commands, menu, chat actions -------------------------------------------------------------


async def test_set_my_commands_per_language_and_scope(server: FakeBotAPI, bot: PTBBot) -> None:
    assert await bot.set_my_commands([BotCommand("start", "Start the quiz")])
    assert await bot.set_my_commands(
        [BotCommand("start", "Commencer le quiz"), BotCommand("aide", "Aide")], language_code="fr"
    )
    private = BotCommandScopeAllPrivateChats()
    assert await bot.set_my_commands([BotCommand("restart", "Recommencer")], scope=private)

    french = await bot.get_my_commands(language_code="fr")
    assert [(c.command, c.description) for c in french] == [
        ("start", "Commencer le quiz"),
        ("aide", "Aide"),
    ]
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert [c.command for c in await bot.get_my_commands(scope=private)] == ["restart"]
    assert await bot.get_my_commands(language_code="en") == ()
    assert server.my_commands("fr")[1] == ("aide", "Aide")
    assert server.my_commands(scope={"type": "all_private_chats"}) == [("restart", "Recommencer")]

    assert await bot.delete_my_commands(language_code="fr")
    assert server.my_commands("fr") == []
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start!", "bad")])


async def test_menu_button_chat_action_close(
    server: FakeBotAPI, bot: PTBBot, ana: FakeUser
) -> None:
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    assert server.menu_buttons[None] == {"type": "commands"}
    assert await bot.send_chat_action(ana.id, "upload_photo")
    assert ana.chat.actions == ["upload_photo"]
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(ana.id, "dancing")
    assert await bot.close()
    assert await bot.log_out()


# --- users, groups, waiting -------------------------------------------------------------------


async def test_group_chat(server: FakeBotAPI, bot: PTBBot, ana: FakeUser) -> None:
    group = server.add_group(-100, "Salon 2026")
    ana.send_text_in(group, "/start@careerbot_test_bot")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.chat.title == "Salon 2026"
    assert update.message.entities[0].length == len("/start@careerbot_test_bot")
    await bot.send_message(group.id, "Bonjour le groupe", reply_markup=keyboard([("Go", "go")]))
    assert group.last_message is not None and ana.messages == []
    ana.press("Go", chat=group)
    (press,) = await bot.get_updates(offset=update.update_id + 1)
    assert press.callback_query is not None and press.callback_query.from_user.id == ana.id


async def test_blocked_user(server: FakeBotAPI, bot: PTBBot, ana: FakeUser) -> None:
    from telegram.error import Forbidden

    ana.block_bot()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ana.id, "hello?")
    (update,) = await bot.get_updates()
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "kicked"


async def test_wait_for_times_out_with_the_transcript(bot: PTBBot, ana: FakeUser) -> None:
    ana.send_text("/start")
    await bot.send_message(ana.id, "Bienvenue", reply_markup=keyboard([("Go", "go")]))
    with pytest.raises(AssertionError) as caught:
        await ana.wait_for(lambda u: "Bravo" in u.last_text, timeout=0.2)
    report = str(caught.value)
    assert "chat 1001 (private, Ana)" in report
    assert "Ana: /start" in report and "bot #2: Bienvenue" in report and "[Go → go]" in report
    with pytest.raises(AssertionError, match=r"the last check raised IndexError"):
        await ana.wait_for(lambda u: u.messages[5], timeout=0.1)  # raising counts as false
    assert (await ana.next_message()).text == "Bienvenue"  # the reply to /start
    with pytest.raises(AssertionError, match="sent no new message"):
        await ana.next_message(timeout=0.1)


async def test_wait_for_returns_the_predicate_value(bot: PTBBot, ana: FakeUser) -> None:
    waiter = asyncio.create_task(ana.wait_for(lambda u: u.last_message))
    await bot.send_message(ana.id, "ici")
    message = await waiter
    assert message.text == "ici"


# --- the real PTB Application against the fake ------------------------------------------------


async def test_ptb_application_polls_the_fake(server: FakeBotAPI, ana: FakeUser) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        args = " ".join(context.args or [])
        await update.effective_message.reply_text(
            f"Bienvenue ({args})", reply_markup=keyboard([("Oui", "yes"), ("Non", "no")])
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Noté")
        await query.edit_message_text(f"Tu as choisi : {query.data}")

    app: Application = ApplicationBuilder().token(server.token).base_url(server.base_url).build()  # type: ignore[type-arg]
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            ana.send_text("/start salon2026")
            welcome = await ana.next_message()
            assert welcome.text == "Bienvenue (salon2026)"
            query_id = ana.press("Oui")
            assert await server.wait_for_answer(query_id) == {"text": "Noté"}
            await ana.wait_for(lambda u: u.last_text == "Tu as choisi : yes")
            assert welcome.buttons == []
            await server.wait_until_idle()
        finally:
            await app.updater.stop()
            await app.stop()
    assert server.failed_requests() == []
    assert server.pending_updates == 0
