"""The default answerer: extractive, offline, and unable to invent text.

Candidates (sentences of the retrieved passages, and sentences with their predecessor)
get features (``assistant.features``); a fitted linear ranker picks the sentence(s); a
fitted, calibrated answerability probability (over ``assistant.answerability``'s
features) decides found / not found
(``assistant.ranker``; parameters written by ``python -m eval.fit``). The answer is made
of the chosen sentences verbatim, each cited with ``[n]``; for who / when / where /
how-many / which-document questions it leads with the sentence holding the answer, and
``Answer.spans`` gives the offsets of the part that answers, for the UI to emphasise.
"""

from __future__ import annotations

import math
from pathlib import Path

from assistant.answer_types import ANSWER_KINDS, names_subject, pronoun_subject
from assistant.answerability import question_features
from assistant.articles import article_lead, in_clause, opens_clause
from assistant.decompose import join_answers
from assistant.enumerations import enumeration, items_after, marker
from assistant.features import FEATURES, Candidate, build_candidates
from assistant.models import Answer, Citation, Passage
from assistant.query import Query
from assistant.question_info import QuestionInfo, TermStats, analyse_question
from assistant.ranker import AnswererParams, load_params
from assistant.sentences import clause_spans
from assistant.spans import answer_span, asks_which_article
from assistant.strings import strings
from corpus.structure import section_article
from corpus.text import normalize_for_match

__all__ = ["ExtractiveAnswerer", "TermStats"]

_PREV_GAIN = FEATURES.index("prev_gain")
_HEADLINE = FEATURES.index("headline")


def _repeats(cand: Candidate, chosen: list[Candidate]) -> bool:
    """The same words as a sentence already quoted, or inside one: overlapping chunks of
    one document (and copies of an article) hold the same sentence twice."""
    key = normalize_for_match(cand.text)
    for other in chosen:
        done = normalize_for_match(other.text)
        if key in done or done in key:
            return True
    return False


def _joined(first: Candidate, second: Candidate, of: Candidate, gap: str = " ") -> Candidate:
    """Two pieces of one passage quoted as one, with the features and score of ``of``."""
    return Candidate(of.passage, first.first, second.last, f"{first.text.rstrip()}{gap}{second.text}", first.start, second.end, of.x, of.score)


def _typed(info: QuestionInfo) -> bool:
    """A who / when / where / how-many / which-document question that is no list."""
    return any(info.types[t] for t in ANSWER_KINDS) and not info.types["list"]


