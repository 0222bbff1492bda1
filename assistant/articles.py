"""Answers about articles of a law (pure functions): the article's heading that leads an
answer from an article the question names, and the clause (and point) a question names
("Khoản 2 Điều 47", "điểm b khoản 1 Điều 47") that candidates must stand in."""

from __future__ import annotations

import re

from assistant.features import FEATURES, Candidate
from assistant.models import Passage
from assistant.query import Query
from assistant.question_info import QuestionInfo
from assistant.spans import asks_which_article
from corpus.structure import SEPARATOR, clause_at, section_article

_ARTICLE = FEATURES.index("article")
_ARTICLE_HEAD = re.compile(r"(?:^|\n)\s*Điều\s+(\d{1,4}[a-z]?)\b")
_OPENS_CLAUSE = re.compile(r"\s*\d{1,2}\.\s")


def opens_clause(text: str) -> bool:
    """The text is a clause's opening line ("2. Trong lĩnh vực thanh tra, …")."""
    return bool(_OPENS_CLAUSE.match(text))


def in_clause(query: Query, cand: Candidate, passages: list[Passage]) -> bool:
    """The candidate stands in a clause (and point) the question names of an article it
    names (of the law it names best: the ``article`` feature), the clause line "2." — and
    the point line "b)" — at or before the candidate."""
    if cand.x[_ARTICLE] <= 0:  # not in an article the question names, of the law it names best
        return False
    clause, point = clause_at(passages[cand.passage].text, cand.start)
    return clause in query.clauses and (not query.points or point in query.points)


def article_lead(info: QuestionInfo, quoted: list[Candidate], passages: list[Passage]) -> str | None:
    """The heading of the article the leading sentence stands in ("Điều 12. Nhiệm vụ, quyền
    hạn …"), when the question names that article or asks which article, and no quoted
    sentence is that heading (the answer is a clause further down the article, or the
    article was given on its own, as in a JSON Lines file of articles, its heading only in
    its title)."""
    section = passages[quoted[0].passage].section
    number = section_article(section)
    if number is None or not (number in info.query.articles or asks_which_article(info)):
        return None
    if any(number == m.group(1).lower() for x in quoted for m in _ARTICLE_HEAD.finditer(x.text)):
        return None
    return section.split(SEPARATOR)[-1]
