"""Loading documents from files: txt, md, html, docx, doc, pdf, images and jsonl.

Each loader uses a well-kept library or program for its format: PDF pages without a text
layer and image files are read by OCR (``corpus.ocr``, Tesseract), old Word ``.doc`` files
are converted by LibreOffice; both programs are optional and a file that needs a missing
one is reported with what to install. Text in the legacy TCVN3 / VNI encodings is
converted (``corpus.legacy``). Loading never raises for a bad file: it yields a
``LoadFailure`` naming the file and the reason, and goes on.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from corpus.jsonl import jsonl_rows
from corpus.legacy import convert_legacy, detect_legacy, fix_legacy
from corpus.models import Document
from corpus.ocr import INSTALL_HINT, OcrFailed, OcrUnavailable, Progress, image_pages, ocr_images, render_pdf_pages
from corpus.stream import TextStream, open_stream
from corpus.text import nfc, remove_control_chars, unwrap_lines

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".doc", ".pdf", ".jsonl", *IMAGE_SUFFIXES)

WHOLE_TEXT_BYTES = 64 * 1024 * 1024
"""The largest text-like file (.md, .html, .docx, .doc, or a .txt that cannot be streamed:
a legacy encoding) that is read whole: its text and the parser's copies take several times
its size. Larger ones are refused with what to do (a UTF-8 .txt of any size is read in
windows, ``corpus.stream``); PDFs and images are read page by page and are not limited."""
_WHOLE_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".doc")


@dataclass(frozen=True, slots=True)
class LoadFailure:
    """A file (or folder) that could not be loaded. ``source`` is the id it has or would
    have had (so its earlier indexed version can be kept); a ``notice`` is reported but
    is not a failure (a hidden file left out on purpose)."""

    path: str
    reason: str
    source: str | None = None
    notice: bool = False


class _Unreadable(Exception):
    """Internal: a file that cannot be turned into text (the message says why)."""


def finish_text(text: str) -> str:
    """Line ends, control characters and NFC, as every loader finishes its text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(remove_control_chars(text))


