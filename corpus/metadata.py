"""Document type (Nghị quyết, Chỉ thị, Luật …) and issuing body, from a document's header.

Formal documents state both at the top: the issuing body as an upper-case line
("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"), the kind as an upper-case line ("NGHỊ QUYẾT") or in the
document number ("Số 12-NQ/ĐU"). The kinds and the beginnings of body names are package
data (``data/doc_types.tsv``, ``data/issuer_heads.txt``). Pure functions; None when the
header does not say (news articles).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from corpus.docnumbers import find_doc_numbers
from corpus.text import normalize_for_match

_HEADER_LINES = 12
_NOT_ISSUER = ("đảng cộng sản việt nam", "cộng hòa xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc")


def _data(name: str) -> str:
    return resources.files("corpus").joinpath(f"data/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def doc_types() -> tuple[tuple[str, str], ...]:
    """(name, code) of every kind, longest name first ("Nghị quyết liên tịch" before "Nghị quyết")."""
    rows = []
    for line in _data("doc_types.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, code = line.partition("\t")
            rows.append((name.strip(), code.strip()))
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


def type_names() -> list[str]:
    """The names of the kinds, in the data file's order (for a filter's choices)."""
    return [line.partition("\t")[0].strip() for line in _data("doc_types.tsv").splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _issuer_heads() -> tuple[str, ...]:
    heads = {normalize_for_match(ln) for ln in _data("issuer_heads.txt").splitlines() if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(heads, key=len, reverse=True))


def _header(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[:_HEADER_LINES]


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _starts_with(key: str, name: str) -> bool:
    return key == name or key.startswith(name + " ") or key.startswith(name + ":")


def _type_of_line(line: str) -> str | None:
    key = normalize_for_match(line)
    for name, _ in doc_types():
        if _starts_with(key, normalize_for_match(name)):
            return name
    return None


def detect_doc_type(title: str, text: str) -> str | None:
    """The kind of a document: an upper-case header line naming it, a title that is its
    name and number ("Chỉ thị số 05-CT/TW …", not the news title "Nghị quyết 19-2017 về …"),
    or the code of the number in its header ("Số 12-NQ/ĐU")."""
    for line in _header(text):
        if _is_upper(line) and (found := _type_of_line(line)):
            return found
    key = normalize_for_match(title)
    for name, _ in doc_types():
        if re.match(re.escape(normalize_for_match(name)) + r" (?:số )?\d{1,5}(?:/\d{4})?\s?[-/]\s?[^\W\d_]", key):
            return name
    by_code = {normalize_for_match(code): name for name, code in reversed(doc_types()) if code}
    for line in _header(text)[:8]:
        if normalize_for_match(line).startswith("số"):
            for number in find_doc_numbers(line):
                if (found := by_code.get(normalize_for_match(number.kind))):
                    return found
    return None


def detect_issuer(text: str) -> str | None:
    """The issuing body: the last upper-case header line, above the kind, that begins like
    the name of a body ("ĐẢNG ỦY …", "BAN CHẤP HÀNH TRUNG ƯƠNG", "QUỐC HỘI")."""
    found = None
    for line in _header(text):
        if not _is_upper(line):
            continue
        if _type_of_line(line):
            break
        key = normalize_for_match(line)
        if key.startswith(_NOT_ISSUER):
            continue
        if any(_starts_with(key, head) for head in _issuer_heads()):
            found = re.sub(r"\s+", " ", line).strip(" *-")
    return found
