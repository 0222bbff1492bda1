"""Diacritics (and capitals) of a question typed without them, taken back from the
passages retrieved for it: pure functions, no model; the data they read are the asking
phrases of ``answer_words.json`` and the stop and common word lists.

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

from assistant.answer_types import answer_words, common_words
from corpus.text import strip_diacritics
from index.tokens import stopwords

_WORD = re.compile(r"\w+")
MAX_RUN = 4  # words of the longest run looked up
_SENTENCE_END = frozenset(".?!:;\"“(\n")


def _forms(texts: list[str]) -> dict[tuple[str, ...], Counter]:
    """Written forms of every run of 1 to MAX_RUN words of the texts, by their bare key
    (diacritic-free, lower case); a run that begins a sentence counts lower-cased."""
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
                forms[tuple(strip_diacritics(w).lower() for w in written)][written] += 1
    for key, seen in first.items():  # a run seen only where a sentence begins: its first word in lower case
        if key not in inside:
            inside[key] = Counter({(w[0].lower(), *w[1:]) if all(x.islower() for x in (w[0][1:], *w[1:])) else w: c for w, c in seen.items()})
    return inside


def _asking_positions(words: list[str]) -> dict[int, str]:
    """The words of the question that stand in an asking phrase (``asking_syllables`` of
    answer_words.json: "la ai", "bao nhieu", "nam nao"), with their asking reading."""
    phrases = _asking_phrases()
    bare = [w.lower() for w in words]
    fixed: dict[int, str] = {}
    for i in range(len(bare)):
        for key, form in phrases:
            if tuple(bare[i : i + len(key)]) == key and not any(i + k in fixed for k in range(len(key))):
                fixed.update({i + k: f for k, f in enumerate(form)})
    return fixed


@lru_cache(maxsize=1)
def _asking_phrases() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(bare words, written words) of every asking phrase, the longest first."""
    out = []
    for phrase in answer_words()["asking_syllables"]["phrases"]:
        written = tuple(phrase.split())
        out.append((tuple(strip_diacritics(w) for w in written), written))
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


def restore_diacritics(question: str, texts: list[str]) -> str:
    """The question with the diacritics and capitals the texts write its words with, where
    they tell: each word as the longest run of the question's words around it that the
    texts hold writes it (the most frequent form); a word of an asking phrase ("la ai",
    "bao nhieu") in its asking reading unless a run writes it as part of a name; the other
    words as typed. A question that has diacritics comes back unchanged."""
    if strip_diacritics(question) != question:
        return question
    forms = _forms(texts)
    words = list(_WORD.finditer(question))
    fixed = _asking_positions([w.group(0) for w in words])
    best: list[tuple[int, int, str] | None] = [None] * len(words)  # (run length, count, form) per word
    for i in range(len(words)):
        for n in range(1, min(MAX_RUN, len(words) - i) + 1):
            run = words[i : i + n]
            if n > 1 and not _joined(question[run[-2].end() : run[-1].start()]):
                break
            key = tuple(w.group(0).lower() for w in run)
            seen = Counter(
                {
                    w: c
                    for w, c in forms.get(key, Counter()).items()
                    if all(i + k not in fixed or f.lower() == fixed[i + k] or f[:1].isupper() for k, f in enumerate(w))
                }
            )
            if not seen:
                continue
            written, count = seen.most_common(1)[0]
            if n == 1:
                written = _one_word(seen, key[0])
                if not written:
                    continue
            written = _no_lone_capitals(written)
            for k, form in enumerate(written):
                if best[i + k] is None or (n, count) > best[i + k][:2]:
                    best[i + k] = (n, count, form)
    out = list(question)
    for k, (w, found) in enumerate(zip(words, best)):
        typed = w.group(0)
        form = found[2] if found else fixed.get(k, "")
        if not form:
            continue
        if typed.isupper() and len(typed) > 1:
            form = form.upper()  # "HDND" stays in capitals: "HĐND"
        elif form.isupper() and len(form) > 1:
            form = form.lower()  # a heading in capitals ("DO AI SÁNG TÁC") writes no capitals of the words
        if typed[:1].isupper() and form[:1].islower():
            form = form[:1].upper() + form[1:]  # "Chu tich …" begins the question
        out[w.start() : w.end()] = [form] + [""] * (w.end() - w.start() - 1)
    return "".join(out)
