"""Enumerations: an introducing sentence and its items (pure functions)."""

from hypothesis import given
from hypothesis import strategies as st

from assistant.enumerations import enumeration, intro_of, items_after, marker

LAW = [
    "Điều 70. Tạm dừng cuộc thanh tra",
    "1. Người ra quyết định thanh tra quyết định tạm dừng cuộc thanh tra trong trường hợp sau đây:",
    "a) Có sự kiện bất khả kháng ảnh hưởng đến tiến độ thực hiện cuộc thanh tra;",
    "b) Đối tượng thanh tra đề nghị tạm dừng cuộc thanh tra mà có lý do chính đáng;",
    "2. Khi tạm dừng cuộc thanh tra, người ra quyết định thanh tra có trách nhiệm xem xét.",
    "3. Quyết định tạm dừng phải được gửi đến đối tượng thanh tra.",
]


def test_markers():
    assert marker("a) Có sự kiện") == "letter"
    assert marker("đ) Thuộc trường hợp") == "letter"
    assert marker("1. Kế hoạch thanh tra;") == "digit"
    assert marker("- Văn phòng Bộ;") == "dash"
    assert marker("Năm 2017, tỉnh đạt") is None
    assert marker("1.500 người dự") is None  # a number, not an item
    assert marker("Thứ nhất là đối với nội dung, phương thức lãnh đạo") == "ordinal"
    assert marker("Thứ hai, chú trọng việc giáo dục") == "ordinal"
    assert marker("Thứ năm vừa qua, đoàn công tác đến") is None  # a weekday
    assert marker("Thứ trưởng Bộ Công an phát biểu") is None


def test_items_opened_by_ordinal_words_are_items():
    text = [
        "Đồng chí Bí thư yêu cầu Chi bộ tập trung thực hiện tốt một số nội dung:",
        "Thứ nhất là đổi mới phương thức lãnh đạo.",
        "Thứ hai là chú trọng công tác giáo dục đảng viên.",
        "Đại hội đã bầu Ban Chấp hành nhiệm kỳ mới.",
    ]
    assert items_after(text, 0) == [1, 2]
    assert items_after([text[0], "Đổi mới phương thức lãnh đạo.", text[2]], 0) == []  # unmarked sentences: no items


def test_an_item_finds_its_introduction_and_all_its_items():
    assert enumeration(LAW, 3) == (1, [2, 3])
    assert enumeration(LAW, 1) == (1, [2, 3])


def test_another_kind_of_marker_ends_the_items():
    assert 4 not in items_after(LAW, 1)


def test_sentences_outside_an_enumeration_have_none():
    assert enumeration(LAW, 0) is None
    assert enumeration(LAW, 4) is None
    assert enumeration(LAW, 5) is None


def test_an_item_of_several_sentences_runs_on_to_the_next_item():
    text = [
        "3. Hình thức công khai kết luận thanh tra bao gồm:",
        "a) Đăng tải trên Cổng thông tin điện tử;",
        "c) Thông báo trên ít nhất một phương tiện thông tin đại chúng.",
        "Đối với cuộc thanh tra do Thanh tra Chính phủ tiến hành thì thông báo ở trung ương;",
        "d) Niêm yết tại trụ sở làm việc của đối tượng thanh tra.",
        "Việc công khai do Chính phủ quy định.",
        "4. Chính phủ quy định chi tiết Điều này.",
    ]
    assert enumeration(text, 4) == (0, [1, 2, 3, 4])


def test_unmarked_items_run_while_they_go_on_with_a_semicolon():
    text = [
        "Khối thi đua gồm các đơn vị:",
        "Văn phòng Bộ;",
        "Vụ Tổ chức cán bộ;",
        "Cục Quản lý tài nguyên nước.",
        "Hội nghị bế mạc vào buổi chiều.",
    ]
    assert enumeration(text, 2) == (0, [1, 2, 3])


def test_an_unquotable_piece_ends_the_enumeration():
    assert enumeration([*LAW[1:3], None, LAW[3]], 3) is None
    assert items_after([*LAW[1:3], None, LAW[3]], 0) == [1]


def test_an_introduction_followed_by_nothing_or_by_plain_sentences_is_no_enumeration():
    assert enumeration(["Ông cho biết:"], 0) is None
    assert enumeration(["Ông cho biết:", "Năm nay tỉnh đạt kết quả tốt.", "Tỉnh có 20 xã."], 0) is None


def test_speech_after_a_colon_is_no_enumeration():
    speech = ["Phát biểu nhậm chức, ông nói:", "“Tôi trân trọng học hỏi, kế thừa những thành quả;", "nguyện đem hết khả năng.”"]
    assert enumeration(speech, 0) is None and enumeration(speech, 1) is None


_pieces = st.lists(
    st.one_of(
        st.none(),
        st.sampled_from(["Giới thiệu:", "a) mục;", "b) mục.", "1. khoản;", "- gạch;", "Câu thường.", "tiếp theo;", "x"]),
    ),
    max_size=12,
)


@given(_pieces, st.integers(min_value=-2, max_value=14))
def test_an_enumeration_is_its_introduction_then_contiguous_items_holding_the_sentence(sentences, at):
    found = enumeration(sentences, at)
    if found is None:
        return
    intro, items = found
    assert sentences[intro].endswith(":")
    assert items == list(range(intro + 1, intro + 1 + len(items)))
    assert all(sentences[k] is not None for k in items)
    assert at == intro or at in items
    assert intro_of(sentences, at) == intro
    assert not any(sentences[k].endswith(":") for k in range(intro + 1, at + 1))
