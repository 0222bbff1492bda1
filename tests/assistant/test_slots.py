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


def test_a_date_in_words_is_the_same_date_in_figures():
    q = tuple(s for s in slots("Chỉ thị của Thủ tướng ngày 05/9/2016 có số hiệu gì?") if s.kind == "number")
    assert conflicts(q, "Chỉ thị số 26/CT-TTg ngày 05 tháng 9 năm 2016 của Thủ tướng") == (0, 1)
    assert conflicts(q, "Chỉ thị số 27/CT-TTg ngày 15 tháng 9 năm 2016 của Thủ tướng")[0] == 1
    assert Slot(("ngay",), "3/2") in slots("ngay 3 thang 2 doan den")
    assert Slot(("ngay",), "3/2") in slots("Họp xong. Ngày 3 tháng 2, đoàn đến")  # at a sentence's start
    assert Slot(("thang",), "9/2016") in slots("trong tháng 9 năm 2016")
    # "5 tháng" without "ngày" or a year is a duration, not a date
    assert Slot(("co",), "5") in slots("năm nay có 5 tháng 2 lần mưa")


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


def test_a_value_the_question_gives_the_same_head_elsewhere_is_no_rival():
    q = slots("Bí thư Quận ủy quận 2 báo cáo với đoàn của Bí thư Thành ủy Đinh La Thăng ngày 7-2 là ai?")
    assert conflicts(q, "Tại quận 2, Bí thư Quận ủy cho biết.")[0] == 0
    # a value the question does not give still rivals
    assert conflicts(q, "Tại quận 2, Bí thư Huyện ủy cho biết.")[0] == 1
    # one value under the head: as before
    assert conflicts(slots("Bí thư Thành ủy là ai?"), "Bí thư Quận ủy Nguyễn Hoài Nam cho biết.")[0] == 1


def test_a_persons_name_rivals_only_a_persons_name():
    q = slots("Vợ của Bí thư Đảng ủy xã Quế Long Đỗ Đình Hùng giữ chức vụ gì?")
    assert next(s for s in q if s.value == "dang").person is False
    # "Bí thư Đảng ủy …" (a body) is not contradicted by "Bí thư Đỗ Đình Hùng" (a person)
    assert conflicts(q, "Vợ của Bí thư Đỗ Đình Hùng là bà Lê Thị Thanh Hoàng.")[0] == 0
    q = slots("Phát biểu của Bí thư Nguyễn Văn Bình tại hội nghị là gì?")
    assert next(s for s in q if s.value == "nguyen van binh").person is True
    assert conflicts(q, "Bí thư Lê Hoàng Anh phát biểu tại hội nghị.")[0] == 1
    assert conflicts(q, "Bí thư Tỉnh ủy phát biểu tại hội nghị.")[0] == 0


def test_names_under_a_place_word():
    q = slots("Đại sứ quán Việt Nam tại Singapore kỷ niệm ngày thành lập Đảng vào ngày nào?")
    assert conflicts(q, "Ngày 6/2, Đại sứ quán Việt Nam tại Malaysia tổ chức lễ kỷ niệm.")[0] == 1
    assert conflicts(q, "Ngày 6/2, Đại sứ quán Việt Nam tại Singapore tổ chức lễ kỷ niệm.")[0] == 0


def test_names_rival_only_names_that_share_no_syllable():
    q = slots("Tân Bí thư Thành ủy TP HCM Nguyễn Thiện Nhân sinh ngày nào?")
    assert conflicts(q, "Ông Nguyễn Thiện Nhân giữ chức Bí thư Thành ủy TP Hồ Chí Minh.")[0] == 0
    q = slots("Đại hội Đảng bộ tỉnh Sơn La diễn ra khi nào?")
    assert conflicts(q, "Đại hội Đảng bộ tỉnh Bắc Kạn diễn ra sáng nay.")[0] == 1


def test_an_abbreviation_is_not_contradicted_by_its_expansion():
    q = slots("Nghị quyết yêu cầu Bộ VHTTDL phối hợp với Bộ Công an làm gì?")
    assert conflicts(q, "Chính phủ yêu cầu Bộ Văn hóa, Thể thao và Du lịch phối hợp với Bộ Công an.")[0] == 0
    q = slots("Hội nghị TW lần thứ 8 họp từ ngày nào?")
    assert conflicts(q, "Tại Hội nghị Trung ương lần thứ 8 (từ ngày 10 đến 19-5-1941).")[0] == 0


def test_a_function_word_heads_no_name_but_a_place_word_does():
    q = slots("Nghị quyết của Bộ Chính trị ngày 02/6/2005 là nghị quyết nào?")
    assert conflicts(q, "Nghị quyết số 03 của TAND tối cao được ban hành ngày 02/6/2005.")[0] == 0
    q = slots("Lễ kỷ niệm ở Singapore diễn ra khi nào?")
    assert conflicts(q, "Lễ kỷ niệm ở Malaysia diễn ra ngày 6/2.")[0] == 1


def test_a_value_compared_against_contradicts_nothing():
    q = slots("Năm 2016 xã thu từ nông nghiệp bao nhiêu tiền?")
    assert conflicts(q, "Tổng giá trị đạt 145,5 tỷ đồng, tăng 46,2 tỷ đồng so với năm 2015.")[0] == 0
    assert conflicts(q, "Năm 2015 tổng giá trị đạt 99 tỷ đồng.")[0] == 1


def test_a_value_compared_against_confirms_nothing():
    q = slots("Năm 2016 Tổng cục Hải quan thu ngân sách được bao nhiêu tỷ đồng?")
    text = "Năm 2017, Tổng cục Hải quan được giao dự toán thu 285.000 tỷ đồng, tăng 5,6% so với dự toán 2016."
    assert conflicts(q, text)[0] == 1  # 2016 only as what 2017 is compared against
    assert conflicts(q, "Năm 2016, Tổng cục Hải quan thu 270.000 tỷ đồng, tăng so với năm 2015.")[0] == 0
    # said once compared against and once plainly: held
    assert conflicts(q, "Năm 2016 thu 270.000 tỷ đồng; năm 2017 tăng 5,6% so với năm 2016.")[0] == 0


def test_a_number_is_not_contradicted_by_a_name_under_the_same_head():
    q = slots("Trường Cao đẳng Phát thanh - Truyền hình II tuyển bao nhiêu sinh viên?")
    assert conflicts(q, "Trường Cao đẳng Phát thanh - Truyền hình Hà Nội tuyển 500 sinh viên.")[0] == 0
    assert conflicts(q, "Trường Cao đẳng Phát thanh - Truyền hình I tuyển 500 sinh viên.")[0] == 1


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


def test_a_line_break_parts_a_head_from_what_follows():
    # an article's heading, then its first clause: "thanh tra" is not given the value 1
    found = slots("Điều 60. Đoàn thanh tra\n1. Đoàn thanh tra được thành lập")
    assert [(s.head, s.value) for s in found] == [(("dieu",), "60")]
    assert conflicts(slots("Luật Thanh tra 2022 quy định về Đoàn thanh tra tại điều nào?"), "Điều 60. Đoàn thanh tra\n1.")[0] == 0
    assert conflicts(slots("Luật Thanh tra 2022 quy định gì?"), "Luật Thanh tra 2010 quy định")[0] == 1  # on one line it still rivals
