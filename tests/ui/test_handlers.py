"""UI handlers with a fake assistant: no model, no browser."""

import json
from pathlib import Path

from assistant.errors import InputError
from assistant.library import Library, safe_name
from assistant.models import Answer, Citation
from assistant.ui.handlers import ChatHandlers
from assistant.ui.render import answer_markdown, sources_html
from corpus.models import Document

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> **đậm** [link](javascript:alert(1))'


class FakeAssistant:
    def __init__(self):
        self.calls = []

    def _answer(self, question):
        if "thời tiết" in question.lower():
            return Answer(answer="Không tìm thấy thông tin.", found=False)
        return Answer(
            answer=f"Trả lời cho: {question} [1]",
            found=True,
            citations=[Citation(n=1, source="doc<1>.txt", title=HOSTILE, text="Câu một. " + HOSTILE, start=0, end=10, score=0.9, quote=HOSTILE, date="2020-01-01", org="Chi bộ A")],
        )

    def ask(self, question, history=None, filters=None):
        self.calls.append((question, list(history or []), filters))
        if not question.strip():
            raise InputError("Câu hỏi trống.")
        return self._answer(question)

    def stream(self, question, history=None, filters=None):
        answer = self.ask(question, history, filters)
        for word in answer.answer.split(" "):
            yield word + " "
        yield answer

    def document(self, source):
        return Document(source=source, text="Toàn văn " + HOSTILE)


def _run(handlers, message, chat=None, state=None, **kw):
    outputs = list(handlers.respond(message, chat, state, **kw))
    return outputs


def test_respond_streams_then_shows_sources(tmp_path):
    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    outputs = _run(handlers, "Ai là Bí thư?")
    assert len(outputs) >= 3  # thinking, partial text, final
    chat, state, panel, box = outputs[-1]
    assert chat[0] == {"role": "user", "content": "Ai là Bí thư?"}
    assert "(#src-1)" in chat[1]["content"]
    assert state[0]["question"] == "Ai là Bí thư?" and state[0]["answer"]["found"]
    assert 'id="src-1"' in panel and "<mark>" in panel and box == ""


def test_history_and_new_chat(tmp_path):
    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    chat, state, _, _ = _run(handlers, "Câu một?")[-1]
    _run(handlers, "Còn câu hai?", chat, state)
    assert fake.calls[-1][1] == ["Câu một?"]
    assert handlers.new_chat()[0] == [] and handlers.new_chat()[1] == []


def test_sessions_do_not_mix(tmp_path):
    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    a = _run(handlers, "Câu của A?")[-1]
    b = _run(handlers, "Câu của B?")[-1]
    _run(handlers, "A hỏi tiếp?", a[0], a[1])
    assert fake.calls[-1][1] == ["Câu của A?"]
    assert len(b[1]) == 1


def test_everything_is_escaped():
    data = {"answer": HOSTILE + " [1]", "found": True, "citations": [{"n": 1, "source": "<b>x</b>", "title": HOSTILE, "text": HOSTILE, "start": 0, "end": 1, "score": 1.0, "quote": None}]}
    md = answer_markdown(data)
    assert "<script>" not in md and "<img" not in md and "](javascript" not in md
    panel = sources_html(data, {"<b>x</b>": HOSTILE})
    assert "<script>" not in panel and "<img" not in panel and "<b>x</b>" not in panel
    assert "&lt;script&gt;" in panel


def test_not_found_shows_no_sources(tmp_path):
    handlers = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl")
    chat, state, panel, _ = _run(handlers, "Thời tiết mai thế nào?")[-1]
    assert not state[0]["answer"]["found"]
    assert "vk-source\"" not in panel and "Không có nguồn" in panel


