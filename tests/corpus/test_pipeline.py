"""prepare(): documents without structure (news articles) keep exactly the chunks, text,
metadata and chunk ids of the sentence chunker alone, so indexes built before structure-
aware chunking stay valid with no re-embedding."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from corpus.chunking import chunk_document
from corpus.clean import clean
from corpus.models import Document
from corpus.pipeline import prepare
from tests.conftest import SEEDS

NEWS = (
    "Sáng 12/3/2024, Đảng bộ Khối các cơ quan tỉnh tổ chức Hội nghị sơ kết công tác quý I. "
    "Đồng chí Nguyễn Văn A, Bí thư Đảng ủy Khối chủ trì hội nghị. Theo báo cáo, 95% đảng viên hoàn thành tốt nhiệm vụ; "
    "Chi bộ Phòng Tổ chức đã thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng Hồ Chí Minh.\n"
    "Điều đáng chú ý là công tác kiểm tra, giám sát được tăng cường. 1. Các đại biểu thảo luận sôi nổi. "
) * 8
DATA = Path("/work/shared/data/vinews-party.jsonl")


def _old_algorithm_ids(doc: Document, size: int = 900, overlap: int = 150) -> list[tuple[int, int, str, str]]:
    """The chunks of the algorithm before structure-aware chunking (clean -> sentence
    chunker, document metadata only), with ids hashed here as Chunk ids always were."""
    cleaned = clean(doc.text)
    meta = {"title": doc.title or cleaned.title, "date": doc.date or cleaned.date or "", "org": doc.org or cleaned.org or ""}
    spans = cleaned.spans or [(0, len(doc.text))]
    out = []
    for c in chunk_document(doc, spans, size, overlap, meta=meta):
        digest = hashlib.sha256(f"{doc.source}\x00{c.start}\x00{c.text}".encode("utf-8"))
        digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        out.append((c.start, c.end, c.text, digest.hexdigest()[:32]))
    return out


def _new(doc: Document) -> list[tuple[int, int, str, str]]:
    prepared = prepare(doc)
    assert all("section" not in c.meta for c in prepared.chunks)
    assert "sections" not in prepared.document.meta
    return [(c.start, c.end, c.text, c.id) for c in prepared.chunks]


def test_unstructured_news_text_keeps_its_chunk_ids():
    doc = Document(source="tin-001.txt", text=NEWS, title="Sơ kết quý I")
    assert len(_new(doc)) >= 3
    assert _new(doc) == _old_algorithm_ids(doc)


def test_bundled_documents_keep_their_chunk_ids():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document(source=path.name, text=path.read_text(encoding="utf-8"))
        assert _new(doc) == _old_algorithm_ids(doc), path.name


def test_party_articles_keep_their_chunk_ids():
    if not DATA.exists():
        pytest.skip(f"{DATA} absent: the shared party articles are not on this machine")
    with DATA.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(300), fh)]
    for row in rows:
        doc = Document(source=row["id"], text=row["text"], title=row.get("title") or "")
        assert _new(doc) == _old_algorithm_ids(doc), row["id"]
