"""Enumerations: a sentence that introduces items ("… trong các trường hợp sau đây:",
"… gồm:") and the items that follow it ("a) …;", "1. …;", "- …", or unmarked clauses
ending in ';').

A list question answered from inside an enumeration wants all of it: the introducing
sentence, then every item in order, not the one item or the introduction the ranker
liked best. Pure functions over the sentences of one passage (``None`` where a piece
is not quotable, e.g. a bare "4." where a chunk ends: it ends the enumeration).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer_types import answer_words

_MARK = re.compile(r"\s*(?:(?P<letter>[a-zđ]\))|(?P<digit>\d{1,2}[.)])\s|(?P<dash>[-–+•*])\s)")
_GOES_ON = (";", ",", ":")  # a piece ending so is continued by the next one
_QUOTES = frozenset("“\"«‘'„")  # what quoted speech opens with


def marker(text: str) -> str | None:
    """The kind of item marker ``text`` starts with: "letter" (a), đ)), "digit" (1., 2)),
    "dash" (-, +, •), "ordinal" ("Thứ nhất, …", "Thứ hai là …"), or None."""
    m = _MARK.match(text)
    if m:
        return m.lastgroup
    return "ordinal" if _ordinal_re().match(text) else None


@lru_cache(maxsize=1)
def _ordinal_re() -> re.Pattern:
    """"Thứ nhất", "Thứ hai", … (the ordinal words of answer_words.json) opening an item,
    followed by a comma, a colon or "là" ("Thứ năm vừa qua" is a weekday)."""
    words = sorted(answer_words()["ordinal_words"]["words"], key=len, reverse=True)
    return re.compile(r"\s*Thứ\s+(?:" + "|".join(re.escape(w) for w in words) + r")(?=\s*[,:]|\s+là\b)")


def _introduces(text: str | None) -> bool:
    return text is not None and text.rstrip().endswith(":")


def _goes_on(text: str | None) -> bool:
    return text is not None and text.rstrip().endswith(_GOES_ON)


def intro_of(sentences: list[str | None], at: int) -> int | None:
    """The nearest sentence ending with ':' at or before ``at`` (with no unquotable piece
    between): the introduction of the enumeration ``at`` may belong to; ``enumeration``
    checks that it does."""
    if not 0 <= at < len(sentences):
        return None
    for k in range(at, -1, -1):
        if sentences[k] is None:
            return None
        if _introduces(sentences[k]):
            return k
    return None


def items_after(sentences: list[str | None], intro: int) -> list[int]:
    """Indices of the items that follow the introducing sentence ``intro``.

    When the first item has a marker: pieces with that kind of marker, and pieces without
    one that continue an item (it goes on with ';' / ',', or another item of the kind
    follows within a few sentences); another kind of marker ("2." after "a) … b) …")
    ends it. When it has none: pieces while the previous one ends with ';' / ',' (none
    when the first does not, or when it opens a quotation: speech)."""
    out: list[int] = []
    kind: str | None = None
    for k in range(intro + 1, len(sentences)):
        text = sentences[k]
        if text is None:
            break
        mark = marker(text)
        if not out:
            if text.lstrip()[:1] in _QUOTES:
                break  # "… nói: “Với trọng trách …;": speech, not items
            kind = mark
            if mark is None and not _goes_on(text):
                break  # unmarked pieces ending in '.': sentences, or lines of a list that say nothing of where it ends
        elif mark is not None:
            if mark != kind:
                break
        elif not _goes_on(sentences[k - 1]) and not (kind and _marked_ahead(sentences, k, kind)):
            break
        out.append(k)
    return out


_AHEAD = 3  # sentences an item of several sentences may hold after its first


def _marked_ahead(sentences: list[str | None], k: int, kind: str) -> bool:
    """Is an item of this kind of marker coming within a few unmarked sentences? Then the
    sentences from ``k`` on belong to the item before ("c) … đại chúng. Đối với … ; d) …")."""
    for text in sentences[k + 1 : k + 1 + _AHEAD]:
        if text is None:
            return False
        mark = marker(text)
        if mark is not None:
            return mark == kind
    return False


def enumeration(sentences: list[str | None], at: int) -> tuple[int, list[int]] | None:
    """(introducing sentence, items) of the enumeration sentence ``at`` is the introduction
    or an item of; None when it is in none, or the introduction is followed by no item."""
    intro = intro_of(sentences, at)
    if intro is None:
        return None
    items = items_after(sentences, intro)
    if not items or (at != intro and at not in items):
        return None  # e.g. "2. …" after "1. … sau đây: a) … b) …": the next clause, not an item
    return intro, items
