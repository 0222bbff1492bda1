"""The span of an answer the chat emphasises: the name, date, number, place or document
number that answers a typed question, located in the sentence that leads the answer
(pure functions)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from assistant.answer_types import DATE_RE, DATE_WORDS_RE, NUMBER_RE, WORD_RE, YEAR_RE, answer_words, names, persons, place_re, plain_key, titled
from assistant.offices import holder_span
from assistant.question_info import QuestionInfo, question_stopwords
from corpus.docnumbers import KIND_NAMES, doc_number_spans
from corpus.text import normalize_for_match, strip_diacritics

# a number that refers to a part of a text ("Điều 27", "khoản 2"), not a quantity
_REFERENCE = re.compile(r"\b(?i:điều|dieu|khoản|khoan|điểm|diem|chương|chuong|mục|muc|phần|phan)\s*$")
_NUMERIC_DATE = re.compile(r"\d{1,2}\s?[/⁄.-]\s?\d{1,2}(?:\s?[/⁄.-]\s?\d{2,4})?(?!\d)")
_TYPED = ("document", "year", "when", "how_many", "who", "where")
_WHICH_ARTICLE = re.compile(r"\bdieu (?:luat |so )?(?:nao|bao nhieu|may)\b")
_ARTICLE_HEAD = re.compile(r"\s*(Điều\s+\d{1,4}[a-z]?)\b")
# "quyết định số mấy", "Luật Thanh tra số mấy": the number asked is a document's (the kinds
# of ``corpus.docnumbers``, a law, any document)
_DOCUMENT_NUMBER = re.compile(
    r"\b(?:" + "|".join(sorted({strip_diacritics(n) for n in KIND_NAMES.values()} | {"luat", "van ban"}))
    + r")(?: \w+){0,4} so (?:may|bao nhieu)\b"
)


def asks_which_article(info: QuestionInfo) -> bool:
    """"Điều nào của Luật … quy định …?", "điều bao nhiêu": the answer is an article."""
    return bool(_WHICH_ARTICLE.search(plain_key(info.query.question)))


def answer_span(info: QuestionInfo, text: str, any_name: bool = True) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name / date / number / place / document number that
    answers a typed question: one the question does not already hold. Without
    ``any_name``, a who-question is answered only by a person, an office's holder or what
    stands where the question has "ai", not by any capitalised name ("Việt Nam")."""
    key = info.key
    if _asks_duration(info):  # "thời hạn thanh tra là bao lâu?": the number and its unit
        span = _duration_span(info, text)
        if span:
            return span
    asks_document = info.types["document"] or bool(_DOCUMENT_NUMBER.search(plain_key(info.query.question)))
    for t in _TYPED:
        if not (info.types[t] or (t == "document" and asks_document)):
            continue
        span = None
        if t == "document":
            span = next(((s, e) for s, e in doc_number_spans(text) if normalize_for_match(text[s:e]) not in key), None)
            if span is None and asks_which_article(info):  # "Điều nào …?": the heading's "Điều 85"
                head = _ARTICLE_HEAD.match(text)
                span = head.span(1) if head else None
        elif t == "year":
            span = next((m.span() for m in YEAR_RE.finditer(text) if m.group(0) not in info.numbers), None)
        elif t == "when":
            span = _date_span(info, text)
        elif t == "how_many":
            span = _number_span(info, text)
        elif t == "where":
            span = _place_span(text)
        if t in ("who", "where") and span is None:
            span = _name_span(info, text, t == "who", any_name or t == "where")
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
        words = DATE_WORDS_RE.match(text, m.start())  # "ngày 01 tháng 7 năm 2023" whole
        if words and not full:
            end = max(end, words.end())
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
    followed by it, else a number in words followed by it ("mười tám tuổi"), else the first
    number the question does not hold that is no part of a date nor a reference to a part
    of a text ("Điều 27"); with a percent sign or the unit words the question uses."""
    in_dates = [m.span() for m in DATE_RE.finditer(text)]
    numbers = [
        m for m in NUMBER_RE.finditer(text)
        if m.group(0) not in info.numbers
        and not any(s <= m.start() < e for s, e in in_dates)
        and not _REFERENCE.search(text[max(0, m.start() - 10) : m.start()])
    ]
    units = [info.unit_words, *([info.unit] if info.unit else [])] if info.unit_words else []
    if "phan tram" in plain_key(info.query.question) or "%" in info.query.question:
        percent = [m for m in numbers if re.match(r"\s*%", text[m.end() :])]
        numbers, units = (percent or numbers), ([] if percent else units)
    for unit in units:  # "bao nhiêu đảng viên": a number followed by both words, else by the first
        follows = re.compile(r"\s*(?:\w+\s+)?" + re.escape(unit) + r"\b")
        preferred = [m for m in numbers if follows.match(plain_key(text[m.end() : m.end() + 40]))]
        if preferred:
            numbers = preferred
            break
        worded = _worded_number(text, unit)
        if worded:
            return worded
    if not numbers:
        return None
    start, end = _nearest(info, text, [m.span() for m in numbers])
    m = next(m for m in numbers if m.start() == start)
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


_WINDOW = 10  # words either side of a number that say what it counts


def _nearest(info: QuestionInfo, text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Of several numbers, the one with the most of the question's words around it (the
    first of those tied): "phấn đấu 95% TCCS đảng hoàn thành tốt nhiệm vụ", not the 100% of
    the sentence before. (Tried for names too: the first person is the better guess.)"""
    if len(spans) == 1:
        return spans[0]
    asked = {plain_key(t) for t in info.content}
    words = [(w.start(), plain_key(w.group(0))) for w in re.finditer(r"\w+", text)]
    starts = [w[0] for w in words]

    def around(span: tuple[int, int]) -> int:  # the question's words among those either side
        first, last = bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])
        window = words[max(0, first - _WINDOW) : first] + words[last : last + _WINDOW]
        return len({w for _, w in window} & asked)

    best = max(around(sp) for sp in spans)
    return next(sp for sp in spans if around(sp) == best)


