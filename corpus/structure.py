"""The structure of a resolution, regulation, charter or law: its headings and sections.

Headings are lines of the usual forms: ``Phần thứ nhất``, ``Chương II``, ``Mục 1``,
``Điều 3. Sinh hoạt định kỳ``; in documents without articles, Roman (``I. MỤC TIÊU``) and
then Arabic (``1. Về công tác tư tưởng``) heading lines. Clauses (``1.``, ``a)``) inside an
article are content, not sections.

A document has structure when it has two articles, a part / chapter / section heading, or
two Roman headings; otherwise ``outline`` returns None and it is chunked as before (news
articles keep their chunks and chunk ids). Pure functions over the NFC text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text import strip_diacritics

SEPARATOR = " › "

_PART_RE = re.compile(r"(?P<label>(?:PHẦN|Phần)\s+(?:THỨ|thứ|Thứ)\s+\w+|(?:PHẦN|Phần)\s+(?:[IVXLC]+|\d{1,2}))\b[.:]?\s*(?P<rest>.*)")
_CHAPTER_RE = re.compile(r"(?P<label>(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d{1,3}))\b[.:]?\s*(?P<rest>.*)")
_SECTION_RE = re.compile(r"(?P<label>(?:MỤC|Mục)\s+(?:[IVXLC]+|\d{1,2}))\s*[.:]?(?:\s+(?P<rest>.*)|$)")
_ARTICLE_RE = re.compile(r"(?P<label>Điều\s+(?P<n>\d{1,4}[a-z]?))\s*[.:](?:\s*(?P<rest>.*))?")
_ROMAN_RE = re.compile(r"(?P<label>[IVX]{1,4})\s*[.)/-]\s+(?P<rest>\S.*)")
_ARABIC_RE = re.compile(r"(?P<label>\d{1,2})\s*[.)/]\s+(?P<rest>\S.*)")
_CLAUSE_START_RE = re.compile(r"\d{1,2}\s*[.)]\s|[a-zđ]\)\s")
_LINE_RE = re.compile(r"[^\n]+")

PART, CHAPTER, SECTION, ARTICLE, ROMAN, ARABIC = range(6)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    label: str  # "Chương II", "Điều 3. Sinh hoạt định kỳ", "I. MỤC TIÊU"
    start: int  # offset of the heading line in the text
    end: int = -1  # end of the heading itself (the line, or "Điều 2." when a clause follows on it)


@dataclass(frozen=True, slots=True)
class Section:
    start: int
    end: int
    path: str | None  # "Chương II › Điều 3. Sinh hoạt định kỳ"; None before the first heading


def _title(rest: str | None, limit: int = 120) -> str:
    """The title that follows an article number on its line, if it reads as one
    (not the first clause: "Điều 2. 1. Nhà nước …", not a whole sentence)."""
    rest = (rest or "").strip()
    if not rest or len(rest) > limit or _CLAUSE_START_RE.match(rest) or rest.endswith((".", ";", ",", ":")):
        return ""
    return rest


def _heading_line(rest: str, limit: int = 110) -> bool:
    """A short line without closing punctuation: a heading rather than a list item."""
    rest = rest.strip()
    return 0 < len(rest) <= limit and not rest.endswith((".", ";", ",", ":")) or rest.isupper() and len(rest) <= limit


def find_headings(text: str) -> list[Heading]:
    """Every heading-like line of ``text`` (Roman and Arabic ones included), in order."""
    found: list[Heading] = []
    for m in _LINE_RE.finditer(text):
        line = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        stop = start + len(line)
        if not line:
            continue
        if h := _PART_RE.fullmatch(line):
            found.append(Heading(PART, _short(h.group("label")), start, stop))
        elif h := _CHAPTER_RE.fullmatch(line):
            found.append(Heading(CHAPTER, _short(h.group("label")), start, stop))
        elif (h := _SECTION_RE.fullmatch(line)) and _heading_line(h.group("rest") or "Mục"):
            found.append(Heading(SECTION, _short(h.group("label")), start, stop))
        elif h := _ARTICLE_RE.fullmatch(line):
            title = _title(h.group("rest"))
            label = re.sub(r"\s+", " ", h.group("label"))
            end = stop if title or not h.group("rest") else start + h.start("rest")
            found.append(Heading(ARTICLE, f"{label}. {title}" if title else label, start, end))
        elif (h := _ROMAN_RE.fullmatch(line)) and _heading_line(h.group("rest")):
            found.append(Heading(ROMAN, _short(line), start, stop))
        elif (h := _ARABIC_RE.fullmatch(line)) and _heading_line(h.group("rest"), limit=90):
            found.append(Heading(ARABIC, _short(line), start, stop))
    return found


def _short(label: str, limit: int = 90) -> str:
    label = re.sub(r"\s+", " ", label).strip()
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def structure_headings(text: str) -> list[Heading] | None:
    """The headings that make the sections of a structured document, or None."""
    headings = find_headings(text)
    count = {level: sum(h.level == level for h in headings) for level in range(6)}
    has_articles = count[ARTICLE] >= 2
    if not (has_articles or count[PART] or count[CHAPTER] or count[SECTION] or count[ROMAN] >= 2):
        return None
    if has_articles:
        # clauses inside articles are content; Roman / Arabic lines are lists there
        return [h for h in headings if h.level <= ARTICLE]
    if count[ROMAN] < 2:
        headings = [h for h in headings if h.level != ROMAN]
    return headings


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the headings of a structured document: a sentence is never cut inside one
    ("Điều 12. Nhiệm vụ, quyền hạn …" stays one sentence, not "Điều 12." and the title)."""
    return [(h.start, h.end) for h in structure_headings(text) or []]


