"""The chat page in a real browser: Debian's Chromium driven by Playwright
(never a browser download), against the app served on loopback."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.ui.conftest import serve_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.slow,  # a real browser against the real app
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed (make browser)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def _ask(page, question):
    page.locator("#vk-question textarea").fill(question)
    page.locator("#vk-send").click()


def test_ask_see_cited_answer_and_open_the_source(server, page):
    url, _ = server
    page.goto(url)
    _ask(page, "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh nhiệm kỳ 2020 - 2025?")
    chat = page.locator("#vk-chat")
    chat.get_by_text("Phan Hữu Phước").first.wait_for(timeout=60_000)
    link = chat.locator('a[href="#src-1"]').first
    link.wait_for()
    source = page.locator("#src-1")
    source.wait_for()
    assert "003_867808e4786f0d5e.txt" in source.inner_text()
    assert "Phan Hữu Phước" in source.locator("mark").first.inner_text()  # the cited sentence is highlighted
    link.click()
    source.locator("summary").click()  # the full document
    assert "Xuất bản thông tin" in source.locator(".vk-fulltext").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answered.png"), full_page=True)


def test_follow_up_and_new_chat(server, page):
    url, _ = server
    page.goto(url)
    _ask(page, "Chi bộ Văn phòng Sở 2 tổ chức Đại hội lần thứ nhất vào ngày nào?")
    page.locator("#vk-chat").get_by_text("16⁄01⁄2020").first.wait_for(timeout=60_000)
    _ask(page, "Ai được bầu làm Bí thư tại đại hội đó?")
    page.locator("#vk-chat").get_by_text("Nguyễn Trọng Thức").first.wait_for(timeout=60_000)
    page.locator("#vk-new").click()
    page.wait_for_function("() => !document.querySelector('#vk-chat').innerText.includes('Nguyễn Trọng Thức')")


def test_nothing_found_is_said_plainly(server, page):
    url, _ = server
    page.goto(url)
    _ask(page, "Thời tiết Hà Nội ngày mai thế nào?")
    page.locator("#vk-chat").get_by_text("Không tìm thấy").first.wait_for(timeout=60_000)
    assert page.locator("#vk-sources .vk-source").count() == 0


def _upload(page, path):
    page.get_by_role("tab", name="Tài liệu").click()
    page.locator("#vk-upload input[type=file]").set_input_files(str(path))
    page.wait_for_timeout(500)
    page.locator("#vk-upload-btn").click()
    page.locator("#vk-upload-status").get_by_text("Đã thêm").wait_for(timeout=120_000)
    page.get_by_role("tab", name="Hỏi đáp").click()


def test_upload_then_ask_and_hostile_text_stays_text(server, page, tmp_path):
    url, _ = server
    page.goto(url)
    doc = tmp_path / "Chi bộ Phòng Hành chính <b>.html"
    doc.write_text(
        "<html><head><title>Đại hội Chi bộ Phòng Hành chính</title></head><body>"
        "<p>Ngày 5/6/2020, Chi bộ Phòng Hành chính tổ chức Đại hội nhiệm kỳ 2020 - 2022.</p>"
        "<p>Đồng chí Vũ Thị Hạnh được bầu làm Bí thư Chi bộ Phòng Hành chính.</p>"
        "<p>&lt;script&gt;window.__pwned = 1&lt;/script&gt; &lt;img src=x onerror=\"window.__pwned = 2\"&gt; "
        "Ghi chú của Chi bộ Phòng Hành chính.</p></body></html>",
        encoding="utf-8",
    )
    _upload(page, doc)
    _ask(page, "Ai được bầu làm Bí thư Chi bộ Phòng Hành chính?")
    page.locator("#vk-chat").get_by_text("Vũ Thị Hạnh").first.wait_for(timeout=60_000)
    panel = page.locator("#vk-sources")
    panel.get_by_text("Phòng Hành chính").first.wait_for()
    panel.locator("summary").first.click()
    full = panel.locator(".vk-fulltext").first.inner_text()
    assert "<script>window.__pwned = 1</script>" in full  # shown as text
    assert page.evaluate("() => window.__pwned") is None  # never run
    assert page.locator("#vk-sources img").count() == 0
    assert page.dialogs == []


def test_api_gives_the_same_json_as_the_cli(server):
    from gradio_client import Client

    url, settings = server
    question = "Khối Thi đua số III của Bộ TN&MT gồm bao nhiêu đơn vị trực thuộc?"
    via_api = Client(url, verbose=False).predict(question, [], api_name="/ask")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env["VANKIEN_HOME"] = str(settings.home)
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", question, "--json"], env=env, capture_output=True, text=True, timeout=300)
    via_cli = json.loads(out.stdout)
    for key in ("answer", "found", "citations"):
        assert via_api[key] == via_cli[key]


def test_login_protects_page_and_api(tmp_path_factory, browser):
    from gradio_client import Client

    app, url, _ = serve_app(tmp_path_factory, auth_user="canbo", auth_password="mat-khau-1")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.locator("input[type=password]").wait_for(timeout=30_000)
        assert page.locator("#vk-question").count() == 0
        with pytest.raises(Exception):
            Client(url, verbose=False).predict("Ai là Bí thư?", [], api_name="/ask")
        ok = Client(url, auth=("canbo", "mat-khau-1"), verbose=False).predict(
            "Ai chủ trì Hội nghị triển khai kế hoạch hoạt động năm 2021 của Khối Thi đua số III?", [], api_name="/ask"
        )
        assert ok["found"]
        context.close()
    finally:
        app.close()


def test_upload_area_speaks_vietnamese_in_an_english_browser(server, browser):
    """Gradio's own strings of the upload area come from gr.I18n, whatever the browser's locale."""
    url, _ = server
    for locale in ("vi-VN", "en-US"):
        context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(url)
        page.get_by_role("tab", name="Tài liệu").click()
        upload = page.locator("#vk-upload")
        upload.get_by_text("Thả tệp vào đây").first.wait_for(timeout=30_000)
        assert "Drop File Here" not in upload.inner_text(), locale
        context.close()
