"""The page in a real headless browser: Debian's chromium and chromedriver driven by selenium.

The driver path is given explicitly, so selenium downloads nothing. Skipped (with the reason)
where chromium or chromedriver is not installed: `apt-get install chromium chromium-driver`.
A screenshot at phone width is kept in .artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.settings import Settings
from bot.web import create_app
from retrieval.engine import Engine

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / ".artifacts"
HINT = "请输入具体问题，例如：辽源市过去五年粮食产量怎么样？"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        "chromium or chromedriver not installed (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=390,844",
)


@pytest.fixture(scope="module")
def server(engine: Engine) -> Iterator[str]:
    """The real app under uvicorn on 127.0.0.1, in a thread of this process."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    settings = Settings.model_validate({"web_secret": "browser", "web_rate_limit": 0})
    config = uvicorn.Config(
        create_app(engine, settings), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="govqa-chromium-")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_window_size(390, 844)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver: WebDriver, seconds: float = 10) -> WebDriverWait[WebDriver]:
    return WebDriverWait(driver, seconds)


def citations(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#answer .citation")


def ask(driver: WebDriver, base: str, question: str) -> None:
    driver.get(base + "/")
    box = wait(driver).until(ec.element_to_be_clickable((By.ID, "q")))
    box.clear()
    box.send_keys(question)
    driver.find_element(By.ID, "ask-button").click()


def test_ask_see_highlights_open_original_and_page_on(browser: WebDriver, server: str) -> None:
    ask(browser, server, "辽源市过去五年粮食产量怎么样")
    wait(browser).until(lambda d: len(citations(d)) == 3)
    first = citations(browser)[0]
    assert first.find_element(By.CSS_SELECTOR, ".rank").text == "[1]"
    assert "辽源市" in first.find_element(By.TAG_NAME, "h3").text
    assert "第4段" in first.find_element(By.CSS_SELECTOR, ".where").text
    marks = {m.text for m in first.find_elements(By.CSS_SELECTOR, ".excerpt mark")}
    assert marks and marks <= {"粮食产量", "粮食", "产量", "总产", "五年"}
    assert "q=" in browser.current_url  # the answer has a shareable address

    first.find_element(By.CSS_SELECTOR, "button.original").click()
    context = first.find_element(By.CSS_SELECTOR, ".context")
    wait(browser).until(lambda d: context.is_displayed())
    paragraphs = context.find_elements(By.TAG_NAME, "p")
    assert len(paragraphs) == 3
    focus = context.find_element(By.CSS_SELECTOR, "p.focus")
    assert focus.find_elements(By.TAG_NAME, "mark")
    assert "第4段" in focus.find_element(By.CSS_SELECTOR, ".para").text

    more = browser.find_element(By.ID, "more")
    assert more.is_displayed() and more.text == "更多"
    more.click()
    wait(browser).until(lambda d: len(citations(d)) == 6)
    ranks = [c.find_element(By.CSS_SELECTOR, ".rank").text for c in citations(browser)]
    assert ranks == ["[1]", "[2]", "[3]", "[4]", "[5]", "[6]"]

    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(ARTIFACTS / "web-phone-answer.png"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways at phone width"


def test_compare_as_a_table(browser: WebDriver, server: str) -> None:
    browser.get(server + "/")
    box = wait(browser).until(ec.element_to_be_clickable((By.ID, "q")))
    box.send_keys("地区生产总值增长多少")
    browser.find_element(By.ID, "compare-button").click()
    table = browser.find_element(By.ID, "compare")
    wait(browser).until(lambda d: table.is_displayed())
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    regions = [r.find_element(By.CSS_SELECTOR, "td.region").text for r in rows]
    assert sorted(regions) == sorted(["萨尔图区", "和平区", "赛罕区", "铁东区"])  # best first
    assert rows[0].find_elements(By.TAG_NAME, "mark")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "web-phone-compare.png"))


def test_empty_question_gets_the_chinese_error(browser: WebDriver, server: str) -> None:
    ask(browser, server, "")
    error = browser.find_element(By.ID, "error")
    wait(browser).until(lambda d: error.is_displayed())
    assert error.text == HINT
    assert not citations(browser)


def test_a_link_opens_its_answer_and_markup_stays_text(browser: WebDriver, server: str) -> None:
    browser.get(server + "/?q=" + quote("赛罕区2021年GDP计划增长多少"))
    wait(browser).until(lambda d: len(citations(d)) == 3)
    assert "赛罕区" in citations(browser)[0].find_element(By.TAG_NAME, "h3").text

    hostile = '"><img src=x id=injected onerror="document.title=1">'
    browser.get(server + "/?q=" + quote(hostile))
    error = browser.find_element(By.ID, "error")
    wait(browser).until(lambda d: error.is_displayed())
    assert error.text == "问题中不能含有 HTML 标记，请只输入文字。"
    assert browser.find_element(By.ID, "q").get_attribute("value") == hostile
    assert not browser.find_elements(By.ID, "injected")
    assert browser.title == "政府工作报告问答"


def test_reports_with_outlines_and_filter(browser: WebDriver, server: str) -> None:
    browser.get(server + "/")
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#reports > li")) == 5)
    options = browser.find_elements(By.CSS_SELECTOR, "#report option")
    assert [o.text for o in options][:2] == ["全部报告", "萨尔图区（2022年）"]
    item = browser.find_elements(By.CSS_SELECTOR, "#reports > li")[2]
    item.find_element(By.TAG_NAME, "summary").click()
    wait(browser).until(lambda d: item.find_elements(By.CSS_SELECTOR, ".outline li"))
    assert item.find_elements(By.CSS_SELECTOR, ".outline li")[0].text.startswith("报告信息")

    browser.find_element(
        By.CSS_SELECTOR, "#report option[value='003_1252a86347db7bf3.txt']"
    ).click()
    box = browser.find_element(By.ID, "q")
    box.send_keys("地区生产总值增长多少")
    browser.find_element(By.ID, "ask-button").click()
    wait(browser).until(lambda d: len(citations(d)) >= 1)
    for c in citations(browser):
        assert "赛罕区" in c.find_element(By.TAG_NAME, "h3").text
    assert "report=003_1252a86347db7bf3.txt" in browser.current_url


def test_no_script_errors_or_policy_violations(browser: WebDriver, server: str) -> None:
    browser.get(server + "/")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#reports > li"))
    logs = browser.get_log("browser")
    bad = [
        entry["message"]
        for entry in logs
        if entry["level"] == "SEVERE" and "status of 400" not in entry["message"]
    ]
    assert not bad, bad


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """chromedriver talks to 127.0.0.1; a proxy from the environment must not catch that."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium manager: never fetch a driver
    os.environ.setdefault("SE_AVOID_STATS", "true")
