"""Query understanding: validation, abbreviations, follow-ups.

Pure functions: a raw question (and earlier questions) in, a ``Query`` out. Tone-mark
styles, the fraction slash and missing diacritics are handled downstream by the
matching key (``normalize_for_match``) and the two keyword columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from assistant.answer_types import answer_words
from assistant.decompose import split_question
from assistant.errors import InputError
from corpus.structure import article_numbers, clause_numbers, point_letters
from corpus.text import canonical_tones, collapse_spaces, nfc, normalize_for_match, remove_control_chars, strip_diacritics

_FOLLOW_UP = re.compile(
    r"\b(đó|đấy|ấy|này|vậy|kia|nói trên|đã nêu|họ|ông ấy|bà ấy|người đó|đơn vị đó|"
    r"do|day|ay|nay|vay|kia)\b[\s?.!]*",
    re.IGNORECASE,
)
_FOLLOW_UP_START = re.compile(r"^(còn|thế còn|vậy|và|con|the con|va)\b", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-zÀ-ỹĐđ]")
_ENGLISH = {"the", "what", "who", "is", "are", "was", "were", "how", "when", "where", "which", "of", "in", "does", "did"}


@dataclass(frozen=True, slots=True)
class Query:
    """A question ready for retrieval and answering."""

    question: str  # the user's question, cleaned (NFC, no control characters)
    search_text: str  # what retrieval embeds and matches (expansions, follow-up context)
    context: str = ""  # the earlier question a follow-up refers to
    accented: bool = True
    language: str = "vi"
    expansions: tuple[str, ...] = field(default_factory=tuple)
    articles: tuple[str, ...] = field(default_factory=tuple)  # articles named ("Điều 12" -> "12")
    clauses: tuple[str, ...] = field(default_factory=tuple)  # their clauses named ("khoản 2" -> "2")
    points: tuple[str, ...] = field(default_factory=tuple)  # and points ("điểm b" -> "b")
    # a question about several things, one Query per thing (``assistant.decompose``)
    parts: tuple["Query", ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def _abbreviation_table() -> tuple[tuple[str, str, bool], ...]:
    """(abbreviation, expansion, measured): the hand-written ``abbreviations.tsv`` first, then
    those measured on the news corpus (``abbreviations_mined.tsv``, ``python -m
    eval.abbreviations``) that it does not already hold."""
    rows: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for name, measured in (("data/abbreviations.tsv", False), ("data/abbreviations_mined.tsv", True)):
        text = resources.files("assistant").joinpath(name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            abbr, _, expansion = line.partition("\t")
            abbr = abbr.strip()
            if expansion.strip() and abbr.upper() not in seen:
                rows.append((abbr, normalize_for_match(expansion), measured))
        seen |= {abbr.upper() for abbr, _, _ in rows}
    return tuple(rows)


def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, expansion) pairs, hand-written and measured (``_abbreviation_table``)."""
    return tuple((abbr, expansion) for abbr, expansion, _ in _abbreviation_table())


def clean_question(raw: object, max_chars: int) -> str:
    """Validate and clean a question; raises ``InputError`` with a Vietnamese message."""
    if not isinstance(raw, str):
        raise InputError("Câu hỏi phải là văn bản. (The question must be text.)")
    text = nfc(remove_control_chars(raw.replace("\x00", "")))
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cs", "Co", "Cn"})
    text = collapse_spaces(text)
    if not text:
        raise InputError("Câu hỏi trống. Hãy nhập một câu hỏi. (The question is empty.)")
    if len(text) > max_chars:
        raise InputError(
            f"Câu hỏi quá dài ({len(text):,} ký tự, tối đa {max_chars:,}). Hãy hỏi ngắn gọn hơn. "
            f"(The question is too long: {len(text):,} characters, at most {max_chars:,}.)"
        )
    if not any(c.isalnum() for c in text):
        raise InputError("Câu hỏi không có chữ hoặc số nào. (The question has no letters or digits.)")
    return text


