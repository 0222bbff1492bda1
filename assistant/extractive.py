"""The default answerer: extractive, offline, and unable to invent text.

It picks the sentences of the retrieved passages that best cover the question
(IDF-weighted syllables and syllable pairs, abbreviations and document numbers
matched both ways, a small bonus for the kind of answer asked for), cites each with
``[n]``, and says it found nothing when the best coverage is below a threshold.
"""

from __future__ import annotations

import math
from functools import lru_cache
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from assistant.models import Answer, Citation, Passage
from assistant.query import Query, expand_abbreviations
from assistant.strings import strings
from corpus.chunking import split_sentences
from corpus.docnumbers import doc_number_keys
from corpus.text import normalize_for_match, strip_diacritics
from index.tokens import stopwords, syllables

TermStats = Callable[[list[str]], tuple[dict[str, int], int]]
"""Given terms, return (document frequency per term, number of passages)."""

_WHO = re.compile(r"\b(ai|người nào|đồng chí nào)\b", re.I)
_WHEN = re.compile(r"\b(khi nào|ngày nào|bao giờ|thời gian nào|ngày bao nhiêu|vào ngày|thời điểm)\b", re.I)
_HOW_MANY = re.compile(r"\b(bao nhiêu|mấy|số lượng|tổng số)\b", re.I)
_LIST = re.compile(
    r"\b(những|các .{0,40}nào|gồm những|liệt kê|kể tên|nội dung|nhiệm vụ|mục tiêu|chỉ tiêu|bài học|giải pháp|hạn chế)\b",
    re.I,
)
_YEAR_Q = re.compile(r"(?<!hằng )(?<!hàng )(?<!mỗi )\b(năm nào|nam nao)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WHERE_Q = re.compile(r"\b(ở đâu|tại đâu|nơi nào|địa điểm nào|o dau|tai dau)\b", re.I)
_PLACE = re.compile(r"\b(tại|ở|trên địa bàn|thuộc)\s+[A-ZĐ]|\b(tỉnh|thành phố|huyện|xã|quận|phường)\s+[A-ZĐ]")
_DATE = re.compile(r"\b\d{1,2}\s?[/⁄-]\s?\d{1,2}(?:\s?[/⁄-]\s?\d{2,4})?\b|\bngày \d{1,2}\b|\btháng \d{1,2}\b")
_TITLES = {
    ("bí", "thư"), ("bi", "thu"), ("chủ", "tịch"), ("chu", "tich"), ("giám", "đốc"), ("giam", "doc"),
    ("chánh", "văn"), ("chanh", "van"), ("trưởng", "ban"), ("truong", "ban"), ("vụ", "trưởng"), ("vu", "truong"),
}
_DEPUTY = {"phó", "pho"}
_SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trương", "Lâm", "Đào", "Mai", "Cao", "Kiều", "Tạ", "Hà", "Lương", "Tô", "Trịnh",
    "Đoàn", "Vương", "Triệu", "Thái", "Chu", "Quách", "Lại", "Lưu", "Tăng", "Từ", "Khổng", "La", "Âu", "Châu",
}
_PLACES = ("Hà Nội", "Hà Giang", "Hà Tĩnh", "Hà Nam", "Hồ Chí Minh", "Lâm Đồng", "Cao Bằng", "Thái Bình", "Thái Nguyên")
_PERSON_RE = re.compile(r"\b([A-ZĐ][a-zà-ỹđ]*)((?:\s+[A-ZĐ][a-zà-ỹđ]*){1,3})")


def _has_person(text: str, question: str) -> bool:
    """Does the sentence name a person (a surname, then given names) absent from the question?"""
    q = question.lower()
    for m in _PERSON_RE.finditer(text):
        if m.group(1) not in _SURNAMES:
            continue
        name = m.group(0)
        if name.startswith(_PLACES):
            continue
        if name.lower() not in q:
            return True
    return False


def _title_factor(q_tokens: list[str], tokens: list[str]) -> float:
    """"Bí thư" asked, and the sentence has only "Phó Bí thư": probably the wrong person."""
    asked = {
        (q_tokens[i], q_tokens[i + 1])
        for i in range(len(q_tokens) - 1)
        if (q_tokens[i], q_tokens[i + 1]) in _TITLES and (i == 0 or q_tokens[i - 1] not in _DEPUTY)
    }
    for a, b in asked:
        before = [tokens[i - 1] if i else "" for i in range(len(tokens) - 1) if tokens[i] == a and tokens[i + 1] == b]
        if before and all(p in _DEPUTY for p in before):
            return 0.5
    return 1.0


_CAPITAL_RUN = re.compile(r"(?:\b[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*(?:\s+|$)){2,}")