def test_errors_become_messages(tmp_path):
    handlers = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl")
    chat, state, _, _ = _run(handlers, "   ")[-1]
    assert chat[-1]["content"] == "Câu hỏi trống." and state[0]["error"]
    chat, state, _, _ = _run(handlers, "Ai là Bí thư?", chat, state)[-1]
    assert len(state) == 2 and len(chat) == 4  # turn i is messages 2i and 2i+1
    assert handlers.feedback(1, True, state)  # feedback reaches the right turn
    chat, _, _, _ = _run(handlers, "Ai?", date_from="hôm qua")[-1]
    assert "YYYY-MM-DD" in chat[-1]["content"]


def test_feedback_is_logged(tmp_path):
    path = tmp_path / "logs" / "fb.jsonl"
    handlers = ChatHandlers(FakeAssistant(), path)
    _, state, _, _ = _run(handlers, "Ai là Bí thư?")[-1]
    assert handlers.feedback(0, False, state)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["rating"] == "down" and record["question"] == "Ai là Bí thư?"
    assert record["citations"][0]["source"] == "doc<1>.txt"
    assert handlers.feedback(5, True, state) == ""


def test_api_returns_the_answer_json(tmp_path):
    handlers = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl")
    data = handlers.api_ask("Ai là Bí thư?", ["trước"])
    assert set(data) >= {"answer", "found", "citations", "timings_ms"}
    assert handlers.api_ask("  ")["found"] is False


def test_safe_names():
    assert safe_name("../../x.txt") == "x.txt"
    assert safe_name("..\\..\\evil.pdf") == "evil.pdf"
    assert safe_name("Nghị quyết số 05 (bản cuối).DOCX") == "Nghị quyết số 05 _bản cuối_.docx"
    assert safe_name(".bashrc") == "bashrc"
    assert "/" not in safe_name("a/b/c\x00d.md")


def _library(tmp_path, collection: str, max_upload_mb: float) -> Library:
    """A real Library (indexer, store, Chroma) with fake embeddings, under tmp_path/h."""
    from index.indexer import Indexer
    from index.store import Store
    from index.vectors import VectorIndex, persistent_client
    from tests.fakes import FakeEmbeddings

    emb = FakeEmbeddings()
    store = Store(tmp_path / "h" / "store.sqlite")
    indexer = Indexer(emb, VectorIndex(persistent_client(tmp_path / "h" / "chroma"), collection, emb.name, emb.dimension), store)
    return Library(indexer, store, tmp_path / "h" / "uploads", max_upload_mb=max_upload_mb)


def test_library_upload_and_remove(tmp_path):
    library = _library(tmp_path, "ui-test", 0.01)
    good = tmp_path / "up1"
    good.write_text("Chi bộ Phòng Kế toán bầu đồng chí Lê Văn Tám làm Bí thư.", encoding="utf-8")
    big = tmp_path / "up2"
    big.write_bytes(b"a" * 20_000)
    empty = tmp_path / "up3"
    empty.write_bytes(b"")
    handlers = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl", library)
    message, rows, names = handlers.upload([_Upload(good, "../../Nghị quyết chi bộ.txt"), _Upload(big, "big.txt"), _Upload(empty, "rỗng.txt")])
    assert names == ["Nghị quyết chi bộ.txt"]
    assert (tmp_path / "h" / "uploads" / "Nghị quyết chi bộ.txt").exists()
    assert not (tmp_path / "h" / "x.txt").exists()
    assert "big.txt" in message and "rỗng.txt" in message and "Đã thêm 1" in message
    again, _, _ = handlers.upload([_Upload(good, "Nghị quyết chi bộ.txt")])
    assert "không thay đổi" in again  # a duplicate upload is not indexed twice
    message, rows, names = handlers.remove("Nghị quyết chi bộ.txt")
    assert names == [] and not (tmp_path / "h" / "uploads" / "Nghị quyết chi bộ.txt").exists()


class _Upload:
    """What Gradio hands a handler for an uploaded file."""

    def __init__(self, path: Path, orig_name: str):
        self.name = str(path)
        self.orig_name = orig_name