class ExtractiveAnswerer:
    """Answers with sentences taken verbatim from the passages, each cited."""

    def __init__(
        self,
        term_stats: TermStats,
        min_confidence: float | None = None,
        max_sentences: int | None = None,
        params: AnswererParams | None = None,
        params_path: str | Path | None = None,
        sentence_limit: int = 320,
    ) -> None:
        self.term_stats = term_stats
        self.min_confidence = min_confidence  # None: the fitted threshold
        self.max_sentences = max_sentences  # None: the fitted composition
        self.params_path = params_path
        self.sentence_limit = sentence_limit
        self._params = params

    def warm_up(self) -> None:
        """Read the fitted parameters (package data, or ``params_path``)."""
        if self._params is None:
            self._params = load_params(self.params_path)

    @property
    def params(self) -> AnswererParams:
        self.warm_up()
        assert self._params is not None
        return self._params

    @property
    def threshold(self) -> float:
        return self.params.threshold if self.min_confidence is None else self.min_confidence

    # -- scoring ---------------------------------------------------------------------
    def rank(self, query: Query, passages: list[Passage]) -> tuple[QuestionInfo, list[Candidate], float]:
        """Candidates scored by the ranker (best first) and the answerability probability."""
        params = self.params
        info = analyse_question(query, self.term_stats)
        cands = build_candidates(info, passages, self.sentence_limit) if info.content else []
        for c in cands:
            c.score = params.ranker.score(c.x)
        prob = params.probability(question_features(info, cands, [c.score for c in cands], passages)) if cands else 0.0
        cands.sort(key=lambda c: -c.score)
        return info, cands, prob

    # -- answering -------------------------------------------------------------------
    def answer(self, query: Query, passages: list[Passage]) -> Answer:
        texts = strings()
        if not passages:
            return Answer(answer=texts["not_found"], found=False)
        if query.parts:  # a question about several things: each answered, in the order asked
            parts = [(part.question, self.answer(part, passages)) for part in query.parts]
            return join_answers(parts, texts["not_found"], texts["part_not_found"])
        info, cands, prob = self.rank(query, passages)
        named = self._in_named_clause(info, cands, passages)
        if _typed(info) and named is not cands and named[0] in cands and named[0] is not cands[0]:
            # a name, date or number asked of a named clause: the clause's best is the candidate
            # the decision weighs. It takes the top score (and the top candidate its score), so
            # the spread of scores stays the one the answerability model was fitted on. (What a
            # clause says is decided on the whole retrieval: a clause's opening line is no
            # heading the model learnt to answer such questions with.)
            scores = [c.score for c in cands]
            i = cands.index(named[0])
            scores[0], scores[i] = scores[i], scores[0]
            prob = self.params.probability(question_features(info, cands, scores, passages))
        confidence = round(prob, 4)
        if not cands or prob < self.threshold:
            return Answer(answer=texts["not_found"], found=False, citations=[], confidence=confidence)
        cands = named
        answer = self.compose(info, self.choose(info, cands, passages), passages)
        return answer.model_copy(update={"confidence": confidence})

    def _in_named_clause(self, info: QuestionInfo, cands: list[Candidate], passages: list[Passage]) -> list[Candidate]:
        """A question that names a clause of an article ("Khoản 2 Điều 47 … quy định gì?",
        "điểm b khoản 1 Điều 47") is answered from that clause: the candidates that stand in
        it, best first (the clause's opening line first when the question asks for no name,
        date or number), looked for in the next chunk of a retrieved passage of the article
        too (a long article runs on: its indexes in ``extended_passages``, as ``compose``
        cites them); all the candidates when none does."""
        query = info.query
        if not (query.clauses and query.articles):
            return cands
        named = [c for c in cands if in_clause(query, c, passages)]
        extended = extended_passages(passages)
        if not named and len(extended) > len(passages):
            more = [c for c in build_candidates(info, extended, self.sentence_limit) if c.passage >= len(passages)]
            for c in more:
                c.score = self.params.ranker.score(c.x)
            named = sorted((c for c in more if in_clause(query, c, extended)), key=lambda c: -c.score)
        if not _typed(info):  # what the clause says: its opening line first ("2. … sau đây:", then its items)
            named.sort(key=lambda c: not opens_clause(c.text))
        return named or cands

    def choose(self, info: QuestionInfo, cands: list[Candidate], passages: list[Passage]) -> list[Candidate]:
        """The best candidate, the runners-up close enough to it (from other documents too),
        and the items that follow an introducing colon — for a list, on into the next
        chunk of the document (see ``extended_passages``); for a question asking no kind of
        answer, from the next chunk when the introduction ends its own."""
        c = self.params.compose
        is_list = info.types["list"]
        limit = c.max_list_items if is_list else (self.max_sentences or c.max_sentences)
        ratio = c.list_ratio if is_list else c.second_ratio
        other = ratio if is_list or c.other_ratio is None else max(ratio, c.other_ratio)
        budget = c.budget * (2 if is_list else 1)
        best = cands[0]
        chosen = [best]
        used = {(best.passage, k) for k in range(best.first, best.last + 1)}
        length = len(best.text)
        for cand in cands[1:]:
            share = math.exp(cand.score - best.score)
            if len(chosen) >= limit or share < ratio:
                break
            if cand.passage != best.passage and share < other:
                continue
            span = {(cand.passage, k) for k in range(cand.first, cand.last + 1)}
            if span & used or length + len(cand.text) > budget or _repeats(cand, chosen):
                continue
            chosen.append(cand)
            used |= span
            length += len(cand.text)
        # a sentence that leans on its predecessor brings it
        by_pos = {(x.passage, x.last): x for x in cands if x.first == x.last}
        prev = by_pos.get((best.passage, best.first - 1))
        if (
            prev is not None
            and best.x[_PREV_GAIN] >= c.context_gain
            and (prev.passage, prev.last) not in used
            and length + len(prev.text) <= budget + 150
        ):
            chosen[0] = best = _joined(prev, best, best)
            used.add((prev.passage, prev.last))
            length += len(prev.text) + 1
        # a who-question answered by a sentence that names its subject only by a pronoun
        # ("Ông là cha đẻ của ...") brings the nearest earlier sentence naming a person
        if info.types["who"] and best.first == best.last and pronoun_subject(best.text):
            lead = max(
                (x for x in by_pos.values() if x.passage == best.passage and x.last < best.first and names_subject(x.text)),
                key=lambda x: x.last,
                default=None,
            )
            if lead is not None and (lead.passage, lead.last) not in used and length + len(lead.text) <= budget + 150:
                gap = " " if lead.last == best.first - 1 else " … "
                chosen[0] = best = _joined(lead, best, best, gap)
                used.add((lead.passage, lead.last))
                length += len(lead.text) + len(gap)
        # an article's heading ("Điều 58. Thu thập thông tin …") tells what the article is
        # about, not the name, date or number a typed question asks: it brings the sentence
        # that follows it
        if _typed(info) and best.first == best.last and best.x[_HEADLINE] and section_article(best.text):
            nxt = by_pos.get((best.passage, best.last + 1))
            if nxt is not None and (nxt.passage, nxt.last) not in used and length + len(nxt.text) <= budget + 150:
                chosen[0] = best = _joined(best, nxt, best)
                used.add((nxt.passage, nxt.last))
                length += len(nxt.text) + 1
        # for a list, the sentence after the best that leans on it ("Sáng 9/5, tổ ĐBQH … tiếp
        # xúc cử tri …" then "Theo danh sách, tổ ĐBQH bao gồm …") comes with it
        nxt = by_pos.get((best.passage, best.last + 1))
        if (
            is_list
            and nxt is not None
            and nxt.x[_PREV_GAIN] >= c.context_gain
            and (nxt.passage, nxt.last) not in used
            and length + len(nxt.text) <= budget
            and not _repeats(nxt, chosen)
        ):
            chosen.append(nxt)
            used.add((nxt.passage, nxt.last))
            length += len(nxt.text)
        # a sentence introducing items ("… gồm:") brings the items that follow it; for a
        # list question, so does a clause that ends in ';' or an item ("a) …", "- …")
        tail = best.text.rstrip()[-1:]
        if tail == ":" or (is_list and (tail == ";" or marker(best.text))):
            sentences = _sentences_of(by_pos, best.passage)
            items_next = tail == ":" and best.last == len(sentences) - 1 and not _typed(info)
            if items_next:  # the introduction ends its chunk: its items begin the next one
                following = _next_chunk_items(passages, best.passage, sentences, best.last, self.sentence_limit)
            else:
                following = sorted(
                    (x for x in cands if x.passage == best.passage and x.first == x.last and x.last > best.last),
                    key=lambda x: x.last,
                )
            at = 1  # items from the next chunk come right after their introduction
            for x in following:
                if len(chosen) >= max(limit, c.max_list_items) or length > 2 * c.budget:
                    break
                if (x.passage, x.last) in used or _repeats(x, chosen):
                    continue
                if items_next:
                    chosen.insert(at, x)
                    at += 1
                else:
                    chosen.append(x)
                used.add((x.passage, x.last))
                length += len(x.text)
        if is_list and not any(info.types[t] for t in ANSWER_KINDS):  # "bao nhiêu phần trăm …": the number leads
            return _whole_enumeration(chosen, by_pos, c.budget, passages, self.sentence_limit) or chosen
        return chosen

    def compose(self, info: QuestionInfo, chosen: list[Candidate], passages: list[Passage]) -> Answer:
        """The answer text: the best candidate first (it holds the answer), the others after
        it in document order; each run of consecutive sentences of a passage cited once, an
        item of a list on a line of its own; the answering span located in the first."""
        passages = extended_passages(passages)
        best, rest = chosen[0], chosen[1:]
        span = answer_span(info, best.text.rstrip())
        if _typed(info) and not best.text.rstrip().endswith(":"):
            # a typed question leads with the sentence that holds the name / date / number;
            # a who-question with the one that names a person rather than only a place
            strict = span is not None and info.types["who"] and answer_span(info, best.text.rstrip(), any_name=False) is None
            if span is None or strict:
                for x in rest:
                    found = answer_span(info, x.text.rstrip(), any_name=not strict)
                    if found is not None:
                        span, best, rest = found, x, [best, *(y for y in rest if y is not x)]
                        break
        order = {best.passage: 0}
        for x in rest:
            order.setdefault(x.passage, len(order))
        rest.sort(key=lambda x: (order[x.passage], x.first))
        numbers: dict[int, int] = {}
        quotes: dict[int, list[str]] = {}
        answer = ""
        spans: list[tuple[int, int]] = []
        prev: Candidate | None = None
        for x in [best, *rest]:
            numbers.setdefault(x.passage, len(numbers) + 1)
            quotes.setdefault(x.passage, []).append(x.text)
            text = x.text.rstrip()
            if prev is None:
                if span:  # located above, in the sentence that leads
                    spans.append(span)
            else:
                # sentences that follow one another in a passage share one citation mark;
                # an item ("a) …", "1. …", "- …") starts a line
                if not (prev.passage == x.passage and x.first == prev.last + 1):
                    answer += f" [{numbers[prev.passage]}]"
                answer += "\n" if marker(text) else " "
            answer += text
            prev = x
        answer += f" [{numbers[prev.passage]}]"
        lead = article_lead(info, [best, *rest], passages)
        if lead:  # the article's heading first, on a line of its own
            spans = [(s + len(lead) + 1, e + len(lead) + 1) for s, e in spans]
            if not spans and asks_which_article(info):  # "Điều nào …?": "Điều 85"
                spans = [(0, len(lead.split(".")[0]))]
            answer = f"{lead}\n{answer}"
        citations = [
            Citation.from_passage(n, passages[p], quote=" … ".join(quotes[p]))
            for p, n in sorted(numbers.items(), key=lambda kv: kv[1])
        ]
        return Answer(answer=answer, found=True, citations=citations, spans=[list(s) for s in spans])


