"""Answer types: the question words of Vietnamese and the shapes of the answers they ask
for (names, person-like names, dates, years, numbers, places), found by general patterns
and the word lists of ``assistant/data/answer_words.json`` — never by lists of names."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from corpus.text import normalize_for_match, strip_diacritics, tone_styles
from index.tokens import stopwords

QUESTION_TYPES = ("who", "when", "year", "where", "how_many", "document", "list")
ANSWER_KINDS = QUESTION_TYPES[:-1]  # the types that ask for a kind of answer (a name, a date, ...); "list" does not

_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ"
NAME_RE = re.compile(rf"(?<![\w])[{_CAP}][\w]*(?:\s+[{_CAP}][\w]*)+")
NUMBER_RE = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")
YEAR_RE = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)")
DATE_RE = re.compile(
    r"(?<!\d)\d{1,2}\s?[/⁄.-]\s?\d{1,2}(?:\s?[/⁄.-]\s?\d{2,4})?(?!\d)"
    r"|\b(?:ngày|tháng|ngay|thang)\s+\d{1,2}\b|\b(?:năm|nam)\s+\d{3,4}\b|\b(?:thế kỷ|the ky)\s+[\dXVI]+"
)
# a date in words: "ngày 05 tháng 9 năm 2016", "ngày 3 tháng 2", "tháng 9 năm 2016"
# (slots reads it as the date in figures; spans emphasise it whole)
DATE_WORDS_RE = re.compile(
    r"\b(?:(?P<n>(?i:ngày|ngay))\s+)?(?P<d>\d{1,2})\s+(?i:tháng|thang)\s+(?P<m>\d{1,2})(?:\s+(?i:năm|nam)\s+(?P<y>\d{4}))?\b"
    r"|\b(?P<t>(?i:tháng|thang))\s+(?P<m2>\d{1,2})\s+(?i:năm|nam)\s+(?P<y2>\d{4})\b"
)


@lru_cache(maxsize=1)
def answer_words() -> dict[str, Any]:
    text = resources.files("assistant").joinpath("data/answer_words.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _type_patterns() -> dict[str, re.Pattern]:
    words = answer_words()["question_types"]
    return {t: re.compile(r"\b(?:" + "|".join(words[t]) + r")\b") for t in QUESTION_TYPES}


@lru_cache(maxsize=1)
def _pronoun_subject_re() -> re.Pattern:
    words = sorted({normalize_for_match(w) for w in answer_words()["subject_pronouns"]["words"]}, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^\W*(?i:{alt})\s+(?![{_CAP}\d])\w")


def names_subject(sentence: str) -> bool:
    """The sentence names a person: a person-like name in it, or a capitalised run that
    begins it (its subject: 'James Gosling ( sinh ... ) là ...')."""
    return bool(persons(sentence) or NAME_RE.match(sentence.lstrip()))


def pronoun_subject(sentence: str) -> bool:
    """The sentence names its subject only by a pronoun ('Ông là ...', 'Bà được ...'),
    not a title before a name ('Ông Nguyễn Văn A ...')."""
    return bool(_pronoun_subject_re().match(sentence))


@lru_cache(maxsize=1)
def place_re() -> re.Pattern:
    cues = answer_words()["place_cues"]["words"]
    forms = {f for w in cues for style in tone_styles(w) for f in (style, strip_diacritics(style))}
    alt = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\b(?i:{alt})\s+[{_CAP}]")


@lru_cache(maxsize=1)
def unit_stop() -> frozenset[str]:
    return frozenset(strip_diacritics(w) for w in stopwords()) | {"phan", "lan", "nguoi"}


def question_types(question: str) -> dict[str, bool]:
    """Which kinds of answer the question asks for (several may hold)."""
    plain = strip_diacritics(normalize_for_match(question))
    return {t: bool(p.search(plain)) for t, p in _type_patterns().items()}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Syllables written in lower case inside sentences (``data/common_words_vi.txt``,
    measured on the news corpus by ``python -m eval.common_words``), with the stop words
    and the titles / forms of address of one syllable."""
    text = resources.files("assistant").joinpath("data/common_words_vi.txt").read_text(encoding="utf-8")
    words = {normalize_for_match(w) for w in text.splitlines() if w and not w.startswith("#")}
    words |= {normalize_for_match(w) for w in stopwords()}
    words |= {normalize_for_match(w) for w in answer_words()["name_heads"]["titles"] if " " not in w}
    return frozenset(words)


def names(text: str) -> list[str]:
    """Runs of two or more capitalised syllables. A run that begins a sentence loses its
    first word when that is a common word capitalised only because the sentence begins
    there ("Theo Bộ Tài chính", "Ông Nguyễn Văn An" → "Nguyễn Văn An"); a name keeps it
    ("Nguyễn Văn An phát biểu", "Hà Nội là …")."""
    out = []
    for m in NAME_RE.finditer(text):
        run = m.group(0)
        if m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in {".", "?", "!", ":"}:
            words = run.split()
            if match_key(words[0]) in common_words():
                if len(words) < 3:
                    continue
                run = " ".join(words[1:])
        out.append(run)
    return out


