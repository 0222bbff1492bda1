"""OCR with the real Tesseract (Vietnamese model) on pages rendered here from Vietnamese
text; and the same files when Tesseract is not on PATH."""

from __future__ import annotations

import io

import pytest

from corpus.loaders import iter_documents, load_bytes
from corpus.models import Document
from eval.documents.textmetrics import char_accuracy
from tests.docmaker import make_pdf, make_scanned_pdf, render_page

pytestmark = pytest.mark.slow  # the real Tesseract on rendered pages

PAGE_1 = [
    "NGHỊ QUYẾT CỦA CHI BỘ",
    "Chi bộ sinh hoạt định kỳ mỗi tháng một lần.",
    "Đồng chí Lê Thị Hoà được bầu làm Bí thư Chi bộ.",
    "Phấn đấu 95% đảng viên hoàn thành tốt nhiệm vụ.",
]
PAGE_2 = [
    "Điều 2. Trách nhiệm thi hành",
    "Các đồng chí chi ủy viên chịu trách nhiệm thi hành.",
]


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    """PATH without Tesseract (nor anything else): as on a machine where it is not installed."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def _png(lines) -> bytes:
    buffer = io.BytesIO()
    render_page(lines).save(buffer, format="PNG")
    return buffer.getvalue()


def test_png_read_by_real_tesseract():
    doc = load_bytes("trang.png", _png(PAGE_1))
    assert doc.meta["ocr_pages"] == 1
    assert char_accuracy("\n".join(PAGE_1), doc.text) >= 0.95, doc.text
    assert "Lê Thị Hoà" in doc.text or "Lê Thị Hòa" in doc.text


def test_scanned_pdf_page_by_page_with_progress(tmp_path):
    path = make_scanned_pdf(tmp_path / "scan.pdf", [PAGE_1, PAGE_2])
    steps: list[str] = []
    doc = load_bytes("scan.pdf", path.read_bytes(), progress=steps.append)
    assert doc.meta["ocr_pages"] == 2
    assert [s.split(": ", 1)[1].split(" (")[0] for s in steps] == ["OCR page 1/2", "OCR page 2/2"]
    assert char_accuracy("\n".join(PAGE_1 + PAGE_2), doc.text) >= 0.95, doc.text
    assert doc.text.index("sinh hoạt") < doc.text.index("Trách nhiệm")  # pages in order


def test_pdf_with_text_and_scanned_pages_ocrs_only_the_scanned_one(tmp_path):
    from pypdf import PdfWriter

    text_pdf = make_pdf(tmp_path / "text.pdf", ["Nghị quyết số 12-NQ/ĐU của Đảng ủy Khối về công tác cán bộ năm 2024"])
    scan_pdf = make_scanned_pdf(tmp_path / "scan.pdf", [PAGE_2])
    writer = PdfWriter()
    writer.append(str(text_pdf))
    writer.append(str(scan_pdf))
    writer.write(tmp_path / "mixed.pdf")
    doc = load_bytes("mixed.pdf", (tmp_path / "mixed.pdf").read_bytes())
    assert doc.meta["ocr_pages"] == 1
    assert "12-NQ/ĐU" in doc.text and "Trách nhiệm thi hành" in doc.text


def test_multipage_tiff(tmp_path):
    frames = [render_page(PAGE_1), render_page(PAGE_2)]
    frames[0].save(tmp_path / "scan.tif", save_all=True, append_images=frames[1:], compression="tiff_lzw")
    doc = load_bytes("scan.tif", (tmp_path / "scan.tif").read_bytes())
    assert doc.meta["ocr_pages"] == 2 and "Trách nhiệm thi hành" in doc.text


def test_broken_image_is_reported():
    with pytest.raises(ValueError, match="image"):
        load_bytes("x.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")


def test_without_tesseract_scans_are_reported_and_the_rest_indexes(tmp_path, no_tesseract):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "trang.png").write_bytes(_png(PAGE_1))
    make_scanned_pdf(folder / "scan.pdf", [PAGE_1])
    (folder / "ok.txt").write_text("Chi bộ sinh hoạt định kỳ mỗi tháng một lần.", encoding="utf-8")
    items = list(iter_documents([folder]))
    docs = [i for i in items if isinstance(i, Document)]
    failures = {f.path.rsplit("/", 1)[-1]: f.reason for f in items if not isinstance(f, Document)}
    assert [d.source for d in docs] == ["ok.txt"]
    assert set(failures) == {"trang.png", "scan.pdf"}
    assert all("needs OCR: install tesseract-ocr-vie" in r for r in failures.values())


def test_without_tesseract_a_pdf_keeps_its_text_pages(tmp_path, no_tesseract):
    from pypdf import PdfWriter

    text_pdf = make_pdf(tmp_path / "text.pdf", ["Nghị quyết số 12-NQ/ĐU của Đảng ủy Khối về công tác cán bộ năm 2024"])
    writer = PdfWriter()
    writer.append(str(text_pdf))
    writer.append(str(make_scanned_pdf(tmp_path / "scan.pdf", [PAGE_2])))
    writer.write(tmp_path / "mixed.pdf")
    doc = load_bytes("mixed.pdf", (tmp_path / "mixed.pdf").read_bytes())
    assert "12-NQ/ĐU" in doc.text and doc.meta == {"ocr_missing_pages": 1}
