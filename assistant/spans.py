"""The span of an answer the chat emphasises: the name, date, number, place or document
number that answers a typed question, located in the sentence that leads the answer
(pure functions)."""

from __future__ import annotations

import re

from assistant.answer_types import DATE_RE, NUMBER_RE, YEAR_RE, names, persons, place_re
from assistant.offices import holder_span
from assistant.question_info import QuestionInfo
from corpus.docnumbers import doc_number_spans
from corpus.text import normalize_for_match

_NUMERIC_DATE = re.compile(r"\d{1,2}\s?[/⁄.-]\s?\d{1,2}(?:\s?[/⁄.-]\s?\d{2,4})?(?!\d)")
_TYPED = ("document", "year", "when", "how_many", "who", "where")


def answer_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name / date / number / place / document number that
    answers a typed question (the first one the question does not already hold)."""
    key = info.key
    for t in _TYPED:
        if not info.types[t]:
            continue
        if t == "document":
            for s, e in doc_number_spans(text):
                if normalize_for_match(text[s:e]) not in key:
                    return s, e
        elif t == "year":
            for m in YEAR_RE.finditer(text):
                if m.group(0) not in info.numbers:
                    return m.span()
        elif t == "when":
            m = DATE_RE.search(text)
            if m:
                # "ngày 27/3/2020": the whole date, not "ngày 27"
                digits = m.start() + next((i for i, ch in enumerate(m.group(0)) if ch.isdigit()), 0)
                full = _NUMERIC_DATE.match(text, digits)
                return m.start(), max(m.end(), full.end() if full else 0)
        elif t == "how_many":
            for m in NUMBER_RE.finditer(text):
                if m.group(0) not in info.numbers:
                    end = m.end()
                    pct = re.match(r"\s*%", text[end:])
                    if pct:
                        return m.start(), end + pct.end()
                    # the number with its unit: the words after it that the question uses too
                    words = set(re.findall(r"\w+", key))
                    for _ in range(3):
                        w = re.match(r"\s+(\w+)", text[end:])
                        if not w or normalize_for_match(w.group(1)) not in words:
                            break
                        end += w.end()
                    return m.start(), end
        elif t in ("who", "where"):
            if t == "where":
                m = place_re().search(text)
                if m:
                    for n in names(text[m.end() - 1 :]):
                        s = text.find(n, m.end() - 1)
                        if s >= 0:
                            return s, s + len(n)
            if t == "who" and info.offices:  # "Bí thư Tỉnh ủy … là ai?": the name next to that office
                span = holder_span(info.offices, text, key, info.accented)
                if span:
                    return span
            for n in (persons(text) if t == "who" else []) + names(text):
                if normalize_for_match(n) not in key:
                    s = text.find(n)
                    if s >= 0:
                        return s, s + len(n)
    return None
