"""Sections end to end: a structured document indexed with the real embedder answers with
citations that carry their heading path, and a question naming an article finds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.factory import Components, close_components
from assistant.settings import Settings
from corpus.models import Document
from tests.corpus.test_structure import REGULATION


LAW = Path("/work/shared/data/laws/luat-thanh-tra-2022.txt")

pytestmark = pytest.mark.slow  # a law indexed with the real embedder


@pytest.fixture(scope="module")
def structured(tmp_path_factory):
    if not LAW.exists():
        pytest.skip(f"{LAW} absent: the shared legal texts are not on this machine")
    home = tmp_path_factory.mktemp("sections-home")
    components = Components(Settings(home=home))
    docs = [
        Document(source="quy-che.txt", text=REGULATION, title="Quy chế làm việc của Chi bộ"),
        Document(source="luat-thanh-tra-2022.txt", text=LAW.read_text(encoding="utf-8"), title="Luật Thanh tra 2022"),
        Document(source="tin.txt", text="Sáng nay, Chi bộ Phòng Tổ chức tổ chức sinh hoạt chuyên đề về học tập tư tưởng Hồ Chí Minh.", title="Tin"),
    ]
    report = components.indexer.run((("root", d) for d in docs), roots=["root"])
    assert report.ok
    assert ("luat-thanh-tra-2022.txt", "118 sections (mục/điều)") in report.notes
    yield components
    close_components(components)


def test_citations_carry_the_heading_path(structured):
    answer = structured.assistant.ask("Chi bộ sinh hoạt định kỳ mấy lần mỗi tháng?").to_json()
    assert answer["found"]
    first = answer["citations"][0]
    assert first["source"] == "quy-che.txt"
    assert first["section"] == "Chương II › Mục 1 › Điều 3. Sinh hoạt định kỳ"


def test_news_citation_section_is_null(structured):
    answer = structured.assistant.ask("Chi bộ Phòng Tổ chức sinh hoạt chuyên đề về gì?").to_json()
    news = [c for c in answer["citations"] if c["source"] == "tin.txt"]
    assert news and "section" in news[0] and news[0]["section"] is None


@pytest.mark.parametrize("number", [12, 47, 101])
def test_question_naming_an_article_finds_it(structured, number):
    text = LAW.read_text(encoding="utf-8")
    title = re.search(rf"^Điều {number}\. (.+)$", text, re.M).group(1).strip()
    for question in (f"Điều {number} Luật Thanh tra quy định gì?", f"dieu {number} luat thanh tra quy dinh gi"):
        passages = structured.assistant.as_retriever(k=3).invoke(question)
        assert passages[0].metadata["section"] == f"Điều {number}. {title}", question


def test_answer_about_an_article_quotes_its_whole_heading(structured):
    answer = structured.assistant.ask("Điều 47 Luật Thanh tra quy định về vấn đề gì?")
    assert answer.found and "Thời hạn thanh tra" in answer.answer
    assert answer.citations[0].section == "Điều 47. Thời hạn thanh tra"