@lru_cache(maxsize=1)
def _number_words_re() -> tuple[re.Pattern, re.Pattern]:
    """A run of Vietnamese numerals in words, lower case and accented ("tư" is four, "từ"
    is not); and a date word that is also a digit before a digit ("năm hai": the year's)."""
    words = answer_words()["number_words"]
    digits = sorted({w.lower() for w in words["digits"]}, key=len, reverse=True)
    every = sorted(set(digits) | {w.lower() for w in words["others"]}, key=len, reverse=True)
    alt, dig = "|".join(map(re.escape, every)), "|".join(map(re.escape, digits))
    dates = "|".join(re.escape(w) for w in answer_words()["date_words"]["words"] if w in digits)
    run = re.compile(rf"(?<!\w)(?:{alt})(?:\s+(?:{alt}))*(?!\w)")
    return run, re.compile(rf"(?:{dates or '(?!)'})\s+(?=(?:{dig})(?!\w))")


def _worded_number(text: str, unit: str) -> tuple[int, int] | None:
    """A number in words followed by the unit ("mười tám tuổi", "hai kỳ"), with the unit."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    after = re.compile(re.escape(unit) + r"\b")
    run, date_word = _number_words_re()
    for m in run.finditer(lowered):
        gap = re.match(r"\s+", text[m.end() :])
        if gap and after.match(plain_key(text[m.end() + gap.end() : m.end() + gap.end() + 40])):
            date = date_word.match(lowered, m.start())  # "mỗi năm hai kỳ": 'năm' is the year
            return (date.end() if date else m.start()), m.end() + gap.end() + len(unit)
    return None


@lru_cache(maxsize=1)
def _duration_words() -> tuple[re.Pattern, re.Pattern]:
    """Cues of a question about a length of time; a number (in figures or words) and a unit
    of time after it."""
    words = answer_words()["duration_words"]
    cues = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in words["cues"]) + r")\b")
    units = "|".join(re.escape(u) for u in sorted(words["units"], key=len, reverse=True))
    numerals = _number_words_re()[0].pattern
    return cues, re.compile(rf"(?:(?<![\w/.-])\d+(?:[.,]\d+)?|{numerals})\s+(?i:{units})(?!\w)")


def _asks_duration(info: QuestionInfo) -> bool:
    return bool(_duration_words()[0].search(plain_key(info.query.question)))


def _duration_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """The length of time the text gives ("15 ngày", "sáu mươi ngày", "05 ngày làm việc"),
    of several the one with the most question words around it."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    spans = [m.span() for m in _duration_words()[1].finditer(lowered) if normalize_for_match(text[m.start() : m.end()]) not in info.key]
    return _nearest(info, text, spans) if spans else None