def decode_bytes(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else detected.

    TCVN3 and VNI bytes are returned as Latin-1 reads them (``load_bytes`` converts them);
    Windows-1258 and other code pages are detected with charset-normalizer; binary data is
    refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise _Unreadable("binary file, not text (tệp nhị phân, không phải văn bản)")
    latin = data.decode("latin-1")
    if detect_legacy(latin).encoding:
        return latin  # TCVN3 / VNI bytes: converted by load_bytes like any other text
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1258", "cp1252", "utf_16", "cp1250", "latin_1"]).best()
    if best is None:
        raise _Unreadable("unknown text encoding (không nhận ra bảng mã)")
    return str(best)


def _check_not_binary(data: bytes) -> None:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable("binary file, not text (tệp nhị phân, không phải văn bản)")


def _load_text(data: bytes) -> tuple[str, str]:
    _check_not_binary(data)
    return "", decode_bytes(data)


def _load_markdown(data: bytes) -> tuple[str, str]:
    _check_not_binary(data)
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(decode_bytes(data))
    return _html_to_text(html)


def _html_to_text(html: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    title = ""
    if soup.title and soup.title.string:
        title = soup.title.string.strip()
    elif soup.h1:
        title = soup.h1.get_text(" ", strip=True)
    body = soup.body or soup
    blocks = []
    for element in body.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre", "blockquote"]):
        if element.find(["p", "li", "td"]):
            continue  # the inner blocks are taken one by one
        text = element.get_text(" ", strip=True)
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [line.strip() for line in body.get_text("\n").splitlines() if line.strip()]
    return title, "\n".join(blocks)


def _load_html(data: bytes) -> tuple[str, str]:
    _check_not_binary(data)
    return _html_to_text(decode_bytes(data))


def _load_docx(data: bytes) -> tuple[str, str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise _Unreadable(f"not a readable .docx file (tệp .docx hỏng): {type(exc).__name__}") from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors on truncated files
        raise _Unreadable(f"not a readable .docx file (tệp .docx hỏng): {type(exc).__name__}") from exc
    blocks = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                blocks.append(" | ".join(dict.fromkeys(cells)))
    title = (document.core_properties.title or "").strip()
    return title, "\n".join(blocks)


def _load_pdf(data: bytes, name: str, progress: Progress | None) -> tuple[str, str, dict]:
    """Text layer page by page; pages without one are rendered and read by OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _Unreadable("encrypted PDF (PDF có mật khẩu)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title).strip()
    except _Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise _Unreadable(f"not a readable PDF (tệp PDF hỏng): {type(exc).__name__}") from exc
    except Exception as exc:  # pypdf raises a variety of errors on truncated files
        raise _Unreadable(f"not a readable PDF (tệp PDF hỏng): {type(exc).__name__}") from exc
    meta: dict = {}
    scanned = [i for i, text in enumerate(pages) if len(text.strip()) < 20]
    if scanned:
        try:
            texts = ocr_images(render_pdf_pages(data, scanned), name, progress, total=len(scanned))
            for i, text in zip(scanned, texts):
                pages[i] = unwrap_lines(text)
            meta["ocr_pages"] = len(scanned)
        except OcrUnavailable:
            if len(scanned) == len(pages):
                raise _Unreadable(f"scanned PDF, {INSTALL_HINT}") from None
            meta["ocr_missing_pages"] = len(scanned)
        except OcrFailed as exc:
            raise _Unreadable(str(exc)) from None
        except Exception as exc:  # pdfium on a page it cannot render
            raise _Unreadable(f"cannot render a PDF page for OCR (không dựng được trang PDF): {type(exc).__name__}") from exc
    return title, "\n".join(pages), meta


def _load_image(data: bytes, name: str, progress: Progress | None) -> tuple[str, str, dict]:
    try:
        frames = image_pages(data)
    except Exception as exc:  # PIL.UnidentifiedImageError, truncated files
        raise _Unreadable(f"not a readable image (tệp ảnh hỏng): {type(exc).__name__}") from exc
    try:
        texts = list(ocr_images(frames, name, progress, total=len(frames)))
    except OcrUnavailable:
        raise _Unreadable(f"image, {INSTALL_HINT}") from None
    except OcrFailed as exc:
        raise _Unreadable(str(exc)) from None
    return "", "\n".join(unwrap_lines(t) for t in texts), {"ocr_pages": len(frames)}


def _load_doc(data: bytes, name: str, progress: Progress | None) -> tuple[str, str, dict]:
    """An old Word (.doc) file, converted to .docx by LibreOffice (headless), then read."""
    from corpus.wordconv import DocConversionError, LibreOfficeMissing, doc_to_docx

    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _Unreadable("not a Word .doc file (tệp .doc hỏng)")
    if progress:
        progress(f"{name}: converting .doc with LibreOffice (đang chuyển .doc)")
    try:
        docx_bytes = doc_to_docx(data)
    except LibreOfficeMissing as exc:
        raise _Unreadable(str(exc)) from None
    except DocConversionError as exc:
        raise _Unreadable(str(exc)) from None
    title, text = _load_docx(docx_bytes)
    return title, text, {}


_LOADERS = {
    ".txt": _load_text,
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
}
# loaders that report progress and what reading took (OCR pages)
_RICH_LOADERS: dict[str, Callable[[bytes, str, Progress | None], tuple[str, str, dict]]] = {
    ".pdf": _load_pdf,
    ".doc": _load_doc,
    **{suffix: _load_image for suffix in IMAGE_SUFFIXES},
}


def load_bytes(name: str, data: bytes, source: str | None = None, progress: Progress | None = None) -> Document:
    """Turn one file's bytes into a Document; raises ``ValueError`` with the reason.

    ``progress`` receives a line per step of a slow read (each OCR page)."""
    suffix = Path(name).suffix.lower()
    loader = _LOADERS.get(suffix)
    rich = _RICH_LOADERS.get(suffix)
    if loader is None and rich is None:
        raise ValueError(f"unsupported file type {suffix or '(none)'} (định dạng không hỗ trợ)")
    if not data.strip():
        raise ValueError("empty file (tệp rỗng)")
    read_meta: dict = {}
    try:
        if rich is not None:
            title, text, read_meta = rich(data, name, progress)
        else:
            title, text = loader(data)
    except _Unreadable as exc:
        raise ValueError(str(exc)) from None
    except UnicodeDecodeError:
        raise ValueError("cannot decode the text (không giải mã được văn bản)") from None
    text, encoding = fix_legacy(finish_text(text))
    title = finish_text(title).strip()
    meta: dict = dict(read_meta)
    if encoding:
        meta["converted_from"] = encoding
        title = convert_legacy(title, encoding)
    if not any(c.isalnum() for c in text):  # nothing but spaces, marks or invisible characters
        raise ValueError("no text in the file (tệp không có nội dung văn bản)")
    return Document(source=source or Path(name).name, text=text, title=title, meta=meta)


def iter_jsonl(path: Path, display: str) -> Iterator[Document | LoadFailure]:
    """Documents of a ``.jsonl`` corpus: one ``{"id","title","text"}`` per line."""
    try:
        handle = path.open("r", encoding="utf-8", errors="strict")
    except OSError as exc:
        yield LoadFailure(display, f"cannot open: {exc.strerror}")
        return
    with handle:
        where = display
        try:
            for where, row, problem in jsonl_rows(handle, display):
                if row is None:
                    yield LoadFailure(where, problem or "bad line")
                    continue
                if not isinstance(row.get("text"), str):
                    yield LoadFailure(where, 'a line needs {"id", "title", "text"} (thiếu trường)')
                    continue
                source = str(row.get("id") or "").strip()
                if not source:
                    yield LoadFailure(where, 'missing "id" (thiếu "id")')
                    continue
                text = finish_text(row["text"])
                if not text.strip():
                    yield LoadFailure(where, "empty text (văn bản rỗng)")
                    continue
                title = finish_text(str(row.get("title") or "")).strip()
                meta = {k: v for k, v in row.items() if k not in {"id", "title", "text"} and isinstance(v, (str, int, float))}
                yield Document(source=source, text=text, title=title, meta=meta)
        except UnicodeDecodeError:
            yield LoadFailure(display, f"not UTF-8 after {where} (không phải UTF-8)")


_HIDDEN_REASON = "hidden, left out (ẩn, bỏ qua)"


def _walk(root: Path) -> Iterator[Path | LoadFailure]:
    """Files under ``root``, sorted; hidden files and folders, and folders that cannot be
    read, come out as LoadFailures (the latter with ``source`` = the folder + "/")."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            yield _folder_failure(root, errors.pop(0))
        for d in sorted(dirnames):
            if d.startswith("."):
                path = Path(dirpath) / d
                yield LoadFailure(str(path) + "/", _HIDDEN_REASON, source=None, notice=True)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith("."):
                yield LoadFailure(str(path), _HIDDEN_REASON, source=None, notice=True)
            else:
                yield path
    while errors:
        yield _folder_failure(root, errors.pop(0))


def _folder_failure(root: Path, error: OSError) -> LoadFailure:
    folder = Path(error.filename or root)
    try:
        rel = folder.relative_to(root).as_posix()
    except ValueError:
        rel = ""
    prefix = "" if rel in ("", ".") else rel + "/"
    return LoadFailure(
        str(folder) + "/", f"cannot read the folder: {error.strerror} (không đọc được thư mục)", source=prefix
    )


def _too_large(file: Path) -> str | None:
    """Why a text-like file is too large to read whole, or None."""
    if file.suffix.lower() not in _WHOLE_TEXT_SUFFIXES:
        return None
    try:
        size = file.stat().st_size
    except OSError:
        return None  # reading it says why
    limit = WHOLE_TEXT_BYTES  # read at call time
    if size <= limit:
        return None
    mb, limit_mb = size / 1024 / 1024, limit / 1024 / 1024
    return (
        f"too large to read at once ({mb:.0f} MB > {limit_mb:.0f} MB): only UTF-8 .txt files are read in pieces; "
        f"save it as a UTF-8 .txt file or split it (tệp quá lớn để đọc một lần: hãy lưu thành tệp .txt UTF-8 hoặc chia nhỏ)"
    )


def iter_documents(
    paths: list[Path], progress: Progress | None = None, stream_bytes: int | None = None
) -> Iterator[Document | TextStream | LoadFailure]:
    """Documents from files, folders (walked) and jsonl files, failures yielded in place;
    a ``.txt`` file of ``stream_bytes`` (default ``corpus.stream.STREAM_BYTES``) or more
    comes as a ``TextStream``.

    A file's source id is its name; inside a folder, its path relative to the folder.
    """
    for path in paths:
        if not path.exists():
            yield LoadFailure(str(path), "no such file or folder (không tìm thấy)")
            continue
        if path.is_dir():
            files = (
                p if isinstance(p, LoadFailure) else (p, p.relative_to(path).as_posix()) for p in _walk(path)
            )
        else:
            files = iter([(path, path.name)])
        for entry in files:
            if isinstance(entry, LoadFailure):
                yield entry
                continue
            file, source = entry
            if file.suffix.lower() == ".jsonl":
                yield from iter_jsonl(file, str(file))
                continue
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield LoadFailure(
                    str(file), f"unsupported file type {file.suffix or '(none)'} (định dạng không hỗ trợ)", source=source
                )
                continue
            stream = open_stream(file, source, stream_bytes)  # None: corpus.stream.STREAM_BYTES
            if stream is not None:  # a large text file: read in windows by the indexer
                yield stream
                continue
            too_large = _too_large(file)
            if too_large:
                yield LoadFailure(str(file), too_large, source=source)
                continue
            try:
                data = file.read_bytes()
            except OSError as exc:
                yield LoadFailure(str(file), f"cannot read: {exc.strerror} (không đọc được tệp)", source=source)
                continue
            try:
                yield load_bytes(file.name, data, source=source, progress=progress)
            except ValueError as exc:
                yield LoadFailure(str(file), str(exc), source=source)
