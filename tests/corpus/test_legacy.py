"""TCVN3 / VNI detection and conversion: round trips through independent encoders,
property tests on realistic legacy text, Unicode Vietnamese and English."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.legacy import convert_legacy, detect_legacy, fix_legacy, is_syllable, table
from corpus.loaders import iter_documents, load_bytes
from corpus.models import Document
from tests.corpus.legacy_encoders import to_tcvn3, to_vni

SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc.",
    "Ban Chấp hành Đảng bộ tỉnh khẳng định quyết tâm thực hiện thắng lợi Nghị quyết Đại hội.",
    "Chi bộ sinh hoạt định kỳ mỗi tháng một lần; đảng viên vắng mặt phải có lý do chính đáng.",
    "Đồng chí Bí thư Huyện ủy chủ trì hội nghị, phát biểu chỉ đạo và kết luận những nội dung quan trọng.",
    "Tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Ủy ban Kiểm tra thường xuyên kiểm tra, giám sát việc chấp hành Điều lệ Đảng của tổ chức đảng.",
    "Những người trẻ tuổi hăng hái tham gia lực lượng xung kích, giữ gìn an ninh trật tự ở khu dân cư.",
    "Phấn đấu đến năm 2025, tỷ lệ hộ nghèo giảm xuống dưới 3%; thu nhập bình quân đầu người tăng gấp rưỡi.",
    "Chẳng ai được lợi dụng quyền hạn để trục lợi; mọi hành vi sai phạm đều bị xử lý nghiêm minh.",
    "Bảo Thắng, Bát Xát, Mường Khương thuộc tỉnh Lào Cai; ở đó đồng bào cần cù, đoàn kết, sáng tạo.",
]
VOCAB = sorted({w.strip(".,;:-") for s in SENTENCES for w in s.split()} - {"", "-", "2025,", "3%;"})
ENGLISH = "the party committee held its regular meeting on monday and approved the annual plan for training".split()


def _every_letter() -> list[str]:
    letters = []
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            letters.append(unicodedata.normalize("NFC", base + tone))
    return letters + ["đ"]


def test_tables_cover_every_vietnamese_letter():
    letters = _every_letter()
    assert set(letters) - {"a", "e", "i", "o", "u", "y"} <= set(table("TCVN3").values())
    assert set(letters + [c.upper() for c in letters]) - set("AEIOUYaeiouy") <= set(table("VNI").values())


def test_round_trip_every_letter_vni():
    for letter in _every_letter():
        for ch in (letter, letter.upper()):
            word = f"x{ch}x"
            assert convert_legacy(to_vni(word).decode("latin-1"), "VNI") == word, ch


def test_round_trip_every_letter_tcvn3():
    for letter in _every_letter():
        word = f"x{letter}x"
        assert convert_legacy(to_tcvn3(word).decode("latin-1"), "TCVN3") == word, letter


def test_tcvn3_capitals_come_back_upper_case():
    heading = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert fix_legacy(to_tcvn3(heading).decode("latin-1")) == (heading, "TCVN3")


def test_syllables():
    assert all(is_syllable(w) for w in VOCAB if not w.isascii() and w.isalpha())
    assert not any(is_syllable(w) for w in ["céng", "hoµ", "x·", "Coäng", "hoøa", "Qu¶ng"])


_sentences = st.lists(st.sampled_from(VOCAB), min_size=6, max_size=60).map(" ".join)
# realistic text: whole sentences (as any document has), in any order, with stray words
_vietnamese = st.tuples(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), st.lists(st.sampled_from(VOCAB), max_size=20)
).map(lambda parts: " ".join(parts[0] + parts[1]))


@settings(max_examples=150, deadline=None)
@given(_vietnamese, st.sampled_from(["latin-1", "cp1252"]))
def test_realistic_tcvn3_is_recognised_and_converted(text, reading):
    surface = to_tcvn3(text).decode(reading)
    converted, encoding = fix_legacy(surface)
    assert encoding == "TCVN3"
    assert converted.lower() == text.lower()


@settings(max_examples=150, deadline=None)
@given(_vietnamese, st.sampled_from(["latin-1", "cp1252"]))
def test_realistic_vni_is_recognised_and_converted(text, reading):
    surface = to_vni(text).decode(reading)
    converted, encoding = fix_legacy(surface)
    assert converted == text
    # VNI writes ì í as themselves: words made only of those need no conversion at all
    if sum(a != b for a, b in zip(surface.split(), text.split())) >= 2:
        assert encoding == "VNI"


@settings(max_examples=200, deadline=None)
@given(_sentences)
def test_unicode_vietnamese_is_never_converted(text):
    for form in (text, unicodedata.normalize("NFD", text), text.upper()):
        assert detect_legacy(form).encoding is None
        assert fix_legacy(form) == (form, None)


LOANWORDS = ["café", "naïve", "Zürich", "résumé", "São", "Paulo", "Köln", "façade", "©", "£5", "½", "°C", "§3", "±2", "µm"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(ENGLISH), min_size=1, max_size=40),
    st.lists(st.sampled_from(LOANWORDS), max_size=3),
    st.randoms(),
)
def test_english_is_never_converted(english, loanwords, rnd):
    words = english * (1 + len(loanwords) // max(1, len(english))) * 3 + loanwords  # mostly plain English words
    rnd.shuffle(words)
    text = " ".join(words)
    assert fix_legacy(text) == (text, None)


def test_plain_file_in_tcvn3_and_vni_is_read_and_named(tmp_path):
    text = "\n".join(SENTENCES)
    (tmp_path / "abc.txt").write_bytes(to_tcvn3(text))
    (tmp_path / "vni.txt").write_bytes(to_vni(text))
    docs = {d.source: d for d in iter_documents([tmp_path]) if isinstance(d, Document)}
    assert docs["abc.txt"].text.lower() == text.lower() and docs["abc.txt"].meta["converted_from"] == "TCVN3"
    assert docs["vni.txt"].text == text and docs["vni.txt"].meta["converted_from"] == "VNI"


def test_font_encoded_text_inside_docx_is_converted(tmp_path):
    from tests.docmaker import make_docx

    # A .docx typed in VNI-Times keeps the font's code points as Latin-1 characters;
    # a later paragraph typed in Unicode stays as it is.
    paragraphs = [to_vni(s).decode("latin-1") for s in SENTENCES[:4]] + ["Đoạn này gõ bằng Unicode."]
    path = make_docx(tmp_path / "vni.docx", paragraphs, title=to_vni("Nghị quyết Chi bộ").decode("latin-1"))
    doc = load_bytes("vni.docx", path.read_bytes())
    assert doc.meta["converted_from"] == "VNI"
    assert doc.title == "Nghị quyết Chi bộ"
    for s in SENTENCES[:4]:
        assert s in doc.text
    assert "Đoạn này gõ bằng Unicode." in doc.text


def test_realistic_tcvn3_file_no_longer_reported(tmp_path):
    # "Huyện Bảo Thắng, Bát Xát, Mường Khương thuộc tỉnh Lào Cai." typed with a TCVN3 font
    data = b"Huy\xd6n B\xb6o Th\xbeng, B\xb8t X\xb8t, M\xad\xeang Kh\xad\xacng thu\xe9c t\xd8nh L\xb5o Cai."
    doc = load_bytes("abc.txt", data)
    assert doc.text == "Huyện Bảo Thắng, Bát Xát, Mường Khương thuộc tỉnh Lào Cai."
