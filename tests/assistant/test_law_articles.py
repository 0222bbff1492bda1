"""A law given one article per record of a JSON Lines file (its heading only in the
record's title), indexed with the real embedder: each article is its chunks' section, a
question naming an article is answered from it, led by its heading."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.factory import Components, close_components
from assistant.settings import Settings
from corpus.loaders import iter_documents

LAW = Path("/work/shared/data/laws/luat-thanh-tra-2022.txt")

pytestmark = pytest.mark.slow  # law articles indexed with the real embedder


def _headings() -> dict[int, str]:
    return {int(n): t.strip() for n, t in re.findall(r"^Điều (\d+)\. (.+)$", LAW.read_text(encoding="utf-8"), re.M)}


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    if not LAW.exists():
        pytest.skip(f"{LAW} absent: the shared legal texts are not on this machine")
    folder = tmp_path_factory.mktemp("law-articles")
    records = []
    for piece in re.split(r"(?m)^(?=Điều \d+\.)", LAW.read_text(encoding="utf-8"))[1:]:
        heading, _, body = piece.partition("\n")
        number = heading.split(".")[0].split()[1]
        records.append({"id": f"ltt-2022-dieu-{number}", "title": f"Luật Thanh tra 2022 – {heading.strip()}", "text": body.strip()})
    path = folder / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    components = Components(Settings(home=folder / "home"))
    report = components.indexer.run(((str(path), d) for d in iter_documents([path])), roots=[str(path)])
    assert report.ok and len(report.added) == 118
    yield components
    close_components(components)


@pytest.mark.parametrize("number", [12, 47, 58])
def test_a_question_naming_an_article_is_answered_from_it_under_its_heading(articles, number):
    heading = f"Điều {number}. {_headings()[number]}"
    answer = articles.assistant.ask(f"Điều {number} Luật Thanh tra 2022 quy định gì?").to_json()
    assert answer["found"]
    assert answer["citations"][0]["source"] == f"ltt-2022-dieu-{number}"
    assert answer["citations"][0]["section"] == heading
    assert answer["answer"].startswith(heading)  # its heading, quoted from the article's text


def test_which_article_is_answered_with_its_number_emphasised(articles):
    answer = articles.assistant.ask(f"Điều nào của Luật Thanh tra 2022 quy định về {_headings()[57].lower()}?").to_json()
    assert answer["found"]
    start, end = answer["spans"][0]
    assert answer["answer"][start:end] == "Điều 57"


def test_a_named_clause_is_what_answers(articles):
    answer = articles.assistant.ask("Khoản 2 Điều 47 Luật Thanh tra 2022 quy định gì?").to_json()
    assert answer["found"]
    assert answer["answer"].startswith("Điều 47. Thời hạn thanh tra")
    assert "\n2. Thời gian tạm dừng cuộc thanh tra" in answer["answer"] and "60 ngày" not in answer["answer"]
