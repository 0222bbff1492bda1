"""load -> clean -> chunk: one document in, its metadata and chunks out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from corpus.chunking import chunk_document
from corpus.clean import clean
from corpus.models import Chunk, Document


@dataclass(frozen=True, slots=True)
class Prepared:
    document: Document
    chunks: list[Chunk]


def prepare(doc: Document, chunk_size: int = 900, chunk_overlap: int = 150) -> Prepared:
    """Clean a loaded document, fill in its metadata and cut it into chunks."""
    cleaned = clean(doc.text)
    meta = dict(doc.meta)
    if cleaned.term:
        meta["term"] = cleaned.term
    if cleaned.doc_numbers:
        meta["doc_numbers"] = ", ".join(cleaned.doc_numbers)
    document = replace(
        doc,
        title=doc.title or cleaned.title,
        date=doc.date or cleaned.date,
        org=doc.org or cleaned.org,
        meta=meta,
    )
    chunk_meta = {"title": document.title, "date": document.date or "", "org": document.org or ""}
    spans = cleaned.spans or [(0, len(doc.text))]
    chunks = chunk_document(document, spans, chunk_size, chunk_overlap, meta=chunk_meta)
    return Prepared(document, chunks)


def embedding_text(chunk: Chunk) -> str:
    """What is embedded for a chunk: its document title for context, then its text."""
    title = chunk.meta.get("title") or ""
    if title and title not in chunk.text:
        return f"{title}\n{chunk.text}"
    return chunk.text


def document_notes(doc: Document) -> list[str]:
    """What reading a document took, for index reports and the upload list (English and
    Vietnamese): legacy encoding converted, pages read by OCR, sections found."""
    notes = []
    if doc.meta.get("converted_from"):
        notes.append(f"converted from {doc.meta['converted_from']} (đã chuyển từ bảng mã {doc.meta['converted_from']})")
    if doc.meta.get("ocr_pages"):
        notes.append(f"{doc.meta['ocr_pages']} page(s) read by OCR ({doc.meta['ocr_pages']} trang nhận dạng OCR)")
    if doc.meta.get("sections"):
        notes.append(f"{doc.meta['sections']} sections (mục/điều)")
    return notes