@lru_cache(maxsize=1)
def name_heads() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """Titles and organisation / place words of ``name_heads`` (answer_words.json), as syllable tuples."""
    heads = answer_words()["name_heads"]

    def tuples(words):
        return frozenset(tuple(normalize_for_match(w).split()) for w in words)

    return tuples(heads["titles"]), tuples(heads["organisations_places"])


@lru_cache(maxsize=1)
def _addressed_re() -> re.Pattern:
    """A form of address ("ông", "đồng chí") ending the text: a person's name follows."""
    words = {f for w in answer_words()["name_heads"]["forms_of_address"] for f in (normalize_for_match(w), plain_key(w))}
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|[^\w])(?:{alt})\s*$")


def _after_address(text: str, at: int) -> bool:
    """Does a form of address end the text before ``at``?"""
    return at > 0 and _addressed_re().search(match_key(text[max(0, at - 12) : at])) is not None


def _state_title(text: str, at: int, titles: frozenset[tuple[str, ...]]) -> bool:
    """Does a title followed by "nước" end the text before ``at`` ("Chủ tịch nước Trần Đại
    Quang": the state's office, not the place cue "nước Anh")?"""
    before = match_key(text[max(0, at - 30) : at]).split()
    return bool(before) and before[-1] == "nước" and any(tuple(before[-k - 1 : -1]) in titles for k in (1, 2, 3) if len(before) > k)


@lru_cache(maxsize=1)
def _title_starts() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """Titles and every beginning of one ("tổng bí" of "tổng bí thư"); the deputy words."""
    titles, _ = name_heads()
    starts = {t[:n] for t in titles for n in range(1, len(t) + 1)}
    deputy = {normalize_for_match(w) for w in answer_words()["deputy_words"]["words"]}
    return frozenset(starts), frozenset(deputy)


@lru_cache(maxsize=1)
def _organisation_starts() -> frozenset[tuple[str, ...]]:
    """Beginnings of two syllables or more of the organisation / place words ("tổng công" of
    "tổng công ty")."""
    _, orgs = name_heads()
    return frozenset(o[:n] for o in orgs for n in range(2, len(o)))


def title_piece(name: str) -> bool:
    """The run is a title or a piece of one left capitalised ("Tổng Bí" of "Tổng Bí thư",
    "Phó Chủ" of "Phó Chủ tịch"), or begins with a deputy word ("Phó Chánh Thanh" of "Phó
    Chánh Thanh tra"): the name of no one and nothing."""
    starts, deputy = _title_starts()
    words = tuple(match_key(w) for w in name.split())
    return words in starts or (len(words) > 1 and words[0] in deputy)


def titled(name: str) -> bool:
    """A title or a piece of one (``title_piece``), or a run that begins with a title: no
    one's name."""
    titles, _ = name_heads()
    words = tuple(match_key(w) for w in name.split())
    return title_piece(name) or any(words[:n] in titles for n in (1, 2, 3))


def persons(text: str) -> list[str]:
    """Capitalised runs that look like a person's name: leading titles skipped, no title
    or piece of one ("Phó Thủ" of "Phó Thủ tướng", ``title_piece``), and not starting with
    a word that begins the name of an organisation, a place or a document, nor the start of
    such a name ("Tổng Công" of "Tổng Công ty") — unless a form of address stands before
    the run ("đồng chí Đoàn Hồng Phong", "ông Hồ Anh Trung": surnames that are also such
    words)."""
    titles, orgs = name_heads()
    out = []
    for run in names(text):
        at = text.find(run)
        words = run.split()
        if at > 0 and place_re().search(text[max(0, at - 16) : at + 2]) and not _state_title(text, at, titles):
            # "tại Hà Nội", "tỉnh Quảng Ninh", "Tỉnh ủy Nam Định": a place; a longer run
            # is the place (most are two syllables) and the name of its holder after it
            # ("Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ")
            if len(words) < 4:
                continue
            words = words[2:]
        low = [match_key(w) for w in words]
        stripped = True
        while stripped and words:
            stripped = False
            for n in (3, 2, 1):
                if len(low) > n and tuple(low[:n]) in titles:
                    words, low, stripped = words[n:], low[n:], True
                    break
        if len(words) < 2 or title_piece(" ".join(words)):
            continue  # a title, or a piece of one left capitalised ("Phó Thủ" of "Phó Thủ tướng")
        if (any(tuple(low[:n]) in orgs for n in (1, 2, 3)) or tuple(low) in _organisation_starts()) and not _after_address(text, at):
            continue
        out.append(" ".join(words))
    return out



WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=300_000)
def match_key(text: str) -> str:
    """normalize_for_match, cached (the same words and names come back all the time)."""
    return normalize_for_match(text)


@lru_cache(maxsize=300_000)
def plain_key(text: str) -> str:
    return strip_diacritics(normalize_for_match(text))


