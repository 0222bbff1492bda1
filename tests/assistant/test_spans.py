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
