"""Quotable sentences: pure functions, property-tested on arbitrary text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.models import Passage
from assistant.sentences import clause_spans, credit_spans, passage_sentences

PIECES = st.sampled_from([*"abc Đđơ.;:!?\n123 ", "Điều 1.", "a) ", " - ", "ông Nguyễn Văn A. ", "gồm: "])
TEXT = st.lists(PIECES, max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(40, 400))
def test_clause_spans_are_ordered_and_lose_no_text(text, limit):
    spans = clause_spans(text, limit)
    end = 0
    for s, e in spans:
        assert end <= s < e <= len(text)
        end = e
    quoted = "".join(text[s:e] for s, e in spans)
    assert "".join(quoted.split()) == "".join(text.split())


def test_long_sentence_is_cut_at_semicolons_and_a_short_marker_joins_what_follows():
    items = "; ".join(f"Đơn vị thứ {i} là Sở Tài nguyên và Môi trường tỉnh số {i}" for i in range(8))
    text = f"Điều 5. {items}."
    spans = clause_spans(text, limit=120)
    assert len(spans) > 1
    assert all(e - s <= 130 for s, e in spans)
    assert text[spans[0][0] : spans[0][1]].startswith("Điều 5. Đơn vị thứ 0")


def test_passage_sentences_carry_tokens_in_the_question_s_form():
    p = Passage(id="c1", source="a.txt", title="t", text="Ủy ban nhân dân tỉnh họp. Ông Nguyễn Văn A chủ trì.", start=0, end=50)
    plain = passage_sentences([p], accented=False)[0]
    assert [s.text for s in plain] == ["Ủy ban nhân dân tỉnh họp.", "Ông Nguyễn Văn A chủ trì."]
    assert "uy" in plain[0].tokens and "chu" in plain[1].tokens
    assert (plain[1].index, plain[1].count) == (1, 2)


CREDITS = [
    ("Ảnh: Thế Trung/TTXVN TỔNG BÍ THƯ TRƯỜNG CHINH - NHÀ LÝ LUẬN XUẤT SẮC.", "Ảnh: Thế Trung/TTXVN"),
    ("Ảnh: H.Dịu Theo văn bản này của VCCI, chính sách tăng phí là chưa hợp lý.", "Ảnh: H.Dịu"),
    ("tại tỉnh Bắc Kạn. (Ảnh: TTXVN) Báo cáo của Tỉnh ủy Bắc Kạn cho biết tình hình ổn định.", "(Ảnh: TTXVN)"),
    ("Ảnh: T.Bình. Theo Cục trưởng Cục Hải quan Hải Phòng, năm nay thu ngân sách đạt kế hoạch.", "Ảnh: T.Bình."),
    ("giá 5 triệu đồng/m2 - Ảnh: Ngọc Tiến Tại buổi làm việc, Bí thư Thành ủy yêu cầu các sở.", "Ảnh: Ngọc Tiến"),
    ("(Nguồn: AFP/TTXVN) Ngày 6/2, người phát ngôn Bộ Ngoại giao Iran khẳng định lập trường.", "(Nguồn: AFP/TTXVN)"),
    ("Nghị quyết 19 - Ảnh minh họa Khác với các năm trước, Nghị quyết có cách tiếp cận mới.", "Ảnh minh họa"),
]


def test_photo_credits_are_found_and_never_quoted():
    for text, credit in CREDITS:
        assert [text[s:e] for s, e in credit_spans(text)] == [credit]
        quoted = [text[s:e] for s, e in clause_spans(text)]
        assert quoted and not any(credit in q or "Ảnh" in q or "Nguồn" in q for q in quoted)
        assert all(q == q.strip(" -") for q in quoted)


def test_what_only_looks_like_a_credit_is_quoted():
    for text in ("Hình ảnh: những bức tranh đẹp về quê hương được trưng bày.", "Nguồn vốn vay ưu đãi được giải ngân kịp thời cho các hộ nghèo."):
        assert credit_spans(text) == []
        assert [text[s:e] for s, e in clause_spans(text)] == [text]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES.elements, "Ảnh: ", "(Ảnh: TTXVN) ", "Nguồn: ", "Ảnh minh họa ", "Hà Nội/TTXVN ", "Bình. "]), max_size=120).map("".join))
def test_spans_are_ordered_trimmed_and_outside_every_credit(text):
    credits = credit_spans(text)
    end = 0
    for s, e in clause_spans(text):
        assert end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        assert not any(a < e and b > s for a, b in credits)
        end = e
