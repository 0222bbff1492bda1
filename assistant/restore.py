"""Diacritics (and capitals) of a question typed without them, taken back from the
passages retrieved for it: pure functions, no model; the data they read are the asking
phrases of ``answer_words.json`` and the stop and common word lists.

A question typed with diacritics but all in lower case ("chủ tịch ubnd tỉnh yên bái là
ai") takes back only its capitals, the same way: names, places and offices are told by
their capitals ("Yên Bái", "UBND"), which the answerer reads.

"bi thu huyen uy tan yen la ai" is matched diacritic-free, where "bac" is also "Bắc",
"bác" and "bạc": the answerer's features are coarser than for an accented question. The
retrieved passages say how the words are written: a run of the question's words that
stands in them (two words or more, diacritics ignored) takes their most frequent written
form there, its capitals too when it is written capitalised inside sentences ("Tân Yên").
A single word takes a form only when the passages write it one way, more than once, and
it is no name. A
run the passages do not hold stays as typed, so that a place they do not name ("tan
yen") does not match a piece of another name ("Ngô Tân Phượng").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from assistant.answer_types import answer_words, common_words, match_key, plain_key
from corpus.text import strip_diacritics
from index.tokens import stopwords

_WORD = re.compile(r"\w+")
MAX_RUN = 4  # words of the longest run looked up
_SENTENCE_END = frozenset(".?!:;\"“(\n")


def _forms(texts: list[str], key_of=plain_key) -> dict[tuple[str, ...], Counter]:
    """Written forms of every run of 1 to MAX_RUN words of the texts, by their key
    (diacritic-free and lower case, or only lower case); a run that begins a sentence
    counts lower-cased."""
    inside: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    first: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for text in texts:
        words = [(m.start(), m.group(0)) for m in _WORD.finditer(text)]
        for i in range(len(words)):
            before = text[: words[i][0]].rstrip()
            starts = not before or before[-1] in _SENTENCE_END or "\n" in text[len(before) : words[i][0]]
            forms = first if starts else inside
            for n in range(1, MAX_RUN + 1):
                run = words[i : i + n]
                if len(run) < n or any(not _joined(text[a[0] + len(a[1]) : b[0]]) for a, b in zip(run, run[1:])):
                    break
                written = tuple(w for _, w in run)
                forms[tuple(key_of(w) for w in written)][written] += 1
    for key, seen in first.items():  # a run seen only where a sentence begins: its first word in lower case
        if key not in inside:
            inside[key] = Counter({(w[0].lower(), *w[1:]) if all(x.islower() for x in (w[0][1:], *w[1:])) else w: c for w, c in seen.items()})
    return inside


_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")


@lru_cache(maxsize=1)
def _numeral_heads() -> frozenset[str]:
    """"thứ", "khóa": a Roman numeral after them is a number (``roman_numeral_heads``)."""
    return frozenset(plain_key(w) for w in answer_words()["roman_numeral_heads"]["words"])


def _asking_positions(words: list[str], accented: bool = False) -> dict[int, str]:
    """The words of the question that stand in an asking phrase (``asking_syllables`` of
    answer_words.json: "la ai", "bao nhieu", "nam nao"), with their asking reading."""
    phrases = _asking_phrases(accented)
    bare = [match_key(w) if accented else w.lower() for w in words]
    fixed: dict[int, str] = {}
    for i in range(len(bare)):
        for key, form in phrases:
            if tuple(bare[i : i + len(key)]) == key and not any(i + k in fixed for k in range(len(key))):
                fixed.update({i + k: f for k, f in enumerate(form)})
    return fixed


@lru_cache(maxsize=2)
def _asking_phrases(accented: bool = False) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(bare words — or, for a question typed with diacritics, its words in lower case —
    and written words) of every asking phrase, the longest first."""
    out = []
    for phrase in answer_words()["asking_syllables"]["phrases"]:
        written = tuple(match_key(w) for w in phrase.split())
        out.append((written if accented else tuple(strip_diacritics(w) for w in written), written))
    return tuple(sorted(out, key=lambda kv: -len(kv[0])))


def _no_lone_capitals(written: tuple[str, ...]) -> tuple[str, ...]:
    """A capitalised common word with no capitalised word beside it is written so only
    where a heading or a title begins ("Ngày 8-2-2017", "đọc Báo cáo …"): in lower case;
    a name of two capitalised words or more ("Yên Bái", "Ban Kinh tế") stays."""
    caps = [w[:1].isupper() for w in written]
    out = list(written)
    for i, w in enumerate(written):
        alone = caps[i] and not (i > 0 and caps[i - 1]) and not (i + 1 < len(caps) and caps[i + 1])
        if alone and w[1:].islower() and w.lower() in common_words():
            out[i] = w.lower()
    return tuple(out)


