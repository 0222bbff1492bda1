"""The span the chat emphasises in an answer (pure functions)."""

from assistant.query import understand
from assistant.question_info import analyse_question
from assistant.spans import answer_span


def span(question: str, text: str) -> str | None:
    info = analyse_question(understand(question), lambda terms: ({t: 1 for t in terms}, 10))
    found = answer_span(info, text)
    return text[found[0] : found[1]] if found else None


def test_the_number_of_the_asked_unit_not_the_first_number():
    text = "Đảng bộ quận có 7 đảng bộ cơ sở với 4.690 đảng viên."
    assert span("Đảng bộ quận 2 có bao nhiêu đảng viên?", text) == "4.690 đảng viên"


def test_a_number_inside_a_date_is_no_answer_to_how_many():
    assert span("Tên lửa bay được bao nhiêu km?", "Ngày 14/5, tên lửa bay được 700 km rồi rơi xuống biển.") == "700 km"


def test_a_percentage_keeps_its_sign():
    assert span("Bao nhiêu phần trăm ý kiến đồng tình?", "Có 78% ý kiến đồng tình với đề xuất.") == "78%"


def test_a_date_with_its_day_and_the_end_of_its_range():
    assert span("Hội nghị họp từ ngày nào?", "Hội nghị họp từ ngày 10 đến 19-5-1941 tại Pác Bó.") == "ngày 10 đến 19-5-1941"
    assert span("Hội nghị diễn ra ngày nào?", "Năm nay, hội nghị lần thứ hai diễn ra ngày 17/5 tại Hà Nội.") == "ngày 17/5"


def test_a_date_the_question_holds_is_not_the_answer():
    text = "Năm 2017, hội nghị diễn ra vào ngày 17/5 tại Hà Nội."
    assert span("Hội nghị năm 2017 diễn ra vào ngày nào?", text) == "ngày 17/5"


def test_an_abbreviation_is_not_a_person():
    text = "Ủy viên Bộ Chính trị, Bí thư T.Ư Đảng, ông Nguyễn Văn An phát biểu tại TP HCM."
    assert span("Ai phát biểu tại hội nghị?", text) == "Nguyễn Văn An"


def test_no_typed_answer_no_span():
    assert span("Nghị quyết nói gì về cán bộ?", "Nghị quyết yêu cầu đổi mới công tác cán bộ.") is None


def test_a_date_in_words_whole():
    text = "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2023."
    assert span("Luật Thanh tra 2022 có hiệu lực thi hành từ ngày nào?", text) == "ngày 01 tháng 7 năm 2023"
    assert span("Hiến pháp được thông qua ngày nào?", "Hiến pháp được Quốc hội thông qua ngày 28 tháng 11 năm 2013.") == "ngày 28 tháng 11 năm 2013"
    assert span("Đại hội họp vào tháng nào?", "Đại hội họp vào tháng 9 năm 2016 tại Hà Nội.") == "tháng 9 năm 2016"


def test_a_number_in_words_with_the_asked_unit():
    text = "Điều 27. Công dân đủ mười tám tuổi trở lên có quyền bầu cử."
    assert span("Công dân đủ bao nhiêu tuổi thì có quyền bầu cử?", text) == "mười tám tuổi"
    assert span("quoc hoi hop moi nam may ky", "Quốc hội họp thường lệ mỗi năm hai kỳ.") == "hai kỳ"
    # "từ" is not "tư" (four): no number in words before "ngày" here
    assert span("Thời hạn thanh tra là bao nhiêu ngày?", "Thời hạn tính từ ngày công bố, không quá 45 ngày.") == "45 ngày"


def test_a_reference_to_an_article_is_no_quantity():
    assert span("Hội đồng có bao nhiêu thành viên?", "Theo khoản 2 Điều 8, hội đồng có 7 người.") == "7"


def test_who_emphasises_no_piece_of_a_title_or_an_abbreviation():
    # no person-like name here: better no emphasis than "Ư Đảng" or "Tổng Bí"
    assert span("Chủ nhiệm Tổng cục Chính trị là ai?", "Đồng chí là Ủy viên T.Ư Đảng, Chủ nhiệm Tổng cục Chính trị.") is None
    assert span("Ai dẫn đầu đoàn?", "Đoàn do Tổng Bí thư dẫn đầu.") is None
    assert span("Ai dẫn đầu đoàn?", "Đoàn do Tổng Bí thư Nguyễn Phú Trọng dẫn đầu.") == "Nguyễn Phú Trọng"


