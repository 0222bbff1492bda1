"""Independent encoders from Unicode Vietnamese to TCVN3 and VNI-Windows bytes, for tests.

Written from the layouts' structure (each vowel's row of tone codes; VNI's base letter + mark
bytes), not from the package's data tables, so a round trip checks the tables."""

from __future__ import annotations

import unicodedata

_TONE_ORDER = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền hỏi ngã sắc nặng
# TCVN3: the five toned forms of each vowel, in _TONE_ORDER.
_TCVN3_ROWS = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6), "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1), "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9), "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4), "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_PLAIN = {"ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
                "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def _split(letter: str) -> tuple[str, str | None]:
    """(base letter with its hat/breve/horn, tone mark or None)."""
    nfd = unicodedata.normalize("NFD", letter)
    tone = next((c for c in nfd if c in _TONE_ORDER), None)
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_ORDER))
    return base, tone


def to_tcvn3(text: str) -> bytes:
    """Lower-case toned capitals (TCVN3 has none) are written with the lower-case code, as
    typists did; callers compare case-insensitively where that matters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ord(ch))
            continue
        if ch in _TCVN3_PLAIN:
            out.append(_TCVN3_PLAIN[ch])
            continue
        base, tone = _split(ch.lower())
        if tone and base in _TCVN3_ROWS:
            out.append(_TCVN3_ROWS[base][_TONE_ORDER.index(tone)])
        else:
            raise ValueError(f"no TCVN3 code for {ch!r}")
    return bytes(out)


_VNI_TONE = {"\u0301": 0xF9, "\u0300": 0xF8, "\u0309": 0xFB, "\u0303": 0xF5, "\u0323": 0xEF}
_VNI_HAT = {None: 0xE2, "\u0301": 0xE1, "\u0300": 0xE0, "\u0309": 0xE5, "\u0303": 0xE3, "\u0323": 0xE4}
_VNI_BREVE = {None: 0xEA, "\u0301": 0xE9, "\u0300": 0xE8, "\u0309": 0xFA, "\u0303": 0xFC, "\u0323": 0xEB}
_VNI_SINGLE = {"đ": 0xF1, "ì": 0xEC, "í": 0xED, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2}


def to_vni(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ord(ch))
            continue
        upper = ch.isupper()
        low = ch.lower()
        shift = 0x20 if upper else 0

        def put(*codes: int) -> None:
            out.extend(c - shift if c >= 0xC0 else c for c in codes)

        if low in _VNI_SINGLE:
            put(_VNI_SINGLE[low])
            continue
        base, tone = _split(low)
        nfd = unicodedata.normalize("NFD", base)
        letter = ord(nfd[0].upper() if upper else nfd[0])
        if base in ("ơ", "ư"):
            put(0xF4 if base == "ơ" else 0xF6, *([_VNI_TONE[tone]] if tone else []))
        elif "\u0302" in nfd:
            out.append(letter)
            put(_VNI_HAT[tone])
        elif "\u0306" in nfd:
            out.append(letter)
            put(_VNI_BREVE[tone])
        elif tone:
            out.append(letter)
            put(_VNI_TONE[tone])
        else:
            raise ValueError(f"no VNI code for {ch!r}")
    return bytes(out)