def outline(text: str, min_chars: int = 200) -> list[Section] | None:
    """The document cut at its headings, each piece with its heading path; None when the
    document has no structure. The pieces cover the text from its first heading on; the
    part before it (title, preamble) comes first with no path."""
    headings = structure_headings(text)
    if not headings:
        return None
    sections: list[Section] = []
    if headings[0].start > 0:
        sections.append(Section(0, headings[0].start, None))
    stack: list[Heading] = []
    carried: int | None = None  # a heading with (almost) nothing under it joins its first child
    for i, heading in enumerate(headings):
        stack = [h for h in stack if h.level < heading.level] + [heading]
        start = heading.start if carried is None else carried
        nxt = headings[i + 1] if i + 1 < len(headings) else None
        end = nxt.start if nxt else len(text)
        if nxt and nxt.level > heading.level and end - heading.start < min_chars:
            carried = start
            continue
        carried = None
        sections.append(Section(start, end, SEPARATOR.join(h.label for h in stack)))
    return sections


_TITLE_ARTICLE_RE = re.compile(r"(?<!\w)(?P<label>Điều\s+(?P<n>\d{1,4}[a-z]?))(?!\w)\s*(?:[.:]\s*(?P<rest>.*))?$")


def single_article_heading(text: str) -> Heading | None:
    """The heading of a document that is one article of a law: its text opens with its only
    "Điều N." line. None for any other document (and no scan of a text without "Điều")."""
    if "Điều" not in text:
        return None
    articles = [h for h in find_headings(text) if h.level == ARTICLE]
    if len(articles) == 1 and not text[: articles[0].start].strip():
        return articles[0]
    return None


def title_article(title: str, text: str) -> str | None:
    """The heading of an article given on its own whose text has no article heading, as in
    a JSON Lines file of articles: its title ends with it ("Luật Thanh tra 2022 – Điều 12.
    Nhiệm vụ, quyền hạn …" -> "Điều 12. Nhiệm vụ, quyền hạn …"). None for any other document
    ("Sửa đổi Điều 5 Luật Đất đai" names an article, it is not one); the text is scanned
    only when the title ends so."""
    m = _TITLE_ARTICLE_RE.search(re.sub(r"\s+", " ", title or "").strip())
    if not m or any(h.level == ARTICLE for h in find_headings(text)):
        return None
    rest = _title(m.group("rest"))
    label = re.sub(r"\s+", " ", m.group("label"))
    return f"{label}. {rest}" if rest else label


_ARTICLE_REF_RE = re.compile(r"\bdieu\s+(?:thu\s+|so\s+)?(\d{1,4}[a-z]?)\b", re.IGNORECASE)


def article_numbers(text: str) -> list[str]:
    """The articles a text names ("Điều 12", "điều 12", "dieu 12", "khoản 2 Điều 5"), as
    numbers ("12", "5"), in order, deduplicated: one key for every way of writing them."""
    plain = strip_diacritics(text)
    return list(dict.fromkeys(m.group(1).lower() for m in _ARTICLE_REF_RE.finditer(plain)))


_CLAUSE_REF_RE = re.compile(r"\bkhoan\s+(?:thu\s+|so\s+)?(\d{1,2})\b", re.IGNORECASE)
_POINT_REF_RE = re.compile(r"\bdiem\s+([a-z])(?!\w)", re.IGNORECASE)
_CLAUSE_LINE_RE = re.compile(r"(?m)^[ \t]*(?:Điều\s+\d{1,4}[a-z]?\.[ \t]*)?(\d{1,2})\.\s")  # "2. …", "Điều 13. 1. …"
_POINT_LINE_RE = re.compile(r"(?m)^[ \t]*([a-zđ])\)\s")


def clause_numbers(text: str) -> list[str]:
    """The clauses of an article a text names ("khoản 2 Điều 5", "khoan 3 dieu 12") as
    numbers ("2", "3"), in order, deduplicated."""
    return list(dict.fromkeys(m.group(1) for m in _CLAUSE_REF_RE.finditer(strip_diacritics(text))))


def point_letters(text: str) -> list[str]:
    """The points of a clause a text names ("điểm b khoản 1", "diem đ) khoan 2"): their
    letters, diacritics dropped ("đ" -> "d"), in order, deduplicated."""
    return list(dict.fromkeys(m.group(1).lower() for m in _POINT_REF_RE.finditer(strip_diacritics(text))))


def clause_at(text: str, offset: int) -> tuple[str | None, str | None]:
    """The clause ("2" of a line "2. …") and point ("b" of a line "b) …", within that
    clause) of an article's text at ``offset``: the last such lines that begin at or before
    it; None where the text shows none (it begins inside a clause)."""
    clause = point = None
    clause_start = -1
    for m in _CLAUSE_LINE_RE.finditer(text, 0, offset + 5):
        if m.start(1) <= offset:
            clause, clause_start = m.group(1), m.start()
    for m in _POINT_LINE_RE.finditer(text, max(0, clause_start), offset + 4):
        if m.start(1) <= offset:
            point = m.group(1).replace("đ", "d")
    return clause, point


def section_article(path: str | None) -> str | None:
    """The article number of a heading path ("Chương II › Điều 3. Sinh hoạt" -> "3")."""
    if not path:
        return None
    m = _ARTICLE_RE.match(path.split(SEPARATOR)[-1] + ".")
    return m.group("n").lower() if m else None
