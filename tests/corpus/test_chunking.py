import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.chunking import chunk_document, split_sentences
from corpus.clean import clean
from corpus.models import Document
from tests.conftest import SEEDS

SENTENCE = st.builds(
    lambda words, end: " ".join(words).capitalize() + end,
    st.lists(st.sampled_from(["chi", "bộ", "Đảng", "ủy", "05-CT/TW", "nhiệm", "kỳ", "2020", "TP.", "đồng", "chí", "X"]), min_size=1, max_size=30),
    st.sampled_from([".", "!", "?", ";", ""]),
)


@given(st.text(max_size=3000), st.integers(100, 1500), st.integers(0, 99))
@settings(max_examples=150, deadline=None)
def test_chunk_offsets_map_back_on_any_text(text, size, overlap):
    doc = Document(source="x.txt", text=text)
    spans = clean(text).spans or [(0, len(text))]
    for chunk in chunk_document(doc, spans, chunk_size=size, chunk_overlap=overlap):
        assert 0 <= chunk.start <= chunk.end <= len(text)
        original = text[chunk.start : chunk.end]
        # every piece of the chunk text stands, in order, in the original span
        pos = 0
        for piece in chunk.text.split("\n"):
            for part in piece.split(" "):
                found = original.find(part, pos)
                assert found >= 0, (part, original)
                pos = found + len(part)


@given(st.lists(SENTENCE, min_size=1, max_size=40))
@settings(max_examples=100, deadline=None)
def test_sentences_never_cut_a_document_number(sentences):
    text = " ".join(sentences)
    for span in split_sentences(text):
        piece = text[span.start : span.end]
        assert not piece.startswith(("CT/TW", "/TW", "-CT"))


def test_chunks_are_whole_sentences_with_overlap():
    text = (SEEDS / "003_867808e4786f0d5e.txt").read_text(encoding="utf-8")
    doc = Document(source="003.txt", text=text)
    spans = clean(text).spans
    chunks = chunk_document(doc, spans, chunk_size=600, chunk_overlap=150)
    assert len(chunks) > 5
    kept = {i for s, e in spans for i in range(s, e)}
    overlapping = 0
    for a, b in zip(chunks, chunks[1:]):
        overlapping += b.start < a.end
        # nothing worth embedding lies between two consecutive chunks
        assert all(text[i].isspace() or i not in kept for i in range(a.end, b.start))
        assert a.text[-1] in ".…;:!?\"”)" or a.text[-1].isalnum()
    assert overlapping >= 3
    assert all(len(c.text) <= 600 for c in chunks)


def test_chunk_ids_are_content_hashes():
    doc = Document(source="a.txt", text="Câu một. Câu hai dài hơn một chút. Câu ba.")
    first = chunk_document(doc, [(0, len(doc.text))], chunk_size=100, chunk_overlap=0)
    again = chunk_document(doc, [(0, len(doc.text))], chunk_size=100, chunk_overlap=0)
    assert [c.id for c in first] == [c.id for c in again]
    other = chunk_document(Document(source="b.txt", text=doc.text), [(0, len(doc.text))], 100, 0)
    assert first[0].id != other[0].id


def test_abbreviations_do_not_end_sentences():
    text = "Đồng chí đến TP. Hồ Chí Minh ngày 5. Sau đó ThS. Nguyễn Văn A phát biểu."
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    assert pieces[0] == "Đồng chí đến TP. Hồ Chí Minh ngày 5."
    assert pieces[1].startswith("Sau đó ThS. Nguyễn Văn A")


def test_bad_sizes_rejected():
    doc = Document(source="a.txt", text="Một câu.")
    with pytest.raises(ValueError):
        chunk_document(doc, [(0, 8)], chunk_size=10, chunk_overlap=0)
    with pytest.raises(ValueError):
        chunk_document(doc, [(0, 8)], chunk_size=200, chunk_overlap=200)


def test_an_abbreviation_after_a_bracket_does_not_end_a_sentence():
    text = "Nhiều trường ở quận Hải Châu (TP. Đà Nẵng) đã thiếu học sinh. Cử tri (P. Trung Liệt) phát biểu."
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    assert pieces == ["Nhiều trường ở quận Hải Châu (TP. Đà Nẵng) đã thiếu học sinh.", "Cử tri (P. Trung Liệt) phát biểu."]


def test_a_sentence_goes_on_after_a_short_parenthesis():
    text = "Lê Phước Vũ (sinh năm 1963 tại Quy Nhơn, Bình Định. Quê cha mẹ ở Điện Bàn) là Chủ tịch Tập đoàn Hoa Sen. Ông sinh ra ở miền Trung."
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    assert pieces[0].startswith("Lê Phước Vũ (sinh") and pieces[0].endswith("Tập đoàn Hoa Sen.")
    assert pieces[1] == "Ông sinh ra ở miền Trung."
    # a bracket left open, or closed only on another line, cuts as before
    opened = "Hội nghị (kéo dài. Sau đó đại biểu về.\nHết)."
    assert [opened[s.start : s.end] for s in split_sentences(opened)][:2] == ["Hội nghị (kéo dài.", "Sau đó đại biểu về."]


PIECES = st.lists(
    st.sampled_from(["Câu một.", "(sinh ở Huế. Quê Hà Nội)", "Ông A", "đi.", "(kéo dài.", "Hết)", "\n", "(TP. Vinh)", "Số 5."]),
    max_size=12,
).map(" ".join)


@given(PIECES, st.integers(0, 40))
def test_a_window_splits_like_the_text_cut_there(text, start):
    """Sentences of ``text[start:]`` found in place (offsets into the whole text) are those
    of the cut text, shifted: brackets are read within the window."""
    start = min(start, len(text))
    inside = [(s.start, s.end) for s in split_sentences(text, start)]
    cut = [(s.start + start, s.end + start) for s in split_sentences(text[start:])]
    assert inside == cut