def test_a_length_of_time_with_its_unit():
    text = "1. Trong thời hạn 05 ngày làm việc kể từ ngày nhận được báo cáo, người ra quyết định giao Trưởng đoàn."
    assert span("Sau khi nhận báo cáo, trong bao lâu người ra quyết định phải giao Trưởng đoàn?", text) == "05 ngày làm việc"
    text = "2. Sáu mươi ngày trước khi Quốc hội hết nhiệm kỳ, Quốc hội khoá mới phải được bầu xong."
    assert span("Quốc hội khóa mới phải được bầu xong bao lâu trước khi hết nhiệm kỳ?", text) == "Sáu mươi ngày"
    assert span("Thời hiệu thanh tra lại là bao lâu?", "Thời hiệu thanh tra lại là 02 năm kể từ ngày ký.") == "02 năm"
    # a date is no length of time
    assert span("Thời hạn nộp báo cáo là bao lâu?", "Báo cáo nộp trước ngày 15/3/2023.") is None


def test_the_number_of_a_document_whole():
    """"quyết định số mấy", "Luật … số mấy": the document's number whole, not its digits."""
    text = "Chi bộ được thành lập theo Quyết định số 118-QĐ/ĐU, ngày 19/02/2019 của Đảng ủy."
    assert span("Chi bộ được thành lập theo Quyết định số mấy?", text) == "118-QĐ/ĐU"
    law = "2. Luật Thanh tra số 56/2010/QH12 hết hiệu lực kể từ ngày Luật này có hiệu lực."
    assert span("Luật Thanh tra 2022 thay thế Luật Thanh tra số mấy?", law) == "56/2010/QH12"
    assert span("thanh lap theo quyet dinh so may", text) == "118-QĐ/ĐU"
    # a count is still a count
    assert span("Chi bộ có bao nhiêu đảng viên?", "Chi bộ có 12 đảng viên.") == "12 đảng viên"


def test_who_is_what_the_text_puts_where_the_question_has_ai():
    """In legal text a who-question is answered by an office or a body, no person's name:
    the words the sentence puts between the question's words around "ai"."""
    law = "Chánh Thanh tra huyện do Chủ tịch Ủy ban nhân dân cấp huyện bổ nhiệm, miễn nhiệm, cách chức."
    assert span("Chánh Thanh tra huyện do ai bổ nhiệm?", law) == "Chủ tịch Ủy ban nhân dân cấp huyện"
    assert span("chanh thanh tra huyen do ai bo nhiem", law) == "Chủ tịch Ủy ban nhân dân cấp huyện"
    assert span("Chủ tịch nước do ai bầu?", "Chủ tịch nước do Quốc hội bầu trong số đại biểu Quốc hội.") == "Quốc hội"
    # a function word that opens the gap is not part of the answer
    text = "Khi đối tượng tẩu tán tài sản thì Trưởng đoàn thanh tra yêu cầu tổ chức tín dụng phong tỏa tài khoản."
    assert span("Đối tượng tẩu tán tài sản, ai yêu cầu phong tỏa tài khoản?", text) == "Trưởng đoàn thanh tra"
    # no such frame in the text, or "ai" opens the question: the person as before
    assert span("Ai là Bí thư Chi bộ?", "Đồng chí Nguyễn Trọng Thức giữ chức vụ Bí thư Chi bộ.") == "Nguyễn Trọng Thức"
    assert span("Hội nghị do ai chủ trì?", "Ông Bùi Vĩnh Kiên chủ trì Hội nghị.") == "Bùi Vĩnh Kiên"
    fund = "Kinh phí trưng cầu giám định do cơ quan tiến hành thanh tra chi trả."
    assert span("Kinh phí trưng cầu giám định do ai chi trả?", fund) == "cơ quan tiến hành thanh tra"
    # "Ái" is no "ai" in an accented question
    assert span("Nguyễn Ái Quốc là ai?", "Nguyễn Ái Quốc là tên của Hồ Chí Minh thời kỳ hoạt động ở Pháp.") == "Hồ Chí Minh"
