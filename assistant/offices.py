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
import re
from functools import lru_cache
from typing import NamedTuple

from assistant.answer_types import WORD_RE, answer_words, match_key, name_heads, names, persons, plain_key
from assistant.query import abbreviation_keys
from corpus.text import normalize_for_match, strip_diacritics

Office = tuple[tuple[str, ...], tuple[str, ...]]
"""The title's syllables and the title followed by the question's next word — its next two
when they name a body: (("bí", "thư"), ("bí", "thư", "tỉnh", "ủy")), (("giám", "đốc"),
("giám", "đốc", "sở"))."""

NEAR_BEFORE = 14  # words between a name and the office it holds after it ("A, Ủy viên …, Chủ nhiệm …")
NEAR_AFTER = 8  # words between an office and the name after it ("Bí thư Tỉnh ủy Hưng Yên Đỗ Tiến Sỹ")


class _Lexicon(NamedTuple):
    """The word lists offices are read with, in syllable tuples of the question's kind."""

    titles: frozenset[tuple[str, ...]]  # offices: titles that are no form of address
    deputy: frozenset[str]  # "phó"
    orgs: frozenset[tuple[str, ...]]  # words that begin the name of a body or place
    address: frozenset[str]  # "ông", "đồng chí"
    possessive: frozenset[str]  # "của": a title after it is not the one asked about
    not_names: frozenset[str]  # a word before a name that is not part of it: an address or a one-word title
    bodies: frozenset[tuple[str, ...]]  # two-syllable words that name a body or place ("thành ủy", "đảng ủy")


@lru_cache(maxsize=2)
def _lexicon(accented: bool) -> _Lexicon:
    """The lists of ``answer_types.name_heads`` and answer_words.json, accented or not."""
    words = answer_words()
    address = {normalize_for_match(w) for w in words["name_heads"]["forms_of_address"]}
    deputy = {normalize_for_match(w) for w in words["deputy_words"]["words"]}
    possessive = {normalize_for_match(w) for w in words["possessive_words"]["words"]}
    titles, orgs = name_heads()
    titles = frozenset(t for t in titles if " ".join(t) not in address)
    places = {tuple(normalize_for_match(w).split()) for w in words["place_cues"]["words"]}
    bodies = frozenset(t for t in set(orgs) | places if len(t) == 2)
    if not accented:

        def plain(tuples):
            return frozenset(tuple(strip_diacritics(w) for w in t) for t in tuples)

        titles, orgs, bodies = plain(titles), plain(orgs), plain(bodies)
        address, deputy = {strip_diacritics(w) for w in address}, {strip_diacritics(w) for w in deputy}
        possessive = {strip_diacritics(w) for w in possessive}
    not_names = frozenset(address | {t[0] for t in titles if len(t) == 1})
    return _Lexicon(titles, frozenset(deputy), orgs, frozenset(address), frozenset(possessive), not_names, bodies)


def asked_offices(q_tokens: list[str], content: set[str], accented: bool, people: list[tuple[str, ...]] = ()) -> list[Office]:
    """The offices the question asks about (longest title first at each place; a deputy
    word before it is part of it), each with the question's next word when it is a
    content word ("giám đốc" + "sở"), its next two when they name a body ("bí thư" +
    "tỉnh ủy": not "Bí thư Tỉnh đoàn"). A title that ends the name of a body ("Ban Bí thư",
    "Văn phòng Chủ tịch nước") or stands before a name the question gives ("Tổng Bí thư
    Nguyễn Phú Trọng") is not asked about, nor one after "của" when the question names
    another ("Chánh Văn phòng TW đi cùng đoàn công tác của Tổng Bí thư … là ai?"). A next
    word that is an abbreviation also stands expanded ("… TW" and "… Trung ương")."""
    lex = _lexicon(accented)
    titles, deputy, orgs = lex.titles, lex.deputy, lex.orgs
    out: list[Office] = []
    owned: list[Office] = []
    i = 0
    while i < len(q_tokens):
        for n in (3, 2, 1):
            title = tuple(q_tokens[i : i + n])
            if len(title) == n and title in titles:
                after = tuple(q_tokens[i + n :])
                in_name = any(tuple(q_tokens[max(0, i - k) : i]) in orgs for k in (1, 2, 3))
                named = any(person and after[: len(person)] == person for person in people)
                if not in_name and not named:
                    if i > 0 and q_tokens[i - 1] in deputy and title[0] not in deputy:
                        title = (q_tokens[i - 1], *title)  # "phó chủ nhiệm": the deputy's office
                    phrase = title + (after[:2] if after[:2] in lex.bodies else tuple(t for t in after[:1] if t in content))
                    target = owned if i > 0 and q_tokens[i - 1] in lex.possessive else out
                    target += [(title, p) for p in _spelled(title, after, phrase, accented)]
                i += n
                break
        else:
            i += 1
    return out or owned


