"""Questions that ask about several things at once, cut into one question per thing.

Pure functions. Four shapes, each unambiguous in Vietnamese:

- an enumeration after a colon: "Cho biết ngày tổ chức đại hội của ba chi bộ: A, B và C"
  -> "Cho biết ngày tổ chức đại hội của chi bộ A", "... B", "... C" (the count, which
  belongs to the whole, dropped; when the question states one, it decides which "và"
  joins items: "hai chi bộ: Văn phòng Tổng cục Địa chất và Khoáng sản và Văn phòng Sở 2");
- two questions joined by "và" + a question word: "Ai là Bí thư Đảng ủy và ai là Chủ tịch
  UBND xã X?" -> "Ai là Bí thư Đảng ủy", "ai là Chủ tịch UBND xã X?" (each keeps the whole
  question as its context, for what the parts share);
- one head word given two values: "số vụ phạm pháp năm 2016 của quận 2 và quận 9"
  -> "... của quận 2", "... của quận 9"; and the same head words before two names: "Chi bộ
  Văn phòng Tổng cục và Chi bộ Văn phòng Sở 2 đã bầu ai …?" -> one question per chi bộ.

Anything else is one question (no parts). ``join_answers`` makes one answer of the parts'
answers: in the order asked, citations numbered once across them, a part nothing answers
said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer_types import answer_words
from assistant.enumerations import marker
from assistant.models import Answer, Citation
from corpus.text import normalize_for_match, strip_diacritics
from index.tokens import stopwords

MAX_PARTS = 5
_CAP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ"
_VALUE = rf"(?:\d[\w./-]*|[IVXLC]+\b|[{_CAP}][\w-]*(?:\s+[{_CAP}][\w-]*)*)"
_SAME_HEAD = re.compile(rf"(?<!\w)(?P<head>[a-zđà-ỹ]+(?:\s+[a-zđà-ỹ]+)?)\s+(?P<a>{_VALUE})\s+(?:và|va)\s+(?P=head)\s+(?P<b>{_VALUE})(?!\w)")


def _alternation(words) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Words:
    joined_questions: re.Pattern  # where a second question begins: ", và ai …"
    asks: re.Pattern  # a question word anywhere
    request: re.Pattern  # an imperative that asks, at the start
    count: re.Pattern  # a count a few words before the end of the stem: "của ba chi bộ"
    counts: dict[str, int]


@lru_cache(maxsize=1)
def _words() -> _Words:
    """The patterns of ``answer_words.json``'s ``several_things`` (read once, when first needed)."""
    data = answer_words()["several_things"]
    question = _alternation(data["question_words"])
    counts = {k.lower(): int(v) for k, v in data["count_words"].items()}
    return _Words(
        joined_questions=re.compile(rf"\s*(?:,|;)?\s+(?:và|va|còn|con)\s+(?={question}\b)", re.IGNORECASE),
        asks=re.compile(rf"\b{question}\b|\b{_alternation(data['asking_words'])}\b", re.IGNORECASE),
        request=re.compile(rf"^\W*(?:hãy\s+|hay\s+)?{_alternation(data['request_words'])}\b", re.IGNORECASE),
        count=re.compile(rf"(?<!\w)({_alternation(counts)})\s+(?=(?:\S+\s*){{1,3}}$)", re.IGNORECASE),
        counts=counts,
    )


def _asks(text: str) -> bool:
    w = _words()
    return bool(w.asks.search(text) or w.request.search(text))


@dataclass(frozen=True)
class Part:
    """One question of several: its text, and whether it needs the whole question as context."""

    question: str
    needs_context: bool = False


def _top_level(text: str, pattern: str) -> list[re.Match]:
    """Matches of ``pattern`` in ``text`` outside brackets."""
    out, depth = [], 0
    for m in re.finditer(rf"[()\[\]]|{pattern}", text):
        tok = m.group(0)
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(m)
    return out


def _split_and(chunk: str, first_word: str) -> list[str]:
    """'B và C' -> ['B', 'C']. With several 'và' ('Sở Tài nguyên và Môi trường và Sở Công
    Thương'), the one after which the same word as the first item begins (parallel
    items), else none: which 'và' joins the items is not known."""
    ands = _top_level(chunk, r"\s+(?:và|va)\s+")
    if not ands:
        return [chunk]
    if len(ands) > 1:
        parallel = [m for m in ands if chunk[m.end() :].split(" ", 1)[0].lower() == first_word.lower()]
        if len(parallel) != 1:
            return []
        ands = parallel
    m = ands[-1]
    return [chunk[: m.start()], chunk[m.end() :]]


