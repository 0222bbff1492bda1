"""Slots: the particular values a question pins down, and whether a text contradicts them.

A question about "Hội nghị lần thứ sáu", "năm 2017", "khóa XII", "tỉnh Sơn La" or "Truyền
hình I" is not answered by a sentence about "lần thứ năm", "năm 2016", "khóa XI", "tỉnh Bắc
Kạn" or "Truyền hình II": the sentence holds the same *head* word with another *value*.
A slot is (head, value): the value is a number or a date (digits), a Roman numeral, an
ordinal word after "thứ" (the numerals of ``answer_words.json``), or a capitalised name;
the head is the word before it (two words when that word is "thứ" or "số", so that "lần
thứ" and "kỳ họp thứ" differ). Values are compared on one form: 6 = "sáu" = VI, 06/02 =
6-2, diacritics and case ignored. A slot is contradicted only by a *rival*: a value of the
same kind (number or name) under the same head, and not one the question itself gives
that head ("Bí thư Quận ủy … Bí thư Thành ủy …"); names rival only names of the same sort
(a person's, by ``answer_types.persons``, or a body's or a place's) sharing no syllable
with them, under a head that is not a function word ("của", "với"; place words like
"tại" are heads), and a name holding an abbreviation ("Bộ VHTTDL", "Hội nghị TW") or a
value compared against ("so với năm 2015", "so với dự toán 2016") rivals nothing and
confirms nothing. Pure functions, no lists of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.answer_types import DATE_WORDS_RE, answer_words, persons
from corpus.text import normalize_for_match, strip_diacritics

_TOKEN_RE = re.compile(r"\d+(?:\s?[.,/⁄\-–]\s?\d+)*|\w+")
_ROMAN_RE = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_LINKS = frozenset({"thứ", "số", "thu", "so"})  # "thứ", "số": the head is the word before them too
_SENTENCE_END = frozenset(".?!:;\"“”()[]")
# "so với" at most this many words before a value: it is compared against ("so với chỉ tiêu năm 2016")
_COMPARED_WINDOW = 5


@dataclass(frozen=True)
class Slot:
    head: tuple[str, ...]
    value: str
    kind: str = "number"  # "number" (digits, a date, a Roman numeral, an ordinal word) or "name"
    loose: bool = False  # a name holding an abbreviation ("Bộ VHTTDL"), or a value compared against ("so với năm 2015")
    person: bool = False  # a name that is a person's (``answer_types.persons``)
    compared: bool = False  # a value compared against ("tăng 5,6% so với dự toán 2016")


@lru_cache(maxsize=300_000)
def _plain(word: str) -> str:
    return strip_diacritics(normalize_for_match(word))


@lru_cache(maxsize=300_000)
def _key(word: str, accented: bool) -> str:
    return normalize_for_match(word) if accented else _plain(word)


@lru_cache(maxsize=2)
def _ordinals(accented: bool) -> dict[str, int]:
    words = answer_words()["ordinal_words"]["words"]
    return {_key(w, accented): int(n) for w, n in words.items() if " " not in w}


def _roman(word: str) -> int | None:
    if not word or len(word) > 7 or not _ROMAN_RE.match(word):
        return None
    total, prev = 0, 0
    for ch in reversed(word):
        v = _ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def _number(token: str) -> str:
    """One form of a number or date: separators of dates and ranges as '/', no leading zeros."""
    parts = re.split(r"\s?[/⁄\-–]\s?", token)
    return "/".join(p.lstrip("0") or "0" for p in parts)


def _date_words(m: re.Match) -> str:
    """'ngày 05 tháng 9 năm 2016' → 'ngày 05/9/2016', 'ngày 3 tháng 2' → 'ngày 3/2',
    'tháng 9 năm 2016' → 'tháng 9/2016'; '5 tháng 2 …' (five months) stays."""
    if m.group("t"):
        return f"{m.group('t')} {m.group('m2')}/{m.group('y2')}"
    if not (m.group("n") or m.group("y")):
        return m.group(0)
    date = f"{m.group('d')}/{m.group('m')}" + (f"/{m.group('y')}" if m.group("y") else "")
    return f"{m.group('n')} {date}" if m.group("n") else date


@lru_cache(maxsize=100_000)
def slots(text: str) -> tuple[Slot, ...]:
    """The (head, value) slots of a text, in order. Heads keep their diacritics when the
    text has them ("thứ" is not "thu"); a text typed without them gets plain heads. A date
    in words is read as the same date in figures ("ngày 05 tháng 9 năm 2016" = "ngày
    05/9/2016", "tháng 9 năm 2016" = "tháng 9/2016")."""
    accented = strip_diacritics(text) != text
    original = text
    text = DATE_WORDS_RE.sub(_date_words, text)
    ordinals = _ordinals(accented)
    tokens = [(m.start(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
    out: list[Slot] = []
    i = 0
    while i < len(tokens):
        at, tok = tokens[i]
        value: str | None = None
        kind = "number"
        loose = False
        length = 1
        prev = _key(tokens[i - 1][1], accented) if i else ""
        if tok[0].isdigit():
            value = _number(tok)
        elif (r := _roman(tok)) is not None:
            value = str(r)
        elif prev in ("thứ", "thu") and _key(tok, accented) in ordinals:
            value = str(ordinals[_key(tok, accented)])
        elif tok[0].isupper() and i and not _starts_sentence(text, at):
            j = i + 1
            while j < len(tokens) and tokens[j][1][0].isupper() and not text[tokens[j - 1][0] + len(tokens[j - 1][1]) : tokens[j][0]].strip():
                j += 1
            value = " ".join(_plain(t) for _, t in tokens[i:j])
            kind = "name"
            loose = any(len(t) >= 2 and t.isupper() for _, t in tokens[i:j])
            length = j - i
        across = i and "\n" in text[tokens[i - 1][0] + len(tokens[i - 1][1]) : at]  # a head ends its line: none
        if value is not None and i and not prev[:1].isdigit() and not across:
            head = (prev,)
            if prev in _LINKS and i >= 2:
                head = (_key(tokens[i - 2][1], accented), prev)
            before = " ".join(_plain(t) for _, t in tokens[max(0, i - _COMPARED_WINDOW) : i])
            compared = " so voi " in f" {before} "
            out.append(Slot(tuple(_plain(h) for h in head), value, kind, loose or compared, compared=compared))
        i += length
    if any(s.kind == "name" for s in out):
        people = [" " + " ".join(_plain(w) for w in p.split()) + " " for p in persons(original)]
        out = [replace(s, person=any(p in f" {s.value} " for p in people)) if s.kind == "name" else s
               for s in out]
    return tuple(out)


def _starts_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _same(a: str, b: str) -> bool:
    """Equal values, or one date the start of the other (6/2 and 6/2/2017)."""
    if a == b:
        return True
    if "/" in a or "/" in b:
        pa, pb = a.split("/"), b.split("/")
        n = min(len(pa), len(pb))
        return n >= 2 and pa[:n] == pb[:n]
    return False


@dataclass(frozen=True)
class _TextSlots:
    values: frozenset[str]
    compared: frozenset[str]  # values the text gives only as what something is compared against
    by_head: dict[tuple[str, ...], tuple[Slot, ...]]
    plain: str  # the text's words without diacritics, space-separated and space-padded


@lru_cache(maxsize=200_000)
def _text_slots(text: str) -> _TextSlots:
    found = slots(text)
    plain = " " + " ".join(_plain(w) for w in re.findall(r"\w+", text)) + " "
    by_head: dict[tuple[str, ...], list[Slot]] = {}
    for s in found:
        by_head.setdefault(s.head, []).append(s)
    firm = frozenset(s.value for s in found if not s.compared)
    compared = frozenset(s.value for s in found if s.compared) - firm
    return _TextSlots(firm, compared, {h: tuple(v) for h, v in by_head.items()}, plain)


def _holds(q: Slot, p: _TextSlots) -> bool:
    """Does the text hold the question's value — not only as what something is compared
    against ("Năm 2017 … tăng 5,6% so với dự toán 2016" does not say what 2016 was)?"""
    if any(_same(q.value, v) for v in p.values):
        return True
    return f" {q.value} " in p.plain and not any(_same(q.value, c) for c in p.compared)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Stop words that head no name ("của", "với"); the place cues of answer_words.json
    ("tại", "ở") do."""
    from index.tokens import stopwords

    places = {_plain(w) for w in answer_words()["place_cues"]["words"] if " " not in w}
    return frozenset(_plain(w) for w in stopwords()) - places


def _rivals(q: Slot, others: tuple[Slot, ...]) -> bool:
    """Does the text give the question's head another value of the same kind? Names
    rival only names of the same sort (a person's, or not: "Bí thư Đảng ủy …" is not
    contradicted by "Bí thư Đỗ Đình Hùng") that share no syllable with them ("tỉnh Sơn
    La" / "tỉnh Bắc Kạn", not "TP HCM Nguyễn Thiện Nhân" / "TP Hồ Chí Minh"), under a
    head that is not a function word ("của", "với"), and neither may hold an
    abbreviation; a value compared against ("so với năm 2015") rivals nothing."""
    if q.kind == "name" and (q.loose or all(h in _function_words() for h in q.head)):
        return False
    mine = set(q.value.split())
    for o in others:
        if o.kind != q.kind or o.loose:
            continue
        if q.kind == "name" and (mine & set(o.value.split()) or o.person != q.person):
            continue
        return True
    return False


def conflicts(question_slots: tuple[Slot, ...], texts: str | list[str]) -> tuple[int, int]:
    """(slots of the question the texts contradict, slots they confirm). A slot is
    contradicted when the texts hold its head only with other values — values the
    question gives that head elsewhere excepted — and its value nowhere; confirmed when
    they hold its value. Texts are looked at one by one (a passage's sentences: each is
    analysed once, however many candidates share it)."""
    if not question_slots:
        return 0, 0
    parts = [_text_slots(t) for t in ([texts] if isinstance(texts, str) else texts) if t]
    own: dict[tuple[str, ...], list[str]] = {}
    for q in question_slots:
        own.setdefault(q.head, []).append(q.value)
    bad = good = 0
    for q in question_slots:
        if any(_holds(q, p) for p in parts):
            good += 1
        elif any(_rivals(q, _others(p.by_head.get(q.head, ()), own[q.head])) for p in parts):
            bad += 1
    return bad, good


def _others(found: tuple[Slot, ...], asked: list[str]) -> tuple[Slot, ...]:
    """The text's values under a head, less those the question itself gives that head: a
    question about "Bí thư Quận ủy … của Bí thư Thành ủy …" is not contradicted by a text
    that names only the one ("Bí thư Quận ủy Nguyễn Hoài Nam")."""
    if len(asked) < 2 or not found:
        return found
    return tuple(o for o in found if not any(_same(o.value, v) for v in asked))
