"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI-Windows text found and converted to Unicode.

Text typed with the .VnTime (TCVN3) or VNI-Times fonts stores Vietnamese letters in the
upper half of an 8-bit code page. Read as Latin-1 / Windows-1252 (a plain file's bytes, or
the characters a .docx / PDF keeps for such fonts) it looks like ``Céng hoµ x· héi`` or
``Coäng hoøa xaõ hoäi``. The tables (package data, ``data/legacy_*.tsv``) turn it back
into ``Cộng hoà xã hội``.

Detection is a pure function of the text: every candidate reading is scored by the share of
its words (those with a non-ASCII character) that are well-formed Vietnamese syllables,
and a conversion is chosen only when it reads clearly better than the text as it is.
Text that already holds Unicode Vietnamese letters (ạ ơ ư đ …) is never converted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ENCODINGS = ("TCVN3", "VNI")

# Letters only Unicode Vietnamese uses (outside Latin-1), and combining marks.
_UNICODE_VI_RE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]")
_EDGE_PUNCT = "\"'()[]{}.,;:!?-–—…“”‘’«»/*"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Toneless syllable: onset, vowel cluster, coda (lower case, NFC letters with ^ ˘ ʼ kept).
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
# Vowel clusters that may take a final consonant, and those that end in a glide (no coda).
_CLOSABLE = "a ă â e ê i o ô ơ u ư y iê yê uô ươ oa oă oe oo uâ uê uy uyê".split()
_GLIDED = "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uôi ươi ươu oai oay oao oeo iêu yêu uây uya uyu".split()


def _alternatives(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE_RE = re.compile(
    rf"{_ONSET}(?:(?:{_alternatives(_CLOSABLE)})(?:ch|ng|nh|c|m|n|p|t)?|(?:{_alternatives(_GLIDED)}))"
)


def _read_table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    text = resources.files("corpus").joinpath(f"data/{name}").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        codes, letter = line.split("\t")
        surface = bytes(int(h, 16) for h in codes.split()).decode("latin-1")
        table[surface] = letter
    return table


@lru_cache(maxsize=None)
def table(encoding: str) -> dict[str, str]:
    """Surface characters (as Latin-1 reads the bytes) -> Unicode letter, for one encoding."""
    return _read_table({"TCVN3": "legacy_tcvn3.tsv", "VNI": "legacy_vni.tsv"}[encoding])


@lru_cache(maxsize=None)
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted((k for k, v in table(encoding).items() if k != v), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def _convert_line(line: str, encoding: str) -> str:
    mapping = table(encoding)
    converted = _pattern(encoding).sub(lambda m: mapping[m.group(0)], line)
    if encoding == "TCVN3":
        # TCVN3 has no upper-case toned letters: a heading typed in capitals (.VnTimeH) keeps
        # its ASCII capitals and lower-case codes. Restore the case of such lines.
        letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            converted = converted.upper()
    return converted


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable (any case, at most one tone mark)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [i for i, c in enumerate(decomposed) if c in _TONES]
    if len(tones) > 1 or any(i == 0 or decomposed[i - 1] not in "aeiouy\u0302\u0306\u031b" for i in tones):
        return False  # one tone mark, on a vowel (ñ is n + tilde: not Vietnamese)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if _SYLLABLE_RE.fullmatch(bare) is None:
        return False
    # spelling rules: k/gh/ngh before e ê i y, c/g/ng elsewhere
    front = bare[1:2] in ("e", "ê", "i", "y")
    if bare.startswith(("ngh", "gh")) or bare.startswith("k") and not bare.startswith("kh"):
        return bare[3 if bare.startswith("ngh") else 2 if bare.startswith("gh") else 1] in "eêiy"
    if bare.startswith("c") and not bare.startswith("ch") and front:
        return False
    return True


def _words(text: str) -> list[str]:
    words = []
    for raw in text.split():
        word = raw.strip(_EDGE_PUNCT)
        if word and not word.isascii():
            words.append(word)
    return words


_MIXED_CASE_RE = re.compile(r"[^\W\d_](?<=[a-zß-ÿ])[A-ZÀ-Þ]")


def _valid(words: list[str]) -> int:
    """Words that read as Vietnamese syllables, written in one case (``ChÊp`` is not)."""
    return sum(is_syllable(w) and not _MIXED_CASE_RE.search(w) for w in words)


@dataclass(frozen=True, slots=True)
class Detection:
    encoding: str | None  # "TCVN3", "VNI" or None (leave the text as it is)
    score: float  # share of non-ASCII words that read as Vietnamese syllables once converted
    baseline: float  # the same share for the text as it is


def detect_legacy(text: str, sample: int = 200_000) -> Detection:
    """Which legacy encoding ``text`` (as Latin-1/Windows-1252 reads it) is in, if any.

    Pure; never converts text that holds Unicode Vietnamese letters, ASCII text, or text
    whose words read no better converted than as they are."""
    lines = [ln for ln in text[:sample].splitlines() if not _UNICODE_VI_RE.search(ln)]
    plain = "\n".join(lines)
    words = _words(plain)
    n = len(words)
    valid_as_is = _valid(words)
    baseline = valid_as_is / n if n else 0.0
    # In Vietnamese most words carry a mark; in English with a stray "µm" or "©" few do.
    if n < 2 or n < 0.3 * len(plain.split()):
        return Detection(None, 0.0, baseline)
    # most valid words wins; on a tie the reading that merged more characters (VNI writes a
    # toned vowel as two, so "Coäng" is Cộng, not TCVN3's "Coọng")
    readings = []
    for encoding in ENCODINGS:
        converted = _convert_line(" ".join(words), encoding)
        readings.append((_valid(_words(converted)), -len(converted), encoding))
    valid, _, encoding = max(readings)
    # a clear majority of words read as Vietnamese once converted, more than as they are
    # (Unicode Vietnamese written only with Latin-1 letters, "Tôi yêu cà phê", already reads)
    if encoding and valid >= 0.75 * n and valid - valid_as_is >= max(2, 0.1 * n):
        return Detection(encoding, valid / n, baseline)
    return Detection(None, valid / n, baseline)


def convert_legacy(text: str, encoding: str) -> str:
    """Convert the lines of ``text`` written in ``encoding`` to Unicode NFC; lines that
    already hold Unicode Vietnamese letters are left as they are (mixed documents)."""
    out = []
    for line in text.split("\n"):
        out.append(line if _UNICODE_VI_RE.search(line) else _convert_line(line, encoding))
    return unicodedata.normalize("NFC", "\n".join(out))


def fix_legacy(text: str) -> tuple[str, str | None]:
    """``(text in Unicode NFC, the encoding it was converted from or None)``."""
    found = detect_legacy(text)
    if found.encoding is None:
        return text, None
    return convert_legacy(text, found.encoding), found.encoding