def _one_word(seen: Counter, bare: str) -> tuple[str, ...]:
    """A word the passages write one way only, and more than once (not capitalised, not
    bare: one "thể" is no evidence against "thế"); else, of its forms there, the most
    frequent that is a stop word ("la": "là", not "lá")."""
    forms = [w for (w,) in seen]
    if len(forms) == 1 and seen[(forms[0],)] >= 2 and not forms[0][:1].isupper() and forms[0] != bare:
        return (forms[0],)
    stop = stopwords()
    for (w,), _ in seen.most_common():
        if w in stop and w != bare:
            return (w,)
    return ()


def _joined(gap: str) -> bool:
    """Words one run may span: separated by spaces on one line only."""
    return gap.isspace() and "\n" not in gap


def needs_restoring(question: str) -> bool:
    """Typed without diacritics, or all in lower case (a capital only at its start)."""
    return strip_diacritics(question) == question or not any(c.isupper() for c in question[1:])


def restore_diacritics(question: str, texts: list[str]) -> str:
    """The question with the diacritics and capitals the texts write its words with, where
    they tell: each word as the longest run of the question's words around it that the
    texts hold writes it (the most frequent form); a word of an asking phrase ("la ai",
    "bao nhieu") in its asking reading unless a run writes it as part of a name; the other
    words as typed; a Roman numeral typed in lower case after "thứ" or "khóa" ("lần thứ
    ii") in capitals. A question typed with diacritics takes only capitals, and only when
    it has none (after its first letter); one with capitals comes back unchanged."""
    if not needs_restoring(question):
        return question
    accented = strip_diacritics(question) != question
    key_of = match_key if accented else plain_key
    forms = _forms(texts, key_of)
    words = list(_WORD.finditer(question))
    fixed = _asking_positions([w.group(0) for w in words], accented)
    best: list[tuple[int, int, str] | None] = [None] * len(words)  # (run length, count, form) per word
    for i in range(len(words)):
        for n in range(1, min(MAX_RUN, len(words) - i) + 1):
            run = words[i : i + n]
            if n > 1 and not _joined(question[run[-2].end() : run[-1].start()]):
                break
            words_key = tuple(key_of(w.group(0)) for w in run)
            seen = Counter(
                {
                    w: c
                    for w, c in forms.get(words_key, Counter()).items()
                    if all(i + k not in fixed or match_key(f) == fixed[i + k] or f[:1].isupper() for k, f in enumerate(w))
                }
            )
            if not seen:
                continue
            written, count = seen.most_common(1)[0]
            if n == 1:
                written = _one_word(seen, words_key[0])
                if not written:
                    continue
            heading = len(written) > 1 and all(w.isupper() for w in written)  # "DO AI SÁNG TÁC"
            written = tuple(w.lower() for w in written) if heading else _no_lone_capitals(written)
            for k, form in enumerate(written):
                if best[i + k] is None or (n, count) > best[i + k][:2]:
                    best[i + k] = (n, count, form)
    out = list(question)
    numeral_heads = _numeral_heads()
    for k, (w, found) in enumerate(zip(words, best)):
        typed = w.group(0)
        form = found[2] if found else fixed.get(k, "")
        if k and _ROMAN.match(typed) and (form or typed).islower() and plain_key(words[k - 1].group(0)) in numeral_heads:
            form = typed.upper()  # "lần thứ ii", "khoa xii": a number in Roman numerals
        if not form:
            continue
        if typed.isupper() and len(typed) > 1:
            form = form.upper()  # "HDND" stays in capitals: "HĐND"
        if typed[:1].isupper() and form[:1].islower():
            form = form[:1].upper() + form[1:]  # "Chu tich …" begins the question
        if accented:  # the diacritics as typed, the capitals as written
            form = "".join(t.upper() if f.isupper() else t for t, f in zip(typed.lower(), form)) if len(form) == len(typed) else typed
        out[w.start() : w.end()] = [form] + [""] * (w.end() - w.start() - 1)
    written = "".join(out)
    if written == question:
        return question
    return written[:1].upper() + written[1:]  # written, a question begins with a capital
