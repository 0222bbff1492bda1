"""Real documents of every supported format, made by their own libraries for tests."""

from __future__ import annotations

import json
from pathlib import Path


def make_docx(path: Path, paragraphs: list[str], title: str = "") -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Chỉ tiêu"
    table.rows[0].cells[1].text = "95% đảng viên hoàn thành tốt nhiệm vụ"
    document.save(path)
    return path


def make_pdf(path: Path, lines: list[str]) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        fig = plt.figure(figsize=(8.27, 11.69))
        for i, line in enumerate(lines):
            fig.text(0.05, 0.95 - 0.04 * i, line, fontsize=11)
        fig.savefig(path)
        plt.close(fig)
    return path


def make_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian fonts-dejavu-core: Vietnamese glyphs


def render_page(lines: list[str], size: int = 34, width: int = 2100):
    """A page image (PIL) with ``lines`` drawn in a TrueType font that has Vietnamese
    glyphs, at about 300 dpi: what a scanner gives of a printed page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    height = max(400, 160 + int(size * 1.8) * len(lines))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((120, 100 + int(size * 1.8) * i), line, font=font, fill=0)
    return image


def make_scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF of page images only (no text layer), like a scanner's."""
    images = [render_page(lines).convert("RGB") for lines in pages]
    images[0].save(path, format="PDF", resolution=300, save_all=True, append_images=images[1:])
    return path


def make_doc(path: Path, paragraphs: list[str], title: str = "") -> Path:
    """A Word 97-2003 .doc file, written by LibreOffice from a .docx (needs soffice)."""
    from corpus.wordconv import convert

    docx_path = make_docx(path.with_suffix(".docx.tmp"), paragraphs, title=title)
    path.write_bytes(convert(docx_path.read_bytes(), ".docx", "doc"))
    docx_path.unlink()
    return path