_ENUM_ITEMS = 12  # items of one enumeration quoted at most


def extended_passages(passages: list[Passage]) -> list[Passage]:
    """The passages, then the next chunks they carry (``Passage.after``) that are not among
    them: candidates of an enumeration that runs on into the next chunk point past the
    retrieved passages, at these."""
    out = list(passages)
    ids = {p.id for p in passages}
    for p in passages:
        if p.after is not None and p.after.id not in ids:
            out.append(p.after)
            ids.add(p.after.id)
    return out


def _sentences_of(by_pos: dict[tuple[int, int], Candidate], passage: int) -> list[str | None]:
    """The single sentences of a passage in order, by position (None where a piece is no
    candidate), up to its last candidate."""
    last = max((k for p, k in by_pos if p == passage), default=-1)
    return [by_pos[(passage, k)].text if (passage, k) in by_pos else None for k in range(last + 1)]


def _next_chunk_items(
    passages: list[Passage], pi: int, sentences: list[str | None], intro: int, limit: int
) -> list[Candidate]:
    """Items of the enumeration introduced by sentence ``intro`` of passage ``pi`` that lie
    in the next chunk of its document (past what the two chunks share)."""
    p = passages[pi]
    if p.after is None:
        return []
    nxt = p.after
    spans = [(s, e) for s, e in clause_spans(nxt.text, limit) if nxt.start + s >= p.end]
    texts = [nxt.text[s:e] for s, e in spans]
    index = next(i for i, q in enumerate(extended_passages(passages)) if q.id == nxt.id)
    items = items_after([*sentences, *texts], intro)
    return [
        Candidate(index, k - len(sentences), k - len(sentences), texts[k - len(sentences)], *spans[k - len(sentences)])
        for k in items
        if k >= len(sentences)
    ]


