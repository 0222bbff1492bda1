
import pytest

from corpus.loaders import LoadFailure, iter_documents, load_bytes
from corpus.models import Document
from tests.docmaker import make_docx, make_jsonl, make_pdf

TEXT = "Đồng chí Lê Thị Hoà được bầu làm Bí thư Chi bộ Phòng Tổ chức nhiệm kỳ 2020 - 2025."


def _docs(paths):
    items = list(iter_documents(paths))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, LoadFailure)]


def test_txt_md_html(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# Tiêu đề\n\n**{TEXT}**\n\n- mục một\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        f"<html><head><title>Tin Đảng</title><script>alert(1)</script></head>"
        f"<body><nav>Trang chủ</nav><p>{TEXT}</p><footer>Bản quyền</footer></body></html>",
        encoding="utf-8",
    )
    docs, failures = _docs([tmp_path])
    assert not failures
    by = {d.source: d for d in docs}
    assert TEXT in by["a.txt"].text
    assert TEXT in by["b.md"].text and "**" not in by["b.md"].text
    html = by["c.html"]
    assert html.title == "Tin Đảng" and TEXT in html.text
    assert "alert" not in html.text and "Trang chủ" not in html.text and "Bản quyền" not in html.text


def test_docx_and_pdf(tmp_path):
    make_docx(tmp_path / "nq.docx", ["NGHỊ QUYẾT", TEXT], title="Nghị quyết Chi bộ")
    make_pdf(tmp_path / "nq.pdf", ["Nghị quyết số 12-NQ/ĐU", TEXT])
    docs, failures = _docs([tmp_path])
    assert not failures
    by = {d.source: d for d in docs}
    assert by["nq.docx"].title == "Nghị quyết Chi bộ"
    assert TEXT in by["nq.docx"].text and "95% đảng viên" in by["nq.docx"].text
    assert "Lê Thị Hoà" in by["nq.pdf"].text and "12-NQ/ĐU" in by["nq.pdf"].text


def test_jsonl_rows_and_bad_lines_with_line_numbers(tmp_path):
    path = make_jsonl(tmp_path / "c.jsonl", [{"id": "a-1", "title": "T", "text": TEXT}, {"id": "a-2", "text": "x"}])
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write('{"title": "no id", "text": "abc"}\n')
    docs, failures = _docs([path])
    assert [d.source for d in docs] == ["a-1", "a-2"]
    assert docs[0].title == "T"
    reasons = {f.path.rsplit(":", 1)[1]: f.reason for f in failures}
    assert "JSON" in reasons["3"] and "id" in reasons["4"]


def test_nfc_on_load(tmp_path):
    (tmp_path / "d.txt").write_text("Đa\u0309ng u\u0309y", encoding="utf-8")
    (doc,), _ = _docs([tmp_path / "d.txt"])
    assert doc.text == "Đảng ủy"


def _cp1258(text: str) -> bytes:
    """Windows-1258 spells a tone as a combining mark after the (hatted) letter."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_converted(tmp_path):
    (tmp_path / "legacy.txt").write_bytes(_cp1258("Chi bộ Văn phòng tổ chức Đại hội nhiệm kỳ mới. Đảng ủy Khối."))
    (doc,), failures = _docs([tmp_path / "legacy.txt"])
    assert not failures
    assert doc.text == "Chi bộ Văn phòng tổ chức Đại hội nhiệm kỳ mới. Đảng ủy Khối."


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("spaces.txt", b"   \n  ", "empty"),
        ("bin.txt", bytes(range(256)) * 20, "binary"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
        ("image.png", b"\x89PNG\r\n\x1a\n", "image"),
        ("old.doc", b"not an OLE file", ".doc"),
        ("slides.pptx", b"PK\x03\x04", "unsupported"),
    ],
)
def test_bad_files_reported_by_name_with_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    docs, failures = _docs([tmp_path])
    assert [d.source for d in docs] == ["good.txt"]
    (failure,) = failures
    assert failure.path.endswith(name)
    assert reason.lower() in failure.reason.lower()


def test_truncated_docx_and_pdf(tmp_path):
    full_docx = make_docx(tmp_path / "full.docx", [TEXT]).read_bytes()
    full_pdf = make_pdf(tmp_path / "full.pdf", [TEXT]).read_bytes()
    for name, data in [("cut.docx", full_docx[: len(full_docx) // 2]), ("cut.pdf", full_pdf[: len(full_pdf) // 3])]:
        with pytest.raises(ValueError):
            load_bytes(name, data)


def test_missing_path_and_source_ids_in_folders(tmp_path):
    sub = tmp_path / "docs" / "2020"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    docs, failures = _docs([tmp_path / "docs", tmp_path / "nope"])
    assert [d.source for d in docs] == ["2020/a.txt"]
    hidden, missing = failures
    assert hidden.notice and hidden.path.endswith(".hidden.txt")  # reported, not skipped silently
    assert missing.path.endswith("nope") and not missing.notice and "no such" in missing.reason.lower()


def test_tcvn3_legacy_text_is_converted(tmp_path):
    # "Bảo Thắng, Bát Xát, Mường Khương" typed with a TCVN3 (ABC) font: read and converted
    (tmp_path / "abc.txt").write_bytes(b"Huy\xd6n B\xb6o Th\xbeng, B\xb8t X\xb8t, M\xad\xeang Kh\xad\xacng thu\xe9c t\xd8nh L\xb5o Cai.")
    docs, failures = _docs([tmp_path / "abc.txt"])
    assert not failures
    assert docs[0].text == "Huyện Bảo Thắng, Bát Xát, Mường Khương thuộc tỉnh Lào Cai."
    assert docs[0].meta == {"converted_from": "TCVN3"}


def test_a_file_of_invisible_characters_has_no_text():
    with pytest.raises(ValueError, match="no text"):
        load_bytes("zw.txt", "\u200b\u200c\ufeff\u00ad".encode("utf-8") * 50)


def test_a_legacy_encoded_text_too_large_to_read_whole_is_refused_with_what_to_do(tmp_path, monkeypatch):
    """A TCVN3 .txt cannot be streamed (its encoding is found on the whole text), so above
    WHOLE_TEXT_BYTES it is refused, not read whole; the same size in UTF-8 streams."""
    import corpus.loaders as loaders
    import corpus.stream as stream

    monkeypatch.setattr(loaders, "WHOLE_TEXT_BYTES", 3_000)
    monkeypatch.setattr(stream, "STREAM_BYTES", 1_000)
    line = b"Huy\xd6n B\xb6o Th\xbeng, B\xb8t X\xb8t, M\xad\xeang Kh\xad\xacng thu\xe9c t\xd8nh L\xb5o Cai.\n"
    (tmp_path / "abc.txt").write_bytes(line * 80)
    docs, failures = _docs([tmp_path / "abc.txt"])
    assert not docs and len(failures) == 1
    assert "too large" in failures[0].reason and "UTF-8" in failures[0].reason
    (tmp_path / "abc.txt").write_text("Huyện Bảo Thắng thuộc tỉnh Lào Cai.\n" * 80, encoding="utf-8")
    (item,) = list(loaders.iter_documents([tmp_path / "abc.txt"]))
    assert isinstance(item, loaders.TextStream)
