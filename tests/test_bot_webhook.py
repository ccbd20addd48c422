"""`careerbot run --webhook`: Telegram pushes updates, signed with a secret token."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import httpx

from tests.support.fake_botapi import FakeBotAPI
from tests.support.harness import TOKEN
from tests.support.ports import free_port
from tests.support.process import bot_env


async def test_webhook_mode_accepts_only_signed_updates(tmp_path: Path) -> None:
    secret = "s3cret-for-the-test"
    async with FakeBotAPI(token=TOKEN) as server, httpx.AsyncClient() as client:
        user = server.add_user(901, first_name="Wim", language_code="fr")
        env = bot_env(server.base_url, tmp_path)
        # Telegram posts to the public HTTPS address; a proxy forwards to the local port.
        public_url = "https://careerbot.example.test/telegram"
        # The port is free when picked but may be taken before the bot binds it: then the bot
        # exits, and it starts again on another port.
        for _ in range(5):
            port = free_port()
            url = f"http://127.0.0.1:{port}/telegram"
            process = subprocess.Popen(  # noqa: ASYNC220
                [sys.executable, "-m", "bot", "run", "--webhook", "--webhook-url", public_url,
                 "--port", str(port), "--secret-token", secret],
                env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            if await _bot_listening(client, url, process):
                break
            output, _ = process.communicate(timeout=30)
            assert "Address already in use" in output, output
        else:
            raise AssertionError("the bot never got a port to listen on")
        try:
            webhook = await server.wait_for(lambda s: s.webhook, timeout=30)
            assert webhook["url"] == public_url and webhook["secret_token"] == secret

            update = {
                "update_id": 77,
                "message": {
                    "message_id": 1,
                    "date": 1_700_000_000,
                    "chat": {"id": user.id, "type": "private", "first_name": "Wim"},
                    "from": user.to_dict(),
                    "text": "/help",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
                },
            }
            forged = await client.post(url, json=update)
            assert forged.status_code == 403
            signed = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
            )
            assert signed.status_code == 200
            reply = await user.wait_for(lambda u: u.last_message, timeout=30)
            assert "Comment ça marche" in reply.text
            assert len(user.messages) == 1, "the forged update was ignored"

            # One that cannot be read is skipped with one line, and acknowledged: otherwise
            # Telegram would post it again and again, holding back the ones after it.
            signature = {"X-Telegram-Bot-Api-Secret-Token": secret}
            unreadable = {"update_id": 78, "message": {"message_id": 2, "chat": "not a chat"}}
            skipped = await client.post(url, json=unreadable, headers=signature)
            assert skipped.status_code == 200
            again = await client.post(url, json={**update, "update_id": 79}, headers=signature)
            assert again.status_code == 200
            await user.wait_for(lambda u: len(u.messages) == 2, timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert TOKEN not in output
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if "Skipped update" in line] == [
        line for line in output.splitlines() if "Skipped update 78: it cannot be read" in line
    ]
    assert "Skipped update 78" in output


async def _bot_listening(
    client: httpx.AsyncClient, url: str, process: subprocess.Popen[str]
) -> bool:
    """Wait until the bot's webhook answers on ``url``: True, or False if the bot exited.

    The webhook path takes POST only, so the bot answers a GET with 405; anything else is
    another program that took the port first (the bot then fails to bind and exits)."""
    for _ in range(1200):
        if process.poll() is not None:
            return False
        with contextlib.suppress(httpx.TransportError):
            if (await client.get(url)).status_code == HTTPStatus.METHOD_NOT_ALLOWED:
                return True
        await asyncio.sleep(0.1)
    raise AssertionError(f"the bot did not listen on {url} within two minutes")
