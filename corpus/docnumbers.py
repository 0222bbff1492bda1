"""Vietnamese document numbers (số hiệu văn bản): 05-CT/TW, 118-QĐ/ĐU, 21/2018/TT-BTNMT.

Every writing variant of a number maps to the same matching keys, so that
"05-CT/TW", "05/CT-TW", "05-CT-TW", "Chỉ thị 05" and "Chỉ thị số 05-CT/TW" meet in the
keyword index. Keys are ASCII tokens such as ``so_5_ct`` (number + kind) and
``so_5_ct_tw`` (number + kind + issuer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text import fold_lookalikes, nfc, strip_diacritics

# Kinds of documents and their names (both ways).
KIND_NAMES: dict[str, str] = {
    "CT": "chỉ thị",
    "NQ": "nghị quyết",
    "QĐ": "quyết định",
    "KH": "kế hoạch",
    "TT": "thông tư",
    "HD": "hướng dẫn",
    "TB": "thông báo",
    "KL": "kết luận",
    "QC": "quy chế",
    "QĐi": "quy định",
    "BC": "báo cáo",
    "CV": "công văn",
    "NĐ": "nghị định",
    "CTr": "chương trình",
    "TTr": "tờ trình",
}

_UP = "A-ZĐÂĂÊÔƠƯ"
_CODE = rf"[{_UP}][{_UP}a-z&]*"
# 21/2018/TT-BTNMT, 05-CT/TW, 118-QĐ/ĐU, 05/CT-TW, 205-KH/ĐU, 04-NQ/TW, 35/2019/NĐ-CP, and the
# laws and resolutions of a legislature, numbered with it: 56/2010/QH12, 1234/2016/UBTVQH13
_NUMBER_RE = re.compile(
    rf"(?<![\w/])(?P<num>\d{{1,5}})"
    rf"(?:/(?P<year>(?:19|20)\d\d))?"
    rf"\s?[-/]\s?(?P<kind>{_CODE}\d{{0,2}})"
    rf"(?:\s?[-/]\s?(?P<issuer>{_CODE}(?:-{_CODE})*))?"
    rf"(?![\w])"
)
_NAME_TO_KIND = {strip_diacritics(v): k for k, v in KIND_NAMES.items()}
_NAMED_RE = re.compile(
    r"\b(?P<name>" + "|".join(sorted(map(re.escape, _NAME_TO_KIND), key=len, reverse=True))
    + r")\s+(?:so\s+)?(?P<num>\d{1,5})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DocNumber:
    number: int
    kind: str
    issuer: str | None = None
    year: str | None = None
    text: str = ""

    def keys(self) -> list[str]:
        kind = _ascii_code(self.kind)
        keys = [f"so_{self.number}_{kind}"]
        if self.issuer:
            keys.append(f"so_{self.number}_{kind}_{_ascii_code(self.issuer)}")
        return keys

    @property
    def canonical(self) -> str:
        year = f"/{self.year}" if self.year else ""
        issuer = f"/{self.issuer}" if self.issuer else ""
        return f"{self.number:02d}{year}-{self.kind}{issuer}"


def _ascii_code(code: str) -> str:
    return strip_diacritics(code).lower().replace("&", "").replace("-", "")


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Document numbers written as codes (``05-CT/TW``) or named (``Chỉ thị 05``)."""
    folded = fold_lookalikes(nfc(text))
    found: list[DocNumber] = []
    for m in _NUMBER_RE.finditer(folded):
        kind = m.group("kind")
        if kind.upper() not in {k.upper() for k in KIND_NAMES} and not (m.group("issuer") or m.group("year")):
            continue  # "19-21/8" or "2020 - 2025" are not document numbers; "56/2010/QH12" is
        if m.group("year") is None and re.fullmatch(r"\d{4}", m.group("num")) and not m.group("issuer"):
            continue
        found.append(
            DocNumber(
                number=int(m.group("num")),
                kind=kind,
                issuer=m.group("issuer"),
                year=m.group("year"),
                text=m.group(0),
            )
        )
    plain = strip_diacritics(folded)
    for m in _NAMED_RE.finditer(plain):
        kind = _NAME_TO_KIND[m.group("name").lower()]
        found.append(DocNumber(number=int(m.group("num")), kind=kind, text=m.group(0)))
    return found


def doc_number_keys(text: str) -> list[str]:
    """All matching keys of the document numbers in ``text``, in order, deduplicated."""
    seen: dict[str, None] = {}
    for number in find_doc_numbers(text):
        for key in number.keys():
            seen.setdefault(key, None)
    return list(seen)


def doc_number_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of code-form document numbers (a sentence must not be cut inside)."""
    folded = fold_lookalikes(text)
    if len(folded) != len(text):  # folding removed characters; fall back to no spans
        return []
    return [(m.start(), m.end()) for m in _NUMBER_RE.finditer(folded)]