def test_impossible_dates_are_refused_with_a_message(tmp_path):
    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    for bad in ("2020-13-45", "2021-02-29", "2020-1-5", "hôm qua"):
        chat, state, _, _ = _run(handlers, "Ai là Bí thư?", date_from=bad)[-1]
        assert "Ngày không hợp lệ" in chat[-1]["content"] and state[-1]["error"]
    assert not fake.calls  # nothing was searched with a bad filter
    _run(handlers, "Ai là Bí thư?", date_from="2020-02-29", date_to="2020-12-31")
    assert fake.calls[-1][2].date_from == "2020-02-29"


def test_api_ask_refuses_a_string_history_and_a_non_string_question(tmp_path):
    import pytest

    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    for question, history in (("Ai?", "câu trước"), ("Ai?", [1, 2]), ("Ai?", {"a": 1}), (None, []), (42, None)):
        with pytest.raises(InputError):
            handlers.api_ask(question, history)
    assert not fake.calls
    assert handlers.api_ask("Ai là Bí thư?", ["Câu trước?"])["found"]
    assert fake.calls[-1][1] == ["Câu trước?"]


def test_fractional_upload_limit(tmp_path):
    library = _library(tmp_path, "frac", 0.5)
    small = tmp_path / "small.txt"
    small.write_text("Chi bộ họp định kỳ. " * 15_000, encoding="utf-8")  # ~0.29 MB
    big = tmp_path / "big.txt"
    big.write_text("Chi bộ họp định kỳ. " * 30_000, encoding="utf-8")  # ~0.57 MB
    result = library.add_files([("small.txt", small), ("big.txt", big)])
    assert result.added == ["small.txt"]
    assert result.failed and result.failed[0][0] == "big.txt" and "0.5 MB" in result.failed[0][1]


def test_source_card_shows_the_section_beside_the_title():
    cite = {"n": 1, "source": "qc.txt", "title": "Quy chế", "text": "Chi bộ sinh hoạt.", "start": 0, "end": 5, "score": 1.0, "quote": None}
    with_section = sources_html({"answer": "x [1]", "found": True, "citations": [{**cite, "section": "Chương II › Điều 3. <Sinh hoạt>"}]})
    head = with_section.split('class="vk-meta"')[0]
    assert "Quy chế</strong>" in head and "Chương II › Điều 3. &lt;Sinh hoạt&gt;" in head
    without = sources_html({"answer": "x [1]", "found": True, "citations": [{**cite, "section": None}]})
    assert "vk-section" not in without


def test_an_answer_listing_items_line_by_line_stays_text_not_a_markdown_list():
    from markdown_it import MarkdownIt

    text = "3. Hình thức công khai bao gồm:\na) Đăng tải trên Cổng thông tin;\n- Niêm yết tại trụ sở (nếu có).\n1.500 người dự. [1]"
    data = {"answer": text, "found": True, "spans": [], "citations": [{"n": 1, "source": "a", "title": "t", "text": text, "start": 0, "end": 1, "score": 1.0}]}
    html_out = MarkdownIt().render(answer_markdown(data))
    assert "<ol" not in html_out and "<ul" not in html_out and "<li>" not in html_out
    assert "3. Hình thức công khai bao gồm:" in html_out and "- Niêm yết tại trụ sở (nếu có)." in html_out
    assert "1.500 người dự." in html_out


def test_the_answering_span_is_bold_and_escaped():
    text = "Đồng chí <b>Trần Phương</b> được bầu làm Bí thư. [1]"
    start = text.index("<b>")
    end = text.index("</b>") + 4
    data = {"answer": text, "found": True, "spans": [[start, end], [999, 1000]], "citations": [{"n": 1, "source": "a", "title": "t", "text": text, "start": 0, "end": 1, "score": 1.0}]}
    md = answer_markdown(data)
    assert md.count("**") == 2
    bold = md.split("**")[1]
    assert "Trần Phương" in bold and "<b>" not in md and "&lt;b&gt;" in bold
    assert "](#src-1)" in md


