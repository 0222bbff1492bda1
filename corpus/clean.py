"""Cleaning and metadata detection, as pure functions over a document's NFC text.

Cleaning never rewrites the text: it returns the character spans worth embedding
(web chrome, repeated titles, photo captions, bylines and link labels left out), so every passage
keeps exact offsets into the original text, which stays available for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.docnumbers import find_doc_numbers
from corpus.links import without_links
from corpus.text import collapse_spaces, fold_lookalikes, normalize_for_match

# Lines that are web-page chrome, never content (compared after normalize_for_match).
_CHROME_LINES = {
    "xuất bản thông tin",
    "chi tiết bài viết tin tức",
    "chi tiết bài viết",
    "tin tức",
    "tin tức - sự kiện",
    "trang chủ",
    "in bài viết",
    "in trang",
    "chia sẻ",
    "bình luận",
    "gửi bình luận",
    "tin liên quan",
    "tin khác",
    "các tin khác",
    "quay lại",
    "về đầu trang",
    "null",
}
_CAPTION_RE = re.compile(
    r"^\s*[(\[]?\s*(ảnh|ảnh minh họa|ảnh minh hoạ|ảnh tư liệu|video|clip)\s*[:.)\]-]",
    re.IGNORECASE,
)
_CAPTION_START_RE = re.compile(r"^\s*(toàn cảnh|quang cảnh|các đại biểu dự|đại biểu dự)\b", re.IGNORECASE)
_BYLINE_RE = re.compile(
    r"^\s*(nguồn|tin|tin và ảnh|tin, ảnh|bài và ảnh|theo|tác giả|nguồn tin)\s*[:.-]", re.IGNORECASE
)
_LIST_ITEM_RE = re.compile(r"^\s*(?:[-–•+*]\s|\d{1,2}[.)]\s|[a-zđ][.)]\s|[IVXLC]{1,5}[.)]\s|Điều\s+\d)", re.I)
_END_PUNCT = tuple(".!?…:;\"”»)'")
_DATE_PATTERNS = [
    # 2020-01-17
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    # ngày 27/3/2020, 16⁄01⁄2020 (after look-alike folding), 27-3-2020, 27.3.2020
    re.compile(r"\b(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})\s?[/.-]\s?(?P<y>(?:19|20)\d\d)\b"),
    # ngày 19 tháng 3 năm 2021
    re.compile(r"\bngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d\d)\b", re.I),
]
_ORG_RE = re.compile(
    r"\b(?P<kind>Chi bộ|Đảng bộ|Đảng ủy|Đảng uỷ|Đảng đoàn|Ban Cán sự Đảng|Ban Thường vụ|"
    r"Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ)\s+(?P<rest>[^,;:.()\n]{1,120})"
)
_ORG_PREFIXES = ("cơ sở", "khối", "bộ phận")
_ORG_STOP = {
    "về", "của", "và", "tại", "thuộc", "đã", "được", "tổ", "trong", "với", "cho", "là", "có",
    "ngày", "nhiệm", "lần", "theo", "trên", "đến", "từ", "các", "những", "vừa", "sẽ", "đang",
}
_TERM_RE = re.compile(r"nhiệm kỳ\s+(?P<a>(?:19|20)\d\d)\s*[-–—]\s*(?P<b>(?:19|20)\d\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Cleaned:
    """Result of cleaning: the kept spans and what was detected."""

    spans: list[tuple[int, int]]
    title: str
    date: str | None = None
    org: str | None = None
    term: str | None = None
    doc_numbers: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets (leading/trailing spaces trimmed)."""
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return lines


def _is_chrome(line: str) -> bool:
    key = normalize_for_match(line)
    return key in _CHROME_LINES or key.startswith("null ")


def _strip_null_prefix(line: Line) -> Line:
    if line.text.lower().startswith("null "):
        offset = line.text.find(" ") + 1
        return Line(line.start + offset, line.end, line.text[offset:])
    return line


def _looks_like_sentence(text: str) -> bool:
    return text.endswith(_END_PUNCT)


def detect_title(lines: list[Line]) -> tuple[str, int | None]:
    """The title: the first non-chrome line when it reads like a heading.

    Returns the title and the index of the line it came from (None when the first
    content line is a sentence, i.e. the document has no title line)."""
    for i, line in enumerate(lines):
        if _is_chrome(line.text) and not line.text.lower().startswith("null "):
            continue
        candidate = _strip_null_prefix(line)
        words = candidate.text.split()
        if len(words) <= 40 and not candidate.text.endswith((".", ":", ";")):
            return candidate.text, i
        return "", None
    return "", None


