"""Pure Vietnamese text normalisation functions.

Two families:

* length-preserving helpers (``nfc`` is the only one that may change length and it
  is applied once, when a document is loaded, so that every offset refers to the NFC
  text);
* matching keys (``normalize_for_match``, ``strip_diacritics``), which may change
  length and are used only for comparing and indexing, never for display.

Every function here is deterministic, has no I/O and never raises on a ``str``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The five Vietnamese tone marks as combining characters.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_HATTED = frozenset("ăâêôơư")

# Look-alike characters seen in real documents, folded for matching only.
_LOOKALIKES = {
    "\u2044": "/",  # fraction slash  205-KH⁄ĐU
    "\u2215": "/",  # division slash
    "\uff0f": "/",  # fullwidth solidus
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # en dash  2017 – 2020
    "\u2014": "-",
    "\u2212": "-",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\u2026": "...",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u00ad": "",
}
_LOOKALIKE_RE = re.compile("[" + "".join(re.escape(k) for k in _LOOKALIKES) + "]")
_SPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def nfc(text: str) -> str:
    """Unicode NFC: composed Vietnamese letters (one code point per letter)."""
    return unicodedata.normalize("NFC", text)


def remove_control_chars(text: str) -> str:
    """Drop C0/C1 control characters except tab, newline and carriage return."""
    return _CONTROL_RE.sub("", text)


def fold_lookalikes(text: str) -> str:
    """Fold the fraction slash, dashes, curly quotes, odd spaces and zero-width marks."""
    return _LOOKALIKE_RE.sub(lambda m: _LOOKALIKES[m.group(0)], text)


def _tone_target(base: str) -> int:
    """Index of the letter of ``base`` (a toneless NFC syllable) that carries the tone.

    One fixed rule, so that both tone-mark styles (hoà/hòa, uỷ/ủy, khoá/khóa) map to
    the same canonical spelling. Returns -1 when the word has no vowel.
    """
    low = base.lower()
    n = len(low)
    start = 0
    # "qu" and "gi" (before another vowel) are consonants.
    if low.startswith("qu") and n > 2 and low[2] in _VOWELS:
        start = 2
    elif low.startswith("gi") and n > 2 and low[2] in _VOWELS:
        start = 2
    i = start
    while i < n and low[i] not in _VOWELS:
        i += 1
    if i == n:
        return -1
    j = i
    while j < n and low[j] in _VOWELS:
        j += 1
    cluster = range(i, j)
    hatted = [k for k in cluster if low[k] in _HATTED]
    if hatted:
        return hatted[-1]
    size = j - i
    if size == 1:
        return i
    if size == 2:
        return i + 1 if j < n else i
    return i + 1


def _split_tone(word: str) -> tuple[str, str, int] | None:
    """(the word without its tone mark, the mark, where the canonical rule puts it), or
    None when the word has no single tone mark or no vowel."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return None
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    target = _tone_target(base)
    return (base, tones[0], target) if target >= 0 else None


@lru_cache(maxsize=200_000)
def _canonical_word(word: str) -> str:
    split = _split_tone(word)
    if split is None:
        return word
    base, tone, target = split
    return unicodedata.normalize("NFC", base[: target + 1] + tone + base[target + 1 :])


# Only words with an oa / oe / uy vowel pair have two tone-mark styles in use (hoà/hòa,
# khoẻ/khỏe, uỷ/ủy); every other word is written one way and is left as it is.
_STYLED_WORD_RE = re.compile(
    r"[^\W\d_]*(?:[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ])[^\W\d_]*", re.IGNORECASE
)


def canonical_tones(text: str) -> str:
    """Place tone marks by one rule: ``hoà`` and ``hòa`` both become ``hòa``."""
    return _STYLED_WORD_RE.sub(lambda m: _canonical_word(m.group(0)), text)


def _other_style(word: str) -> str:
    """A canonical word ending in an open oa / oe / uy pair with the tone on its second
    vowel, as the older style writes it ("hòa" → "hoà", "ủy" → "uỷ"); any other word as it is."""
    split = _split_tone(word)
    if split is None:
        return word
    base, tone, target = split
    if target + 2 != len(base) or base[target : target + 2].lower() not in {"oa", "oe", "uy"}:
        return word
    return unicodedata.normalize("NFC", base[: target + 2] + tone)


def tone_styles(text: str) -> frozenset[str]:
    """The text in both tone-mark styles: {"Tỉnh ủy", "Tỉnh uỷ"}, {"hòa bình", "hoà bình"};
    just the text (and its canonical form) when no word is written two ways."""
    canon = canonical_tones(text)
    return frozenset({text, canon, _STYLED_WORD_RE.sub(lambda m: _other_style(m.group(0)), canon)})


def collapse_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def normalize_for_match(text: str) -> str:
    """The matching key used everywhere (retrieval, answer checks, metrics).

    NFC, look-alikes folded (⁄ = /), lower case, one tone-mark style, spaces collapsed.
    Idempotent.
    """
    text = fold_lookalikes(nfc(remove_control_chars(text)))
    text = nfc(text.lower())
    text = nfc(canonical_tones(text))
    return collapse_spaces(text)


_MARKS_RE = re.compile(r"[\u0300-\u036f]")


def strip_diacritics(text: str) -> str:
    """Remove every diacritic (and đ -> d): the form of a question typed without accents."""
    bare = _MARKS_RE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", bare).replace("đ", "d").replace("Đ", "D")


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (or đ)."""
    return strip_diacritics(text) != text


_END_OF_SENTENCE = tuple(".:;!?…\"”)")
_STARTS_BLOCK_RE = re.compile(r"(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s|[IVX]{1,4}\.\s|\d{1,2}[.)]\s|[a-zđ]\)\s|[-–•+*]\s")


def unwrap_lines(page: str, ratio: float = 0.75) -> str:
    """Join the lines of a page that were broken only because they reached the margin
    (OCR output, a PDF's text layer): a line at least ``ratio`` of the page's longest line,
    not ending a sentence, continues on the next non-empty line unless that one begins a
    heading or list item. Short lines (headings, "Điều 3. …", list items that end early)
    stay lines. Pure."""
    lines = page.split("\n")
    longest = max((len(ln.strip()) for ln in lines), default=0)
    out: list[str] = []
    carry = ""
    for line in lines:
        text = line.strip()
        if not text:
            if not carry:
                out.append("")
            continue
        if carry and _STARTS_BLOCK_RE.match(text):  # a heading or list item begins: the carried line ends
            out.append(carry)
            carry = ""
        text = f"{carry} {text}" if carry else text
        if longest >= 40 and len(line.strip()) >= ratio * longest and not text.endswith(_END_OF_SENTENCE):
            carry = text
            continue
        carry = ""
        out.append(text)
    if carry:
        out.append(carry)
    return "\n".join(out)