@dataclass
class _Unit:
    passage: int
    text: str
    tokens: list[str]
    score: float = 0.0
    coverage: float = 0.0
    own: float = 0.0
    scored: float = 0.0
    quotable: bool = True


@lru_cache(maxsize=100_000)
def _unit_tokens(text: str, accented: bool) -> tuple[str, ...]:
    """Tokens of a sentence, its abbreviations expanded both ways, its document numbers
    as keys (cached: the same passages come back question after question)."""

    def tokens(t: str) -> list[str]:
        toks = syllables(t)
        return toks if accented else [strip_diacritics(x) for x in toks]

    extra = " ".join(expand_abbreviations(text))
    toks = tokens(text)
    if extra:
        toks = toks + ["|"] + tokens(extra)
    return tuple(toks + doc_number_keys(text))


def _clause_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Sentences of a passage; long ones cut at ';' then ',' into pieces under ``limit``."""
    spans: list[tuple[int, int]] = []
    for s in split_sentences(text):
        if s.end - s.start <= limit:
            spans.append((s.start, s.end))
            continue
        start = s.start
        for m in re.finditer(r"[;:]\s+", text[s.start : s.end]):
            cut = s.start + m.start() + 1
            if cut - start >= 40:
                spans.append((start, cut))
                start = s.start + m.end()
        spans.append((start, s.end))
    return spans


class ExtractiveAnswerer:
    """Answers with sentences taken verbatim from the passages, each cited."""

    def __init__(
        self,
        term_stats: TermStats,
        min_confidence: float = 0.5,
        max_sentences: int = 2,
        max_list_items: int = 5,
        sentence_limit: int = 320,
        own_weight: float = 0.0,
        factor_slack: float = 0.0,
        number_check: bool = True,
    ) -> None:
        self.term_stats = term_stats
        self.min_confidence = min_confidence
        self.max_sentences = max_sentences
        self.max_list_items = max_list_items
        self.sentence_limit = sentence_limit
        self.own_weight = own_weight  # how much the sentence itself (not its context) must cover
        self.factor_slack = factor_slack  # how little an answer-kind mismatch lowers confidence
        self.number_check = number_check

    # -- scoring ---------------------------------------------------------------------
    def _tokens(self, text: str, accented: bool) -> list[str]:
        toks = syllables(text)
        if not accented:
            toks = [strip_diacritics(t) for t in toks]
        return toks

    def _unit_tokens(self, text: str, accented: bool) -> list[str]:
        return list(_unit_tokens(text, accented))

    def _weights(self, terms: list[str]) -> dict[str, float]:
        df, n = self.term_stats(terms)
        n = max(n, 1)
        return {t: math.log(1.0 + (n - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in terms}

    def confidence_and_units(self, query: Query, passages: list[Passage]) -> tuple[float, list[_Unit]]:
        accented = query.accented
        stop = stopwords() if accented else frozenset(strip_diacritics(s) for s in stopwords())
        q_tokens = self._tokens(query.question, accented)
        q_keys = doc_number_keys(query.question) + doc_number_keys(query.question.upper())
        content = list(dict.fromkeys([t for t in q_tokens if t not in stop] + q_keys))
        ctx_tokens = self._tokens(query.context, accented) if query.context else []
        ctx_content = [t for t in dict.fromkeys(ctx_tokens) if t not in stop and t not in content]
        weights = self._weights(content + ctx_content)
        for t in q_keys:
            weights[t] = max(weights.get(t, 0.0), 4.0)
        pairs = [(a, b) for a, b in zip(q_tokens, q_tokens[1:]) if not (a in stop and b in stop)]
        units: list[_Unit] = []
        for i, passage in enumerate(passages):
            if passage.before:
                spans = _clause_spans(passage.before, self.sentence_limit)[-2:]
                for s, e in spans:
                    text = passage.before[s:e]
                    units.append(_Unit(i, text, self._unit_tokens(text, accented), quotable=False))
            for s, e in _clause_spans(passage.text, self.sentence_limit):
                text = passage.text[s:e]
                units.append(_Unit(i, text, self._unit_tokens(text, accented)))
        if not units or not content:
            return 0.0, units
        total = sum(weights[t] for t in content) + 0.5 * sum(weights[t] for t in ctx_content) or 1.0
        pair_total = sum(weights.get(a, 0.5) + weights.get(b, 0.5) for a, b in pairs) or 1.0
        titles = [self._tokens(p.title, accented) for p in passages]

        def coverage(strength: dict[str, float], pair_strength: dict[tuple[str, str], float]) -> float:
            cov = (
                sum(weights[t] * strength.get(t, 0.0) for t in content)
                + 0.5 * sum(weights[t] * strength.get(t, 0.0) for t in ctx_content)
            ) / total
            if not pairs:
                return cov
            bcov = sum((weights.get(a, 0.5) + weights.get(b, 0.5)) * pair_strength.get((a, b), 0.0) for a, b in pairs)
            return 0.6 * cov + 0.4 * bcov / pair_total

        def absorb(strength: dict, pair_strength: dict, tokens: list[str], level: float) -> None:
            for t in tokens:
                if strength.get(t, 0.0) < level:
                    strength[t] = level
            for pair in zip(tokens, tokens[1:]):
                if pair_strength.get(pair, 0.0) < level:
                    pair_strength[pair] = level

        kind = self._answer_kind(query.question)
        q_numbers = [n for n in dict.fromkeys(re.findall(r"\d+", query.question)) if self.number_check]

        names = self._question_names(query)

        def name_factor(window_pairs: dict[tuple[str, str], float]) -> float:
            """A name the question gives (Quảng Nam, Tổng Bí thư) must stand, whole, near the answer."""
            missing = any(not all(pair in window_pairs for pair in zip(name, name[1:])) for name in names)
            return 0.55 if missing else 1.0

        def number_factor(window: dict[str, float]) -> float:
            """Numbers the question states (a year, a count, a term) must stand near the answer."""
            missing = sum(n not in window and n.lstrip("0") not in window for n in q_numbers)
            return 0.6**missing

        best_window = 0.0
        for idx, unit in enumerate(units):
            # a sentence inherits the context of its passage: what the sentences before
            # it and the title said (news prose names the organisation once)
            strength: dict[str, float] = {}
            pair_strength: dict[tuple[str, str], float] = {}
            absorb(strength, pair_strength, list(titles[unit.passage]), 0.6)
            for j, level in ((idx - 2, 0.5), (idx - 1, 0.7), (idx + 1, 0.3)):
                if 0 <= j < len(units) and units[j].passage == unit.passage:
                    absorb(strength, pair_strength, units[j].tokens, level)
            absorb(strength, pair_strength, unit.tokens, 1.0)
            scored = coverage(strength, pair_strength)
            unit.scored = scored
            unit.own = coverage({t: 1.0 for t in unit.tokens}, {pr: 1.0 for pr in zip(unit.tokens, unit.tokens[1:])})
            window = {t: 1.0 for t, v in strength.items() if v >= 0.3}
            window_pairs = {pr: 1.0 for pr, v in pair_strength.items() if v >= 0.3}
            ctx = coverage(window, window_pairs)
            unit.coverage = ctx
            factor = kind(unit.text) * _title_factor(q_tokens, unit.tokens)
            unit.score = scored * factor + 0.04 / (1 + unit.passage)
            if unit.quotable:
                support = (1 - self.own_weight) * ctx + self.own_weight * unit.own
                best_window = max(
                    best_window,
                    support * min(1.0, factor + self.factor_slack) * number_factor(window) * name_factor(window_pairs),
                )
            else:
                unit.score = -1.0  # context only: never quoted
        confidence = best_window
        return confidence, units

    @staticmethod
    def _answer_kind(question: str) -> Callable[[str], float]:
        """A factor for sentences that hold (1.0) or lack (< 1) the kind of answer asked for."""
        plain_q = strip_diacritics(question.lower())
        who = bool(
            _WHO.search(question)
            or re.search(r"\b(ai|nguoi nao|dong chi nao)\b", plain_q)
            or re.search(r"\b(uy vien|uvtv|bi thu|chu tich|giam doc|lanh dao|dong chi|can bo)\b[^?]{0,30}\bnao\b", plain_q)
        )
        when = bool(_WHEN.search(question) or re.search(r"\b(khi nao|ngay nao|bao gio|thoi gian nao)\b", plain_q))
        many = bool(_HOW_MANY.search(question) or re.search(r"\b(bao nhieu|may)\b", plain_q))
        q_numbers = set(re.findall(r"\d+", question))
        year = bool(_YEAR_Q.search(question))
        where = bool(_WHERE_Q.search(question))
        unit_match = re.search(r"(?:bao nhiêu|bao nhieu|mấy|may)\s+(\w+)", normalize_for_match(question))
        unit_word = unit_match.group(1) if unit_match else ""
        if unit_word in {"phần", "phan"}:
            unit_re = re.compile(r"\d\s*%")
        elif unit_word and unit_word not in stopwords():
            unit_re = re.compile(r"\d[\d.,/]*\s+(?:\w+\s+)?" + re.escape(unit_word) + r"\b")
        else:
            unit_re = None

        def factor(text: str) -> float:
            f = 1.0
            if who and not _has_person(text, question):
                f *= 0.45
            if when and not _DATE.search(text):
                f *= 0.45
            if year and not [y for y in _YEAR.findall(text) if y not in q_numbers]:
                f *= 0.45
            if where and not _PLACE.search(text):
                f *= 0.7
            if many:
                numbers = [n for n in re.findall(r"\d+(?:[.,]\d+)*", text) if n not in q_numbers]
                if not numbers:
                    f *= 0.45
                elif unit_re is not None:
                    key = normalize_for_match(text)
                    f *= 1.0 if unit_re.search(key) or unit_re.search(strip_diacritics(key)) else 0.75
            return f

        return factor

    def _question_names(self, query: Query) -> list[tuple[str, ...]]:
        """Names in the question (runs of capitalised syllables), as token tuples."""
        names = []
        for m in _CAPITAL_RUN.finditer(query.question):
            run = m.group(0).strip()
            if m.start() == 0:  # the first word of a question is capitalised anyway
                words = run.split()
                run = " ".join(words[1:]) if len(words) > 2 else ""
            if len(run.split()) >= 2:
                names.append(tuple(self._tokens(run, query.accented)))
        return names

    # -- answering -------------------------------------------------------------------
    def answer(self, query: Query, passages: list[Passage]) -> Answer:
        texts = strings()
        if not passages:
            return Answer(answer=texts["not_found"], found=False)
        confidence, units = self.confidence_and_units(query, passages)
        confidence = round(confidence, 4)
        if confidence < self.min_confidence or not units:
            return Answer(answer=texts["not_found"], found=False, citations=[], confidence=confidence)
        answer = self._compose(self._choose(query, units), units, passages)
        return answer.model_copy(update={"confidence": confidence})

    def _choose(self, query: Query, units: list[_Unit]) -> list[int]:
        """The units that make the answer: the best one, close runners-up (from other
        sources too), and for a list the items that follow an introducing colon."""
        ranked = sorted(range(len(units)), key=lambda i: -units[i].score)
        best = ranked[0]
        is_list = bool(_LIST.search(query.question))
        limit = self.max_list_items if is_list else self.max_sentences
        chosen = [best]
        length = len(units[best].text)
        budget = 600 if is_list else 300
        for i in ranked[1:]:
            if len(chosen) >= limit:
                break
            unit = units[i]
            if not unit.quotable:
                break
            other_source = unit.passage != units[best].passage
            ratio = 0.8 if is_list else (0.85 if other_source else 0.92)
            if unit.score < ratio * units[best].score:
                break
            if length + len(unit.text) > budget + (150 if other_source else 0):
                continue
            if any(units[c].text == unit.text for c in chosen):
                continue
            chosen.append(i)
            length += len(unit.text)
        # a sentence that leans on the one before it (which names the subject) brings it
        prev = best - 1
        if (
            units[best].own < 0.55 * units[best].scored
            and prev >= 0
            and units[prev].passage == units[best].passage
            and units[prev].quotable
            and prev not in chosen
            and len(units[prev].text) + len(units[best].text) <= 420
        ):
            chosen.append(prev)
            length += len(units[prev].text)
        # a sentence that introduces items ("… gồm:", "… một số nội dung:") brings the items
        intro = units[best].text.rstrip()
        if intro.endswith(":") or (is_list and ":" in intro[-120:]):
            j = best + 1
            while (
                j < len(units)
                and units[j].passage == units[best].passage
                and units[j].quotable
                and len(chosen) < self.max_list_items
            ):
                if j not in chosen:
                    chosen.append(j)
                    length += len(units[j].text)
                if length > budget or not intro.endswith(":"):
                    break
                j += 1
        first: dict[int, int] = {}
        for i in chosen:
            first.setdefault(units[i].passage, len(first))
        return sorted(chosen, key=lambda i: (first[units[i].passage], i))

    def _compose(self, chosen: Iterable[int], units: list[_Unit], passages: list[Passage]) -> Answer:
        numbers: dict[int, int] = {}
        quotes: dict[int, list[str]] = {}
        parts = []
        for i in chosen:
            unit = units[i]
            n = numbers.setdefault(unit.passage, len(numbers) + 1)
            quotes.setdefault(unit.passage, []).append(unit.text)
            parts.append(f"{unit.text.rstrip()} [{n}]")
        citations = [
            Citation.from_passage(n, passages[i], quote=" … ".join(quotes[i]))
            for i, n in sorted(numbers.items(), key=lambda kv: kv[1])
        ]
        return Answer(answer=" ".join(parts), found=True, citations=citations)
