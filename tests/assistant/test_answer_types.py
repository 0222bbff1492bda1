from assistant.answer_types import names_subject, pronoun_subject, question_types


def _asked(question: str) -> set[str]:
    return {t for t, v in question_types(question).items() if v}


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