def _items(text: str, count: int | None) -> list[str]:
    """The items of an enumeration 'A, B và C' (commas and semicolons outside brackets,
    then the 'và' before the last item); ``count``, when the question states it, decides
    whether that 'và' joins two items or stands inside the last one."""
    bounds = [0] + [x for m in _top_level(text, r"[,;]") for x in (m.start(), m.end())] + [len(text)]
    chunks = [text[a:b].strip() for a, b in zip(bounds[::2], bounds[1::2])]
    chunks = [re.sub(r"^(?:và|va)\s+", "", c) for c in chunks if c]
    if not chunks:
        return []
    first = chunks[0].split(" ", 1)[0]
    split = _split_and(chunks[-1], first)
    readings = [chunks[:-1] + split] if split else []
    readings.append(chunks)
    if count is not None:
        return next((r for r in readings if len(r) == count), [])
    # no count: "Sở A, Sở B và Môi trường" (parallel items, the last not split the same way)
    firsts = {c.split(" ", 1)[0].lower() for c in chunks}
    if len(chunks) > 1 and len(firsts) == 1 and split and split[-1].split(" ", 1)[0].lower() != first.lower():
        return chunks
    return readings[0]


def _count(stem: str) -> re.Match | None:
    """Where the stem says how many things it asks about ("của ba chi bộ"): the count word."""
    return _words().count.search(stem.strip())


def _enumeration(question: str) -> list[Part]:
    stem, colon, rest = question.partition(":")
    if not colon or ":" in rest or not _asks(stem):
        return []
    rest = rest.strip().rstrip("?.! ").strip()
    count = _count(stem)
    items = _items(rest, _words().counts[count.group(1).lower()] if count else None)
    if not 2 <= len(items) <= MAX_PARTS or len(stem.split()) < 3:
        return []
    if any(len(i.split()) > 12 or not re.search(r"[^\W\d_]", i) for i in items):
        return []
    stem = stem.strip()
    if count:
        # "... của ba chi bộ: A, B và C" -> "... của chi bộ A": the count belongs to the whole
        stem = stem[: count.start()] + stem[count.end() :]
    return [Part(f"{stem} {item}") for item in items]


def _joined_questions(question: str) -> list[Part]:
    pieces = [p.strip() for p in _words().joined_questions.split(question) if p.strip()]
    if not 2 <= len(pieces) <= MAX_PARTS or not all(_words().asks.search(p) for p in pieces):
        return []
    if any(len(strip_diacritics(p).split()) < 2 for p in pieces):
        return []
    return [Part(p, needs_context=True) for p in pieces]


def _same_head(question: str) -> list[Part]:
    m = _SAME_HEAD.search(question)
    if not m or m.group("a") == m.group("b") or not _asks(question):
        return []
    head = m.group("head")
    before, after = question[: m.start()], question[m.end() :]
    return [Part(f"{before}{head} {value}{after}") for value in (m.group("a"), m.group("b"))]


_WORD = re.compile(r"[^\s,;:?!.()]+(?:[.,/-][^\s,;:?!.()]+)*")
_NAME_WORDS = 8  # at most this many words in each of the two names


