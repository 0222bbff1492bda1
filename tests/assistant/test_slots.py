"""Slots: the values a question pins down, and texts that contradict them."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.slots import Slot, conflicts, slots
from corpus.text import strip_diacritics


def test_ordinal_words_roman_numerals_and_digits_are_one_value():
    assert Slot(("lan", "thu"), "6") in slots("Hội nghị lần thứ sáu Ban Chấp hành")
    assert Slot(("lan", "thu"), "6") in slots("Hội nghị lần thứ VI Ban Chấp hành")
    assert Slot(("lan", "thu"), "6") in slots("Hội nghị lần thứ 6 Ban Chấp hành")
    assert Slot(("khoa",), "12") in slots("Trung ương Đảng khóa XII họp")


def test_thu_without_its_tone_mark_is_not_an_ordinal_in_accented_text():
    # "thu từ" (revenue from) is not "thứ tư" (fourth)
    assert not any(s.value == "4" for s in slots("tổng giá trị thu từ ngành nông nghiệp"))
    assert Slot(("lan", "thu"), "4") in slots("hoi nghi lan thu tu ban chap hanh")


def test_dates_compare_on_one_form():
    q = slots("Bí thư Tỉnh ủy tiếp đoàn công tác ngày 7-2 là ai?")
    assert conflicts(q, "Ngày 07/02/2017, đồng chí Nguyễn Văn A tiếp đoàn.")[0] == 0
    assert conflicts(q, "Ngày 8/2, đồng chí Nguyễn Văn A tiếp đoàn.") == (1, 0)


def test_another_value_under_the_same_head_contradicts():
    q = slots("Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII họp từ ngày nào?")
    bad, good = conflicts(q, "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII đã họp từ ngày 5-5.")
    assert bad == 1 and good >= 1
    bad, _ = conflicts(q, "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII họp từ ngày 4-10.")
    assert bad == 0


def test_names_under_a_place_word():
    q = slots("Đại sứ quán Việt Nam tại Singapore kỷ niệm ngày thành lập Đảng vào ngày nào?")
    assert conflicts(q, "Ngày 6/2, Đại sứ quán Việt Nam tại Malaysia tổ chức lễ kỷ niệm.")[0] == 1
    assert conflicts(q, "Ngày 6/2, Đại sứ quán Việt Nam tại Singapore tổ chức lễ kỷ niệm.")[0] == 0


def test_a_text_without_the_head_neither_confirms_nor_contradicts():
    q = slots("Năm 2017 xã đạt bao nhiêu tỷ đồng?")
    assert conflicts(q, "Tổng giá trị đạt 145,5 tỷ đồng.") == (0, 0)
    assert conflicts((), "Năm 2016 đạt 145,5 tỷ đồng.") == (0, 0)


_words = st.lists(
    st.sampled_from(["năm", "2017", "lần", "thứ", "sáu", "khóa", "XII", "tỉnh", "Sơn", "La", "đạt", "ngày", "7-2", ",", "."]),
    max_size=20,
).map(" ".join)


@given(_words)
def test_a_text_never_contradicts_itself(text):
    assert conflicts(slots(text), text)[0] == 0


@given(_words, _words)
def test_counts_are_bounded_by_the_questions_slots(question, text):
    q = slots(question)
    bad, good = conflicts(q, text)
    assert 0 <= bad and 0 <= good and bad + good <= len(q)


@given(_words)
def test_heads_are_plain_whatever_the_tone_marks(text):
    for s in slots(text):
        assert all(h == strip_diacritics(h) for h in s.head)
