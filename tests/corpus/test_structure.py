"""Structure-aware chunking: headings, heading paths, chunks within one article, on
documents written here and on the two real laws in ../shared/data/laws/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.models import Document
from corpus.pipeline import embedding_text, prepare
from corpus.structure import ARTICLE, CHAPTER, ROMAN, SECTION, find_headings, outline

LAWS = Path(__file__).resolve().parents[3] / "shared" / "data" / "laws"
if not LAWS.exists():
    LAWS = Path("/work/shared/data/laws")

LONG_CLAUSE = (
    "Chi bộ sinh hoạt định kỳ mỗi tháng một lần vào ngày làm việc đầu tiên của tháng, nội dung sinh hoạt "
    "gồm đánh giá việc thực hiện nghị quyết tháng trước và đề ra nhiệm vụ tháng sau. "
) * 6

REGULATION = f"""ĐẢNG BỘ KHỐI CƠ QUAN
QUY CHẾ LÀM VIỆC CỦA CHI BỘ
Căn cứ Điều lệ Đảng Cộng sản Việt Nam; Chi bộ ban hành Quy chế làm việc như sau.

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định nguyên tắc, chế độ làm việc của Chi bộ.

Điều 2. Đối tượng áp dụng
1. Đảng viên sinh hoạt tại Chi bộ.
2. Quần chúng ưu tú được giới thiệu dự sinh hoạt.

Chương II
CHẾ ĐỘ SINH HOẠT

Mục 1. SINH HOẠT THƯỜNG KỲ

Điều 3. Sinh hoạt định kỳ
1. {LONG_CLAUSE}
2. Đảng viên vắng mặt phải báo cáo lý do với Bí thư Chi bộ.
a) Vắng mặt có lý do chính đáng;
b) Vắng mặt không có lý do.

Điều 4. Sinh hoạt chuyên đề
Mỗi quý Chi bộ sinh hoạt chuyên đề ít nhất một lần, chủ đề do Chi ủy đề xuất.
"""

RESOLUTION = """NGHỊ QUYẾT
Hội nghị Ban Chấp hành Đảng bộ lần thứ 5

I. TÌNH HÌNH VÀ KẾT QUẢ
Năm qua Đảng bộ lãnh đạo hoàn thành các chỉ tiêu chủ yếu, tăng trưởng kinh tế đạt 7,2%.

