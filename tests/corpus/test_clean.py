from corpus.clean import clean, detect_date, detect_org, detect_term
from tests.conftest import SEEDS


def _kept(text):
    return "\n".join(text[s:e] for s, e in clean(text).spans)


def test_web_chrome_and_repeated_title_removed_from_seed_003():
    text = (SEEDS / "003_867808e4786f0d5e.txt").read_text(encoding="utf-8")
    cleaned = clean(text)
    kept = _kept(text)
    assert "Xuất bản thông tin" not in kept
    assert "Chi tiết bài viết Tin tức" not in kept
    assert not kept.startswith("null")
    title = "Chi bộ cơ sở Ban Tuyên giáo Tỉnh uỷ triển khai Nghị quyết Đại hội Đại biểu Đảng bộ Khối các cơ quan Tỉnh nhiệm kỳ 2020 - 2025"
    assert cleaned.title == title
    assert kept.count(title) <= 1  # the template repeats it
    assert "M.P" not in kept.splitlines()  # byline
    assert "Đảng viên dự học Nghị quyết" not in kept  # photo caption
    assert "Phan Hữu Phước" in kept  # content stays


def test_captions_and_bylines_removed_from_seed_001():
    text = (SEEDS / "001_5ff3952f519bba80.txt").read_text(encoding="utf-8")
    kept = _kept(text)
    assert "Ảnh:" not in kept
    assert "Nguồn:" not in kept
    assert "Nguyễn Trọng Thức" in kept


def test_spans_point_into_the_original_text():
    text = (SEEDS / "003_867808e4786f0d5e.txt").read_text(encoding="utf-8")
    for s, e in clean(text).spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]


def test_metadata_detected():
    text = (SEEDS / "001_5ff3952f519bba80.txt").read_text(encoding="utf-8")
    cleaned = clean(text)
    assert cleaned.date == "2020-01-17"
    assert cleaned.org == "Chi bộ Văn phòng 2"
    assert cleaned.term == "2020-2022"
    assert "118-QĐ/ĐU" in cleaned.doc_numbers and "205-KH/ĐU" in cleaned.doc_numbers


def test_date_variants():
    assert detect_date("Chiều ngày 25/9/2020, Chi bộ") == "2020-09-25"
    assert detect_date("Ngày 16⁄01⁄2020, Chi bộ") == "2020-01-16"
    assert detect_date("Chiều ngày 19 tháng 3 tại Hà Nội ... năm 2021") == "2021-03-19"
    assert detect_date("không có ngày") is None


def test_org_and_term():
    assert detect_org("Chi bộ cơ sở Ban Tuyên giáo Tỉnh uỷ triển khai") == "Chi bộ cơ sở Ban Tuyên giáo Tỉnh uỷ"
    assert detect_org("của Đảng ủy Sở Công Thương về việc") == "Đảng ủy Sở Công Thương"
    assert detect_term("nhiệm kỳ 2020 – 2025") == "2020-2025"
