import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.query import abbreviations, expand_abbreviations, guess_language, is_follow_up, understand, without_courtesy


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "???", None, 42])
def test_empty_or_non_text_questions_are_refused(bad):
    with pytest.raises(InputError):
        understand(bad)


def test_too_long_question_is_refused_with_sizes():
    with pytest.raises(InputError) as err:
        understand("Ai là Bí thư? " * 10_000, max_chars=2000)
    assert "2,000" in err.value.message


def test_control_characters_removed():
    q = understand("Ai\x07 là\x1b Bí thư\x00?")
    assert q.question == "Ai là Bí thư?"


@given(st.text(max_size=300))
def test_understand_never_raises_anything_but_input_error(text):
    try:
        understand(text)
    except InputError:
        pass


def test_abbreviations_both_ways():
    assert "ủy ban nhân dân" in expand_abbreviations("Chánh Văn phòng UBND tỉnh")
    assert "ubnd" in expand_abbreviations("Chánh Văn phòng Ủy ban nhân dân tỉnh")
    assert "tài nguyên và môi trường" in expand_abbreviations("Bộ TN&MT")
    assert "ban chấp hành" in expand_abbreviations("BCH Đảng bộ Khối")
    assert "ủy viên thường vụ" in expand_abbreviations("UVTV Tỉnh uỷ")


def test_abbreviations_measured_on_the_news_corpus_count_too():
    # not in the hand-written table: abbreviations_mined.tsv (python -m eval.abbreviations)
    assert "bảo hiểm xã hội" in expand_abbreviations("Giám đốc BHXH tỉnh")
    assert "lđlđ" in expand_abbreviations("Liên đoàn Lao động tỉnh Hưng Yên")
    pairs = dict(abbreviations())
    assert pairs["TW"] == "trung ương"  # the hand-written table comes first
    assert len([a for a, _ in abbreviations() if a == "TN&MT"]) == 1


def test_a_question_gains_measured_abbreviations_of_its_names_only_one_way():
    # a sentence saying "Việt Nam" matches a question's "VN"; a question saying "Việt Nam"
    # does not search "VN" too (rare in the texts, it only adds noise)
    assert "vn" in expand_abbreviations("Đội tuyển bóng đá Việt Nam")
    assert "vn" not in understand("Ai là chủ tịch Liên đoàn bóng đá Việt Nam?").expansions
    assert "bảo hiểm xã hội" in understand("Giám đốc BHXH tỉnh là ai?").expansions
    assert "ubnd" in understand("Chủ tịch Ủy ban nhân dân tỉnh là ai?").expansions  # hand-written: both ways


def test_follow_up_uses_the_earlier_question():
    q = understand("Ai được bầu làm Bí thư tại đại hội đó?", ["Chi bộ Văn phòng Sở 2 tổ chức Đại hội ngày nào?"])
    assert q.context.startswith("Chi bộ Văn phòng Sở 2")
    assert "Văn phòng Sở 2" in q.search_text
    fresh = understand("Ai là Bí thư Chi bộ Văn phòng?", ["Thời tiết thế nào?"])
    assert fresh.context == ""
    assert is_follow_up("Còn Phó Bí thư thì sao?")


def test_language_and_accents():
    assert guess_language("Who is the party secretary of the office?") == "en"
    assert guess_language("Ai la Bi thu Chi bo?") == "vi"
    assert guess_language("谁是党委书记？") == "other"
    assert understand("ai la bi thu").accented is False


def test_clauses_and_points_named_by_the_question_first_then_by_the_earlier_one():
    q = understand("Khoản 2 Điều 47 Luật Thanh tra quy định gì?")
    assert (q.articles, q.clauses, q.points) == (("47",), ("2",), ())
    follow_up = understand("Còn khoản 3 thì sao?", history=["Khoản 2 Điều 47 Luật Thanh tra quy định gì?"])
    assert (follow_up.articles, follow_up.clauses) == (("47",), ("3",))  # the article from before, its own clause
    same_clause = understand("Còn điểm b thì sao?", history=["Điểm a khoản 1 Điều 47 quy định gì?"])
    assert (same_clause.clauses, same_clause.points) == (("1",), ("b",))


@pytest.mark.parametrize(
    "asked, meant",
    [
        ("Cho tôi hỏi, ai là Bí thư Đảng ủy?", "ai là Bí thư Đảng ủy?"),
        ("Xin hỏi: Chi bộ có bao nhiêu đảng viên ạ?", "Chi bộ có bao nhiêu đảng viên?"),
        ("Bạn ơi, cho mình hỏi ai chủ trì hội nghị ạ", "ai chủ trì hội nghị"),
        ("Chào bạn. Tôi muốn biết Nghị quyết 19 ban hành ngày nào nhé?", "Nghị quyết 19 ban hành ngày nào?"),
        ("cho toi hoi ai la bi thu", "ai la bi thu"),  # typed without diacritics too
        ("Cho biết ngày tổ chức đại hội của hai chi bộ", "Cho biết ngày tổ chức đại hội của hai chi bộ"),  # asks: kept
        ("Chi bộ nào hỏi ý kiến đảng viên?", "Chi bộ nào hỏi ý kiến đảng viên?"),
        ("Cho tôi hỏi", "Cho tôi hỏi"),  # nothing else would be left
    ],
)
def test_what_asks_politely_is_left_out(asked, meant):
    assert without_courtesy(asked) == meant


def test_understand_reads_the_question_without_its_courtesy():
    q = understand("Cho em hỏi ai là Bí thư Chi bộ Văn phòng Sở 2 ạ?", ["Xin hỏi: Đại hội Chi bộ Văn phòng Sở 2 họp ngày nào?"])
    assert q.question == "ai là Bí thư Chi bộ Văn phòng Sở 2?"
    assert "hỏi" not in q.search_text.split()
    follow = understand("Còn Phó Bí thư ạ?", ["Cho tôi hỏi, ai là Bí thư Chi bộ Văn phòng Sở 2?"])
    assert follow.question == "Còn Phó Bí thư?" and follow.context == "ai là Bí thư Chi bộ Văn phòng Sở 2?"


_POLITE = st.sampled_from(["Cho tôi hỏi, ", "Xin hỏi: ", "Bạn ơi, ", "cho minh hoi ", ""])


@given(_POLITE, st.text(max_size=60), st.sampled_from(["", " ạ", " ạ?", " nhé", "?"]))
def test_courtesy_left_out_leaves_the_rest_of_the_question(lead, text, tail):
    asked = lead + text + tail
    out = without_courtesy(asked)
    assert len(out) <= len(asked) and without_courtesy(out) == out
    assert any(c.isalnum() for c in out) or out == asked
    assert out.rstrip("?") in asked


def test_both_tone_mark_styles_are_searched_alike():
    old, new = understand("Ai là Bí thư Đảng uỷ, Chủ tịch tập đoàn Hoà Phát?"), understand("Ai là Bí thư Đảng ủy, Chủ tịch tập đoàn Hòa Phát?")
    assert old.search_text == new.search_text  # the dense search reads the same text
    assert old.question != new.question  # the question stays as typed