II. MỤC TIÊU, NHIỆM VỤ
1. Mục tiêu chung
Xây dựng Đảng bộ trong sạch, vững mạnh; phát triển kinh tế nhanh và bền vững.
2. Nhiệm vụ cụ thể
Kết nạp ít nhất 120 đảng viên mới; 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.
"""


def _doc(text: str, source: str = "qc.txt") -> Document:
    return Document(source=source, text=text, title="Quy chế làm việc")


def test_headings_of_the_usual_forms():
    levels = {h.label: h.level for h in find_headings(REGULATION)}
    assert levels["Chương I"] == CHAPTER and levels["Chương II"] == CHAPTER
    assert levels["Mục 1"] == SECTION
    assert levels["Điều 3. Sinh hoạt định kỳ"] == ARTICLE
    roman = {h.label: h.level for h in find_headings(RESOLUTION)}
    assert roman["I. TÌNH HÌNH VÀ KẾT QUẢ"] == ROMAN


def test_heading_paths_and_chunks_within_one_article():
    prepared = prepare(_doc(REGULATION), chunk_size=300, chunk_overlap=60)
    sections = {c.meta.get("section") for c in prepared.chunks}
    assert "Chương I › Điều 1. Phạm vi điều chỉnh" in sections
    assert "Chương II › Mục 1 › Điều 3. Sinh hoạt định kỳ" in sections
    assert "Chương II › Mục 1 › Điều 4. Sinh hoạt chuyên đề" in sections
    assert prepared.document.meta["sections"] == 4
    articles = [m.start() for m in re.finditer(r"^Điều \d+\.", REGULATION, re.M)] + [len(REGULATION)]
    for chunk in prepared.chunks:
        inside = [a for a in articles if chunk.start < a < chunk.end]
        assert len(inside) <= 1, f"chunk straddles articles: {chunk.text[:80]}"
        if inside:  # only the headings above an article (Chương II, Mục 1) may come before it
            before = REGULATION[chunk.start : inside[0]].splitlines()
            assert all(not ln.strip() or ln.isupper() or ln.startswith(("Chương", "Mục")) for ln in before), chunk.text
    # a long article is cut in several chunks, each keeps its path, for search too
    article3 = [c for c in prepared.chunks if c.meta.get("section", "").endswith("Điều 3. Sinh hoạt định kỳ")]
    assert len(article3) >= 2
    assert all("Điều 3. Sinh hoạt định kỳ" in embedding_text(c) for c in article3)
    # the preamble has no path
    assert prepared.chunks[0].meta.get("section") is None and "Căn cứ Điều lệ" in prepared.chunks[0].text


def test_resolution_with_roman_and_arabic_headings():
    prepared = prepare(_doc(RESOLUTION, "nq.txt"), chunk_size=300, chunk_overlap=0)
    by_section = {c.meta.get("section"): c.text for c in prepared.chunks}
    assert "120 đảng viên" in by_section["II. MỤC TIÊU, NHIỆM VỤ › 2. Nhiệm vụ cụ thể"]
    assert "7,2%" in by_section["I. TÌNH HÌNH VÀ KẾT QUẢ"]


_NEWS = [
    "Sáng 12/3, Đảng bộ Khối tổ chức hội nghị sơ kết công tác quý I.",
    "Đồng chí Bí thư phát biểu chỉ đạo hội nghị.",
    "Theo báo cáo, 95% đảng viên hoàn thành tốt nhiệm vụ năm 2023.",
    "Điều đáng chú ý là công tác kiểm tra được tăng cường.",
    "1. Các đại biểu thảo luận sôi nổi.",
    "Nhiều ý kiến đề xuất tháo gỡ khó khăn cho cơ sở, theo tinh thần Chương trình hành động của Tỉnh ủy.",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_NEWS), min_size=1, max_size=30), st.sampled_from([" ", "\n"]))
def test_news_text_has_no_structure(sentences, glue):
    assert outline(glue.join(sentences)) is None


def _law(name: str) -> str:
    path = LAWS / name
    if not path.exists():
        pytest.skip(f"{path} absent: the shared legal texts are not on this machine")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["luat-thanh-tra-2022.txt", "hien-phap-2013.txt"])
def test_real_laws_one_article_per_chunk_group(name):
    text = _law(name)
    heads = [(m.start(), m.group(1)) for m in re.finditer(r"^Điều (\d+)\.", text, re.M)]
    prepared = prepare(Document(source=name, text=text))
    assert prepared.document.meta["sections"] == len(heads) >= 100
    starts = [s for s, _ in heads]
    for chunk in prepared.chunks:
        assert not [s for s in starts if chunk.start < s < chunk.end], chunk.text[:100]
        if chunk.start >= starts[0]:
            number = [n for s, n in heads if s <= chunk.start][-1]
            assert chunk.meta["section"].split(".")[0] == f"Điều {number}"
    # every article is found in the chunks with its path
    assert {c.meta["section"].split(".")[0] for c in prepared.chunks if c.meta.get("section")} == {f"Điều {n}" for _, n in heads}


def test_real_law_article_titles():
    text = _law("luat-thanh-tra-2022.txt")
    line = re.search(r"^Điều 12\. (.+)$", text, re.M)
    prepared = prepare(Document(source="ltt.txt", text=text))
    sections = {c.meta.get("section") for c in prepared.chunks}
    assert f"Điều 12. {line.group(1).strip()}" in sections
    hp = prepare(Document(source="hp.txt", text=_law("hien-phap-2013.txt")))
    # "Điều 2. 1. Nhà nước …": the first clause is not a title
    assert "Điều 2" in {c.meta.get("section") for c in hp.chunks}


def test_article_references_normalised():
    from corpus.structure import article_numbers, section_article

    assert article_numbers("Điều 12 Luật Thanh tra quy định gì?") == ["12"]
    assert article_numbers("dieu 12 luat thanh tra; ĐIỀU 5 và khoản 2 điều thứ 7") == ["12", "5", "7"]
    assert article_numbers("điều kiện 12 người") == []
    assert section_article("Chương II › Mục 1 › Điều 3. Sinh hoạt định kỳ") == "3"
    assert section_article("Điều 120") == "120" and section_article("I. MỤC TIÊU") is None and section_article(None) is None


def test_a_heading_is_one_sentence():
    from corpus.chunking import split_sentences
    from corpus.structure import heading_spans

    sentences = {REGULATION[s.start : s.end] for s in split_sentences(REGULATION, keep=heading_spans(REGULATION))}
    assert {"Điều 3. Sinh hoạt định kỳ", "Điều 1. Phạm vi điều chỉnh", "Mục 1. SINH HOẠT THƯỜNG KỲ"} <= sentences
    plain = {REGULATION[s.start : s.end] for s in split_sentences(REGULATION)}
    assert "Điều 3." in plain  # without the headings, the sentence splitter cuts after "Điều 3."
    prepared = prepare(_doc(REGULATION), chunk_size=300, chunk_overlap=60)
    assert any("Điều 3. Sinh hoạt định kỳ\n1. " in c.text for c in prepared.chunks)



def test_an_article_given_on_its_own_opens_with_its_heading_the_section_of_its_chunks():
    from corpus.structure import single_article_heading, title_article

    clause = "1. Lãnh đạo, chỉ đạo, kiểm tra công tác thanh tra trong phạm vi quản lý nhà nước của Chính phủ. " * 8
    heading = "Điều 12. Nhiệm vụ, quyền hạn của Tổng Thanh tra Chính phủ"
    prepared = prepare(Document(source="ltt-12", title=f"Luật Thanh tra 2022 – {heading}", text=clause), chunk_size=300, chunk_overlap=60)
    assert prepared.document.text == f"{heading}\n{clause}"  # the heading, from the title, quotable
    assert len(prepared.chunks) >= 2 and prepared.chunks[0].text.startswith(heading + "\n1. Lãnh đạo")
    assert {c.meta.get("section") for c in prepared.chunks} == {heading}
    assert "sections" not in prepared.document.meta  # one article: no structure to report
    # an article without a title (the Constitution's): "Điều 87." opens it
    hp = prepare(Document(source="hp-87", title="Hiến pháp 2013 – Điều 87", text="Chủ tịch nước do Quốc hội bầu trong số đại biểu Quốc hội."))
    assert hp.document.text.startswith("Điều 87.\nChủ tịch nước") and hp.chunks[0].meta["section"] == "Điều 87"
    # a text that opens with its only heading is left as it is
    assert single_article_heading("Điều 5. Giải thích từ ngữ\n1. Thanh tra là …").label == "Điều 5. Giải thích từ ngữ"
    assert title_article("Luật – Điều 5. Giải thích từ ngữ", "Điều 5. Giải thích từ ngữ\n1. …") is None
    # a title that names an article without being one, a text that refers to one, a law given whole
    assert title_article("Sửa đổi Điều 5 Luật Đất đai", "Quốc hội thảo luận.") is None
    assert single_article_heading("Theo Điều 5 Luật Thanh tra, …") is None and title_article("Tin tức", "Theo Điều 5 Luật Thanh tra, …") is None
    assert single_article_heading("Điều 1. Phạm vi\nabc\nĐiều 2. Đối tượng\nabc") is None
    assert title_article("Luật – Điều 9", "Điều 1. Phạm vi\nabc\nĐiều 2. Đối tượng\nabc") is None
    # no article anywhere: text and chunks exactly as before (no section)
    text = "Sáng 9/5, Hội nghị khai mạc."
    news = prepare(Document(source="n", title="Hội nghị Ban Chấp hành", text=text))
    assert news.document.text == text and all("section" not in c.meta for c in news.chunks)


def test_real_law_articles_given_one_by_one_keep_their_headings():
    text = _law("luat-thanh-tra-2022.txt")
    articles = re.split(r"(?m)^(?=Điều \d+\.)", text)[1:]
    for article in articles[:20]:
        heading, _, body = article.partition("\n")
        prepared = prepare(Document(source="x", title=f"Luật Thanh tra 2022 – {heading.strip()}", text=body.strip()))
        assert {c.meta["section"] for c in prepared.chunks} == {heading.strip()}
        assert prepared.chunks[0].text.startswith(heading.strip())


def test_clauses_and_points_named_and_found():
    from corpus.structure import clause_at, clause_numbers, point_letters

    assert clause_numbers("Khoản 2 Điều 47 Luật Thanh tra") == ["2"]
    assert clause_numbers("khoan 3 dieu 12; khoản thứ 3 và khoản 5") == ["3", "5"]
    assert clause_numbers("điều kiện của khoản vay") == []
    assert point_letters("Theo điểm b khoản 1 Điều 47") == ["b"] and point_letters("điểm đ) khoản 2") == ["d"]
    assert point_letters("điểm mạnh của khoản đầu tư") == [] and point_letters("diem a khoan 1") == ["a"]
    text = "Điều 47. Thời hạn\n1. Thời hạn như sau:\na) Chính phủ 60 ngày;\nb) Tỉnh 45 ngày;\n2. Thời hạn khác.\n10. Khoản mười."
    where = {w: clause_at(text, text.index(w)) for w in ("Điều 47", "1. Thời", "Thời hạn như", "a) Chính", "Tỉnh 45", "2. Thời", "Khoản mười")}
    assert where == {
        "Điều 47": (None, None),
        "1. Thời": ("1", None),
        "Thời hạn như": ("1", None),
        "a) Chính": ("1", "a"),
        "Tỉnh 45": ("1", "b"),
        "2. Thời": ("2", None),  # a new clause: the points of the one before end
        "Khoản mười": ("10", None),
    }
    constitution = "Điều 13. 1. Quốc kỳ hình chữ nhật.\n2. Quốc huy hình tròn."  # clause 1 on the heading's line
    assert clause_at(constitution, constitution.index("Quốc kỳ")) == ("1", None)
    assert clause_at(constitution, 0) == (None, None) and clause_at(constitution, constitution.index("Quốc huy")) == ("2", None)


_PIECES = st.sampled_from(["Điều 5.", "Điều 12. Phạm vi", "Luật Thanh tra –", "1. Khoản một.", "a) Điểm a;", "Tin tức", "\n", " ", "khoản 2", "Chương I"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=6).map(" ".join), st.lists(_PIECES, min_size=1, max_size=12).map(" ".join))
def test_preparing_keeps_the_text_and_adds_at_most_an_article_heading(title, text):
    from corpus.structure import title_article

    if not text.strip():
        return
    prepared = prepare(Document(source="x", title=title, text=text))
    body = prepared.document.text
    assert body.endswith(text)
    heading = title_article(title, text)
    assert body == text if heading is None else body.startswith(heading.split(".")[0])
    for chunk in prepared.chunks:  # offsets into the prepared text; each of its words there, in order
        assert 0 <= chunk.start < chunk.end <= len(body)
        original, pos = body[chunk.start : chunk.end], 0
        for word in chunk.text.split():
            pos = original.index(word, pos) + len(word)
