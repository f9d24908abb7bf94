"""The web shell: the real app over the real engine (bundled seeds), through Starlette's
TestClient; and `govqa serve` as a real server on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from bot.settings import Settings
from bot.web import create_app
from bot.web_guard import BadToken, ConversationState, ConversationTokens, client_address
from bot.web_guard import parse_networks as nets
from retrieval.engine import Engine
from retrieval.models import Conversation

from .conftest import ROOT, SEEDS
from .test_cli import CITATION_KEYS, KEYS  # the web returns the `ask --json` object

LIAOYUAN = "002_853f39a04c100108.txt"
SAIHAN = "003_1252a86347db7bf3.txt"
REPORTS = "萨尔图区、和平区、辽源市、赛罕区、铁东区"
HINT = "请输入具体问题，例如：辽源市过去五年粮食产量怎么样？"

SECURITY = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"web_secret": "test secret", "web_rate_limit": 0}
    return Settings.model_validate({**base, **values})


@pytest.fixture(scope="module")
def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine, settings()))


def ask(client: TestClient, question: str, **body: object) -> httpx.Response:
    return client.post("/api/v1/ask", json={"question": question, **body})


def error(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    assert set(body) == {"error", "message"}, body
    return response.status_code, body["error"], body["message"]


# -- answers ------------------------------------------------------------------------------


def test_ask_cites_the_report_with_the_figure(client: TestClient) -> None:
    r = ask(client, "辽源市过去五年粮食产量怎么样")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert KEYS | {"status", "has_more", "conversation"} == set(body)
    assert body["answered"] is True and body["status"] == "answered"
    first = body["citations"][0]
    assert first["source"] == LIAOYUAN
    assert first["passage_id"] == f"{LIAOYUAN}#4"
    assert first["region"] == "辽源市"
    assert [c["rank"] for c in body["citations"]] == [1, 2, 3]
    assert set(first) == CITATION_KEYS | {"matched", "page"}
    assert set(first["matched"]) == {"粮食产量", "粮食", "产量", "总产", "五年"}  # 总产: 粮食总产
    assert all(w in first["text"] for w in first["matched"])
    assert body["has_more"] is True


def test_ask_is_the_same_object_as_ask_json(client: TestClient, engine: Engine) -> None:
    from bot import render_json

    question = "赛罕区2021年GDP计划增长多少"
    body = ask(client, question).json()
    expected = render_json.answer_json(
        engine.answer(question, Conversation()), engine.reports.values()
    )
    for key in KEYS - {"citations"}:
        assert body[key] == expected[key]
    assert [{k: c[k] for k in CITATION_KEYS} for c in body["citations"]] == expected["citations"]


def test_get_ask_answers_like_post(client: TestClient) -> None:
    got = client.get("/api/v1/ask", params={"q": "辽源市过去五年粮食产量怎么样", "top_k": "2"})
    assert got.status_code == 200
    posted = ask(client, "辽源市过去五年粮食产量怎么样").json()
    assert got.json()["citations"] == posted["citations"][:2]


def test_top_k_sets_the_number_of_citations_and_paging_follows(client: TestClient) -> None:
    five = ask(client, "辽源市过去五年粮食产量怎么样", top_k=5).json()
    assert [c["rank"] for c in five["citations"]] == [1, 2, 3, 4, 5]
    one = ask(client, "辽源市过去五年粮食产量怎么样", top_k=1).json()
    assert [c["passage_id"] for c in one["citations"]] == [five["citations"][0]["passage_id"]]
    more = ask(client, "还有呢", conversation=one["conversation"], top_k=2).json()
    assert [c["rank"] for c in more["citations"]] == [2, 3]
    assert [c["passage_id"] for c in more["citations"]] == [
        c["passage_id"] for c in five["citations"][1:3]
    ]


def test_report_filter_by_id_or_name(client: TestClient) -> None:
    by_id = ask(client, "地区生产总值增长多少", report=SAIHAN).json()
    assert by_id["citations"] and {c["source"] for c in by_id["citations"]} == {SAIHAN}
    by_name = client.get("/api/v1/ask", params={"q": "地区生产总值增长多少", "report": "赛罕区"})
    assert by_name.json()["citations"] == by_id["citations"]


def test_a_place_alone_gets_a_suggestion_not_an_error(client: TestClient) -> None:
    body = client.get("/api/v1/ask", params={"q": "辽源"}).json()
    assert body["status"] == "empty_question"
    assert body["message"] == "想了解辽源市的哪方面？例如：辽源市地区生产总值增长多少？"


# -- conversations across workers ---------------------------------------------------------


def test_follow_ups_work_on_another_worker_with_the_same_secret(engine: Engine) -> None:
    first_worker = TestClient(create_app(engine, settings()))
    second_worker = TestClient(create_app(engine, settings()))
    conv = Conversation()
    expected_first = engine.answer("辽源市过去五年粮食产量怎么样", conv)
    expected_more = engine.answer("还有呢", conv)

    first = ask(first_worker, "辽源市过去五年粮食产量怎么样").json()
    assert [c["passage_id"] for c in first["citations"]] == [
        c.passage.id for c in expected_first.citations
    ]
    more = ask(second_worker, "还有呢", conversation=first["conversation"]).json()
    assert [c["rank"] for c in more["citations"]] == [4, 5, 6]
    assert [c["passage_id"] for c in more["citations"]] == [
        c.passage.id for c in expected_more.citations
    ]
    again = ask(first_worker, "还有呢", conversation=more["conversation"]).json()
    assert again["status"] == "no_more" or again["citations"][0]["rank"] == 7

    gdp = ask(first_worker, "赛罕区2021年GDP计划增长多少").json()
    other = ask(second_worker, "那铁东区呢", conversation=gdp["conversation"]).json()
    assert other["question"] == "铁东区2021年GDP计划增长多少"
    assert other["citations"][0]["passage_id"] == "004_1b65f65be8f80fa8.txt#18"


def test_a_conversation_keeps_its_report(engine: Engine, client: TestClient) -> None:
    first = ask(client, "地区生产总值增长多少", report=SAIHAN).json()
    more = ask(client, "还有呢", conversation=first["conversation"]).json()
    assert more["citations"] and {c["source"] for c in more["citations"]} == {SAIHAN}


def test_a_token_from_another_secret_or_altered_is_refused(engine: Engine) -> None:
    other = TestClient(create_app(engine, settings(web_secret="another secret")))
    token = ask(other, "辽源市过去五年粮食产量怎么样").json()["conversation"]
    ours = TestClient(create_app(engine, settings()))
    expected = (400, "bad_conversation", "对话无效（可能是服务已重启），请重新提问。")
    assert error(ask(ours, "还有呢", conversation=token)) == expected
    mine = ask(ours, "辽源市过去五年粮食产量怎么样").json()["conversation"]
    payload, _, signature = mine.partition(".")
    assert error(ask(ours, "还有呢", conversation=payload[:-2] + "xx." + signature)) == expected
    assert error(ask(ours, "还有呢", conversation="garbage")) == expected


def test_tokens_expire_and_carry_the_state() -> None:
    now = [1000.0]
    tokens = ConversationTokens(b"s", ttl=60, clock=lambda: now[0])
    state = ConversationState("辽源市过去五年粮食产量怎么样", 3, SAIHAN)
    token = tokens.issue(state)
    assert tokens.read(token) == state
    now[0] += 61
    with pytest.raises(BadToken) as caught:
        tokens.read(token)
    assert caught.value.expired


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"question": ""}, (400, "empty_question", HINT)),
        ({"question": "   \n "}, (400, "empty_question", HINT)),
        ({}, (400, "empty_question", HINT)),
        ({"question": "的"}, (400, "empty_question", HINT)),
        ({"question": 3}, (400, "bad_question", "question 应为字符串。")),
        ({"question": ["辽源"]}, (400, "bad_question", "question 应为字符串。")),
        ({"question": "粮食", "top_k": "3"}, (400, "bad_top_k", "top_k 应为 1 到 20 之间的整数。")),
        ({"question": "粮食", "top_k": True}, (400, "bad_top_k", "top_k 应为 1 到 20 之间的整数。")),
        ({"question": "粮食", "top_k": 0}, (400, "bad_top_k", "top_k 应为 1 到 20 之间的整数。")),
        ({"question": "粮食", "top_k": 21}, (400, "bad_top_k", "top_k 应为 1 到 20 之间的整数。")),
        ({"question": "粮食", "report": 5}, (400, "bad_report", "report 应为报告 id（见 /api/v1/reports）。")),
        ({"question": "粮食", "conversation": 5}, (400, "bad_conversation", "conversation 应为上次回答给出的字符串。")),
        ({"question": "<script>alert(1)</script>粮食"}, (400, "markup", "问题中不能含有 HTML 标记，请只输入文字。")),
        ({"question": "粮食<img src=x onerror=alert(1)>"}, (400, "markup", "问题中不能含有 HTML 标记，请只输入文字。")),
        ({"question": "粮" * 501}, (400, "too_long", "问题太长（501字），请控制在500字以内。")),
        ({"question": "粮" * 5000}, (400, "too_long", "问题太长（5000字），请控制在500字以内。")),
        ({"question": "粮食", "report": "北京"}, (404, "unknown_report", f"找不到报告“北京”。现有报告：{REPORTS}。")),
    ],
)  # fmt: skip
def test_bad_input_gets_a_chinese_error(client: TestClient, body: dict, expected: tuple) -> None:
    assert error(client.post("/api/v1/ask", json=body)) == expected


def test_500_characters_are_still_a_question(client: TestClient) -> None:
    r = ask(client, ("辽源市粮食产量" * 80)[:500])
    assert r.status_code == 200
    assert r.json()["citations"][0]["source"] == LIAOYUAN


def test_a_comparison_sign_is_not_markup(client: TestClient) -> None:
    assert ask(client, "哪些指标增长<5%").status_code == 200


def test_bodies_that_are_not_json_objects(client: TestClient) -> None:
    bad_json = (400, "bad_json", "请求体不是有效的 JSON（UTF-8）。")
    assert error(client.post("/api/v1/ask", content=b"{question")) == bad_json
    assert error(client.post("/api/v1/ask", content=b'{"question": "\xff"}')) == bad_json
    not_object = client.post("/api/v1/ask", json=["辽源市过去五年粮食产量怎么样"])
    assert error(not_object)[:2] == (400, "bad_json")


def test_huge_bodies_are_refused_without_reading_them_whole(client: TestClient) -> None:
    too_large = (413, "too_large", "请求体过大，上限为16384字节。")
    big = json.dumps({"question": "粮" * 20000}).encode()
    assert error(client.post("/api/v1/ask", content=big)) == too_large

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(100):
            yield b" " * 1024

    assert error(client.post("/api/v1/ask", content=chunks())) == too_large


def test_unknown_routes_and_methods(client: TestClient) -> None:
    assert error(client.get("/api/v1/nothing")) == (
        404, "not_found", "没有这个地址。API 见 /api/v1/openapi.json。"
    )  # fmt: skip
    assert error(client.delete("/api/v1/ask")) == (
        405,
        "method_not_allowed",
        "不支持这种请求方法。",
    )


def test_a_bug_is_a_500_without_a_traceback(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("secret internals")

    client = TestClient(create_app(engine, settings()), raise_server_exceptions=False)
    monkeypatch.setattr(engine, "compare", boom)
    r = client.post("/api/v1/compare", json={"question": "辽源市过去五年粮食产量怎么样"})
    assert error(r) == (500, "internal_error", "服务器内部错误，请稍后再试。")
    assert "secret internals" not in r.text
    assert "RuntimeError" in caplog.text  # logged for the operator
    assert "粮食" not in caplog.text  # the question is not


# -- browsing -----------------------------------------------------------------------------


def test_reports_with_metadata(client: TestClient, engine: Engine) -> None:
    reports = client.get("/api/v1/reports").json()["reports"]
    assert [r["id"] for r in reports] == sorted(engine.reports)
    liaoyuan = next(r for r in reports if r["id"] == LIAOYUAN)
    assert liaoyuan == {
        "id": LIAOYUAN,
        "region": "辽源市",
        "parent": None,
        "province": "吉林省",
        "level": "prefecture",
        "plan_year": 2022,
        "title": "(吉林省)辽源市人民政府工作报告(2022年1月11日)",
        "document_title": "(吉林省)辽源市人民政府工作报告(2022年1月11日)",
        "date": "2022-01-11",
        "speaker": "程宇",
        "office": "市长",
        "passages": engine.passage_counts()[LIAOYUAN],
        "source_url": None,
        "published": None,
    }


def test_outline(client: TestClient, engine: Engine) -> None:
    body = client.get(f"/api/v1/reports/{LIAOYUAN}/outline").json()
    assert body["report"]["id"] == LIAOYUAN
    assert body["outline"][:2] == [
        {"section": ["报告信息"], "level": 1, "passages": 1},
        {"section": ["一、过去五年和2021年工作回顾"], "level": 1, "passages": 10},
    ]
    assert len(body["outline"]) == len(engine.outline(LIAOYUAN))
    missing = client.get("/api/v1/reports/sub/folder/政府工作报告.txt/outline")
    assert error(missing) == (
        404, "unknown_report", f"找不到报告“sub/folder/政府工作报告.txt”。现有报告：{REPORTS}。"
    )  # fmt: skip


def test_passage_in_context(client: TestClient) -> None:
    body = client.get(f"/api/v1/passages/{LIAOYUAN}%234").json()
    assert body["passage"]["id"] == f"{LIAOYUAN}#4"
    assert body["report"]["region"] == "辽源市"
    ids = [p["id"] for p in body["context"]]
    assert ids == [f"{LIAOYUAN}#3", f"{LIAOYUAN}#4", f"{LIAOYUAN}#4.2"]
    assert [p["focus"] for p in body["context"]] == [False, True, False]
    wide = client.get(f"/api/v1/passages/{LIAOYUAN}%234", params={"radius": 3}).json()
    assert len(wide["context"]) == 7
    assert error(client.get("/api/v1/passages/nothing%231")) == (
        404, "unknown_passage", "找不到段落“nothing#1”。"
    )  # fmt: skip
    assert error(client.get(f"/api/v1/passages/{LIAOYUAN}%234?radius=9"))[:2] == (400, "bad_radius")


def test_compare(client: TestClient, engine: Engine) -> None:
    body = client.post("/api/v1/compare", json={"question": "地区生产总值增长多少"}).json()
    expected = engine.compare("地区生产总值增长多少")
    assert [c["passage_id"] for c in body["citations"]] == [
        c.passage.id for c in expected.citations
    ]
    assert sorted(c["source"] for c in body["citations"]) == [
        "000_c0e9d1177daedea1.txt",
        "001_1bbc185302e42d3c.txt",
        SAIHAN,
        "004_1b65f65be8f80fa8.txt",
    ]  # fmt: skip (a row per report, best first: the order is the engine's, checked above)
    assert error(client.post("/api/v1/compare", json={"question": ""})) == (
        400, "empty_question", HINT
    )  # fmt: skip
    got = client.get("/api/v1/compare", params={"q": "地区生产总值增长多少"}).json()
    assert got["citations"] == body["citations"]


def test_openapi_names_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = {
        route.path.replace("{report_id:path}", "{id}").replace(":path", "")
        for route in client.app.routes  # type: ignore[attr-defined]
        if getattr(route, "path", "").startswith("/api/v1/") and "openapi" not in route.path
    }
    assert paths == set(spec["paths"])


# -- health and loading -------------------------------------------------------------------


def test_health_is_503_until_the_index_is_loaded(engine: Engine) -> None:
    release = threading.Event()

    def load() -> Engine:
        release.wait(30)
        return engine

    with TestClient(create_app(load, settings())) as client:
        loading = client.get("/api/v1/health")
        assert loading.status_code == 503
        assert loading.json() == {"status": "loading"}
        assert error(ask(client, "辽源市过去五年粮食产量怎么样")) == (
            503, "loading", "索引正在载入，请稍候再试。"
        )  # fmt: skip
        release.set()
        for _ in range(100):
            if client.get("/api/v1/health").status_code == 200:
                break
            time.sleep(0.05)
        assert client.get("/api/v1/health").json() == {
            "status": "ok", "reports": 5, "passages": len(engine.passages)
        }  # fmt: skip
        assert ask(client, "辽源市过去五年粮食产量怎么样").status_code == 200


# -- rate limit, client address, headers, CORS, privacy -----------------------------------


def test_rate_limit_429_with_retry_after(engine: Engine) -> None:
    client = TestClient(create_app(engine, settings(web_rate_limit=3)))
    for _ in range(3):
        assert client.get("/api/v1/reports").status_code == 200
    limited = client.get("/api/v1/ask", params={"q": "辽源市过去五年粮食产量怎么样"})
    status, code, message = error(limited)
    assert (status, code) == (429, "rate_limited")
    wait = int(limited.headers["retry-after"])
    assert 1 <= wait <= 60
    assert message == f"请求过于频繁，请{wait}秒后再试。"
    assert client.get("/api/v1/health").status_code == 200  # health checks are never limited
    # X-Forwarded-For from an untrusted peer is ignored: still the same client.
    spoofed = client.get("/api/v1/reports", headers={"X-Forwarded-For": "203.0.113.9"})
    assert spoofed.status_code == 429


def test_forwarded_for_counts_only_from_a_trusted_proxy(engine: Engine) -> None:
    app = create_app(engine, settings(web_rate_limit=1, web_trusted_proxies="10.0.0.0/8"))
    proxy = TestClient(app, client=("10.0.0.2", 4000))
    for address in ("198.51.100.1", "198.51.100.2"):
        headers = {"X-Forwarded-For": address}
        assert proxy.get("/api/v1/reports", headers=headers).status_code == 200
    headers = {"X-Forwarded-For": "198.51.100.1"}
    assert proxy.get("/api/v1/reports", headers=headers).status_code == 429


def test_client_address() -> None:
    trusted = nets("127.0.0.1, 10.0.0.0/8")
    assert client_address("203.0.113.5", "1.2.3.4", trusted) == "203.0.113.5"
    assert client_address("127.0.0.1", "1.2.3.4", trusted) == "1.2.3.4"
    assert client_address("127.0.0.1", "6.6.6.6, 1.2.3.4, 10.1.1.1", trusted) == "1.2.3.4"
    assert client_address("127.0.0.1", None, trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", "1.2.3.4", ()) == "127.0.0.1"


@pytest.mark.parametrize(
    "path", ["/", "/static/app.js", "/api/v1/health", "/api/v1/reports", "/api/v1/nothing"]
)
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    for name, value in SECURITY.items():
        assert headers[name] == value
    assert "server" not in headers or "uvicorn" not in headers["server"]


def test_cors_is_off_unless_origins_are_set(engine: Engine, client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert (
        "access-control-allow-origin" not in client.get("/api/v1/reports", headers=origin).headers
    )
    allowed = TestClient(create_app(engine, settings(web_cors_origins="https://elsewhere.example")))
    r = allowed.get("/api/v1/reports", headers=origin)
    assert r.headers["access-control-allow-origin"] == "https://elsewhere.example"
    other = allowed.get("/api/v1/reports", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_questions_are_not_logged_unless_asked(
    engine: Engine, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    ask(client, "辽源市过去五年粮食产量怎么样")
    assert "粮食" not in caplog.text
    logging.getLogger("govqa.web.questions").setLevel(logging.INFO)
    try:
        logged = TestClient(create_app(engine, settings(web_log_questions=True)))
        ask(logged, "辽源市过去五年粮食产量怎么样")
    finally:
        logging.getLogger("govqa.web.questions").setLevel(logging.NOTSET)
    records = [r for r in caplog.records if r.name == "govqa.web.questions"]
    assert len(records) == 1
    line = json.loads(records[0].getMessage())
    assert line["question"] == "辽源市过去五年粮食产量怎么样"
    assert set(line) == {"time", "question", "report", "answered"}  # no address


# -- the page -----------------------------------------------------------------------------


def test_page_escapes_the_question_in_the_url(client: TestClient) -> None:
    page = client.get("/", params={"q": '"><script>alert(1)</script>'})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport"' in page.text
    assert "<script>alert(1)" not in page.text
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page.text
    assert '<script src="/static/app.js" defer></script>' in page.text
    assert "http" not in page.text.replace("/api/v1/openapi.json", "")  # no CDN, no outside link
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "innerHTML" not in js.text and "insertAdjacentHTML" not in js.text


# -- a real server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("workers", [1, 2])
def test_govqa_serve_on_localhost(tmp_path: Path, workers: int) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVQA_")}
    env |= {"GOVQA_CORPUS_DIR": str(SEEDS), "GOVQA_CACHE_DIR": str(tmp_path / "cache"),
            "PYTHONPATH": str(ROOT)}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"{base}/api/v1/health", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        assert health is not None and health.status_code == 200, proc.poll()
        r = httpx.get(
            f"{base}/api/v1/ask", params={"q": "辽源市过去五年粮食产量怎么样"}, timeout=30
        )
        assert r.status_code == 200
        assert r.json()["citations"][0]["source"] == LIAOYUAN
        assert "server" not in r.headers
        if workers > 1:  # forked from the process that loaded the engine, all answering
            children = _children(proc.pid)
            assert len(children) == workers
            for _ in range(10):
                again = httpx.get(f"{base}/api/v1/ask", params={"q": "六稳六保"}, timeout=30)
                assert again.status_code == 200 and again.json()["answered"]
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    text = out.decode("utf-8", "replace")
    assert f"http://127.0.0.1:{port}/" in text
    if workers > 1:
        time.sleep(0.5)
        assert not [c for c in children if Path(f"/proc/{c}").exists()]  # stopped with it
    assert "粮食" not in text  # neither the access log nor anything else kept the question


PREFORK_SCRIPT = """
import os, socket, sys, time
from pathlib import Path
from bot.web_prefork import serve_prefork
log = Path(sys.argv[1])
sock = socket.socket(); sock.bind(("127.0.0.1", 0)); sock.listen()
def run(engine, s):
    with log.open("a") as f:
        f.write(f"{os.getpid()}\\n")
    try:  # exactly one worker (the first to create the marker) dies at once: started again
        os.close(os.open(str(log) + ".died", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        time.sleep(600)
    os._exit(3)
print("ready", flush=True)
sys.exit(serve_prefork(None, 2, sock, run))
"""


def test_prefork_respawns_a_dead_worker_and_stops_every_worker(tmp_path: Path) -> None:
    log = tmp_path / "started"
    proc = subprocess.Popen(
        [sys.executable, "-c", PREFORK_SCRIPT, str(log)], cwd=ROOT, stdout=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not log.exists() or log.read_text().count("\n") < 3):
            time.sleep(0.1)
        pids = [int(p) for p in log.read_text().split()]
        assert len(pids) == 3  # two workers, one of them started again
        alive = [p for p in pids if Path(f"/proc/{p}").exists()]
        assert sorted(alive) == sorted(_children(proc.pid))
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0
    time.sleep(0.3)
    assert not [p for p in pids[1:] if Path(f"/proc/{p}/stat").exists()
                and " Z " not in Path(f"/proc/{p}/stat").read_text()]  # fmt: skip


def test_serve_loads_jieba_before_forking_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm cache is read without tokenizing; the parent still loads jieba's dictionary
    (a first question) before it forks, so that the workers share it instead of each
    loading its own."""
    from bot import web

    Engine.from_dir(SEEDS, cache_dir=tmp_path / "cache")  # the cache made warm
    forked: list[Engine] = []

    def fake_prefork(engine: Engine, workers: int, sock: socket.socket, run: object) -> int:
        forked.append(engine)
        sock.close()
        return 0

    monkeypatch.setattr(web, "serve_prefork", fake_prefork)
    config = settings(corpus_dir=SEEDS, cache_dir=tmp_path / "cache", web_workers=2,
                      web_port=free_port())  # fmt: skip
    assert web.serve(config) == 0
    (engine,) = forked
    assert engine.tokenizer.__dict__.get("_jieba") is not None  # loaded in the parent
    assert engine.tokenizer._jieba.initialized