def _starts_name(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _name_end(words: list[re.Match], keys: list[str], start: int, function_words: frozenset[str]) -> int:
    """Where a name that begins at ``start`` ends: after its last capitalised word or number,
    lower-case words inside it ("Văn phòng Sở 2", "khối Nghiên cứu") but none after it ("Trần
    Quốc Vượng giữ chức vụ"), never past a function word nor beyond ``_NAME_WORDS`` words;
    ``start`` when it holds no capitalised word."""
    end = start
    for j in range(start, min(len(words), start + _NAME_WORDS)):
        if keys[j] in function_words:
            break
        if _starts_name(words[j].group(0)):
            end = j + 1
    return end


def _named_pair(question: str) -> list[Part]:
    """"Chi bộ Văn phòng Tổng cục và Chi bộ Văn phòng Sở 2 đã bầu ai …?" -> one question per
    body: the same head words (one to three, as written) before two names joined by "và",
    the first running from the head to "và", the second from the repeated head to its last
    capitalised word before a function word (``index/data/stopwords_vi.txt``: "đã", "là",
    "có" …); each name holds a capitalised word or a number, no function word, no comma."""
    if not _asks(question):
        return []
    words = list(_WORD.finditer(question))
    keys = [normalize_for_match(w.group(0)) for w in words]
    function_words = stopwords()
    for k, key in enumerate(keys):
        opened = question[: words[k].start()]
        if key not in ("và", "va") or opened.count("(") > opened.count(")"):
            continue
        for size in (3, 2, 1):
            head = keys[k + 1 : k + 1 + size]
            if len(head) < size or any(h in function_words for h in head):
                continue
            first = next((i for i in range(k - size - 1, max(-1, k - size - 1 - _NAME_WORDS), -1) if keys[i : i + size] == head), None)
            if first is None:
                continue
            a = range(first + size, k)
            if not a or any(keys[j] in function_words for j in a) or not any(_starts_name(words[j].group(0)) for j in a):
                continue
            if re.search(r"[,;:]", question[words[a[0]].start() : words[k].start()]):
                continue  # an enumeration ("các vụ A, B và Vụ C"), not two names
            b_start = k + 1 + size
            b_end = _name_end(words, keys, b_start, function_words)
            if keys[b_start : b_start + len(a)] == keys[a[0] : k]:
                b_end = b_start + len(a)  # the first name again ("… Văn phòng và Chi bộ Văn phòng")
            if b_end == b_start or b_end == len(words):
                continue  # what follows the second name is what is asked of both
            before, after = question[: words[first].start()], question[words[b_end - 1].end() :]
            head_text = question[words[first].start() : words[first + size - 1].end()]
            names = (question[words[a[0]].start() : words[k - 1].end()], question[words[b_start].start() : words[b_end - 1].end()])
            if normalize_for_match(names[0]) == normalize_for_match(names[1]):
                return []
            return [Part(f"{before}{head_text} {name}{after}", needs_context=True) for name in names]
    return []


def split_question(question: str) -> list[Part]:
    """The parts of a question that asks about several things (empty: one question)."""
    for rule in (_enumeration, _joined_questions, _same_head, _named_pair):
        parts = rule(question)
        if parts:
            return parts
    return []


_MARK = re.compile(r"\s*\[(\d+)\]")


def _cited_pieces(text: str) -> list[tuple[str, int | None]]:
    """'sentence [1] sentence [2]' -> [('sentence', 1), ('sentence', 2)]."""
    out, last = [], 0
    for m in _MARK.finditer(text):
        out.append((text[last : m.start()].strip(), int(m.group(1))))
        last = m.end()
    if text[last:].strip():
        out.append((text[last:].strip(), None))
    return [(t, n) for t, n in out if t]


def join_answers(answers: list[tuple[str, Answer]], not_found: str, part_not_found: str) -> Answer:
    """One answer from the answers of the parts (``(part question, answer)``, in order):
    citations numbered once across the parts, a sentence an earlier part quoted not
    quoted again, a part nothing answers said so."""
    found = [a for _, a in answers if a.found]
    confidences = [a.confidence for a in (found or [a for _, a in answers]) if a.confidence is not None]
    confidence = min(confidences) if found and confidences else max(confidences, default=None)
    if not found:
        return Answer(answer=not_found, found=False, confidence=confidence)
    numbers: dict[tuple[str, int, int], int] = {}
    citations: list[Citation] = []
    out: list[str] = []
    spans: list[list[int]] = []
    quoted: set[str] = set()

    def add(piece: str) -> int:
        start = sum(len(x) + 1 for x in out)
        out.append(piece)
        return start

    for question, a in answers:
        if not a.found:
            add(part_not_found.format(part=question.rstrip(" ?.!")))
            continue
        local: dict[int, int] = {}
        for c in a.citations:
            key = (c.source, c.start, c.end)
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                citations.append(c.model_copy(update={"n": numbers[key]}))
            else:
                i = numbers[key] - 1
                if c.quote and c.quote not in (citations[i].quote or ""):
                    quote = " … ".join(q for q in (citations[i].quote, c.quote) if q)
                    citations[i] = citations[i].model_copy(update={"quote": quote})
            local[c.n] = numbers[key]
        for i, (text, n) in enumerate(_cited_pieces(a.answer)):
            # an item of a list ("a) …") stands on a line of its own; an item or sentence an
            # earlier part quoted is not quoted again
            lines = [ln for ln in text.split("\n") if normalize_for_match(ln) not in quoted]
            if not lines:
                continue
            text = "\n".join(lines)
            quoted.update(normalize_for_match(ln) for ln in lines)
            quoted.add(normalize_for_match(text))
            start = add(text if n is None else f"{text} [{local.get(n, n)}]")
            if i == 0:  # the answering span lies in the part's first sentence
                lead = a.answer.find(text)
                spans.extend([s - lead + start, e - lead + start] for s, e in a.spans if lead >= 0 and lead <= s < lead + len(text))
    answer = "".join(("\n" if i and marker(piece) else " " if i else "") + piece for i, piece in enumerate(out))
    return Answer(answer=answer, found=True, citations=citations, confidence=confidence, spans=spans)
