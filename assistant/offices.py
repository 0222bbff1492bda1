"""The office a who-question asks about, and whether a sentence names its holder (pure
functions, no model).

"Bí thư Tỉnh ủy Hưng Yên … là ai?" asks for the person who holds an office: the answer is
the sentence that puts a person's name next to that office ("Bí thư Tỉnh ủy Hưng Yên Đỗ
Tiến Sỹ cho biết …", "Thượng tướng Lương Cường, …, Chủ nhiệm Tổng cục Chính trị …"), not
the one that tells of the event with the most of the question's words. Offices are the
titles of ``name_heads`` in ``assistant/data/answer_words.json`` that are not forms of
address ("ông", "đồng chí"); a deputy's title ("Phó Bí thư") is not the chief's.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from assistant.answer_types import WORD_RE, answer_words, match_key, persons, plain_key
from corpus.text import normalize_for_match, strip_diacritics

Office = tuple[tuple[str, ...], tuple[str, ...]]
"""The title's syllables and the title followed by the question's next word
(("bí", "thư"), ("bí", "thư", "tỉnh"))."""

NEAR_BEFORE = 14  # words between a name and the office it holds after it ("A, Ủy viên …, Chủ nhiệm …")
NEAR_AFTER = 8  # words between an office and the name after it ("Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ")


@lru_cache(maxsize=2)
def _offices(accented: bool) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    heads = answer_words()["name_heads"]
    address = {normalize_for_match(w) for w in heads["forms_of_address"]}
    deputy = {normalize_for_match(w) for w in answer_words()["deputy_words"]["words"]}
    titles = {normalize_for_match(w) for w in heads["titles"]} - address
    if not accented:
        titles = {strip_diacritics(t) for t in titles}
        deputy = {strip_diacritics(w) for w in deputy}
    return frozenset(tuple(t.split()) for t in titles), frozenset(deputy)


def asked_offices(q_tokens: list[str], content: set[str], accented: bool) -> list[Office]:
    """The offices the question names (longest title first at each place; a deputy word
    before it is part of it), each with the question's next word when it is a content
    word ("bí thư" + "tỉnh")."""
    titles, deputy = _offices(accented)
    out: list[Office] = []
    i = 0
    while i < len(q_tokens):
        for n in (3, 2, 1):
            title = tuple(q_tokens[i : i + n])
            if len(title) == n and title in titles:
                if i > 0 and q_tokens[i - 1] in deputy and title[0] not in deputy:
                    title = (q_tokens[i - 1], *title)  # "phó chủ nhiệm": the deputy's office
                nxt = q_tokens[i + n : i + n + 1]
                out.append((title, title + tuple(t for t in nxt if t in content)))
                i += n
                break
        else:
            i += 1
    return out


def office_holder(offices: list[Office], text: str, question_key: str, accented: bool) -> float:
    """1 when the text puts a person's name (one the question does not hold) next to an
    office of the question with the word that follows it there, 0.5 next to the bare title
    only, 0 otherwise. A title after a deputy word ("Phó Bí thư") is not the chief's; a
    name and its office stand in one clause (no ';' between them)."""
    if not offices:
        return 0.0
    _, deputy = _offices(accented)
    norm = match_key if accented else plain_key
    key = question_key if accented else strip_diacritics(question_key)
    words = list(WORD_RE.finditer(text))
    keys = [norm(m.group(0)) for m in words]
    starts = [m.start() for m in words]
    spans = []
    for name in persons(text):
        at = text.find(name)
        if at < 0 or norm(name) in key:
            continue
        first = bisect.bisect_right(starts, at) - 1
        spans.append((first, first + len(name.split()) - 1, at, at + len(name)))
    if not spans:
        return 0.0
    best = 0.0
    for title, phrase in offices:
        for full in (phrase, title) if phrase != title else (title,):
            n = len(full)
            for i in range(len(keys) - n + 1):
                if tuple(keys[i : i + n]) != full or (i > 0 and keys[i - 1] in deputy and title[0] not in deputy):
                    continue
                t_start, t_end = starts[i], words[i + n - 1].end()
                for first, last, n_start, n_end in spans:
                    if last < i:
                        near = i - last - 1 <= NEAR_BEFORE and ";" not in text[n_end:t_start]
                    elif first >= i + n:
                        near = first - (i + n) <= NEAR_AFTER and ";" not in text[t_end:n_start]
                    else:
                        near = False
                    if near:
                        value = 1.0 if full == phrase else 0.5
                        if value == 1.0:
                            return 1.0
                        best = max(best, value)
    return best
