"""Diacritics of a question typed without them (capitals of one typed all in lower case),
taken back from the retrieved passages."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.restore import restore_diacritics
from corpus.text import strip_diacritics

TEXTS = [
    "Trao đổi kinh nghiệm, Bí thư Huyện ủy Thuận Thành Ngô Tân Phượng (Bắc Ninh) phát biểu.",
    "Tỉnh Bắc Giang đã tổ chức hội nghị. Lá cờ đỏ. Báo cáo của huyện ủy được thông qua.",
    "Năm 2016, Cục Hải quan Hải Phòng thu ngân sách được 50.000 tỷ đồng.",
]


def test_words_take_the_form_the_passages_write_them_with():
    out = restore_diacritics("nam 2016 hai quan hai phong thu ngan sach duoc bao nhieu ty dong", TEXTS)
    assert out == "Năm 2016 Hải quan Hải Phòng thu ngân sách được bao nhiêu tỷ đồng"


def test_a_place_the_passages_do_not_name_stays_as_typed():
    out = restore_diacritics("bi thu huyen uy tan yen (bac giang) la ai", TEXTS)
    assert "tan yen" in out  # not "Tân" of "Ngô Tân Phượng"
    assert "(Bắc Giang)" in out and out.startswith("Bí thư") and out.endswith("là ai")


def test_asking_words_keep_their_asking_reading():
    # the passages write "la" as "Lá" and "bao" as "Báo": the question asks with "là", "bao"
    out = restore_diacritics("la co do la gi", TEXTS)
    assert out.endswith("là gì")
    assert restore_diacritics("bao cao cua huyen uy bao gio thong qua", TEXTS).startswith("Báo cáo của huyện ủy")


def test_capitals_typed_stay_capitals():
    assert restore_diacritics("Chu tich HDND tinh Bac Giang la ai?", ["Chủ tịch HĐND tỉnh Bắc Giang phát biểu."]) == "Chủ tịch HĐND tỉnh Bắc Giang là ai?"


def test_an_accented_question_or_no_passages_change_nothing():
    q = "Bí thư huyện ủy Tân Yên là ai?"
    assert restore_diacritics(q, TEXTS) == q
    assert restore_diacritics("bi thu huyen uy la ai", []) == "Bi thu huyen uy là ai"  # a question begins with a capital


_PLAIN = st.text(alphabet="abcdeghiklmnopqrstuvxy AHD(),?0123456789", max_size=60)
_TEXT = st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạăâđêôơưệốộờủữịỳ ABĐHT.,()\n", max_size=200)


@settings(max_examples=300, deadline=None)
@given(_PLAIN, st.lists(_TEXT, max_size=4))
def test_only_diacritics_and_capitals_change(question, texts):
    out = restore_diacritics(question, texts)
    assert len(out) == len(question)
    assert strip_diacritics(out).lower() == question.lower()
    assert restore_diacritics(out, texts).lower() == out.lower()  # restored again: at most its capitals change


def test_a_question_word_outside_an_asking_phrase_is_read_as_the_passages_write_it():
    texts = ["Ngày 11/6/1948, Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc."]
    out = restore_diacritics("nam 2021 ky niem bao nhieu nam ngay Bac Ho ra loi keu goi thi dua ai quoc", texts)
    assert out.endswith("thi đua ái quốc") and "bao nhiêu" in out


def test_a_word_that_asks_only_in_some_phrases_is_read_as_written_elsewhere():
    texts = ["Nhà máy thủy điện Sơn La khánh thành. Có mấy tổ máy?"]
    assert restore_diacritics("nha may thuy dien son la co may to may", texts).startswith("Nhà máy thủy điện Sơn La có mấy")


def test_a_heading_in_capitals_gives_diacritics_not_capitals():
    texts = ["THÉP ĐÃ TÔI THẾ ĐẤY DO AI SÁNG TÁC", "Thép đã tôi thế đấy là tiểu thuyết của Nikolai Ostrovsky."]
    out = restore_diacritics("thep da toi the day do ai sang tac", texts)
    assert out == "Thép đã tôi thế đấy do ai sáng tác"
    assert restore_diacritics("Chu tich HDND tinh", ["CHỦ TỊCH HĐND TỈNH"]) == "Chủ tịch HĐND tỉnh"


def test_a_lone_word_seen_once_stays_as_typed():
    texts = ["Luật Thanh tra cụ thể hóa Hiến pháp. Luật mới có hiệu lực."]
    assert restore_diacritics("luat thanh tra 2022 thay the luat nao", texts) == "Luật Thanh tra 2022 thay the luật nào"
    assert restore_diacritics("thay the", ["cụ thể", "cụ thể hơn"]) == "Thay thể"


def test_a_question_typed_in_lower_case_takes_back_only_its_capitals():
    texts = ["Bí thư Tỉnh ủy Yên Bái Phạm Thị Thanh Trà chúc mừng Chủ tịch UBND tỉnh Yên Bái Đỗ Đức Duy."]
    assert restore_diacritics("chủ tịch ubnd tỉnh yên bái là ai?", texts) == "Chủ tịch UBND tỉnh Yên Bái là ai?"
    # the diacritics stay as typed (the other tone-mark style too); a capital typed stays
    assert restore_diacritics("Chủ tịch uỷ ban tỉnh yên bái là ai", texts) == "Chủ tịch uỷ ban tỉnh Yên Bái là ai"
    # one capital inside the question: typed with care, left alone
    assert restore_diacritics("chủ tịch tỉnh Yên bái là ai", texts) == "chủ tịch tỉnh Yên bái là ai"


def test_a_roman_numeral_typed_in_lower_case_is_written_in_capitals():
    texts = ["Đại hội Đảng bộ quận lần thứ III diễn ra."]
    assert restore_diacritics("đại hội đảng bộ quận lần thứ ii diễn ra khi nào", texts).endswith("lần thứ II diễn ra khi nào")
    assert restore_diacritics("hoi nghi trung uong khoa xii hop ngay nao", texts) == "Hoi nghi trung uong khoa XII hop ngày nào"
    assert restore_diacritics("điều thú vị là gì", texts) == "điều thú vị là gì"  # "vị" is no numeral
    assert restore_diacritics("bài thứ vi", []) == "Bài thứ VI"


_LOWER = st.text(alphabet="abcdeghiklmnopqrstuvxyàáảãạăâđêôơưệốộờủữịỳ (),?0123456789", max_size=60).filter(lambda q: strip_diacritics(q) != q)


@settings(max_examples=300, deadline=None)
@given(_LOWER, st.lists(_TEXT, max_size=4))
def test_a_question_typed_with_diacritics_changes_only_in_capitals(question, texts):
    out = restore_diacritics(question, texts)
    assert out.lower() == question.lower()
    assert out == question or out[:1] == out[:1].upper()  # written again, a question begins with a capital
