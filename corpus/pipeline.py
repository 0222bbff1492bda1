"""load -> clean -> chunk: one document in, its metadata and chunks out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from corpus.chunking import chunk_document
from corpus.clean import clean
from corpus.metadata import detect_doc_type, detect_issuer
from corpus.models import Chunk, Document
from corpus.structure import heading_spans, outline, single_article_heading, title_article

# What cleaning and chunking make of a document, as a version: part of the digest that
# decides whether an indexed source must be prepared again, so an index built by an
# earlier version is brought up to date by the next `vankien index` (vectors of chunks
# that did not change are reused). Bump it when a change of cleaning or chunking changes
# the chunks of documents already indexed.
PREPARATION = 4  # 2: link labels ("(Xem tiếp)", "Xem thêm: …") left out; 3: an article given on its own opens with its heading, its section; 4: "56/2010/QH12" is a document number (not cut)


@dataclass(frozen=True, slots=True)
class Prepared:
    document: Document
    chunks: list[Chunk]


def prepare(doc: Document, chunk_size: int = 900, chunk_overlap: int = 150) -> Prepared:
    """Clean a loaded document, fill in its metadata and cut it into chunks."""
    heading = title_article(doc.title, doc.text)
    if heading:  # an article given on its own, its heading only in its title: the text opens with it
        doc = replace(doc, text=f"{heading if '.' in heading else heading + '.'}\n{doc.text}")
    cleaned = clean(doc.text)
    meta = dict(doc.meta)
    if cleaned.term:
        meta["term"] = cleaned.term
    if cleaned.doc_numbers:
        meta["doc_numbers"] = ", ".join(cleaned.doc_numbers)
    kind, issuer = detect_doc_type(doc.title, doc.text), detect_issuer(doc.text)
    if kind and "doc_type" not in meta:
        meta["doc_type"] = kind
    if issuer and "issuer" not in meta:
        meta["issuer"] = issuer
    document = replace(
        doc,
        title=doc.title or cleaned.title,
        date=doc.date or cleaned.date,
        org=doc.org or cleaned.org,
        meta=meta,
    )
    chunk_meta = {"title": document.title, "date": document.date or "", "org": document.org or ""}
    spans = cleaned.spans or [(0, len(doc.text))]
    sections = outline(doc.text)
    if sections is None and (article := single_article_heading(doc.text)):
        # one article of a law on its own: every chunk is in it ("Điều 12. …")
        chunk_meta = {**chunk_meta, "section": article.label}
        keep = [(article.start, article.end)]
        chunks = chunk_document(document, spans, chunk_size, chunk_overlap, meta=chunk_meta, keep=keep)
        return Prepared(document, chunks)
    if sections is None:  # no structure: chunks (and their ids) exactly as always
        return Prepared(document, chunk_document(document, spans, chunk_size, chunk_overlap, meta=chunk_meta))
    headings = heading_spans(doc.text)
    chunks: list[Chunk] = []
    for section in sections:
        inside = [(max(s, section.start), min(e, section.end)) for s, e in spans if s < section.end and e > section.start]
        if not inside:
            continue
        meta_of_section = {**chunk_meta, "section": section.path} if section.path else chunk_meta
        chunks.extend(chunk_document(document, inside, chunk_size, chunk_overlap, meta=meta_of_section, keep=headings))
    document = replace(document, meta={**document.meta, "sections": sum(s.path is not None for s in sections)})
    return Prepared(document, chunks)


def embedding_text(chunk: Chunk) -> str:
    """What is embedded (and keyword-indexed) for a chunk: its document title and, in a
    structured document, its heading path for context, then its text."""
    head = [chunk.meta.get("title") or "", chunk.meta.get("section") or ""]
    head = [h for h in head if h and h not in chunk.text]
    return "\n".join([*head, chunk.text]) if head else chunk.text


# metadata that says what reading a document took (reported per file)
READ_KEYS = ("converted_from", "ocr_pages", "ocr_missing_pages", "sections", "doc_type", "issuer")


def document_notes(doc: Document) -> list[str]:
    """What reading a document took, for index reports and the upload list (English and
    Vietnamese): legacy encoding converted, pages read by OCR, sections found."""
    notes = []
    if doc.meta.get("converted_from"):
        notes.append(f"converted from {doc.meta['converted_from']} (đã chuyển từ bảng mã {doc.meta['converted_from']})")
    if doc.meta.get("ocr_pages"):
        notes.append(f"{doc.meta['ocr_pages']} page(s) read by OCR ({doc.meta['ocr_pages']} trang nhận dạng OCR)")
    if doc.meta.get("ocr_missing_pages"):
        n = doc.meta["ocr_missing_pages"]
        notes.append(f"{n} page(s) without text not read, needs OCR: install tesseract-ocr-vie ({n} trang chưa đọc, cần OCR)")
    if doc.meta.get("sections"):
        notes.append(f"{doc.meta['sections']} sections (mục/điều)")
    return notes
