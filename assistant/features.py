"""Candidates and features of the extractive answerer (pure functions, no model).

A *candidate* is a piece of a retrieved passage that could be quoted: one sentence (long
ones cut at ';' / ':'), or a sentence with its predecessor when it leans on it. Every
candidate gets a vector of named features (``FEATURES``): IDF-weighted coverage of the
question by the candidate and by its context (accented or diacritic-free syllables,
syllable pairs, abbreviations and document numbers both ways), coverage of the question's
specific terms (numbers, names, document numbers), whether it holds the kind of answer
asked for (a name, a date, a number, a place, a document number — found by general
patterns, never by lists of names), the passage's rank and retrieval scores, position and
length. ``assistant.ranker`` turns them into a score with fitted weights. What is known
of the question is in ``assistant.question_info``; sentences are cut in
``assistant.sentences``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer_types import (
    ANSWER_KINDS,
    DATE_RE,
    NUMBER_RE,
    WORD_RE,
    YEAR_RE,
    answer_words,
    match_key,
    names,
    persons,
    place_re,
    plain_key,
)
from assistant.models import Passage
from assistant.offices import office_holder
from assistant.question_info import QuestionInfo, tokens_of
from assistant.sentences import WORDY, passage_sentences
from assistant.slots import conflicts
from corpus.docnumbers import doc_number_spans
from corpus.structure import section_article
from corpus.text import normalize_for_match, strip_diacritics


FEATURES = (
    "cov",  # IDF-weighted share of the question's terms in the quoted text
    "cov_sentence",  # ... in the last (answer) sentence alone
    "cov_context",  # ... in the quoted text with its neighbours and the passage title
    "pair",  # share of the question's syllable pairs in the quoted text
    "pair_context",  # ... in the context
    "rel_cov",  # cov minus the best cov among all candidates of the question
    "rel_context",  # cov_context minus the best among all candidates
    "specific_missing",  # share of the question's numbers / names / document numbers absent from the context
    "specific_missing_quote",  # ... absent from the quoted text
    "who_name",  # who-question and a capitalised name the question does not hold
    "who_person",  # ... a name that looks like a person's (no organisation / place word first)
    "when_date",  # when-question and a date
    "year_year",  # which-year question and a year the question does not hold
    "where_place",  # where-question and a place cue followed by a capitalised name
    "many_number",  # how-many question and a number the question does not hold
    "many_unit",  # ... followed by the unit the question asks about
    "doc_number",  # which-document question and a document number
    "typed_miss",  # the question asks for a kind of answer the quoted text lacks
    "answer_near",  # closeness (in words) of the asked-for name / number / date to a question term
    "headline",  # does not end like a sentence (a title, a caption, a list item)
    "typed_cov",  # cov when the question asks for a kind of answer and the text holds it
    "typed_pair",  # pair coverage, likewise
    "new_name",  # a capitalised name absent from the question (any question)
    "deputy_only",  # the question's title stands in the text only as the deputy's ("phó chủ tịch" for "chủ tịch")
    "novelty",  # share of the quoted text's content syllables not in the question
    "rank_inv",  # 1 / (1 + rank of the passage)
    "top",  # from the first passage
    "dense_rel",  # dense (cosine) score of the passage / the best one's (embedders differ in scale)
    "keyword_rel",  # keyword score / best keyword score of the question's passages
    "fused_rel",  # fused score / best fused score
    "first_sentence",  # first sentence of its passage
    "position",  # sentence index / sentences in the passage
    "length",  # log of the quoted length, relative to 200 characters
    "prev_gain",  # coverage the predecessor sentence adds (the sentence leans on it)
    "colon",  # ends with ':' (introduces a list)
    "list_colon",  # list question and the text introduces items
    "slot_conflict",  # share of the question's slots (lần thứ 6, năm 2017, tỉnh X) the quoted text contradicts
    "slot_conflict_context",  # ... that the quoted text with its neighbours and title contradicts
    "slot_confirm",  # share of the question's slots whose value the quoted text holds
    "near_cov",  # IDF-weighted share of the question's terms within a few words of an asked-for name / number / date
    "article",  # the question names articles ("Điều 12"): +1 in one of them, -1 in another article, 0 not in an article
    "article_heading",  # ... and the quoted text is the heading of a named article ("Điều 12. Nhiệm vụ ...")
    "is_question",  # the quoted text asks a question ("Nước Đại Ngu thành lập năm nào ?"): it restates, not answers
    "office_holder",  # a who-question's office ("Bí thư Tỉnh ủy") next to a person's name: 1, the bare title 0.5 (assistant.offices)
)

@dataclass
class Candidate:
    """A quotable piece: the sentence ``last`` of a passage, with its predecessor when
    ``window``. ``x`` holds the features in the order of ``FEATURES``."""

    passage: int
    first: int  # index of the first sentence in the passage's sentence list
    last: int
    text: str
    start: int
    end: int
    x: list[float] = field(default_factory=list)
    score: float = 0.0

    @property
    def window(self) -> bool:
        return self.first != self.last


def _coverage(info: QuestionInfo, terms: set[str], pairs: set[tuple[str, str]]) -> tuple[float, float]:
    w = info.weights
    cov = (sum(w[t] for t in info.content if t in terms) + 0.5 * sum(w[t] for t in info.ctx_content if t in terms)) / info.total
    if not info.pairs:
        return cov, cov
    pc = sum(w.get(a, 0.5) + w.get(b, 0.5) for a, b in info.pairs if (a, b) in pairs) / info.pair_total
    return cov, pc


def _pairs(tokens) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def _missing(info: QuestionInfo, terms: set[str], pairs: set[tuple[str, str]]) -> float:
    if not info.n_specific:
        return 0.0
    miss = sum(n not in terms and n.lstrip("0") not in terms for n in info.numbers)
    miss += sum(k not in terms for k in info.doc_keys)
    miss += sum(not all(pr in pairs for pr in zip(name, name[1:])) for name in info.names)
    return miss / info.n_specific


def type_flags(info: QuestionInfo, text: str) -> dict[str, bool]:
    """Does the text hold a name / date / year / place / number / document number that the
    question does not already hold?"""
    key = info.key
    q_plain = strip_diacritics(key)
    found_names = [n for n in names(text) if match_key(n) not in key]
    found_persons = [n for n in persons(text) if match_key(n) not in key]
    numbers = [n for n in NUMBER_RE.findall(text) if n not in info.numbers]
    years = [y for y in YEAR_RE.findall(text) if y not in info.numbers]
    unit_ok = False
    if info.unit and numbers:
        low = plain_key(text)
        unit_ok = bool(re.search(r"\d[\d.,/]*\s+(?:\w+\s+)?" + re.escape(info.unit) + r"\b", low))
    docs = [text[s:e] for s, e in doc_number_spans(text)]
    docs = [d for d in docs if plain_key(d) not in q_plain]
    return {
        "name": bool(found_names),
        "person": bool(found_persons),
        "date": bool(DATE_RE.search(text)),
        "year": bool(years),
        "place": bool(place_re().search(text)),
        "number": bool(numbers),
        "unit": unit_ok,
        "doc": bool(docs),
    }


@lru_cache(maxsize=1)
def _deputy_words() -> frozenset[str]:
    words = answer_words()["deputy_words"]["words"]
    return frozenset(normalize_for_match(w) for w in words) | frozenset(strip_diacritics(normalize_for_match(w)) for w in words)


def _deputy_only(info: QuestionInfo, tokens: list[str]) -> float:
    """1 when a pair of the question's syllables (not itself after a deputy word in the
    question) stands in the text, but only ever right after a deputy word."""
    deputy = _deputy_words()
    q = info.q_tokens
    asked = {(q[i], q[i + 1]) for i in range(len(q) - 1) if (i == 0 or q[i - 1] not in deputy) and q[i] not in deputy}
    if not asked:
        return 0.0
    seen: dict[tuple[str, str], list[bool]] = {}
    for i in range(len(tokens) - 1):
        pair = (tokens[i], tokens[i + 1])
        if pair in asked:
            seen.setdefault(pair, []).append(i > 0 and tokens[i - 1] in deputy)
    return float(any(all(flags) for flags in seen.values()))


def _entity_offsets(info: QuestionInfo, text: str, asked: list[str]) -> list[int]:
    """Character offsets of the names / numbers / dates / document numbers of the kinds
    the question asks for, that the question does not hold."""
    key = info.key
    out: list[int] = []
    if "who" in asked or "where" in asked:
        out += [text.find(n) for n in names(text) if match_key(n) not in key]
    if "how_many" in asked or "year" in asked:
        out += [m.start() for m in NUMBER_RE.finditer(text) if m.group(0) not in info.numbers]
    if "when" in asked:
        out += [m.start() for m in DATE_RE.finditer(text)]
    if "document" in asked:
        out += [s for s, _ in doc_number_spans(text)]
    return [o for o in out if o >= 0]


_NEAR = 12  # words either side of an asked-for answer that count as its window


def _answer_window(info: QuestionInfo, text: str, asked: list[str]) -> tuple[float, float]:
    """How the asked-for names / numbers / dates / document numbers of the text stand to
    the question's terms: (``answer_near``: closeness in words of the nearest one to a
    question term; ``near_cov``: the largest IDF-weighted share of the question's terms
    within ``_NEAR`` words of one of them). Entities and words are found once for both."""
    if not asked:
        return 0.0, 0.0
    entities = _entity_offsets(info, text, asked)
    if not entities:
        return 0.0, 0.0
    norm = match_key if info.accented else plain_key
    words = list(WORD_RE.finditer(text))
    starts = [m.start() for m in words]
    keys = [norm(m.group(0)) for m in words]
    content = set(info.content)
    matched = [k for k, key in enumerate(keys) if key in content]
    best, cov = 99, 0.0
    for e in entities:
        ek = bisect.bisect_right(starts, e) - 1
        if matched:
            best = min(best, min(abs(ek - m) for m in matched))
        window = set(keys[max(0, ek - _NEAR) : ek + _NEAR + 1])
        cov = max(cov, sum(info.weights[t] for t in info.content if t in window))
    return (math.exp(-best / 4.0) if matched else 0.0), cov / info.total


def _articles(info: QuestionInfo, passages: list[Passage], titles: list[set[str]]) -> list[float]:
    """Per passage: +1 when it stands in an article the question names, of the document the
    question names best (the most question weight in its title, the context's words at half
    weight: "Điều 8 Luật Thanh tra" is not "Điều 8" of the Constitution); -1 in another article, or in the named article of a
    document the question names less well; 0 when the question names no article or the
    passage is not in one."""
    named = info.query.articles
    if not named:
        return [0.0] * len(passages)
    w = info.weights
    numbers = [section_article(p.section) for p in passages]

    def weight(title: set[str]) -> float:  # the context's words (a follow-up's earlier question) count half
        return sum(w[t] for t in info.content if t in title) + 0.5 * sum(w[t] for t in info.ctx_content if t in title)

    named_weight = {pi: weight(titles[pi]) for pi, n in enumerate(numbers) if n in named}
    top = max(named_weight.values(), default=0.0)
    out = []
    for pi, n in enumerate(numbers):
        if n is None:
            out.append(0.0)
        elif pi in named_weight and named_weight[pi] >= top - 1e-9:
            out.append(1.0)
        else:
            out.append(-1.0)
    return out


def build_candidates(info: QuestionInfo, passages: list[Passage], limit: int = 320) -> list[Candidate]:
    """Every candidate of the passages, with its features."""
    sentences = passage_sentences(passages, info.accented, limit)
    titles = [set(tokens_of(p.title, info.accented)) for p in passages]
    befores = [set(tokens_of(p.before[-300:], info.accented)) if p.before else set() for p in passages]
    kw_best = max((p.keyword or 0.0 for p in passages), default=0.0) or 1.0
    dense_best = max((p.dense or 0.0 for p in passages), default=0.0) or 1.0
    fused_best = max((p.fused or 0.0 for p in passages), default=0.0) or 1.0
    q_content = set(info.content)
    articles = _articles(info, passages, titles)
    types = info.types
    asked = [t for t in ANSWER_KINDS if types[t]]
    cands: list[Candidate] = []
    raw: list[dict[str, float]] = []
    for pi, sents in enumerate(sentences):
        p = passages[pi]
        for j, s in enumerate(sents):
            if not WORDY.search(s.text):
                continue  # a list marker or number alone ("4." where a chunk ends) says nothing
            for first in (j,):
                quoted = sents[first : j + 1]
                text = " ".join(x.text for x in quoted)
                q_tokens: set[str] = set()
                for x in quoted:
                    q_tokens.update(x.tokens)
                q_pairs = set().union(*(_pairs(x.tokens) for x in quoted))
                ctx_tokens = set(q_tokens) | titles[pi]
                ctx_pairs = set(q_pairs)
                quoted_texts = [x.text for x in quoted]
                ctx_texts = [p.title, *quoted_texts]
                for k in (first - 2, first - 1, j + 1):
                    if 0 <= k < len(sents):
                        ctx_tokens.update(sents[k].tokens)
                        ctx_pairs |= _pairs(sents[k].tokens)
                        ctx_texts.append(sents[k].text)
                n_slots = max(1, len(info.slots))
                bad, good = conflicts(info.slots, quoted_texts)
                bad_ctx, _ = conflicts(info.slots, ctx_texts)
                if first <= 1:
                    ctx_tokens |= befores[pi]
                cov, pair = _coverage(info, q_tokens, q_pairs)
                cov_s, _ = _coverage(info, set(s.tokens), _pairs(s.tokens))
                cov_c, pair_c = _coverage(info, ctx_tokens, ctx_pairs)
                prev_gain = 0.0
                if j > 0:
                    prev_gain = _coverage(info, q_tokens | set(sents[j - 1].tokens), q_pairs)[0] - cov
                flags = type_flags(info, text)
                content_toks = [t for t in s.tokens if t != "|" and not t.isdigit()]
                novelty = sum(t not in q_content for t in content_toks) / max(1, len(content_toks))
                matched = {
                    "who": flags["person"] or flags["name"],
                    "when": flags["date"],
                    "year": flags["year"],
                    "where": flags["place"] or flags["name"],
                    "how_many": flags["number"],
                    "document": flags["doc"],
                }
                typed_miss = float(bool(asked) and not any(matched[t] for t in asked))
                near, near_cov = _answer_window(info, text, asked)
                ends_colon = text.rstrip().endswith(":")
                raw.append(
                    {
                        "cov": cov,
                        "cov_sentence": cov_s,
                        "cov_context": cov_c,
                        "pair": pair,
                        "pair_context": pair_c,
                        "specific_missing": _missing(info, ctx_tokens, ctx_pairs),
                        "specific_missing_quote": _missing(info, q_tokens, q_pairs),
                        "who_name": float(types["who"] and flags["name"]),
                        "who_person": float(types["who"] and flags["person"]),
                        "when_date": float(types["when"] and flags["date"]),
                        "year_year": float(types["year"] and flags["year"]),
                        "where_place": float(types["where"] and flags["place"]),
                        "many_number": float(types["how_many"] and flags["number"]),
                        "many_unit": float(types["how_many"] and flags["unit"]),
                        "doc_number": float(types["document"] and flags["doc"]),
                        "typed_miss": typed_miss,
                        "answer_near": near,
                        "headline": float(not re.search(r"[.!?…:;\"”)\]]\s*$", text)),
                        "typed_cov": cov * float(bool(asked) and not typed_miss),
                        "typed_pair": pair * float(bool(asked) and not typed_miss),
                        "new_name": float(flags["name"]),
                        "deputy_only": _deputy_only(info, [t for x in quoted for t in x.tokens]),
                        "novelty": novelty,
                        "rank_inv": 1.0 / (1 + pi),
                        "top": float(pi == 0),
                        "dense_rel": float(p.dense or 0.0) / dense_best,
                        "keyword_rel": float(p.keyword or 0.0) / kw_best,
                        "fused_rel": float(p.fused or 0.0) / fused_best,
                        "first_sentence": float(first == 0),
                        "position": j / max(1, s.count),
                        "length": math.log(max(20, len(text)) / 200.0),
                        "prev_gain": prev_gain,
                        "colon": float(ends_colon),
                        "list_colon": float(types["list"] and (ends_colon or ":" in text[-120:])),
                        "slot_conflict": bad / n_slots,
                        "slot_conflict_context": bad_ctx / n_slots,
                        "slot_confirm": good / n_slots,
                        "near_cov": near_cov,
                        "article": articles[pi],
                        "article_heading": float(articles[pi] > 0 and first == 0 and section_article(text) in info.query.articles),
                        "is_question": float("?" in s.text),
                        "office_holder": office_holder(info.offices, text, info.key, info.accented),
                    }
                )
                cands.append(Candidate(pi, first, j, text, quoted[0].start, s.end))
    if raw:
        best_cov = max(r["cov"] for r in raw)
        best_ctx = max(r["cov_context"] for r in raw)
        for r, c in zip(raw, cands):
            r["rel_cov"] = r["cov"] - best_cov
            r["rel_context"] = r["cov_context"] - best_ctx
            c.x = [r[name] for name in FEATURES]
    return cands
