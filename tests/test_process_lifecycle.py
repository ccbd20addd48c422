"""The life of a real `python -m bot run` process: a token Telegram refuses ends it with one
line and a non-zero status, and one data directory serves one process at a time."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from tests.support.fake_botapi import FakeBotAPI, FakeUser
from tests.support.harness import TOKEN
from tests.support.process import BotProcess, bot_env

HELP_FR = "Comment ça marche"


async def ended(bot: BotProcess, timeout: float = 60) -> int:  # noqa: ASYNC109
    """The exit status of a bot that stops on its own (the fake Bot API keeps answering)."""
    assert bot.process is not None
    for _ in range(int(timeout * 10)):
        if bot.process.poll() is not None:
            return bot.wait(timeout=1)
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot did not stop within {timeout} s:\n{bot.output_so_far()}")


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "ERROR" in line or line.startswith("Error:")]


def assert_one_line_exit(output: str, starts: str) -> None:
    assert "Traceback" not in output, output
    assert "Aborting retry loop" not in output
    assert TOKEN.split(":")[1] not in output
    assert error_lines(output) == [output.strip().splitlines()[-1]], output
    assert output.strip().splitlines()[-1].startswith(starts)


async def ask_help(user: FakeUser) -> None:
    count = len([text for text in user.texts if HELP_FR in text])
    user.send_text("/help")
    await user.wait_for(lambda u: len([t for t in u.texts if HELP_FR in t]) > count)


async def test_a_token_revoked_while_running_ends_the_process(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """It stayed up, deaf, after PTB's "Invalid token. Aborting retry loop."."""
    user = server.add_user(701, language_code="fr")
    bot = BotProcess(server, tmp_path)
    with bot.running():
        await ask_help(user)
        server.token = "987654321:AAHanotherTokenNowTheValidOne_0123456"  # revoked
        status = await ended(bot)
    assert status != 0
    assert_one_line_exit(bot.outputs[-1], "Error: Telegram refused the bot token")


async def test_a_token_refused_to_a_reply_ends_the_process(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """In webhook mode nothing polls: a handler is the first to meet the 401."""
    user = server.add_user(702, language_code="fr")
    bot = BotProcess(server, tmp_path)
    with bot.running():
        await ask_help(user)
        server.fail_next("sendMessage", status=401)
        user.send_text("/help")
        status = await ended(bot)
    assert status != 0
    assert_one_line_exit(bot.outputs[-1], "Error: Telegram refused the bot token")


async def test_a_refused_token_at_start_up_is_one_line(tmp_path: Path) -> None:
    async with FakeBotAPI(token="987654321:AAHanotherTokenNowTheValidOne_0123456") as server:
        bot = BotProcess(server, tmp_path)
        with bot.running():
            status = await ended(bot)
    assert status != 0
    assert_one_line_exit(bot.outputs[-1], "Error: Telegram refused the bot token")


async def second_bot(server: FakeBotAPI, data_dir: Path) -> tuple[int, str]:
    """Start `python -m bot run` on `data_dir` while another runs; its status and output."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=bot_env(server.base_url, data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_a_second_process_on_the_same_data_directory_stops_with_one_line(
    server: FakeBotAPI, tmp_path: Path
) -> None:
    """Two bots on one data directory took turns polling under Telegram's 409."""
    user = server.add_user(703, language_code="fr")
    first = BotProcess(server, tmp_path)
    with first.running():
        await ask_help(user)
        status, output = await second_bot(server, tmp_path)
        assert status != 0
        assert output.strip().splitlines() == [
            f"Error: {tmp_path} is in use by another careerbot process (pid {first.pid}): "
            "only one may run on a data directory"
        ]
        assert first.process is not None and first.process.poll() is None
        await ask_help(user)  # the first one still serves

        # The kernel drops the lock with its process, however it ends.
        first.process.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        first.start()
        await ask_help(user)
