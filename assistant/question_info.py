"""What the extractive answerer needs to know of a question (pure functions, no model):
its content terms and their IDF weights, syllable pairs, specific terms (numbers, names,
document numbers), the kinds of answer it asks for and its slots."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from assistant.answer_types import answer_words, names, persons, question_types, unit_stop
from assistant.offices import Office, asked_offices
from assistant.query import Query
from assistant.slots import slots as question_slots
from corpus.docnumbers import doc_number_keys
from corpus.text import normalize_for_match, strip_diacritics
from index.tokens import stopwords, syllables

TermStats = Callable[[list[str]], tuple[dict[str, int], int]]
"""Given terms, return (document frequency per term, number of passages)."""


@dataclass
class QuestionInfo:
    """What the features need of a question: its terms and their weights, its specific
    terms, the kinds of answer it asks for."""

    query: Query
    accented: bool
    content: list[str]
    ctx_content: list[str]
    weights: dict[str, float]
    pairs: list[tuple[str, str]]
    total: float
    pair_total: float
    numbers: list[str]
    names: list[tuple[str, ...]]
    doc_keys: list[str]
    types: dict[str, bool]
    unit: str
    key: str  # the question's matching key (for "not in the question" tests)
    q_tokens: list[str] = field(default_factory=list)
    slots: tuple = ()
    offices: list[Office] = field(default_factory=list)  # the offices a who-question asks about
    unit_words: str = ""  # the (up to two) words after "bao nhiêu" / "mấy", diacritic-free ("dang vien")

    @property
    def n_specific(self) -> int:
        return len(self.numbers) + len(self.names) + len(self.doc_keys)


def tokens_of(text: str, accented: bool) -> list[str]:
    toks = syllables(text)
    return toks if accented else [strip_diacritics(t) for t in toks]


def question_terms(query: Query) -> list[str]:
    """Every term whose document frequency the features may ask for (for caching)."""
    terms: list[str] = []
    for text in (query.question, query.context):
        if text:
            for accented in (True, False):
                terms += tokens_of(text, accented)
    terms += doc_number_keys(query.question) + doc_number_keys(query.question.upper())
    return list(dict.fromkeys(terms))


@lru_cache(maxsize=2)
def question_stopwords(accented: bool) -> frozenset[str]:
    """The search's stop words that are not question terms for the answerer: all of them
    but the ``answer_content_words`` of answer_words.json (the "gồm" of "… gồm những đơn
    vị nào?", which the sentence listing the answer holds); diacritic-free when not
    ``accented``."""
    stop = stopwords() - frozenset(normalize_for_match(w) for w in answer_words()["answer_content_words"]["words"])
    return stop if accented else frozenset(strip_diacritics(w) for w in stop)


def analyse_question(query: Query, term_stats: TermStats) -> QuestionInfo:
    accented = query.accented
    stop = question_stopwords(accented)
    q_tokens = tokens_of(query.question, accented)
    doc_keys = list(dict.fromkeys(doc_number_keys(query.question) + doc_number_keys(query.question.upper())))
    content = list(dict.fromkeys([t for t in q_tokens if t not in stop] + doc_keys))
    ctx_tokens = tokens_of(query.context, accented) if query.context else []
    ctx_content = [t for t in dict.fromkeys(ctx_tokens) if t not in stop and t not in content]
    df, n = term_stats(content + ctx_content)
    n = max(n, 1)
    weights = {t: math.log(1.0 + (n - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in content + ctx_content}
    for t in doc_keys:
        weights[t] = max(weights.get(t, 0.0), 4.0)
    pairs = [(a, b) for a, b in zip(q_tokens, q_tokens[1:]) if not (a in stop and b in stop)]
    total = sum(weights[t] for t in content) + 0.5 * sum(weights[t] for t in ctx_content) or 1.0
    pair_total = sum(weights.get(a, 0.5) + weights.get(b, 0.5) for a, b in pairs) or 1.0
    key = normalize_for_match(query.question)
    unit_m = re.search(r"(?:bao nhieu|may)\s+(\w+)(?:\s+(\w+))?", strip_diacritics(key))
    unit = unit_m.group(1) if unit_m and unit_m.group(1) not in unit_stop() else ""
    unit_words = " ".join(w for w in unit_m.groups() if w) if unit_m else ""
    q_names = [tuple(tokens_of(n, accented)) for n in names(query.question)]
    types = question_types(query.question)
    return QuestionInfo(
        query=query,
        accented=accented,
        content=content,
        ctx_content=ctx_content,
        weights=weights,
        pairs=pairs,
        total=total,
        pair_total=pair_total,
        numbers=list(dict.fromkeys(re.findall(r"\d+", query.question))),
        names=[n for n in q_names if len(n) >= 2],
        doc_keys=doc_keys,
        types=types,
        unit=unit,
        unit_words=unit_words,
        key=key,
        q_tokens=q_tokens,
        slots=question_slots(query.question),
        offices=asked_offices(q_tokens, set(content), accented, [tuple(tokens_of(n, accented)) for n in persons(query.question)]) if types["who"] else [],
    )

