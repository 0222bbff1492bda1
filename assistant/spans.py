"""The span of an answer the chat emphasises: the name, date, number, place or document
number that answers a typed question, located in the sentence that leads the answer
(pure functions)."""

from __future__ import annotations

import re

from assistant.answer_types import DATE_RE, NUMBER_RE, YEAR_RE, names, persons, place_re, plain_key
from assistant.offices import holder_span
from assistant.question_info import QuestionInfo
from corpus.docnumbers import doc_number_spans
from corpus.text import normalize_for_match

_NUMERIC_DATE = re.compile(r"\d{1,2}\s?[/⁄.-]\s?\d{1,2}(?:\s?[/⁄.-]\s?\d{2,4})?(?!\d)")
_TYPED = ("document", "year", "when", "how_many", "who", "where")


def answer_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name / date / number / place / document number that
    answers a typed question: one the question does not already hold."""
    key = info.key
    for t in _TYPED:
        if not info.types[t]:
            continue
        span = None
        if t == "document":
            span = next(((s, e) for s, e in doc_number_spans(text) if normalize_for_match(text[s:e]) not in key), None)
        elif t == "year":
            span = next((m.span() for m in YEAR_RE.finditer(text) if m.group(0) not in info.numbers), None)
        elif t == "when":
            span = _date_span(info, text)
        elif t == "how_many":
            span = _number_span(info, text)
        elif t == "where":
            span = _place_span(text)
        if t in ("who", "where") and span is None:
            span = _name_span(info, text, t == "who")
        if span:
            return span
    return None


_RANGE = re.compile(r"\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?\d{1,2}(?:\s?[/⁄.-]\s?\d{1,2})?(?:\s?[/⁄.-]\s?\d{2,4})?(?!\d)")


def _date_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """The first date the question does not hold, a day and month before a bare year
    ("… năm 2017 … ngày 17/5" asked "ngày nào?"), whole ("ngày 27/3/2020", not "ngày 27")
    and with the end of its range ("từ ngày 10 đến 19-5-1941")."""
    dates = []
    for m in DATE_RE.finditer(text):
        if normalize_for_match(m.group(0)) in info.key:
            continue
        digits = m.start() + next((i for i, ch in enumerate(m.group(0)) if ch.isdigit()), 0)
        full = _NUMERIC_DATE.match(text, digits)
        end = max(m.end(), full.end() if full else 0)
        rng = _RANGE.match(text, end)
        has_day = not plain_key(m.group(0)).startswith(("nam", "thang", "the ky"))
        dates.append((m.start(), rng.end() if rng else end, has_day))
    if not dates:
        return None
    with_day = [d for d in dates if d[2]]
    s, e, _ = (with_day or dates)[0]
    return s, e


def _number_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """The number of the asked unit ("bao nhiêu đảng viên": "4.690 đảng viên") if one is
    followed by it, else the first number the question does not hold that is no part of a
    date; with a percent sign or the unit words the question uses."""
    in_dates = [m.span() for m in DATE_RE.finditer(text)]
    numbers = [
        m for m in NUMBER_RE.finditer(text)
        if m.group(0) not in info.numbers and not any(s <= m.start() < e for s, e in in_dates)
    ]
    if not numbers:
        return None
    if info.unit_words:  # "bao nhiêu đảng viên": a number followed by both words, else by the first
        for unit in [info.unit_words, *([info.unit] if info.unit else [])]:
            follows = re.compile(r"\s*(?:\w+\s+)?" + re.escape(unit) + r"\b")
            preferred = [m for m in numbers if follows.match(plain_key(text[m.end() : m.end() + 40]))]
            if preferred:
                numbers = preferred
                break
    m = numbers[0]
    end = m.end()
    pct = re.match(r"\s*%", text[end:])
    if pct:
        return m.start(), end + pct.end()
    words = set(re.findall(r"\w+", info.key))
    for _ in range(3):  # the number with its unit: the words after it that the question uses too
        w = re.match(r"\s+(\w+)", text[end:])
        if not w or normalize_for_match(w.group(1)) not in words:
            break
        end += w.end()
    return m.start(), end


def _place_span(text: str) -> tuple[int, int] | None:
    m = place_re().search(text)
    if m:
        for n in names(text[m.end() - 1 :]):
            s = text.find(n, m.end() - 1)
            if s >= 0:
                return s, s + len(n)
    return None


def _name_span(info: QuestionInfo, text: str, who: bool) -> tuple[int, int] | None:
    """The holder of the office asked about; else the first person-like name (no
    abbreviation in it: "T.Ư Đảng", "TP HCM" are not people), then the first name."""
    if who and info.offices:  # "Bí thư Tỉnh ủy … là ai?": the name next to that office
        span = holder_span(info.offices, text, info.key, info.accented)
        if span:
            return span
    people = [n for n in persons(text) if not _abbreviated(n, text)] if who else []
    for n in people + names(text):
        if normalize_for_match(n) not in info.key:
            s = text.find(n)
            if s >= 0:
                return s, s + len(n)
    return None


def _abbreviated(name: str, text: str) -> bool:
    """A run with a word in capitals ("TP HCM", "CĐ Ngân") or cut from an abbreviation
    ("Ư Đảng" of "T.Ư Đảng")."""
    at = text.find(name)
    words = name.split()
    return any(len(w) > 1 and w.isupper() for w in words) or len(words[0]) == 1 or (at > 0 and text[at - 1] == ".")
