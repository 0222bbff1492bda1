"""Optical character recognition with Tesseract's Vietnamese model, page by page.

Tesseract is an external program (Debian: ``tesseract-ocr`` and ``tesseract-ocr-vie``),
found on PATH when a scan is read; PDF pages are rendered with ``pypdfium2`` (a wheel,
no poppler). Without Tesseract or its Vietnamese model, reading a scan raises
``OcrUnavailable`` with the packages to install, and everything else still loads.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import Callable, Iterable, Iterator

INSTALL_HINT = "needs OCR: install tesseract-ocr-vie (cần OCR: hãy cài tesseract-ocr và tesseract-ocr-vie)"
LANGUAGE = "vie"
RENDER_DPI = 300

Progress = Callable[[str], None]


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is missing (the message says what to install)."""


class OcrFailed(Exception):
    """Tesseract ran and failed on a page."""


def tesseract() -> str:
    """The Tesseract program with the Vietnamese model, or ``OcrUnavailable``."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrUnavailable(INSTALL_HINT)
    try:
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"{INSTALL_HINT}: {exc}") from None
    if LANGUAGE not in (langs.stdout + langs.stderr).split():
        raise OcrUnavailable(INSTALL_HINT)
    return binary


def ocr_image(image, binary: str, timeout: float = 300) -> str:
    """The text of one page image (a PIL image), read by Tesseract in Vietnamese."""
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", dpi=(RENDER_DPI, RENDER_DPI))
    try:
        done = subprocess.run(
            [binary, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(RENDER_DPI)],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"OCR took longer than {timeout:.0f} s on a page (OCR quá lâu)") from None
    except OSError as exc:
        raise OcrUnavailable(f"{INSTALL_HINT}: {exc}") from None
    if done.returncode != 0:
        raise OcrFailed(f"tesseract failed: {done.stderr.decode('utf-8', 'replace').strip()[-200:]}")
    return done.stdout.decode("utf-8", "replace")


def ocr_images(pages: Iterable, name: str, progress: Progress | None = None, total: int | None = None) -> Iterator[str]:
    """Each page's text, reporting ``name: OCR page i/n`` as it goes."""
    binary = tesseract()
    for i, image in enumerate(pages, 1):
        if progress:
            progress(f"{name}: OCR page {i}/{total or '?'} (nhận dạng trang {i})")
        yield ocr_image(image, binary)


def render_pdf_pages(data: bytes, indexes: list[int], dpi: int = RENDER_DPI) -> Iterator:
    """PIL images of some pages of a PDF, rendered by pdfium, one at a time."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        for i in indexes:
            page = pdf[i]
            try:
                yield page.render(scale=dpi / 72).to_pil()
            finally:
                page.close()
    finally:
        pdf.close()


def image_pages(data: bytes) -> list:
    """The frames of an image file (a multi-page TIFF has several)."""
    from PIL import Image, ImageSequence

    image = Image.open(io.BytesIO(data))
    return [frame.copy() for frame in ImageSequence.Iterator(image)]
