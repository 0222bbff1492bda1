from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.clean import clean
from corpus.links import link_cuts, without_links

# Text as it stands in vinews-party.jsonl (a digest of several articles, baomoi.com, 2017).
DIGEST = (
    "Việt Nam đạt tối thiểu bằng trung bình của các nước ASEAN 4 trên các chỉ tiêu về môi trường kinh doanh...  "
    "(Xem tiếp)   Hà Nội phát hiện dấu hiệu bất thường trong khảo sát về loa phường  "
    "Theo thống kê trên Cổng giao tiếp điện tử Hà Nội, tính đến ngày 6/2, có gần 100.000 người cho ý kiến. (Xem chi tiết)"
)


def _pieces(text):
    return [text[s:e] for s, e in without_links(text, 0, len(text))]


def test_parenthesised_labels_are_cut_and_split_the_text():
    pieces = _pieces(DIGEST)
    assert pieces[0].endswith("môi trường kinh doanh...")
    assert pieces[1].startswith("Hà Nội phát hiện")
    assert pieces[1].endswith("có gần 100.000 người cho ý kiến.")
    assert not any("Xem" in p for p in pieces)


def test_a_see_also_label_takes_its_linked_headline_with_it():
    text = (
        "Samsung tiếp tục cung cấp màn hình OLED cho iPhone 9 >> Xem thêm: Sony Xperia X Ultra sẽ sở hữu tỉ lệ 21:9?  "
        "Hiện Samsung đang đảm nhiệm sản xuất 80 triệu màn hình OLED."
    )
    assert _pieces(text) == [
        "Samsung tiếp tục cung cấp màn hình OLED cho iPhone 9",
        "Hiện Samsung đang đảm nhiệm sản xuất 80 triệu màn hình OLED.",
    ]
    assert _pieces("Tin đã đưa. =>> XEM THÊM: Một tiêu đề khác") == ["Tin đã đưa."]


def test_a_long_run_after_the_label_is_not_taken_for_a_headline():
    body = "Chính sách mới có hiệu lực trong tháng 6-2017 " + "và nhiều quy định khác " * 12
    pieces = _pieces("Có hiệu lực từ ngày 12-6. Xem thêm: " + body)
    assert pieces == ["Có hiệu lực từ ngày 12-6.", body.strip()]


def test_text_about_reading_or_seeing_is_not_a_label():
    for text in (
        "Bạn đọc có thể xem thêm trong box dưới đây.",
        "Mời xem tiếp phần hai vào tuần sau (xem ảnh).",
        "Xem thêm tài liệu tại thư viện.",
    ):
        assert link_cuts(text) == []
        assert without_links(text, 0, len(text)) == [(0, len(text))]


def test_cleaning_leaves_the_labels_out_of_the_kept_spans():
    text = "Điểm tin sáng\n" + DIGEST
    kept = [text[s:e] for s, e in clean(text).spans]
    assert not any("Xem tiếp" in k or "Xem chi tiết" in k for k in kept)
    assert any("Hà Nội phát hiện" in k for k in kept)


_words = st.sampled_from(["Hà Nội", "đảng viên", "Xem", "thêm", "tiếp", "(", ")", ":", ">>", "  ", " ", "chi tiết", "Đọc", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_words, min_size=1, max_size=30).map(" ".join).map(str.strip).filter(bool))
def test_spans_stay_inside_and_in_order_and_hold_no_label(text):
    spans = without_links(text, 0, len(text))
    pos = 0
    for s, e in spans:
        assert pos <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        assert link_cuts(text[s:e]) == []
        pos = e
    if not link_cuts(text):
        assert spans == ([(0, len(text))])
