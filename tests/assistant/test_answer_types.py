from assistant.answer_types import names, names_subject, persons, pronoun_subject, question_types


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


def test_a_surname_that_begins_a_body_s_name_is_a_person_after_a_form_of_address():
    text = "Thay mặt lãnh đạo địa phương, đồng chí Đoàn Hồng Phong, Bí thư Tỉnh ủy Nam Định đã báo cáo."
    assert persons(text) == ["Đoàn Hồng Phong"]  # not "Nam Định", a place after "Tỉnh ủy"
    assert persons("Ông Hồ Anh Trung – Chủ tịch UBND xã Quế Long cho hay.") == ["Hồ Anh Trung"]
    assert persons("ong Ho Anh Trung cho hay") == ["Ho Anh Trung"]
    # without one, the run names a body or a place
    assert persons("Sáng nay Đoàn Thanh Niên tỉnh tổ chức, Đoàn Công Tác làm việc bên Hồ Gươm.") == []


def test_a_place_and_the_name_of_its_holder_in_one_run():
    assert persons("Báo cáo tại buổi làm việc, Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ cho biết.") == ["Đỗ Tiến Sỹ"]
    assert persons("Đoàn công tác làm việc với Thành uỷ Hải Phòng.") == []
    assert persons("UBND tỉnh Quảng Ninh Nguyễn Văn Đọc phát biểu.") == ["Nguyễn Văn Đọc"]
    # "nước" after a title is the state's office, not a place cue ("nước Anh")
    assert persons("Chủ tịch nước Trần Đại Quang tiếp đoàn.") == ["Trần Đại Quang"]
    assert "Đặng Thị Ngọc Thịnh" in persons("Dự lễ có Phó Chủ tịch nước Đặng Thị Ngọc Thịnh.")
    assert persons("Đoàn sang thăm nước Cộng Hòa Pháp.") == []


def test_a_name_that_begins_a_sentence_keeps_its_first_word():
    assert names("Nguyễn Văn Hùng phát biểu chỉ đạo.") == ["Nguyễn Văn Hùng"]
    assert names("Hà Nội là thủ đô. Lê Văn Bình dự.") == ["Hà Nội", "Lê Văn Bình"]
    assert persons("Họp xong. Nguyễn Văn Hùng phát biểu.") == ["Nguyễn Văn Hùng"]
    # a common word capitalised only because the sentence begins there is not part of it
    assert names("Ông Nguyễn Văn An cho biết.") == ["Nguyễn Văn An"]
    assert names("Theo Bộ Tài chính. Tại Hội nghị") == ["Bộ Tài"]
    assert names("Sáng Chủ nhật, đoàn đến.") == []


def test_a_request_for_the_date_asks_when():
    assert "when" in _asked("Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Sở 2")
    assert "when" in _asked("Hãy nêu thời điểm ban hành chỉ thị")
    assert "year" in _asked("Cho biết năm thành lập Đảng bộ Khối")
    assert not _asked("Cho biết ý kiến của đồng chí Bí thư")


def test_a_title_left_capitalised_names_no_one():
    """'Phó Thủ tướng', 'Tổng Bí thư', 'Chánh Thanh tra': the capitalised piece of a title
    ("Phó Thủ", "Tổng Bí", "Chánh Thanh") is no person's name; the name after it is."""
    assert persons("Phó Thủ tướng Trương Hòa Bình phát biểu tại hội nghị.") == ["Trương Hòa Bình"]
    assert persons("Tổng Bí thư chủ trì cuộc họp, Phó Chủ tịch nước dự.") == []
    assert persons("Chánh Thanh tra huyện do Chủ tịch Ủy ban nhân dân cấp huyện bổ nhiệm.") == []
    assert persons("Thanh tra huyện có Chánh Thanh tra, Phó Chánh Thanh tra và công chức khác.") == []
    assert persons("Tổng Thư ký Quốc hội Nguyễn Hạnh Phúc cho biết.") == ["Nguyễn Hạnh Phúc"]
    # nor is the piece of a body's name ("Tổng Công" of "Tổng Công ty")
    assert persons("Tổng Công ty Điện lực miền Trung báo cáo.") == []
    # a person whose name begins like a title word is still one
    assert persons("Ông Tổng Văn Minh phát biểu.") == ["Tổng Văn Minh"]

