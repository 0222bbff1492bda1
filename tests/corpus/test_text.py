from hypothesis import given
from hypothesis import strategies as st

from corpus.text import (
    canonical_tones,
    fold_lookalikes,
    has_diacritics,
    nfc,
    normalize_for_match,
    strip_diacritics,
    tone_styles,
)

VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐOÔƠUƯ àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ\u0300\u0301\u0303\u0309\u0323⁄/-–.,;:0123456789")),
    max_size=80,
)


@given(st.text())
def test_normalize_never_raises_and_is_idempotent(text):
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once


@given(VIETNAMESE)
def test_normalize_idempotent_on_vietnamese(text):
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once


@given(st.text())
def test_strip_diacritics_is_idempotent_and_total(text):
    once = strip_diacritics(text)
    assert strip_diacritics(once) == once


@given(st.text())
def test_canonical_tones_keeps_the_letters(text):
    """Moving a tone mark never changes the letters without tones."""
    text = nfc(text)
    assert strip_diacritics(canonical_tones(text)) == strip_diacritics(text)


def test_both_tone_mark_styles_fold_to_one_form():
    pairs = [("hoà", "hòa"), ("uỷ", "ủy"), ("khoá", "khóa"), ("Tỉnh uỷ", "Tỉnh ủy"), ("thuỷ", "thủy"),
             ("khoẻ", "khỏe"), ("hoạ", "họa"), ("Uỷ viên", "Ủy viên"), ("toà", "tòa")]
    for a, b in pairs:
        assert normalize_for_match(a) == normalize_for_match(b), (a, b)


def test_tone_styles_give_both_spellings_of_the_words_written_two_ways():
    pairs = [("hoà", "hòa"), ("uỷ", "ủy"), ("khoá", "khóa"), ("Tỉnh uỷ", "Tỉnh ủy"), ("thuỷ", "thủy"),
             ("khoẻ", "khỏe"), ("hoạ", "họa"), ("Uỷ viên", "Ủy viên"), ("toà", "tòa")]
    for a, b in pairs:
        assert {a, b} <= tone_styles(a) and tone_styles(a) == tone_styles(b), (a, b)
    for word in ("hoàn", "quý", "khuya", "Đảng", "bí thư"):  # one spelling only
        assert tone_styles(word) == {word}


@given(VIETNAMESE)
def test_every_tone_style_folds_to_the_same_form(text):
    text = nfc(text)
    styles = tone_styles(text)
    assert text in styles and len(styles) <= 3
    assert {canonical_tones(s) for s in styles} == {canonical_tones(text)}


def test_tone_mark_style_does_not_merge_different_words():
    assert normalize_for_match("hoàn") != normalize_for_match("hoán")
    assert normalize_for_match("bí thư") != normalize_for_match("bị thu")


def test_decomposed_input_equals_composed():
    decomposed = "Đa\u0309ng u\u0309y"  # combining hook above
    assert normalize_for_match(decomposed) == normalize_for_match("Đảng ủy")


def test_fraction_slash_and_dashes_fold():
    assert normalize_for_match("205-KH⁄ĐU") == normalize_for_match("205-KH/ĐU")
    assert normalize_for_match("2017 – 2020") == "2017 - 2020"
    assert fold_lookalikes("16⁄01⁄2020") == "16/01/2020"


def test_spaces_collapse_and_zero_width_removed():
    assert normalize_for_match("  Chi\u00a0bộ \u200b Văn   phòng ") == "chi bộ văn phòng"


def test_strip_diacritics_vietnamese():
    assert strip_diacritics("Đảng ủy Khối các cơ quan Tỉnh") == "Dang uy Khoi cac co quan Tinh"
    assert has_diacritics("Bí thư") and not has_diacritics("Bi thu")


def test_unwrap_lines_joins_what_the_margin_broke():
    from corpus.text import unwrap_lines

    page = (
        "NGHỊ QUYẾT\n"
        "làm việc của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2020 - 2025 trong\n"
        "\n"
        "Chương I\n"
        "Điều 1. Phạm vi điều chỉnh\n"
        "Năm 2023, Chi bộ có 18 đảng viên, trong đó 3 đồng chí được kết\n"
        "nạp trong năm; tỷ lệ giải ngân vốn đầu tư công đạt 92% kế hoạch\n"
        "\n"
        "được giao.\n"
        "1. Công tác chính trị, tư tưởng"
    )
    assert unwrap_lines(page).split("\n") == [
        "NGHỊ QUYẾT",
        "làm việc của Ban Chấp hành Đảng bộ xã nhiệm kỳ 2020 - 2025 trong",
        "Chương I",
        "Điều 1. Phạm vi điều chỉnh",
        "Năm 2023, Chi bộ có 18 đảng viên, trong đó 3 đồng chí được kết nạp trong năm; "
        "tỷ lệ giải ngân vốn đầu tư công đạt 92% kế hoạch được giao.",
        "1. Công tác chính trị, tư tưởng",
    ]


@given(st.text(alphabet="ab .\n", max_size=300))
def test_unwrap_lines_keeps_every_word(text):
    from corpus.text import unwrap_lines

    assert unwrap_lines(text).split() == text.split()