def _place_span(text: str) -> tuple[int, int] | None:
    m = place_re().search(text)
    if m:
        for n in names(text[m.end() - 1 :]):
            s = text.find(n, m.end() - 1)
            if s >= 0:
                return s, s + len(n)
    return None


_CLAUSE_BREAK = re.compile(r"[,;:.()\[\]“”\"]")
_BETWEEN_WORDS = 10  # at most this many words between the question's two words


def _between_span(info: QuestionInfo, text: str) -> tuple[int, int] | None:
    """"Chánh Thanh tra huyện do ai bổ nhiệm?" answered by "… do Chủ tịch Ủy ban nhân dân
    cấp huyện bổ nhiệm …": the words the text puts where the question has "ai", between
    the question's word before it and the one after (one clause, a few words)."""
    written = WORD_RE.findall(info.query.question)
    forms = [normalize_for_match(w) if info.accented else plain_key(w) for w in written]  # "Ái Quốc" has no "ai"
    at = forms.index("ai") if "ai" in forms else -1
    if at < 1 or at + 1 >= len(forms):
        return None
    before, after = plain_key(written[at - 1]), plain_key(written[at + 1])
    words = list(WORD_RE.finditer(text))
    keys = [plain_key(m.group(0)) for m in words]
    function = question_stopwords(False)
    for k, key in enumerate(keys):
        if key != before:
            continue
        for j in range(k + 2, min(len(words), k + 2 + _BETWEEN_WORDS)):
            if keys[j] == after:
                first, last = k + 1, j - 1
                # "… tài sản thì Trưởng đoàn …": a function word before a capitalised answer
                # ("cơ quan", a word of the answer, stays)
                while first < last and keys[first] in function and words[first + 1].group(0)[:1].isupper():
                    first += 1
                start, end = words[first].start(), words[last].end()
                if not _CLAUSE_BREAK.search(text, start, end) and normalize_for_match(text[start:end]) not in info.key:
                    return start, end
                break
    return None


def _name_span(info: QuestionInfo, text: str, who: bool, any_name: bool = True) -> tuple[int, int] | None:
    """What the text puts where the question has "ai" (``_between_span``); the holder of
    the office asked about; else the first person-like name (no abbreviation in it: "T.Ư
    Đảng", "TP HCM" are not people), then the first name (not without ``any_name``)."""
    if who and (span := _between_span(info, text)):
        return span
    if who and info.offices:  # "Bí thư Tỉnh ủy … là ai?": the name next to that office
        span = holder_span(info.offices, text, info.key, info.accented)
        if span and not (_abbreviated(text[span[0] : span[1]], text) or titled(text[span[0] : span[1]])):
            return span
    people = [n for n in persons(text) if not (_abbreviated(n, text) or titled(n))] if who else []
    others = [n for n in names(text) if not (who and (_abbreviated(n, text) or titled(n)))] if any_name else []
    for group in (people, others):
        spans = [(s, s + len(n)) for n in group if normalize_for_match(n) not in info.key and (s := text.find(n)) >= 0]
        if spans:
            return spans[0]
    return None


def _abbreviated(name: str, text: str) -> bool:
    """A run with a word in capitals ("TP HCM", "CĐ Ngân") or cut from an abbreviation
    ("Ư Đảng" of "T.Ư Đảng")."""
    at = text.find(name)
    words = name.split()
    return any(len(w) > 1 and w.isupper() for w in words) or len(words[0]) == 1 or (at > 0 and text[at - 1] == ".")