def guess_language(text: str) -> str:
    """'vi', 'en' or 'other' (non-Latin script): a rough guess, enough to answer kindly."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(bool(_LATIN.match(c)) for c in letters) / len(letters) < 0.5:
        return "other"
    words = re.findall(r"[a-z]+", text.lower())
    if words and strip_diacritics(text) == text and sum(w in _ENGLISH for w in words) / len(words) >= 0.25:
        return "en"
    return "vi"


@lru_cache(maxsize=1)
def abbreviation_keys() -> tuple[tuple[str, str, str, str, bool], ...]:
    """(abbreviation, its plain form, expansion, its plain form, measured), all matching keys."""
    out = []
    for abbr, expansion, measured in _abbreviation_table():
        low = normalize_for_match(abbr)
        out.append((low, strip_diacritics(low), expansion, strip_diacritics(expansion), measured))
    return tuple(out)


@lru_cache(maxsize=50_000)
def expand_abbreviations(text: str, abbreviate_measured: bool = True) -> tuple[str, ...]:
    """Expansions of abbreviations found in the text, and abbreviations of expansions (of
    the measured ones only when ``abbreviate_measured``: a question saying "Việt Nam" gains
    nothing from searching "VN" too)."""
    key = normalize_for_match(text)
    plain = strip_diacritics(key)
    tokens = set(re.findall(r"[\w&-]+", key))
    out: list[str] = []
    for low, low_plain, expansion, expansion_plain, measured in abbreviation_keys():
        if low in tokens or low_plain in tokens:
            out.append(expansion)
        elif (abbreviate_measured or not measured) and (expansion in key or expansion_plain in plain):
            out.append(low)
    return tuple(dict.fromkeys(out))


def is_follow_up(question: str) -> bool:
    """Does the question lean on an earlier one ("đại hội đó", "còn Phó Bí thư?")?"""
    return bool(_FOLLOW_UP.search(question) or _FOLLOW_UP_START.match(question.strip()))


@lru_cache(maxsize=1)
def _courtesy() -> tuple[re.Pattern, re.Pattern]:
    words = answer_words()["courtesy"]
    lead = re.compile(r"^(?:%s)\b[\s,.:;!]*" % "|".join(f"(?:{p})" for p in words["leading"]))
    tail = re.compile(r"(?:\s+(?:%s))+(?=[\s?.!]*$)" % "|".join(re.escape(w) for w in words["trailing"]))
    return lead, tail


def without_courtesy(question: str) -> str:
    """The question without what asks it politely ("Cho tôi hỏi, ai là …?" -> "ai là …?",
    "… là ai ạ?" -> "… là ai?": ``courtesy`` of answer_words.json); unchanged when
    nothing else would be left."""
    lead, tail = _courtesy()
    out = question
    while True:
        plain = strip_diacritics(out).lower()
        m = lead.match(plain) if len(plain) == len(out) else None
        if not m or not m.end() or m.end() >= len(out):
            break
        out = out[m.end() :]
    low = out.lower()
    m = tail.search(low) if len(low) == len(out) else None
    if m:
        out = out[: m.start()] + out[m.end() :]
    return out if any(c.isalnum() for c in out) else question


def understand(raw: object, history: list[str] | None = None, max_chars: int = 2000) -> Query:
    """Turn a raw question (and earlier questions of the conversation) into a Query; what
    asks it politely is left out (``without_courtesy``)."""
    question = without_courtesy(clean_question(raw, max_chars))
    context = ""
    earlier = [
        without_courtesy(clean)
        for h in (history or [])
        if isinstance(h, str) and (clean := collapse_spaces(nfc(remove_control_chars(h))))
    ]
    if earlier and is_follow_up(question):
        context = earlier[-1][:max_chars]
    return _with_parts(question, context)


def requery(query: Query, question: str) -> Query:
    """The Query of another wording of the same question (its diacritics taken back):
    the conversation's context kept, everything else read from ``question``."""
    return _with_parts(question, query.context)


def _with_parts(question: str, context: str) -> Query:
    parts = tuple(
        _query(part.question, question if part.needs_context else context) for part in split_question(question)
    )
    return _query(question, context, parts)


def _query(question: str, context: str, parts: tuple[Query, ...] = ()) -> Query:
    expansions = expand_abbreviations(question + " " + context, abbreviate_measured=False)
    texts = [question]
    if context:
        texts.append(context)
    texts.extend(expansions)
    return Query(
        question=question,
        search_text=canonical_tones(" ".join(texts)),  # "hoà" and "hòa" searched alike, the dense search too
        context=context,
        accented=strip_diacritics(question) != question,
        language=guess_language(question),
        expansions=expansions,
        articles=tuple(article_numbers(question + " " + context)),
        clauses=tuple(clause_numbers(question) or clause_numbers(context)),  # the question's own first
        points=tuple(point_letters(question) or point_letters(context)),
        parts=parts,
    )