def _whole_enumeration(
    chosen: list[Candidate],
    by_pos: dict[tuple[int, int], Candidate],
    budget: int,
    passages: list[Passage],
    limit: int = 320,
) -> list[Candidate] | None:
    """For a list question: the first chosen candidate (best first) that introduces
    items or is one brings its whole enumeration, introduction first and items in order
    (within three budgets), on into the next chunk of the document when the passage ends
    inside it; the chosen candidates of other passages follow while the answer stays
    within two. None when no chosen candidate stands in an enumeration."""
    for x in chosen:
        sentences = _sentences_of(by_pos, x.passage)
        last = len(sentences) - 1
        found = enumeration(sentences, x.last) or enumeration(sentences, x.first)
        if found is None:
            continue
        intro, items = found
        lead = by_pos[(x.passage, intro)]
        if x.last == intro and x.first < intro:  # the introduction with the sentence it leans on
            lead = x
        following = [by_pos[(x.passage, k)] for k in items]
        if items[-1] == last:
            following += _next_chunk_items(passages, x.passage, sentences, intro, limit)
        out = [lead]
        length = len(lead.text)
        for item in following[:_ENUM_ITEMS]:
            if length + len(item.text) > 3 * budget and len(out) > 1:
                break
            if _repeats(item, out):
                continue
            out.append(item)
            length += len(item.text)
        for y in chosen:  # from other passages: the enumeration is what this one says
            if y.passage == x.passage or _repeats(y, out):
                continue
            if length + len(y.text) > 2 * budget:
                continue
            out.append(y)
            length += len(y.text)
        return out
    return None