def fallback_title(text: str, limit: int = 120) -> str:
    """A title made from the first sentence when the document has none."""
    first = collapse_spaces(text)[: limit * 2]
    cut = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(cut) > limit:
        cut = cut[:limit].rsplit(" ", 1)[0] + " …"
    return cut


def clean_spans(text: str) -> tuple[list[tuple[int, int]], str, int | None]:
    """Spans of ``text`` worth embedding, the title, and the title line's index."""
    lines = split_lines(text)
    title, title_idx = detect_title(lines)
    title_key = normalize_for_match(title) if title else None
    kept: list[tuple[int, int]] = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        body = line.text
        if _is_chrome(body):
            continue
        if title_key and i != title_idx and normalize_for_match(_strip_null_prefix(line).text) == title_key:
            continue  # the title repeated by the page template
        if _CAPTION_RE.match(body) or _BYLINE_RE.match(body) and len(body) < 120:
            continue
        if _CAPTION_START_RE.match(body) and len(body) < 200:
            continue
        if (
            i != title_idx
            and i > 0
            and not _looks_like_sentence(body)
            and len(body.split()) < 30
            and not _LIST_ITEM_RE.match(body)
            and not (body.isupper() and len(body.split()) >= 2)
        ):
            # short unpunctuated lines inside or at the end of a page: photo captions,
            # bylines ("M.P", "Văn phòng Tổng cục"), pagination
            if i == last or len(body) < 200:
                continue
        kept.extend(without_links(text, line.start, line.end))
    return kept, title, title_idx


def detect_date(text: str) -> str | None:
    """The first full date in the text, as ISO ``YYYY-MM-DD``."""
    folded = text.replace("\u2044", "/")[:600]
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(folded):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                if best is None or m.start() < best[0]:
                    best = (m.start(), f"{y:04d}-{mo:02d}-{d:02d}")
                break
    if best is None:
        m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\b", folded, re.I)
        y = re.search(r"\bnăm\s+((?:19|20)\d\d)\b", folded)
        if m and y and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
            return f"{int(y.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return best[1] if best else None


def detect_org(text: str) -> str | None:
    """The first party organisation named with a proper name (Chi bộ Văn phòng …).

    Vietnamese names capitalise the first syllable of each word: a lower-case
    syllable belongs to the name only right after a capitalised one (Văn phòng,
    Tuyên giáo), so the name ends at the first verb or function word."""
    for m in _ORG_RE.finditer(text[:4000]):
        rest = m.group("rest")
        prefix = ""
        for p in _ORG_PREFIXES:
            if rest.lower().startswith(p + " "):
                prefix, rest = rest[: len(p)] + " ", rest[len(p) + 1 :]
                break
        words: list[str] = []
        prev_capital = False
        for word in rest.split():
            capital = word[0].isupper() or word[0].isdigit() or (word[0] in "-–" and word[1:2].isupper())
            if word.lower() in _ORG_STOP:
                break
            if capital or (prev_capital and word[0].isalpha()):
                words.append(word)
                prev_capital = word[0].isupper() or word[0] in "-–"
                if len(words) >= 8:
                    break
            else:
                break
        if words and (words[0][0].isupper() or prefix):
            return f"{m.group('kind')} {prefix}{' '.join(words)}"
    return None


def detect_term(text: str) -> str | None:
    m = _TERM_RE.search(text[:4000])
    return f"{m.group('a')}-{m.group('b')}" if m else None


def clean(text: str) -> Cleaned:
    """Clean a document's text and detect its metadata."""
    spans, title, _ = clean_spans(text)
    body = "\n".join(text[s:e] for s, e in spans)
    numbers: dict[str, None] = {}
    for number in find_doc_numbers(body):
        if number.issuer or number.year:
            numbers.setdefault(fold_lookalikes(number.text), None)
    return Cleaned(
        spans=spans,
        title=title or fallback_title(body),
        date=detect_date(body),
        org=detect_org(title + "\n" + body),
        term=detect_term(title + "\n" + body),
        doc_numbers=list(numbers),
    )
