"""Quotable sentences: pure functions, property-tested on arbitrary text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.models import Passage
from assistant.sentences import clause_spans, passage_sentences

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