@lru_cache(maxsize=2)
def _spellings(accented: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(abbreviation, its expansion's syllables) of ``query.abbreviation_keys``, longest
    expansion first, accented or not."""
    pairs = [(low, expansion) if accented else (low_plain, expansion_plain) for low, low_plain, expansion, expansion_plain, _ in abbreviation_keys()]
    return tuple(sorted(((short, tuple(words.split())) for short, words in pairs), key=lambda pair: -len(pair[1])))


def _spelled(title: tuple[str, ...], after: tuple[str, ...], phrase: tuple[str, ...], accented: bool) -> list[tuple[str, ...]]:
    """The phrase, and the title with the words after it written the other way: an
    abbreviation expanded ("… tw" → "… trung ương"), an expansion abbreviated ("… ủy ban
    nhân dân" → "… ubnd")."""
    out = [phrase]
    if not after:
        return out
    plain = tuple(strip_diacritics(w) for w in after)
    for short, words in _spellings(accented):
        if after[0] == short:
            out.append(title + words)
            break
        if (after if accented else plain)[: len(words)] == words and len(words) > 1:
            out.append(title + (short,))
            break
    return out


def _starts_title(text: str, run: str, titles: frozenset[tuple[str, ...]], deputy: frozenset[str]) -> bool:
    """The capitalised run begins a title ("Phó Chủ" of "Phó Chủ tịch nước", "Phó Chánh Văn"
    of "Phó Chánh Văn phòng"): no name."""
    at = text.find(run)
    following = match_key(text[at : at + len(run) + 20]).split()
    if following and following[0] in deputy:
        following = following[1:]
    return any(tuple(following[:n]) in titles for n in (1, 2, 3))


def _whole_name(text: str, start: int, stop: frozenset[str]) -> int:
    """The start of the name, taking back the capitalised word that a colon cut off it
    ("các đồng chí: Đào Việt Trung" gives "Việt Trung"), not a form of address or title."""
    m = re.search(r"(\w+)\s+$", text[:start])
    if m and m.group(1)[:1].isupper() and match_key(m.group(1)) not in stop:
        return m.start(1)
    return start


def _holders(text: str) -> list[str]:
    """Person-like names of the text, and any capitalised run after a form of address
    ("đồng chí Đoàn Hồng Phong": 'Đoàn' also begins the name of a delegation)."""
    lex = _lexicon(True)
    found = [run for run in persons(text) if not _starts_title(text, run, lex.titles, lex.deputy)]
    for run in names(text):
        at = text.find(run)
        before = match_key(text[max(0, at - 12) : at]).split()
        if run not in found and before and (before[-1] in lex.address or " ".join(before[-2:]) in lex.address):
            found.append(run)
    return found


def office_holder(offices: list[Office], text: str, question_key: str, accented: bool) -> float:
    """1 when the text puts a person's name (one the question does not hold) next to an
    office of the question with the word that follows it there, 0.5 next to the bare title
    only, 0 otherwise. A title after a deputy word ("Phó Bí thư") is not the chief's; a
    name and its office stand in one clause (no ';' between them)."""
    found = _holding(offices, text, question_key, accented)
    return found[0] if found else 0.0


def holder_span(offices: list[Office], text: str, question_key: str, accented: bool) -> tuple[int, int] | None:
    """Offsets of the name that holds the office asked about (``office_holder``'s best), if any."""
    found = _holding(offices, text, question_key, accented)
    return found[1] if found else None


def _holding(offices: list[Office], text: str, question_key: str, accented: bool) -> tuple[float, tuple[int, int]] | None:
    if not offices:
        return None
    deputy = _lexicon(accented).deputy
    stop = _lexicon(True).not_names
    norm = match_key if accented else plain_key
    key = question_key if accented else strip_diacritics(question_key)
    words = list(WORD_RE.finditer(text))
    keys = [norm(m.group(0)) for m in words]
    starts = [m.start() for m in words]
    spans = []
    for name in _holders(text):
        at = text.find(name)
        if at < 0 or norm(name) in key:
            continue
        first = bisect.bisect_right(starts, at) - 1
        spans.append((first, first + len(name.split()) - 1, at, at + len(name)))
    if not spans:
        return None
    best: tuple[float, tuple[int, int]] | None = None
    for title, phrase in offices:
        for full in (phrase, title) if phrase != title else (title,):
            n = len(full)
            for i in range(len(keys) - n + 1):
                if tuple(keys[i : i + n]) != full or (i > 0 and keys[i - 1] in deputy and title[0] not in deputy):
                    continue
                t_start, t_end = starts[i], words[i + n - 1].end()
                near = []
                for first, last, n_start, n_end in spans:
                    if last < i and i - last - 1 <= NEAR_BEFORE and ";" not in text[n_end:t_start]:
                        near.append((i - last - 1, n_start, n_end, True))
                    elif first >= i + n and first - (i + n) <= NEAR_AFTER and ";" not in text[t_end:n_start]:
                        near.append((first - (i + n), n_start, n_end, True))
                    elif i <= first < i + n <= last and i + n < len(starts):
                        # the capitalised run goes on from the office's last words into the
                        # name: "Tổng thống Philippines Rodrigo Roa Duterte"
                        near.append((0, starts[i + n], n_end, False))
                if near:
                    _, n_start, n_end, whole = min(near)  # the nearest name holds it
                    if whole:
                        n_start = _whole_name(text, n_start, stop)
                    if full == phrase:
                        return 1.0, (n_start, n_end)
                    if best is None:
                        best = 0.5, (n_start, n_end)
    return best
