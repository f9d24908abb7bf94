"""The Telegram bot: the real govqa bot process and python-telegram-bot over real HTTP.

A fake Bot API (tests/fake_telegram.py) runs on 127.0.0.1; `govqa bot` runs as a subprocess
pointed at it with GOVQA_TELEGRAM_BASE_URL and answers queued updates with the real index.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import telegram_buttons as tb
from bot import telegram_render as tr
from bot.telegram_state import AllowList, ChatStore, RateLimiter, Verdict
from retrieval.engine import Engine
from retrieval.models import Conversation

from .conftest import SEEDS
from .fake_telegram import BOT_USER, FakeTelegram, Sent, parse_html, user

TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"
LIAOYUAN = "辽源市过去五年粮食产量怎么样？"
GROWTH = "辽源市过去五年经济增长怎么样？"  # 赛罕区's report says as much of its five years
ALLOWED = "@tester, 777"
RATE_LIMIT = 5
_next_id = iter(range(10_001, 99_999))


def new_user(username: str | None = "tester") -> dict[str, Any]:
    return user(next(_next_id), username)


class BotProcess:
    """`govqa bot` in a subprocess, its log in a file."""

    def __init__(self, server: FakeTelegram, workdir: Path, *args: str, **env: str) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.server = server
        self.log_path = workdir / "bot.log"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("GOVQA_")}
        environ.update(
            GOVQA_TELEGRAM_TOKEN=TOKEN,
            GOVQA_TELEGRAM_BASE_URL=server.url,
            GOVQA_CORPUS_DIR=str(SEEDS),
            GOVQA_DATA_DIR=str(workdir / "data"),
            GOVQA_CACHE_DIR=str(workdir / "cache"),  # hermetic: no index cache from elsewhere
            GOVQA_ALLOWED_USERS=ALLOWED,
            GOVQA_RATE_LIMIT=str(RATE_LIMIT),
            PYTHONUNBUFFERED="1",
        )
        environ.update(env)
        code = "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code, "bot", *args],
                cwd=workdir,  # no stray .env
                env=environ,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self) -> None:
        """Until the bot has registered its commands and polls (or has died)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"bot exited {self.proc.returncode}:\n{self.log()}")
            if "ready (" in self.log():
                return
            time.sleep(0.05)
        raise AssertionError(f"bot not ready:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture(scope="module")
def server() -> Iterator[FakeTelegram]:
    fake = FakeTelegram(TOKEN).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def bot(server: FakeTelegram, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    process = BotProcess(server, tmp_path_factory.mktemp("bot"))
    try:
        process.wait_ready()
        server.wait(lambda: "getUpdates" in server.methods())  # polling has begun
        yield process
    finally:
        code = process.stop()
        assert code == 0, process.log()


def ask(
    server: FakeTelegram, who: dict[str, Any], text: str, count: int = 1, **kw: Any
) -> list[Sent]:
    """Send a private message; wait for `count` messages back in that chat."""
    before = len(server.sent_to(who["id"]))
    server.push("message", server.message(who, text, **kw))
    server.wait(lambda: len(server.sent_to(who["id"])) >= before + count)
    return server.sent_to(who["id"])[before:]


def quiet(server: FakeTelegram, chat_id: int, seconds: float = 0.6) -> list[Sent]:
    """What arrives in a chat over the next moment (to check for nothing, or no duplicate)."""
    before = len(server.sent_to(chat_id))
    time.sleep(seconds)
    return server.sent_to(chat_id)[before:]


# -- the running bot ----------------------------------------------------------------------


def test_start_registers_commands_and_logs_one_line(server: FakeTelegram, bot: BotProcess) -> None:
    commands = server.calls_of("setMyCommands")[-1]["commands"]
    assert [c["command"] for c in commands] == [
        "start",
        "help",
        "reports",
        "report",
        "all",
        "more",
        "show",
        "compare",
        "find",
        "toc",
        "reload",
    ]
    ready = [line for line in bot.log().splitlines() if "ready (" in line]
    assert len(ready) == 1
    assert "@govqa_test_bot ready (polling): 5 reports, 197 passages" in ready[0]
    methods = server.methods()
    assert methods.index("deleteWebhook") < methods.index("getUpdates")


def test_question_gets_cited_reply_with_buttons(server: FakeTelegram, bot: BotProcess) -> None:
    [reply] = ask(server, new_user(), LIAOYUAN)
    assert reply.text.startswith("[1] 辽源市 · (吉林省)辽源市人民政府工作报告(2022年1月11日)\n")
    assert "一、过去五年和2021年工作回顾 · 第4段\n粮食产量创历史最好水平" in reply.text
    assert "[3] 辽源市" in reply.text
    assert "粮食产量" in reply.bold  # matched terms in bold
    labels = [b["text"] for b in reply.buttons]
    assert labels == ["原文 1", "原文 2", "原文 3", "更多"]
    assert all(len(b["callback_data"].encode()) < 64 for b in reply.buttons)
    assert reply.reply_to is None  # private chat: no quote


def test_start_help_and_reports(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [start] = ask(server, who, "/start")
    assert "政府工作报告问答机器人" in start.text
    assert "辽源市过去五年粮食产量怎么样？" in start.text and "六稳六保是什么意思？" in start.text
    assert "现有报告（5 份）：萨尔图区、和平区、辽源市、赛罕区、铁东区" in start.text
    [help_] = ask(server, who, "/help")
    assert "/report 名称" in help_.text and "@govqa_test_bot" in help_.text
    [reports] = ask(server, who, "/reports")
    lines = reports.text.splitlines()
    assert len(lines) == 6 and lines[0].startswith("现有报告 5 份")
    assert any(line.startswith("• 辽源市 · (吉林省)辽源市人民政府工作报告") for line in lines)
    assert "辽源市" in reports.bold


def test_report_restricts_the_chat_and_all_lifts_it(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [usage] = ask(server, who, "/report")
    assert usage.text == "用法：/report 名称（如 /report 辽源）。现在在全部报告中检索。"
    [unknown] = ask(server, who, "/report 北京")
    assert unknown.text.startswith("找不到报告“北京”。现有报告：")
    [done] = ask(server, who, "/report 铁东")
    assert done.text.startswith("已限定在：") and "铁东区" in done.text
    [answer] = ask(server, who, "市场主体有多少？")
    assert answer.text.startswith("限定在：") and "铁东区" in answer.text.splitlines()[0]
    cited = [line for line in answer.text.splitlines() if line.startswith("[")]
    assert cited and all("铁东区" in line for line in cited)
    chats = json.loads((Path(bot.log_path).parent / "data" / "chats.json").read_text("utf-8"))
    assert chats["chats"][str(who["id"])]["report"].endswith(".txt")
    [lifted] = ask(server, who, "/all")
    assert lifted.text == "已取消限定，在全部报告中检索。"
    assert (
        str(who["id"])
        not in json.loads((Path(bot.log_path).parent / "data" / "chats.json").read_text("utf-8"))[
            "chats"
        ]
    )
    [answer] = ask(server, who, LIAOYUAN)
    assert not answer.text.startswith("限定在")


def test_more_show_and_follow_ups(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [nothing] = ask(server, who, "/show 1")
    assert nothing.text == "还没有可查看的引文，请先提问。"
    ask(server, who, LIAOYUAN)
    [more] = ask(server, who, "/more")
    assert more.text.startswith("[4] ") and "[6] " in more.text
    # one citation per paragraph: the six paragraphs that answer end at [6] (no 更多)
    assert [b["text"] for b in more.buttons] == ["原文 4", "原文 5", "原文 6"]
    [shown] = ask(server, who, "/show 5")
    assert shown.text.startswith("[5] ") and "▶ 第" in shown.text
    [bad] = ask(server, who, "/show 1")
    assert bad.text == "没有第 1 条引文；当前引文编号为 4-6。"
    [usage] = ask(server, who, "/show x")
    assert usage.text == "用法：/show N（N 为引文编号，4-6）"
    [again] = ask(server, who, "还有呢")
    assert again.text == "没有更多结果了。"
    ask(server, who, GROWTH)
    [other] = ask(server, who, "那赛罕区呢")
    assert other.text.startswith("[1] 呼和浩特市赛罕区 · ")


def test_compare_and_toc(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [usage] = ask(server, who, "/compare")
    assert usage.text == "用法：/compare 问题（如 /compare 地区生产总值增长多少）"
    [compared] = ask(server, who, "/compare 地区生产总值增长多少")
    heads = [line for line in compared.text.splitlines() if line.startswith("[")]
    assert compared.text.startswith(f"共{len(heads)}份报告有相关内容。\n\n")
    assert len(heads) >= 3 and len({h.split(" · ")[0][4:] for h in heads}) == len(heads)
    assert [b["text"] for b in compared.buttons] == [f"原文 {n}" for n in range(1, len(heads) + 1)]
    [shown] = ask(server, who, "/show 2")
    assert shown.text.splitlines()[0] == heads[1]
    [usage] = ask(server, who, "/toc")
    assert usage.text == "用法：/toc 名称（如 /toc 赛罕）"
    [toc] = ask(server, who, "/toc 赛罕")
    lines = toc.text.splitlines()
    assert lines[0] == "呼和浩特市赛罕区 · 呼和浩特市赛罕区2021年政府工作报告"
    assert lines[1] == "报告信息（1段）"  # title, meeting, speaker
    assert lines[2] == "一、“十三五”期间经济社会发展和2020年工作回顾（24段）"
    assert lines[3] == "\u3000(一)综合实力显著增强。（1段）"
    ask(server, who, "/report 辽源")
    [toc] = ask(server, who, "/toc")
    assert toc.text.startswith("辽源市 · ")


def test_buttons_show_the_passage_and_page_on(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [reply] = ask(server, who, LIAOYUAN)
    show2 = reply.buttons[1]["callback_data"]
    before = len(server.sent_to(who["id"]))
    server.push(
        "callback_query",
        {
            "id": "cb1",
            "from": who,
            "chat_instance": "x",
            "message": server.as_message(reply),
            "data": show2,
        },
    )
    server.wait(lambda: len(server.sent_to(who["id"])) > before)
    passage = server.sent_to(who["id"])[-1]
    lines = passage.text.splitlines()
    assert lines[0].startswith("[2] 辽源市 · ")
    assert any(line.startswith("▶ 第3段") for line in lines)  # citation 2 is paragraph 3
    # neighbours are whole paragraphs, labelled with their own numbers (2 was merged into #1)
    assert "第2段 · 开头" in lines and "第4段 · 一、过去五年和2021年工作回顾" in lines
    assert "五年" in passage.bold
    server.push(
        "callback_query",
        {
            "id": "cb2",
            "from": who,
            "chat_instance": "x",
            "message": server.as_message(reply),
            "data": "m",
        },
    )
    server.wait(lambda: len(server.sent_to(who["id"])) > before + 1)
    assert server.sent_to(who["id"])[-1].text.startswith("[4] ")
    server.push(
        "callback_query",
        {
            "id": "cb3",
            "from": who,
            "chat_instance": "x",
            "message": server.as_message(reply),
            "data": "s:5:00000000:1",
        },
    )
    server.wait(
        lambda: any(
            p.get("callback_query_id") == "cb3" for p in server.calls_of("answerCallbackQuery")
        )
    )
    answered = {
        p["callback_query_id"]: p.get("text") for p in server.calls_of("answerCallbackQuery")
    }
    assert answered["cb1"] is None and answered["cb2"] is None
    assert answered["cb3"] == "这个按钮已失效，请重新提问。"
    assert quiet(server, who["id"], 0.3) == []


def test_inline_query_offers_one_result_per_citation(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    server.push(
        "inline_query", {"id": "iq1", "from": who, "query": "六稳六保是什么意思", "offset": ""}
    )
    server.push("inline_query", {"id": "iq2", "from": who, "query": "", "offset": ""})
    server.wait(
        lambda: (
            len(
                [
                    p
                    for p in server.calls_of("answerInlineQuery")
                    if p["inline_query_id"] in ("iq1", "iq2")
                ]
            )
            == 2
        )
    )
    calls = {p["inline_query_id"]: p for p in server.calls_of("answerInlineQuery")}
    results = calls["iq1"]["results"]
    assert [r["id"] for r in results] == ["1", "2", "3"]
    assert results[0]["title"].startswith("[1] 呼和浩特市赛罕区")
    posted, bold = parse_html(results[0]["input_message_content"]["message_text"])
    assert posted.startswith("问：六稳六保是什么意思\n\n[1] 呼和浩特市赛罕区")
    assert "六稳六保" in bold
    assert calls["iq1"]["is_personal"] is True
    assert calls["iq2"]["results"] == [] and calls["iq2"]["button"]["text"].startswith("输入问题")


def test_html_in_a_question_is_shown_as_text(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [reply] = ask(server, who, '<b>辽源市</b>粮食产量 & <a href="https://x.org">五年</a>？')
    assert reply.text.startswith("[1] 辽源市")  # the fake server parsed it as Telegram would
    [unknown] = ask(server, who, "/report <b>x</b>&amp;<a href='y'>")
    assert unknown.text.startswith("找不到报告“<b>x</b>&amp;<a href='y'>”")
    server.push(
        "inline_query",
        {"id": "iq-html", "from": who, "query": "<i>六稳六保</i> & 是什么", "offset": ""},
    )
    server.wait(
        lambda: any(p["inline_query_id"] == "iq-html" for p in server.calls_of("answerInlineQuery"))
    )
    [call] = [p for p in server.calls_of("answerInlineQuery") if p["inline_query_id"] == "iq-html"]
    for result in call["results"]:
        text, _ = parse_html(result["input_message_content"]["message_text"])
        assert "六稳六保" in text


def test_groups_answer_only_mentions_replies_and_commands(
    server: FakeTelegram, bot: BotProcess
) -> None:
    who = new_user()
    group = {"id": -1000 - who["id"], "type": "supergroup", "title": "同事群"}
    chatter = server.message(who, "今天中午吃什么？辽源市粮食产量", chat=group)
    server.push("message", chatter)
    mention = server.message(who, "@govqa_test_bot " + GROWTH, chat=group)
    server.push("message", mention)
    server.wait(lambda: len(server.sent_to(group["id"])) >= 1)
    time.sleep(0.5)
    [reply] = server.sent_to(group["id"])
    assert reply.reply_to == mention["message_id"] and reply.text.startswith("[1] 辽源市")
    follow = server.message(who, "那赛罕区呢", chat=group, reply_to=reply)
    server.push("message", follow)
    server.wait(lambda: len(server.sent_to(group["id"])) >= 2)
    assert server.sent_to(group["id"])[1].reply_to == follow["message_id"]
    assert server.sent_to(group["id"])[1].text.startswith("[1] 呼和浩特市赛罕区 · ")
    server.push("message", server.message(who, "/start@govqa_test_bot", chat=group))
    server.push("message", server.message(who, "/unknown@otherbot", chat=group))
    server.wait(lambda: len(server.sent_to(group["id"])) >= 3)
    assert "政府工作报告问答机器人" in server.sent_to(group["id"])[2].text
    assert quiet(server, group["id"]) == []


def test_allow_list_strangers_get_one_line(server: FakeTelegram, bot: BotProcess) -> None:
    stranger = new_user("stranger")
    [line] = ask(server, stranger, LIAOYUAN)
    assert line.text == f"本机器人仅供受邀用户使用（你的用户 ID：{stranger['id']}）。"
    server.push("message", server.message(stranger, "/start"))
    assert quiet(server, stranger["id"]) == []  # one line, not one per message
    server.push(
        "inline_query", {"id": "iq-stranger", "from": stranger, "query": "六稳六保", "offset": ""}
    )
    time.sleep(0.5)
    calls = [
        p for p in server.calls_of("answerInlineQuery") if p["inline_query_id"] == "iq-stranger"
    ]
    assert all(not p["results"] for p in calls)  # nothing from the corpus
    by_id = user(777, None)  # on the list by id, no username
    [answer] = ask(server, by_id, LIAOYUAN)
    assert answer.text.startswith("[1] 辽源市")


def test_rate_limit_one_notice_then_silence(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    for _ in range(RATE_LIMIT + 3):
        server.push("message", server.message(who, LIAOYUAN))
    server.wait(lambda: len(server.sent_to(who["id"])) >= RATE_LIMIT + 1)
    got = server.sent_to(who["id"]) + quiet(server, who["id"])
    notices = [s for s in got if s.text.startswith("请稍后再问")]
    answers = [s for s in got if s.text.startswith("[1] 辽源市")]
    assert len(answers) == RATE_LIMIT and len(notices) == 1 and len(got) == RATE_LIMIT + 1
    assert notices[0].text == f"请稍后再问：每人每分钟最多提问 {RATE_LIMIT} 次。"


def test_odd_messages_get_hints_or_are_ignored(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    sticker = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    [hint] = ask(server, who, None, sticker=sticker)
    assert hint.text == "请用文字提问，例如：辽源市过去五年粮食产量怎么样？"
    photo = [{"file_id": "p1", "file_unique_id": "pu1", "width": 90, "height": 90}]
    [hint] = ask(server, who, None, photo=photo)
    assert hint.text.startswith("请用文字提问")
    server.push("edited_message", {**server.message(who, LIAOYUAN), "edit_date": int(time.time())})
    assert quiet(server, who["id"]) == []
    [empty] = ask(server, who, "？？？")
    assert empty.text == "请输入具体问题，例如：辽源市过去五年粮食产量怎么样？"
    [huge] = ask(server, who, LIAOYUAN + "啊" * 600)
    assert huge.text == f"问题太长（{len(LIAOYUAN) + 600}字），请控制在500字以内。"
    [unknown] = ask(server, who, "/frobnicate")
    assert unknown.text == "未知命令“/frobnicate”。发送 /help 查看命令。"
    [long] = ask(server, who, "/report " + "<&" * 2040)  # the echo would pass 4,096 characters
    assert long.text.startswith("找不到报告“<&<&") and long.text.endswith("…")
    [mentioned] = ask(server, who, "@govqa_test_bot " + LIAOYUAN)
    assert mentioned.text.startswith("[1] 辽源市")
    posted = server.message(who, "问：六稳六保是什么意思\n\n[1] 呼和浩特市赛罕区", via_bot=BOT_USER)
    server.push("message", posted)  # an inline result the user posted in the bot's chat
    assert quiet(server, who["id"]) == []
    assert "Traceback" not in bot.log()


def test_handler_error_is_logged_with_update_id_and_apologised(
    server: FakeTelegram, bot: BotProcess
) -> None:
    who = new_user()
    server.fail("sendMessage", 400)  # Telegram refuses the answer: the handler raises BadRequest
    update_id = server.push("message", server.message(who, LIAOYUAN))
    server.wait(lambda: len(server.sent_to(who["id"])) >= 1)
    [apology] = server.sent_to(who["id"])
    assert apology.text == "抱歉，处理这条消息时出错了，请稍后再试。"
    assert f"update {update_id}: handler failed" in bot.log()
    [answer] = ask(server, who, LIAOYUAN)  # and the bot goes on
    assert answer.text.startswith("[1] 辽源市")


def test_polling_survives_500s_429_and_a_dropped_connection(
    server: FakeTelegram, bot: BotProcess
) -> None:
    people = [new_user() for _ in range(4)]
    server.fail("getUpdates", 500, 500, 500, ("retry", 1), "drop")
    ids = [server.push("message", server.message(p, LIAOYUAN)) for p in people]
    for p in people:
        server.wait(lambda p=p: len(server.sent_to(p["id"])) >= 1, timeout=25)
    time.sleep(0.5)
    assert [len(server.sent_to(p["id"])) for p in people] == [1, 1, 1, 1]
    assert all(server.sent_to(p["id"])[0].text.startswith("[1] 辽源市") for p in people)
    assert [server.delivered[i] for i in ids] == [1, 1, 1, 1]
    assert [f for m, f in server.faults_served if m == "getUpdates"] == [
        500,
        500,
        500,
        ("retry", 1),
        "drop",
    ]
    assert "getUpdates failed" in bot.log()


def test_sending_survives_500_429_and_a_dropped_connection(
    server: FakeTelegram, bot: BotProcess
) -> None:
    who = new_user()
    server.fail("sendMessage", 502, ("retry", 1), "drop")
    server.push("message", server.message(who, LIAOYUAN))
    server.wait(lambda: len(server.sent_to(who["id"])) >= 1, timeout=20)
    assert quiet(server, who["id"]) == []
    [reply] = server.sent_to(who["id"])
    assert reply.text.startswith("[1] 辽源市")
    assert [f for m, f in server.faults_served if m == "sendMessage"][-3:] == [
        502,
        ("retry", 1),
        "drop",
    ]


def test_ten_users_at_once_get_ten_answers(server: FakeTelegram, bot: BotProcess) -> None:
    people = [new_user() for _ in range(10)]
    questions = [LIAOYUAN, "六稳六保是什么意思？"] * 5
    for p, q in zip(people, questions, strict=True):
        server.push("message", server.message(p, q))
    for p in people:
        server.wait(lambda p=p: len(server.sent_to(p["id"])) >= 1)
    assert [len(server.sent_to(p["id"])) for p in people] == [1] * 10


def test_show_with_a_digit_int_cannot_read_gets_the_usage(
    server: FakeTelegram, bot: BotProcess
) -> None:
    who = new_user()
    ask(server, who, LIAOYUAN)
    [usage] = ask(server, who, "/show ²")  # '²'.isdigit() is True, int('²') fails
    assert usage.text == "用法：/show N（N 为引文编号，1-3）"
    [shown] = ask(server, who, "/show 2")
    assert shown.text.startswith("[2] ")


def test_strangers_inline_queries_are_answered_every_time(
    server: FakeTelegram, bot: BotProcess
) -> None:
    stranger = new_user("stranger")
    ids = ["iq-s1", "iq-s2", "iq-s3"]
    for iq in ids:
        server.push("inline_query", {"id": iq, "from": stranger, "query": "六稳六保", "offset": ""})
    server.wait(
        lambda: {p["inline_query_id"] for p in server.calls_of("answerInlineQuery")} >= set(ids)
    )
    calls = [p for p in server.calls_of("answerInlineQuery") if p["inline_query_id"] in ids]
    assert len(calls) == 3 and all(p["results"] == [] for p in calls)
    # The refusal is explained (the queries may be answered in any order).
    assert any(
        p.get("button", {}).get("text", "").startswith("本机器人仅供受邀用户使用") for p in calls
    )


def test_token_in_an_error_description_is_redacted_in_any_case(
    server: FakeTelegram, bot: BotProcess
) -> None:
    who = new_user()
    server.fail("sendMessage", (400, f"Bad Request: chat {TOKEN} not found"))
    server.push("message", server.message(who, LIAOYUAN))
    server.wait(lambda: len(server.sent_to(who["id"])) >= 1)
    time.sleep(0.3)
    log = bot.log()
    assert "*** not found" in log  # PTB capitalised the description: the token came lower-cased
    assert TOKEN.lower() not in log.lower() and TOKEN.split(":")[1].lower() not in log.lower()


def test_token_never_in_the_log(server: FakeTelegram, bot: BotProcess) -> None:
    log = bot.log()
    assert "HTTP Request" not in log  # httpx is quiet
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
    assert "handler failed" in log  # the log did record the faults of the tests above


# -- starting and stopping ----------------------------------------------------------------


def run_to_exit(tmp_path: Path, server: FakeTelegram, *args: str, **env: str) -> tuple[int, str]:
    process = BotProcess(server, tmp_path, *args, **env)
    code = process.proc.wait(30)
    return code, process.log()


def test_missing_or_malformed_token_exits_2(tmp_path: Path, server: FakeTelegram) -> None:
    code, out = run_to_exit(tmp_path / "a", server, GOVQA_TELEGRAM_TOKEN="")
    assert code == 2
    assert out.strip().splitlines() == [
        "govqa: 未设置 GOVQA_TELEGRAM_TOKEN：向 @BotFather 申请机器人令牌，写入环境变量或 .env。"
    ]
    code, out = run_to_exit(tmp_path / "b", server, GOVQA_TELEGRAM_TOKEN="not-a-token")
    assert (
        code == 2 and len(out.strip().splitlines()) == 1 and "GOVQA_TELEGRAM_TOKEN 格式不对" in out
    )
    assert "not-a-token" not in out


def test_bad_webhook_or_allow_list_settings_exit_2(tmp_path: Path, server: FakeTelegram) -> None:
    code, out = run_to_exit(tmp_path / "a", server, "--webhook", GOVQA_WEBHOOK_URL="")
    assert code == 2 and len(out.strip().splitlines()) == 1 and "GOVQA_WEBHOOK_URL" in out
    code, out = run_to_exit(
        tmp_path / "b",
        server,
        "--webhook",
        GOVQA_WEBHOOK_URL="https://x.org/h",
        GOVQA_WEBHOOK_SECRET="",
    )
    assert code == 2 and len(out.strip().splitlines()) == 1 and "GOVQA_WEBHOOK_SECRET" in out
    code, out = run_to_exit(tmp_path / "c", server, GOVQA_ALLOWED_USERS="@tester, b@d")
    assert (
        code == 2
        and out.strip() == "govqa: GOVQA_ALLOWED_USERS 中的“b@d”既不是用户 ID 也不是 @用户名。"
    )


def test_rejected_token_exits_2_with_telegrams_reason(tmp_path: Path, server: FakeTelegram) -> None:
    wrong = "987654321:AAThisTokenIsWellFormedButUnknown_xyz"
    code, out = run_to_exit(tmp_path, server, GOVQA_TELEGRAM_TOKEN=wrong)
    assert code == 2
    assert out.strip().splitlines() == [
        "govqa: Telegram 拒绝了 GOVQA_TELEGRAM_TOKEN（Unauthorized）：请检查 @BotFather 给出的令牌。"
    ]
    assert wrong not in out


def test_token_in_a_start_up_error_is_redacted(tmp_path: Path, server: FakeTelegram) -> None:
    server.fail("getMe", (401, f"Bad Request: token {TOKEN} unknown"))
    code, out = run_to_exit(tmp_path, server)
    assert code == 2 and out.strip().startswith("govqa: Telegram 拒绝了 GOVQA_TELEGRAM_TOKEN")
    assert "***" in out
    assert TOKEN.lower() not in out.lower() and TOKEN.split(":")[1].lower() not in out.lower()


def test_compare_over_many_reports_comes_a_page_at_a_time(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.iterdir():  # three versions of each seed: 12 reports answer
        for k in range(3):  # each sentence changed: not copies of one report (duplicates.py)
            text = path.read_text(encoding="utf-8").replace("。", "。" + "另" * k)
            (corpus / f"{k}{path.name}").write_text(text, encoding="utf-8")
    server = FakeTelegram(TOKEN).start()
    process = BotProcess(
        server, tmp_path / "bot", GOVQA_CORPUS_DIR=str(corpus), GOVQA_RATE_LIMIT="50"
    )
    who = new_user()
    try:
        process.wait_ready()
        [first] = ask(server, who, "/compare 地区生产总值增长多少")
        assert first.text.startswith("共12份报告有相关内容，这是第1-10份。发送 /more")
        labels = [b["text"] for b in first.buttons]
        assert labels == [f"原文 {n}" for n in range(1, 11)] + ["下一页（第11-12份）"]
        [second] = ask(server, who, "/more")
        assert second.text.startswith("共12份报告有相关内容，这是第11-12份。\n\n[11] ")
        assert [b["text"] for b in second.buttons] == ["原文 11", "原文 12"]
        [done] = ask(server, who, "/more")
        assert done.text == "对比结果已全部显示（共12份报告）。"
        [shown] = ask(server, who, "/show 12")
        assert shown.text.startswith("[12] ")
        before = len(server.sent_to(who["id"]))
        button = {"id": "cb-next", "from": who, "chat_instance": "x",
                  "message": server.as_message(first), "data": first.buttons[-1]["callback_data"]}  # fmt: skip
        server.push("callback_query", button)
        server.wait(lambda: len(server.sent_to(who["id"])) > before)
        assert server.sent_to(who["id"])[-1].text.startswith("共12份报告有相关内容，这是第11-12份")
        ask(server, who, LIAOYUAN)  # a new question: the comparison's button is stale
        server.push("callback_query", {**button, "id": "cb-stale"})
        server.wait(
            lambda: any(
                p["callback_query_id"] == "cb-stale" for p in server.calls_of("answerCallbackQuery")
            )
        )
        [stale] = [
            p
            for p in server.calls_of("answerCallbackQuery")
            if p["callback_query_id"] == "cb-stale"
        ]
        assert stale["text"] == "这个按钮已失效，请重新提问。"
        assert process.stop() == 0
    finally:
        process.stop()
        server.stop()


def test_restriction_survives_a_restart(tmp_path: Path) -> None:
    server = FakeTelegram(TOKEN).start()
    who = new_user()
    try:
        first = BotProcess(server, tmp_path)
        first.wait_ready()
        ask(server, who, "/report 赛罕区")
        assert first.stop() == 0
        second = BotProcess(server, tmp_path)
        second.wait_ready()
        [answer] = ask(server, who, "粮食产量怎么样？")
        assert second.stop() == 0
    finally:
        server.stop()
    assert (
        answer.text.splitlines()[0]
        == "限定在：呼和浩特市赛罕区 · 呼和浩特市赛罕区2021年政府工作报告（/all 取消）"
    )
    assert not list((tmp_path / "data").glob("*.tmp"))  # written atomically, nothing left over


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port: int) -> None:
    """PTB starts the webhook server after setWebhook; wait until it accepts connections."""
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def post_update(url: str, update: dict[str, Any], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_checks_the_secret_token(tmp_path: Path) -> None:
    server = FakeTelegram(TOKEN).start()
    port, secret = free_port(), "s3cret-Webhook_token"
    url = f"http://127.0.0.1:{port}/govqa-hook"
    who = new_user()
    process = BotProcess(
        server, tmp_path, "--webhook",
        GOVQA_WEBHOOK_LISTEN="127.0.0.1", GOVQA_WEBHOOK_PORT=str(port),
        GOVQA_WEBHOOK_URL=url, GOVQA_WEBHOOK_SECRET=secret,
    )  # fmt: skip
    try:
        process.wait_ready()
        wait_listening(port)
        [hook] = server.calls_of("setWebhook")
        assert hook["url"] == url and hook["secret_token"] == secret
        update = {"update_id": 1, "message": server.message(who, LIAOYUAN)}
        assert post_update(url, update, None) == 403
        assert post_update(url, {**update, "update_id": 2}, "wrong") == 403
        assert quiet(server, who["id"]) == []
        assert post_update(url, {**update, "update_id": 3}, secret) == 200
        server.wait(lambda: len(server.sent_to(who["id"])) >= 1)
        assert server.sent_to(who["id"])[0].text.startswith("[1] 辽源市")
        assert "getUpdates" not in server.methods()
        assert process.stop() == 0
    finally:
        process.stop()
        server.stop()
    log = process.log()
    assert "ready (webhook)" in log and TOKEN not in log and secret not in log


# -- pieces -------------------------------------------------------------------------------


def test_bold_terms_escapes_text_and_bolds_only_matches() -> None:
    html = tr.bold_terms("A<b>&粮食产量和粮食", ["粮食", "粮食产量"])
    assert html == "A&lt;b&gt;&amp;<b>粮食产量</b>和<b>粮食</b>"
    assert parse_html(html) == ("A<b>&粮食产量和粮食", ["粮食产量", "粮食"])


def test_long_answers_split_at_citation_boundaries(engine: Engine) -> None:
    answer = engine.answer(LIAOYUAN, Conversation())
    long_text = "。".join(f"第{i}句讲粮食产量<&>" for i in range(600)) + "。"
    citations = tuple(dataclasses.replace(c, excerpt=long_text) for c in answer.citations) * 3
    pages = tr.answer_pages(dataclasses.replace(answer, citations=citations), engine.reports)
    assert len(pages) >= 5
    for page in pages:
        text, _ = parse_html(page)  # valid HTML on every page
        assert tr.tg_len(text) <= tr.tg_len(page) <= 4096 and page.startswith("<b>[")
    first, _ = parse_html(pages[0])
    assert first.endswith("。…")  # the over-long excerpt was cut at a sentence end
    numbers = [int(p.split("]")[0][4:]) for page in pages for p in page.split("\n\n")]
    assert numbers == list(range(1, 10))


def test_fit_cuts_at_a_sentence_end_or_anywhere() -> None:
    assert tr.fit("一二三。四五六。七八九。", tr.esc, 9) == "一二三。四五六。…"
    assert tr.fit("一二三四五六七八九十", tr.esc, 5) == "一二三四…"
    assert tr.fit("短。", tr.esc, 5) == "短。"


def test_callback_data_round_trip(engine: Engine) -> None:
    passage = engine.passages[191]
    data = tb.show_data(191, passage, 20)
    assert len(data.encode()) < 64
    assert tb.parse_callback(data) == tb.ShowButton(191, tb.passage_check(passage.id), 20)
    assert tb.parse_callback("m") == tb.MORE_DATA
    assert tb.parse_callback("s:1:zz:1") is None and tb.parse_callback(None) is None


def test_rate_limiter_window() -> None:
    now = [0.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    verdicts = []
    for t in (0, 30, 31, 32):
        now[0] = t
        verdicts.append(limiter.check("u"))
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.NOTICE, Verdict.SILENT]
    assert limiter.check("other") is Verdict.ALLOW
    now[0] = 59.9
    assert limiter.check("u") is Verdict.SILENT
    now[0] = 60.0  # the first question left the window, the second has not
    assert limiter.check("u") is Verdict.ALLOW
    assert limiter.check("u") is Verdict.NOTICE
    now[0] = 200
    limiter.forget_idle()
    assert limiter.check("u") is Verdict.ALLOW


def test_allow_list_parse() -> None:
    allow = AllowList.parse("123, @Alice，bob_the_user 456")
    assert allow.ids == {123, 456} and allow.usernames == {"alice", "bob_the_user"}
    assert allow.allows(123, None) and allow.allows(9, "ALICE") and not allow.allows(9, "eve_x")
    assert AllowList.parse("").everyone and AllowList.parse(" ").allows(1, None)
    with pytest.raises(ValueError, match="@a!"):
        AllowList.parse("@a!")


def test_chat_store_round_trip_and_bad_files(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "data" / "chats.json"
    store = ChatStore(path)
    store.set_report(-100, "002_x.txt")
    store.set_report(5, "003_y.txt")
    store.set_report(5, None)
    assert ChatStore(path).report(-100) == "002_x.txt" and ChatStore(path).report(5) is None
    assert sorted(p.name for p in path.parent.iterdir()) == ["chats.json"]
    path.write_text("__import__('os').system('echo pwned')", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert ChatStore(path).report(-100) is None
    assert "not a chat settings file" in caplog.text


def test_answer_buttons_find_passages_through_the_store(engine: Engine) -> None:
    """Buttons carry the passage's position from PassageTable.position, not a dict of all ids."""
    answer = engine.answer(LIAOYUAN, Conversation())
    keyboard = tb.answer_keyboard(answer, engine.passages.position, more=False)
    assert keyboard is not None
    buttons = [b for row in keyboard.inline_keyboard for b in row]
    assert len(buttons) == len(answer.citations)
    for button, citation in zip(buttons, answer.citations, strict=True):
        data = tb.parse_callback(str(button.callback_data))
        assert isinstance(data, tb.ShowButton)
        assert engine.passages[data.index].id == citation.passage.id


def huge_report(engine: Engine) -> tuple[Any, Any]:
    """An answer whose report has a 350,000-character title and a very long section path."""
    answer = engine.answer(LIAOYUAN, Conversation())
    c = answer.citations[0]
    meta = dataclasses.replace(c.report.meta, title="标题" * 175_000, region="区" * 5000)
    report = dataclasses.replace(c.report, meta=meta)
    passage = dataclasses.replace(c.passage, section=("章" * 100_000,) * 50)
    citation = dataclasses.replace(c, report=report, passage=passage)
    return dataclasses.replace(answer, citations=(citation,) * 3, scope=report.name), report


def test_every_field_is_capped_so_answers_still_fit(engine: Engine) -> None:
    from bot import render, render_terminal

    answer, report = huge_report(engine)
    reports = {**engine.reports, report.name: report}
    for pages in (
        tr.answer_pages(answer, reports),
        tr.reports_pages([report, *engine.reports.values()], {}),
        tr.passage_pages(1, report, [answer.citations[0].passage], answer.citations[0].passage),
        tr.compare_pages(answer, 0, reports),
        [tr.inline_page(answer.question, 1, answer.citations[0])],
    ):
        for page in pages:
            text, _ = parse_html(page)
            assert tr.tg_len(page) <= 4096 and len(text) < 2000
    label = render.report_label(report)
    assert len(label) <= render.MAX_PLACE + render.MAX_TITLE + 3 and label.endswith("…")
    assert len(render.section_label(answer.citations[0].passage.section)) <= render.MAX_SECTION
    assert len(render_terminal.render_text(answer, reports.values())) < 3000


def test_compare_pages_stay_within_telegrams_button_limit(engine: Engine) -> None:
    answer = engine.compare("地区生产总值增长多少", Conversation())
    many = dataclasses.replace(answer, citations=answer.citations * 100)  # 300+ reports
    total = len(many.citations)
    start = 0
    while start < total:
        keyboard = tb.compare_keyboard(many, start, engine.passages.position)
        assert keyboard is not None
        buttons = [b for row in keyboard.inline_keyboard for b in row]
        assert len(buttons) <= 100
        pages = tr.compare_pages(many, start, engine.reports)
        assert len(pages) <= 2 and pages[0].startswith(
            f"共{total}份报告有相关内容，这是第{start + 1}-"
        )
        start += tr.COMPARE_PAGE
    assert buttons[-1].text.startswith("原文 ")  # the last page has no 下一页


def test_find_and_compare_name_every_report(server: FakeTelegram, bot: BotProcess) -> None:
    who = new_user()
    [usage] = ask(server, who, "/find")
    assert usage.text.startswith("用法：/find 词语 [--region 地区]")
    [found] = ask(server, who, "/find 六稳 --region 铁东")
    lines = found.text.splitlines()
    assert lines[0] == "“六稳”共出现 2 次，分布在 1 份报告中（共检索 1 份）："
    assert "四平市铁东区 · 2020年铁东区政府工作报告：2 次" in lines
    assert "<b>六稳</b>" in found.source
    [compared] = ask(server, who, "/compare 老旧小区改造")
    assert compared.text.startswith("共3份报告有相关内容。\n\n")
    assert compared.text.endswith("未找到：萨尔图区、和平区（这些报告没有可靠的相关段落，不引用）")
    assert "改造96个老旧小区" in compared.text


def test_excerpts_are_bolded_from_the_core_spans() -> None:
    assert tr.bold_spans("A<b>粮食产量和粮食", [(4, 8), (9, 11)]) == (
        "A&lt;b&gt;<b>粮食产量</b>和<b>粮食</b>"
    )
    assert (
        tr.bold_spans("粮食产量和粮食", [(0, 4), (5, 7)])[: len("<b>粮食产量</b>")]
        == "<b>粮食产量</b>"
    )
    assert tr.bold_spans("粮食产", [(0, 4), (5, 7)]) == "<b>粮食产</b>"  # a prefix cuts the span