def test_upload_lists_each_files_result_in_vietnamese(tmp_path):
    """OCR pages, encoding converted, sections found, or why it failed: one line per file.
    The scan is read by the real Tesseract."""
    import io

    from tests.corpus.legacy_encoders import to_tcvn3
    from tests.corpus.test_structure import REGULATION
    from tests.docmaker import render_page

    library = _library(tmp_path, "ui-read", 5)
    files = {
        "abc.txt": to_tcvn3("Chi bộ Phòng Kế toán tổ chức Đại hội, bầu Ban Chấp hành nhiệm kỳ mới."),
        "quy-che.txt": REGULATION.encode("utf-8"),
        "hong.pdf": b"%PDF-1.4 broken",
    }
    buffer = io.BytesIO()
    render_page(["Chi bộ sinh hoạt định kỳ mỗi tháng một lần."]).save(buffer, format="PNG")
    files["scan.png"] = buffer.getvalue()
    uploads = []
    for name, data in files.items():
        path = tmp_path / f"tmp-{name}"
        path.write_bytes(data)
        uploads.append(_Upload(path, name))
    steps = []
    message, _, names = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl", library).upload(
        uploads, lambda value, desc="": steps.append(desc)
    )
    lines = {line.split(":")[0].lstrip("✅⚠️ ").replace("\\", ""): line for line in message.split("\n\n")}
    assert "đã chuyển từ bảng mã TCVN3 sang Unicode" in lines["abc.txt"]
    assert "4 mục/điều" in lines["quy-che.txt"] and "loại: Quy chế" in lines["quy-che.txt"]
    assert "1 trang đọc bằng OCR" in lines["scan.png"]
    assert "không thêm được" in lines["hong.pdf"] and "PDF" in lines["hong.pdf"]
    assert any("OCR page 1/1" in s for s in steps)  # the progress bar names each OCR page
    assert sorted(names) == ["abc.txt", "quy-che.txt", "scan.png"]


def test_doc_type_and_issuer_filters_reach_the_assistant(tmp_path):
    fake = FakeAssistant()
    handlers = ChatHandlers(fake, tmp_path / "fb.jsonl")
    _run(handlers, "Ai là Bí thư?", doc_type="Chỉ thị", issuer=" Đảng ủy Khối ")
    filters = fake.calls[-1][2]
    assert filters.doc_type == "Chỉ thị" and filters.issuer == "Đảng ủy Khối"
    _run(handlers, "Ai là Bí thư?", doc_type="", issuer="")
    assert fake.calls[-1][2] is None


def test_upload_of_a_same_named_file_says_what_happened(tmp_path):
    from index.indexer import Indexer
    from index.store import Store
    from index.vectors import VectorIndex, persistent_client
    from tests.fakes import FakeEmbeddings

    emb = FakeEmbeddings()
    store = Store(tmp_path / "h" / "store.sqlite")
    indexer = Indexer(emb, VectorIndex(persistent_client(tmp_path / "h" / "chroma"), "same", emb.name, emb.dimension), store)
    handlers = ChatHandlers(FakeAssistant(), tmp_path / "fb.jsonl", Library(indexer, store, tmp_path / "h" / "uploads", 5))
    one, two = tmp_path / "one", tmp_path / "two"
    one.write_text("Chi bộ A họp ngày 1 tháng 2 năm 2021 và bầu Bí thư mới.", encoding="utf-8")
    two.write_text("Chi bộ B tổ chức hội nghị ngày 3 tháng 4 năm 2021.", encoding="utf-8")
    handlers.upload([_Upload(one, "bc.txt")])
    message, _, names = handlers.upload([_Upload(two, "bc.txt")])
    assert "bc-2.txt" in message and "Thay thế" in message and names == ["bc-2.txt", "bc.txt"]
    message, _, names = handlers.upload([_Upload(two, "bc.txt")], replace=True)
    assert "Đã thay thế bc.txt" in message and names == ["bc-2.txt", "bc.txt"]
