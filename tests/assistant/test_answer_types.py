from assistant.answer_types import names_subject, pronoun_subject, question_types
from assistant.extractive import answer_span
from assistant.question_info import analyse_question
from assistant.query import understand

from tests.assistant.test_features import _stats


def _asked(question: str) -> set[str]:
    return {t for t, v in question_types(question).items() if v}


def test_a_document_number_asked_with_so_may_is_not_a_count():
    # "quyết định số mấy" asks which decision (its number), as "quyết định nào" does
    for q in (
        "Quyết định số mấy của Ban Bí thư chỉ định đồng chí làm Chủ tịch UBND tỉnh?",
        "Chi bộ được thành lập theo quyết định số mấy?",
        "chinh phu ban hanh nghi quyet so bao nhieu",
        "UBND huyện trả lời bằng công văn số mấy?",
        "Điều bao nhiêu của Luật Thanh tra quy định việc này?",
    ):
        assert _asked(q) == {"document"}, q
    # a count is still a count, also when the question names a document
    assert _asked("Chỉ thị 05-CT/TW có bao nhiêu nội dung?") == {"how_many"}
    assert _asked("Đảng bộ hiện có bao nhiêu đảng viên?") == {"how_many"}


def test_the_span_of_a_so_may_question_is_the_document_number():
    q = understand("Chi bộ Văn phòng Sở được thành lập theo Quyết định số mấy?")
    info = analyse_question(q, _stats)
    text = "Ngày 12/3/2018, Chi bộ Văn phòng Sở được thành lập theo Quyết định số 118-QĐ/ĐU của Đảng ủy."
    s, e = answer_span(info, text)
    assert text[s:e] == "118-QĐ/ĐU"


def test_a_sentence_naming_its_subject_by_a_pronoun():
    for s in ("Ông là cha đẻ của ngôn ngữ lập trình Java.", "Bà được bầu làm Chủ tịch.", "“Ông ấy là người đầu tiên ...", "họ đã đến"):
        assert pronoun_subject(s), s
    # a title before a name, a number, or a pronoun inside the sentence are not
    for s in ("Ông Lê Minh Hùng phát biểu.", "Ông 70 tuổi.", "Sau đó ông được bầu.", "Anh Quốc là một nước."):
        assert not pronoun_subject(s), s


def test_a_sentence_that_names_a_person():
    assert names_subject("James Gosling (sinh năm 1955) là một nhà phát triển phần mềm.")
    assert names_subject("Sau đó, đồng chí Nguyễn Văn An phát biểu.")
    assert not names_subject("Năm 2005, nhà máy được khánh thành.")


def test_a_request_for_the_date_asks_when():
    assert "when" in _asked("Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Sở 2")
    assert "when" in _asked("Hãy nêu thời điểm ban hành chỉ thị")
    assert "year" in _asked("Cho biết năm thành lập Đảng bộ Khối")
    assert not _asked("Cho biết ý kiến của đồng chí Bí thư")
