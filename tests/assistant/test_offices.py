"""The office a who-question asks about, and the sentences that name its holder (pure functions)."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from assistant.answer_types import persons
from assistant.offices import asked_offices, holder_span, office_holder
from assistant.question_info import tokens_of
from corpus.text import normalize_for_match, strip_diacritics

STOP = {"là", "ai", "la", "gì", "gi", "tên"}

EVENT = (
    "Ngày 5/7, Đoàn kiểm tra của Ban Bí thư Trung ương Đảng do đồng chí Võ Văn Thưởng, Ủy viên Bộ Chính trị, "
    "Bí thư Trung ương Đảng làm trưởng đoàn đã làm việc với Ban Thường vụ Tỉnh ủy Hưng Yên."
)
HOLDER = "Báo cáo tại buổi làm việc, Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ cho biết: việc triển khai được thực hiện nghiêm túc."
CHAIN = "Thượng tướng Lương Cường, Bí thư T.Ư Đảng, Ủy viên Thường vụ Quân ủy T.Ư, Chủ nhiệm Tổng cục Chính trị QĐND Việt Nam;"
TWO = "Ngoài ra, ông Trần Hữu Sáu, Phó bí thư Đảng ủy xã và ông Lê Văn Nhân, Chủ tịch HĐND xã cũng là bà con."


def holder(question: str, text: str) -> float:
    accented = strip_diacritics(question) != question
    toks = tokens_of(question, accented)
    offices = asked_offices(toks, set(toks) - STOP, accented)
    return office_holder(offices, text, normalize_for_match(question), accented)


def test_the_office_with_the_next_word_of_the_question():
    toks = tokens_of("Giám đốc Sở Xây dựng TP.HCM là ai?", True)
    assert asked_offices(toks, set(toks) - STOP, True) == [(("giám", "đốc"), ("giám", "đốc", "sở"))]


def test_the_office_with_the_body_the_question_names_in_two_words():
    # "Thành ủy", "Tỉnh ủy", "Đảng ủy" (place_cues, name_heads): "Bí thư Thành" would be "Bí thư Thành đoàn" too
    toks = tokens_of("Bí thư Tỉnh ủy Hưng Yên là ai?", True)
    assert asked_offices(toks, set(toks) - STOP, True) == [(("bí", "thư"), ("bí", "thư", "tỉnh", "ủy"))]
    youth = "Ông Nguyễn Mạnh Cường, Bí thư Thành đoàn TP.HCM được Thành ủy TP.HCM điều động giữ chức Bí thư Quận ủy Thủ Đức."
    party = "Ngày 10/5/2017, ông Nguyễn Thiện Nhân được Bộ Chính trị phân công giữ chức Bí thư Thành ủy TP Hồ Chí Minh."
    assert holder("Ai là Bí thư Thành ủy TP.HCM?", party) > holder("Ai là Bí thư Thành ủy TP.HCM?", youth)
    assert holder("ai la bi thu thanh uy tp hcm", party) > holder("ai la bi thu thanh uy tp hcm", youth)


def test_a_deputy_title_is_asked_as_the_deputys():
    toks = tokens_of("Phó Chủ nhiệm Tổng cục Chính trị là ai?", True)
    (title, _), = asked_offices(toks, set(toks) - STOP, True)
    assert title == ("phó", "chủ", "nhiệm")


def offices_of(question: str) -> list[tuple[str, ...]]:
    toks = tokens_of(question, True)
    q_names = [tuple(tokens_of(n, True)) for n in persons(question)]
    return [title for title, _ in asked_offices(toks, set(toks) - STOP, True, q_names)]


def test_a_title_in_the_name_of_a_body_is_not_asked_about():
    assert offices_of("Ban Bí thư chỉ định ai làm Phó Bí thư Tỉnh ủy Lào Cai?") == [("phó", "bí", "thư")]
    assert offices_of("Chủ nhiệm Văn phòng Chủ tịch nước là ai?") == [("chủ", "nhiệm")]


def test_a_title_before_a_name_the_question_gives_is_not_asked_about():
    assert offices_of("Bí thư Tỉnh ủy Nam Định báo cáo với Tổng Bí thư Nguyễn Phú Trọng là ai?") == [("bí", "thư")]


def test_a_title_after_cua_is_whose_when_another_office_is_asked():
    q = "Chánh Văn phòng Trung ương đi cùng đoàn công tác của Tổng Bí thư về Nam Định là ai?"
    assert set(offices_of(q)) == {("chánh", "văn", "phòng")}  # with "trung ương" and with "tw"
    # alone, the office after "của" is still the one asked about
    assert offices_of("Vợ của Tổng Bí thư là ai?") == [("tổng", "bí", "thư")]


def test_an_abbreviation_after_the_title_matches_its_expansion_and_back():
    q = "Chánh Văn phòng TW đi cùng đoàn công tác về Nam Định là ai?"
    assert holder(q, "Nguyễn Văn Nên, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương;") == 1.0
    q = "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái là ai?"
    assert holder(q, "Ông Đỗ Đức Duy, Chủ tịch UBND tỉnh Yên Bái phát biểu.") == 1.0
    assert holder("chu tich uy ban nhan dan tinh yen bai la ai", "Ông Đỗ Đức Duy, Chủ tịch UBND tỉnh Yên Bái phát biểu.") == 1.0
    # another body's chief keeps the bare title's half
    assert holder(q, "Ông Phạm Văn A, Chủ tịch HĐND tỉnh Yên Bái phát biểu.") == 0.5


def test_forms_of_address_are_no_office():
    toks = tokens_of("Ông Nguyễn Văn A là ai?", True)
    assert asked_offices(toks, set(toks) - STOP, True) == []


def test_the_holder_of_the_office_beats_the_event():
    q = "Bí thư Tỉnh ủy Hưng Yên báo cáo với đoàn kiểm tra là ai?"
    assert holder(q, HOLDER) == 1.0
    assert holder(q, EVENT) == 0.5  # a "Bí thư" (of another body) next to a name
    assert holder(q, "Ban Thường vụ Tỉnh ủy Hưng Yên họp sáng nay.") == 0.0


def test_questions_typed_without_diacritics():
    q = "bi thu tinh uy hung yen bao cao voi doan kiem tra la ai"
    assert holder(q, HOLDER) == 1.0
    assert holder(q, EVENT) == 0.5


def test_a_name_before_a_chain_of_titles():
    assert holder("Chủ nhiệm Tổng cục Chính trị là ai?", CHAIN) == 1.0


def test_the_chief_is_not_the_deputy_and_the_deputy_not_the_chief():
    assert holder("Phó Bí thư Đảng ủy xã là ai?", TWO) == 1.0
    assert holder("Bí thư Đảng ủy xã là ai?", TWO) == 0.0
    assert holder("Phó Chủ nhiệm Tổng cục Chính trị là ai?", CHAIN) == 0.0


def test_a_name_after_a_form_of_address_is_a_person_even_when_it_begins_like_a_body():
    text = "Thay mặt lãnh đạo địa phương, đồng chí Đoàn Hồng Phong, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nam Định đã nêu lên kết quả."
    assert holder("Bí thư Tỉnh ủy Nam Định là ai?", text) == 1.0


def test_a_name_the_question_holds_is_not_an_answer():
    assert holder("Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ là ai?", HOLDER) == 0.0


def test_a_name_in_another_clause_does_not_hold_the_office():
    assert holder("Chủ tịch HĐND xã là ai?", "Ông Lê Văn Nhân đọc diễn văn; Chủ tịch HĐND xã phát biểu.") == 0.0


@given(st.text(max_size=200))
def test_any_text_gives_one_of_the_three_values(text):
    assert holder("Bí thư Tỉnh ủy Hưng Yên là ai?", text) in (0.0, 0.5, 1.0)
    no_title = re.sub("(?i)thư", "", unicodedata.normalize("NFC", text))
    assert holder("Bí thư Tỉnh ủy Hưng Yên là ai?", no_title) == 0.0  # no title, no holder


def test_the_span_of_the_holder_is_the_name_next_to_the_office():
    text = (
        "Cùng dự có Phó Chủ tịch nước Đặng Thị Ngọc Thịnh cùng các đồng chí: Nguyễn Văn Nên, Bí thư Trung ương Đảng; "
        "Đào Việt Trung, Chủ nhiệm Văn phòng Chủ tịch nước; Mai Tiến Dũng, Chủ nhiệm Văn phòng Chính phủ."
    )
    q = "Chủ nhiệm Văn phòng Chủ tịch nước là ai?"
    toks = tokens_of(q, True)
    offices = asked_offices(toks, set(toks) - STOP, True)
    s, e = holder_span(offices, text, normalize_for_match(q), True)
    assert text[s:e] == "Đào Việt Trung"
    assert holder_span(offices, "Văn phòng Chủ tịch nước tổ chức gặp mặt.", normalize_for_match(q), True) is None


def test_a_name_run_together_with_the_end_of_the_office_holds_it():
    """"Tổng thống Philippines Rodrigo Roa Duterte" is one capitalised run: the name is what
    follows the office's words, not the person named before it."""
    text = "Ngày 11/10, Thủ tướng Nguyễn Xuân Phúc đã gặp song phương với Tổng thống Philippines Rodrigo Roa Duterte tại Bali."
    q = "Ai là tổng thống Philippines?"
    toks = tokens_of(q, True)
    offices = asked_offices(toks, set(toks) - STOP, True)
    s, e = holder_span(offices, text, normalize_for_match(q), True)
    assert text[s:e] == "Rodrigo Roa Duterte"
    assert holder(q, text) == 1.0
