import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from index.store import Store
from index.tokens import build_query, fts_expression, index_fields, syllables


@given(st.text())
def test_tokenisation_never_raises(text):
    acc, plain = index_fields(text)
    assert isinstance(acc, str) and isinstance(plain, str)
    for token in syllables(text):
        assert token and " " not in token


def test_tone_styles_tokenise_alike():
    assert syllables("Tỉnh uỷ, hoà bình, khoá XII") == syllables("Tỉnh ủy, hòa bình, khóa XII")
    assert syllables("95%") == ["95", "phần", "trăm"]


def test_any_question_makes_a_valid_fts_query(tmp_path):
    store = Store(tmp_path / "s.sqlite")

    @given(st.text(max_size=200))
    @settings(max_examples=200, deadline=None)
    def check(text):
        query = build_query(text)
        if query.empty:
            return
        expression = fts_expression(query)
        conn = sqlite3.connect(store.path)
        try:
            conn.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", (expression,)).fetchone()
        finally:
            conn.close()

    check()
