"""Features of the found / not-found decision (the answerability model of
``assistant.ranker``): one vector per question, from its candidates ranked by the fitted
sentence ranker — how well the best one covers the question, whether it holds the kind of
answer asked for, contradicts or confirms the question's slots (the numbers among them
also against the first passages, their titles and headings), stands in the article the
question names, and how sure the ranker is of it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.answer_types import ANSWER_KINDS
from assistant.features import FEATURES, Candidate
from assistant.models import Passage
from assistant.question_info import QuestionInfo
from assistant.slots import conflicts

QUESTION_FEATURES = (
    "best_score",  # ranker score of the best candidate
    "best_prob",  # its share of the candidates' softmax
    "best_cov",
    "best_context",
    "max_context",  # best context coverage of any candidate
    "best_specific_missing",
    "min_specific_missing",  # the least-missing context of any candidate
    "has_specific",  # the question names numbers / names / document numbers
    "best_typed_miss",
    "asks_type",
    "top_keyword_rel",
    "n_terms",  # log of the number of content terms of the question
    "max_cov_top",  # best coverage among the first passage's candidates
    "best_pair",  # syllable-pair coverage of the best candidate
    "best_pair_context",
    "best_answer_near",  # the asked-for name / number / date stands next to the question's terms
    "margin",  # ranker score of the best minus the second best
    "max_typed_cov",  # best coverage among candidates holding the kind of answer asked for
    "max_typed_pair",
    "best_specific_missing_quote",
    "best_deputy_only",
    "top3_prob",  # softmax share of the three best candidates
    "best_slot_conflict",  # the best candidate contradicts the question's slots
    "best_slot_conflict_context",
    "min_slot_conflict_context",  # the least-contradicting candidate of the first three passages
    "has_slots",
    "best_slot_confirm",  # share of the question's slots the best candidate holds
    "max_slot_confirm",  # ... the most any candidate of the first three passages holds
    "best_article",  # the best candidate's "article" (+1 in a named article, -1 in another)
    "asks_office",  # a who-question about an office ("Bí thư Tỉnh ủy … là ai?")
    "best_office_holder",  # the best candidate names a holder of that office
    "max_office_holder",  # ... the most any candidate does
    "best_number_conflict",  # the best candidate gives a number the question pins down ("lần thứ 12") another value
    "number_unconfirmed",  # share of those numbers no candidate of the first three passages holds
)

_INDEX = {name: i for i, name in enumerate(FEATURES)}


def _numbers(info: QuestionInfo, best: Candidate, cands: list[Candidate], passages: Sequence[Passage]) -> dict[str, float]:
    """The numbers a question pins down ("lần thứ 12", "khóa X", "Điều 57", "năm 2017"):
    does the best candidate give one of them another value, and how many of them does no
    candidate of the first three passages (nor those passages' titles and headings) hold?"""
    numbers = tuple(s for s in info.slots if s.kind == "number" and not s.loose)
    if not numbers:
        return {"best_number_conflict": 0.0, "number_unconfirmed": 0.0}
    texts = [c.text for c in cands if c.passage < 3]
    texts += [t for p in passages[:3] for t in (p.title, p.section) if t]
    _, held = conflicts(numbers, texts)  # the numbers some text holds
    return {
        "best_number_conflict": float(conflicts(numbers, best.text)[0] > 0),
        "number_unconfirmed": 1.0 - held / len(numbers),
    }


def question_features(info: QuestionInfo, cands: list[Candidate], scores: list[float], passages: Sequence[Passage] = ()) -> list[float]:
    """Features of the found / not-found decision, from the ranked candidates."""
    idx = _INDEX
    if not cands:
        return [0.0] * len(QUESTION_FEATURES)
    order = sorted(range(len(cands)), key=lambda i: -scores[i])
    best = cands[order[0]]
    m = max(scores)
    z = sum(math.exp(s - m) for s in scores)
    asks = any(info.types[t] for t in ANSWER_KINDS)
    top_covs = [c.x[idx["cov"]] for c in cands if c.passage == 0]
    values = {
        "best_score": scores[order[0]],
        "best_prob": 1.0 / z,
        "best_cov": best.x[idx["cov"]],
        "best_context": best.x[idx["cov_context"]],
        "max_context": max(c.x[idx["cov_context"]] for c in cands),
        "best_specific_missing": best.x[idx["specific_missing"]],
        "min_specific_missing": min(c.x[idx["specific_missing"]] for c in cands),
        "has_specific": float(info.n_specific > 0),
        "best_typed_miss": best.x[idx["typed_miss"]],
        "asks_type": float(asks),
        "top_keyword_rel": max(c.x[idx["keyword_rel"]] for c in cands if c.passage == 0) if top_covs else 0.0,
        "n_terms": math.log(1 + len(info.content)),
        "max_cov_top": max(top_covs) if top_covs else 0.0,
        "best_pair": best.x[idx["pair"]],
        "best_pair_context": best.x[idx["pair_context"]],
        "best_answer_near": best.x[idx["answer_near"]],
        "margin": scores[order[0]] - scores[order[1]] if len(order) > 1 else 5.0,
        "max_typed_cov": max(c.x[idx["typed_cov"]] for c in cands),
        "max_typed_pair": max(c.x[idx["typed_pair"]] for c in cands),
        "best_specific_missing_quote": best.x[idx["specific_missing_quote"]],
        "best_deputy_only": best.x[idx["deputy_only"]],
        "top3_prob": sum(math.exp(scores[i] - m) for i in order[:3]) / z,
        "best_slot_conflict": best.x[idx["slot_conflict"]],
        "best_slot_conflict_context": best.x[idx["slot_conflict_context"]],
        "min_slot_conflict_context": min((c.x[idx["slot_conflict_context"]] for c in cands if c.passage < 3), default=0.0),
        "has_slots": float(bool(info.slots)),
        "best_slot_confirm": best.x[idx["slot_confirm"]],
        "max_slot_confirm": max((c.x[idx["slot_confirm"]] for c in cands if c.passage < 3), default=0.0),
        "best_article": best.x[idx["article"]],
        "asks_office": float(bool(info.offices)),
        "best_office_holder": best.x[idx["office_holder"]],
        "max_office_holder": max(c.x[idx["office_holder"]] for c in cands),
        **_numbers(info, best, cands, passages),
    }
    return [values[name] for name in QUESTION_FEATURES]
