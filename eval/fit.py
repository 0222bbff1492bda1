"""Fit the extractive answerer: sentence ranker, answerability model, composition.

    python -m eval.fit \\
        --set bundled eval/questions.jsonl /tmp/home-bundled question \\
        --set party eval/party_questions.jsonl /work/idx/party source \\
        --set zalo ../shared/data/zalo/dev_questions.jsonl /work/idx/zalo question \\
        --cache /work/cache --out assistant/data/answerer_params.json --report eval/baseline/fit_report.md

Each ``--set NAME QUESTIONS HOME GROUPING`` is a question set and the VANKIEN_HOME of the
index it is asked against (read only). Retrieval runs once per question and is cached
in ``--cache`` (keyed by the question and a fingerprint of the index and the retrieval
settings), so refitting takes seconds. GROUPING (``question`` or ``source``) says how a
held-out split is drawn: by question, or by the first gold source document so that no
article is on both sides. A NAME of the form ``BASE@WHERE`` (e.g. ``bundled@party``: the
bundled questions asked of the 1,191-source party index, so that the answerer learns to
answer among distractors) is split exactly like BASE. A fixed fifth of the groups (by a hash of the group) is never
fitted on; the rest is cross-validated (5 folds, grouped) and then fitted whole. The
figures (cross-validated, held-out, and the refusal trade-off curve) go to the report
and into the parameters file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.answerability import QUESTION_FEATURES, question_features
from assistant.factory import alpha_unaccented
from assistant.features import FEATURES, build_candidates
from assistant.models import Answer, Passage
from assistant.query import abbreviations, understand
from assistant.question_info import analyse_question, question_terms
from assistant.ranker import AnswererParams, Compose, Linear, fit_listwise, fit_logistic, standardise
from corpus.text import normalize_for_match
from eval.metrics import citation_precision, is_correct
from eval.fit_report import print_table, write_fit_report
from eval.questions import Question, load_questions

CACHE_VERSION = 10  # bump when retrieval changes what it returns (3: a question about several things retrieves per part; 4: the next chunk of a passage that introduces items; 5: measured abbreviations expand the query one way only; 6: a question typed without diacritics is fused with its own dense weight; 7: and retrieved again with its diacritics taken back; 8: so is one typed all in lower case, with its capitals; 9: a question written again begins with a capital; 10: the search text in one tone-mark style)
HELD_OUT = 5  # one group in five is held out
FOLDS = 5
RATIOS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01)
OTHER_RATIOS = (None, 0.3, 0.5, 1.01)  # a runner-up from another passage (None: as any runner-up; 1.01: never)
BUDGETS = (320, 420, 520)
MAX_FALSE_REFUSAL = 0.03  # all sets pooled, on the cross-validated predictions
SET_FALSE_REFUSAL = 0.05  # any one set (the target: at most 5 % of answerable questions refused)


@dataclass
class Item:
    set: str
    q: Question
    group: str
    passages: list[Passage]
    info: Any = None
    cands: list = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    fold_salt: str = ""  # another assignment of the folds (the held-out fifth stays the same)

    @property
    def split_key(self) -> str:
        return split_key(self.set, self.group)

    @property
    def held_out(self) -> bool:
        return _bucket(self.split_key, HELD_OUT) == 0

    @property
    def fold(self) -> int:
        return _bucket(f"fold{self.fold_salt}:" + self.split_key, FOLDS)


def split_key(name: str, group: str) -> str:
    """``bundled@party`` (the bundled questions asked of a larger index) is split like
    ``bundled``: a question is held out, or in a fold, on both indexes or on neither."""
    return name.split("@")[0] + ":" + group


def group_of(q: Question, grouping: str) -> str:
    """The group a question is split by: its first gold source, or itself."""
    return q.sources[0] if grouping == "source" and q.sources else q.id


def is_held_out(name: str, q: Question, grouping: str) -> bool:
    """In the fifth of the groups never fitted on."""
    return _bucket(split_key(name, group_of(q, grouping)), HELD_OUT) == 0


def _bucket(key: str, n: int) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % n


# -- retrieval cache -----------------------------------------------------------------------


def _fingerprint(components) -> str:
    """What the cached retrieval depends on: the index, the retrieval settings and the
    abbreviation table the query is expanded with."""
    s = components.settings
    n_sources, n_chunks = components.store.counts()
    raw = "|".join(
        str(v)
        for v in (CACHE_VERSION, s.home.resolve(), n_sources, n_chunks, s.top_k, s.candidates, s.search_ef, s.retrieval_mode, s.fusion, s.alpha, alpha_unaccented(s), s.restore_diacritics, s.rrf_k, s.embedder, s.keyword_max_df, abbreviations())
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def _qkey(q: Question) -> str:
    return hashlib.sha1(json.dumps([q.question, q.history], ensure_ascii=False).encode()).hexdigest()[:16]


def retrieve_cached(name: str, questions: list[Question], home: Path, cache_dir: Path, log=print) -> dict[str, dict]:
    """Retrieval of every question (passages with scores, document frequencies of the
    question's terms), from the cache or run once and cached."""
    from assistant.errors import VankienError
    from assistant.factory import Components, close_components
    from assistant.settings import Settings

    components = Components(Settings(home=home))
    try:
        fp = _fingerprint(components)
        path = cache_dir / f"retrieval-{name}-{fp}.jsonl"
        cached: dict[str, dict] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                cached[row["key"]] = row
        missing = [q for q in questions if _qkey(q) not in cached]
        if missing:
            log(f"{name}: retrieving {len(missing)} questions from {home} (cache {path})")
            assistant = components.assistant
            stats = _term_stats(components.store)
            cache_dir.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as fh:
                for q in missing:
                    try:
                        turn = assistant.retrieval.invoke({"question": q.question, "history": q.history})
                        passages, query = turn.passages, turn.query
                        df, n = stats(question_terms(query))
                    except VankienError:
                        passages, df, n = [], {}, 1
                    row = {"key": _qkey(q), "question": q.question, "passages": [_passage_json(p) for p in passages], "df": df, "n": n}
                    if query.question != q.question:  # retrieved as written again (diacritics, capitals) or without its courtesy
                        row["restored"] = query.question
                    cached[row["key"]] = row
                    fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return cached
    finally:
        close_components(components)


def _term_stats(store):
    from assistant.factory import store_term_stats

    return store_term_stats(store)


_PASSAGE_FIELDS = ("id", "source", "title", "text", "start", "end", "date", "org", "dense", "keyword", "fused", "score", "meta", "before")


def _passage_json(p) -> dict[str, Any]:
    out = {f: getattr(p, f, None) for f in _PASSAGE_FIELDS}
    if getattr(p, "after", None) is not None:
        out["after"] = _passage_json(p.after)
    return out


def _passage(d: dict[str, Any]) -> Passage:
    values = {k: v for k, v in d.items() if k in _PASSAGE_FIELDS}
    values["meta"] = values.get("meta") or {}
    values["before"] = values.get("before") or ""
    values["fused"] = values.get("fused") or 0.0
    values["score"] = values.get("score") or 0.0
    if d.get("after"):
        values["after"] = _passage(d["after"])
    return Passage(**values)


# -- data ------------------------------------------------------------------------------------


def build_items(name: str, questions: list[Question], cached: dict[str, dict], grouping: str) -> list[Item]:
    items = []
    for q in questions:
        row = cached[_qkey(q)]
        df, n = row["df"], row["n"]
        passages = [_passage(p) for p in row["passages"]]
        query = understand(row.get("restored") or q.question, q.history)
        info = analyse_question(query, lambda terms, df=df, n=n: ({t: int(df.get(t, 0)) for t in terms}, n))
        cands = build_candidates(info, passages) if info.content and passages else []
        golds = [normalize_for_match(a) for a in q.answers]
        labels = [int(any(g in normalize_for_match(c.text) for g in golds)) for c in cands]
        items.append(Item(name, q, group_of(q, grouping), passages, info, cands, labels))
    return items


def make_negatives(items: list[Item]) -> list[Item]:
    """Unanswerable examples made from the data: each answerable question asked of the
    passages retrieved for another question of its set (one that shares no gold source
    and whose passages hold none of its answers). Used only to fit the answerability
    model, never counted in any figure."""
    by_set: dict[str, list[Item]] = {}
    for it in items:
        by_set.setdefault(it.set, []).append(it)
    out = []
    for group in by_set.values():
        n = len(group)
        for i, it in enumerate(group):
            if not it.q.answerable or n < 3:
                continue
            other = group[(i + n // 2) % n]
            golds = [normalize_for_match(a) for a in it.q.answers]
            text = normalize_for_match(" ".join(p.text for p in other.passages))
            if set(it.q.sources) & {p.source for p in other.passages} or any(g in text for g in golds):
                continue
            q = Question(it.q.id + "~neg", it.q.question, [], sources=[], type="synthetic", history=it.q.history)
            cands = build_candidates(it.info, other.passages) if it.info.content and other.passages else []
            out.append(Item(it.set, q, it.group, other.passages, it.info, cands, [0] * len(cands)))
    return out


# -- fitting ---------------------------------------------------------------------------------


def fit_ranker(items: list[Item], l2: float = 1.0) -> Linear:
    import numpy as np

    rows = [c.x for it in items for c in it.cands]
    mean, std = standardise(rows)
    groups = []
    for it in items:
        if it.cands and any(it.labels):
            X = (np.asarray([c.x for c in it.cands]) - mean) / std
            groups.append((X, np.asarray(it.labels, dtype=float)))
    w = fit_listwise(groups, len(FEATURES), l2=l2)
    return Linear(list(FEATURES), [float(v) for v in w], [float(v) for v in mean], [float(v) for v in std])


def score_items(items: list[Item], ranker: Linear) -> list[list[float]]:
    """Candidate scores and the question features of every item."""
    out = []
    for it in items:
        scores = [ranker.score(c.x) for c in it.cands]
        for c, s in zip(it.cands, scores):
            c.score = s
        out.append(question_features(it.info, it.cands, scores, it.passages))
    return out


def fit_answerability(items: list[Item], qfeats: list[list[float]], l2: float = 1.0) -> Linear:
    import numpy as np

    mean, std = standardise(qfeats)
    X = (np.asarray(qfeats) - mean) / std
    y = np.asarray([float(it.q.answerable) for it in items])
    w, b = fit_logistic(X, y, l2=l2)
    return Linear(list(QUESTION_FEATURES), [float(v) for v in w], [float(v) for v in mean], [float(v) for v in std], b)


def answers_for(items: list[Item], params: AnswererParams) -> list[Answer]:
    """The answer of each item (as if found), with the items' current candidate scores."""
    from assistant.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(lambda terms: ({}, 1), params=params)
    out = []
    for it in items:
        if not it.cands:
            out.append(_EMPTY)
            continue
        cands = sorted(it.cands, key=lambda c: -c.score)
        out.append(answerer.compose(it.info, answerer.choose(it.info, cands, it.passages), it.passages))
    return out


_EMPTY = Answer(answer="", found=False)


def _text_answers(answers: list[str]) -> list[Answer]:
    return [Answer(answer=a, found=bool(a)) for a in answers]


def evaluate(items: list[Item], answers: list[Answer], probs: list[float], threshold: float) -> dict[str, dict[str, Any]]:
    """Per set: accuracy, false-refusal rate, refusal recall, citation precision (of the
    answered answerable questions with gold sources), median answer length."""
    by_set: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_set.setdefault(it.set, []).append(i)
    out = {}
    for name, idx in sorted(by_set.items()):
        found = [probs[i] >= threshold and bool(answers[i].answer) for i in idx]
        correct = [is_correct(items[i].q, answers[i].answer, f) for i, f in zip(idx, found)]
        ans = [k for k, i in enumerate(idx) if items[i].q.answerable]
        una = [k for k, i in enumerate(idx) if not items[i].q.answerable]
        lengths = [len(answers[i].answer) for i, f in zip(idx, found) if f]
        precision = [
            citation_precision(items[i].q, answers[i].answer, [{"n": c.n, "source": c.source} for c in answers[i].citations])
            for i, f in zip(idx, found)
            if f and items[i].q.answerable
        ]
        precision = [v for v in precision if v is not None]
        out[name] = {
            "questions": len(idx),
            "accuracy": round(sum(correct) / len(idx), 4),
            "answerable_accuracy": round(sum(correct[k] for k in ans) / len(ans), 4) if ans else None,
            "false_refusal": round(sum(not found[k] for k in ans) / len(ans), 4) if ans else None,
            "refusal_recall": round(sum(not found[k] for k in una) / len(una), 4) if una else None,
            "unanswerable": len(una),
            "citation_precision": round(sum(precision) / len(precision), 4) if precision else None,
            "median_answer_chars": statistics.median(lengths) if lengths else 0,
            "answerability_auc": _auc([probs[i] for i in idx], [items[i].q.answerable for i in idx]),
        }
    return out


def _auc(scores: list[float], labels: list[bool]) -> float | None:
    """Area under the ROC curve of the answerability probability (None without both classes)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def choose_threshold(items: list[Item], probs: list[float]) -> float:
    """The highest threshold that refuses at most MAX_FALSE_REFUSAL of the answerable
    questions of all sets together, and at most SET_FALSE_REFUSAL of any one set's."""
    best = 0.0
    for t in [i / 200 for i in range(0, 200)]:
        ok = True
        pooled = [p for it, p in zip(items, probs) if it.q.answerable]
        if pooled and sum(p < t for p in pooled) / len(pooled) > MAX_FALSE_REFUSAL:
            ok = False
        for name in {it.set for it in items}:
            ans = [p for it, p in zip(items, probs) if it.set == name and it.q.answerable]
            if ans and sum(p < t for p in ans) / len(ans) > SET_FALSE_REFUSAL:
                ok = False
        if ok:
            best = t
    return best


def curve(items: list[Item], probs: list[float]) -> list[dict[str, Any]]:
    """False-refusal rate (answerable refused) and refusal recall over thresholds, all sets pooled and per set."""
    rows = []
    names = sorted({it.set for it in items})
    for t in [round(0.05 * i, 2) for i in range(0, 20)]:
        row: dict[str, Any] = {"threshold": t}
        for name in ["all", *names]:
            sel = [(it, p) for it, p in zip(items, probs) if name == "all" or it.set == name]
            ans = [p for it, p in sel if it.q.answerable]
            una = [p for it, p in sel if not it.q.answerable]
            row[name] = {
                "false_refusal": round(sum(p < t for p in ans) / len(ans), 4) if ans else None,
                "refusal_recall": round(sum(p < t for p in una) / len(una), 4) if una else None,
            }
        rows.append(row)
    return rows


def baseline_answers(items: list[Item]) -> list[Answer]:
    """The issue's ten-line baseline: the two sentences of the passages with the highest
    IDF-weighted overlap with the question, never refusing."""
    i_cov = FEATURES.index("cov")
    out = []
    for it in items:
        singles = sorted((c for c in it.cands if not c.window), key=lambda c: -c.x[i_cov])[:2]
        out.append(" ".join(c.text for c in singles))
    return _text_answers(out)


def cross_validate(
    fit_items: list[Item], l2: float, negatives: list[Item] | None = None, log=print, l2_answerability: float | None = None
) -> tuple[list[float], dict[tuple, list[Answer]]]:
    """Out-of-fold answerability probabilities and answers (one per composition ratio)."""
    negatives = negatives or []
    probs = [0.0] * len(fit_items)
    grid = [(r, o, b) for r in RATIOS for o in OTHER_RATIOS if o is None or o > r for b in BUDGETS]
    answers: dict[tuple, list[Answer]] = {key: [_EMPTY] * len(fit_items) for key in grid}
    for k in range(FOLDS):
        train = [it for it in fit_items if it.fold != k]
        test_idx = [i for i, it in enumerate(fit_items) if it.fold == k]
        test = [fit_items[i] for i in test_idx]
        ranker = fit_ranker(train, l2)
        train_ans = train + [n for n in negatives if n.fold != k]
        ans_model = fit_answerability(train_ans, score_items(train_ans, ranker), l2 if l2_answerability is None else l2_answerability)
        qf_test = score_items(test, ranker)
        params = AnswererParams(ranker, ans_model, 0.0)
        for i, qf in zip(test_idx, qf_test):
            probs[i] = params.probability(qf) if fit_items[i].cands else 0.0
        for key in answers:
            params.compose = _compose(key)
            for i, a in zip(test_idx, answers_for(test, params)):
                answers[key][i] = a
        log(f"  fold {k + 1}/{FOLDS}: {len(train)} fitted, {len(test)} tested")
    return probs, answers


def _compose(key: tuple) -> Compose:
    r, o, b = key
    return Compose(second_ratio=r, other_ratio=o, list_ratio=min(r, 0.1), budget=b)


def choose_composition(
    fit_items: list[Item], oof: dict[tuple, list[Answer]], max_chars: int, log=print, probs: list[float] | None = None, threshold: float = 0.0
) -> tuple:
    """The composition of the highest cross-validated accuracy, averaged over the sets so
    that no kind of question outweighs the others by its number, whose median answer stays
    under ``max_chars`` pooled and under 300 in every set; among those within one question
    of it, the one of the highest citation precision. With the out-of-fold answerability
    ``probs`` and the ``threshold``, questions refused there are refused here too (the
    median is of the answers given, as ``vankien eval`` reports it); without, every
    question is answered."""
    rows = []
    probs = probs if probs is not None else [1.0] * len(fit_items)
    for key, answers in oof.items():
        ev = evaluate(fit_items, answers, probs, threshold)
        acc = sum(v["accuracy"] for v in ev.values()) / len(ev)
        precisions = [(v["citation_precision"], v["questions"]) for v in ev.values() if v["citation_precision"] is not None]
        prec = sum(p * n for p, n in precisions) / max(1, sum(n for _, n in precisions))
        lengths = [len(a.answer) for a, p in zip(answers, probs) if a.answer and p >= threshold]
        pooled = statistics.median(lengths) if lengths else 0
        worst = max(v["median_answer_chars"] for v in ev.values())
        log(
            f"  ratio {key[0]:<5} other {str(key[1]):<5} budget {key[2]}: mean accuracy {acc:.4f}, citation precision {prec:.3f}; "
            + ", ".join(f"{k} {v['accuracy']:.3f} ({v['median_answer_chars']} chars)" for k, v in ev.items())
        )
        if pooled <= max_chars and worst < 300:
            rows.append((key, acc, prec))
    if not rows:
        return (1.01, None, 320)
    best = max(acc for _, acc, _ in rows)
    tie = 1.0 / max(1, len(fit_items)) + 1e-9
    return max((r for r in rows if r[1] >= best - tie), key=lambda r: (r[2], r[1]))[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.fit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs=4, action="append", metavar=("NAME", "QUESTIONS", "HOME", "GROUPING"), required=True)
    parser.add_argument("--cache", default="/tmp/vankien-fit-cache", help="folder of the retrieval cache (outside the repository)")
    parser.add_argument("--out", help="parameters file to write (e.g. assistant/data/answerer_params.json)")
    parser.add_argument("--report", help="Markdown report to write")
    parser.add_argument("--l2", type=float, default=10.0, help="L2 penalty of the answerability model (on standardised features)")
    parser.add_argument("--l2-ranker", type=float, default=1.0, help="L2 penalty of the sentence ranker")
    parser.add_argument(
        "--no-negatives", dest="negatives", action="store_false",
        help="do not add unanswerable examples made from other questions' passages",
    )
    parser.add_argument("--max-answer-chars", type=int, default=285, help="median answer length (all sets pooled) the composition must stay under; every set's must stay under 300")
    args = parser.parse_args(argv)

    items: list[Item] = []
    for name, qpath, home, grouping in args.set:
        if grouping not in {"question", "source"}:
            parser.error(f"GROUPING must be 'question' or 'source', not {grouping!r}")
        questions = load_questions(Path(qpath))
        cached = retrieve_cached(name, questions, Path(home), Path(args.cache))
        items += build_items(name, questions, cached, grouping)
    fit_items = [it for it in items if not it.held_out]
    held = [it for it in items if it.held_out]
    print(f"{len(items)} questions: {len(fit_items)} to fit (cross-validated), {len(held)} held out")

    # cross-validation: threshold and composition are chosen on out-of-fold predictions
    negatives = make_negatives(fit_items) if args.negatives else []
    print(f"{len(negatives)} unanswerable examples made from other questions' passages (answerability only)")
    probs, oof = cross_validate(fit_items, args.l2_ranker, negatives, l2_answerability=args.l2)
    threshold = choose_threshold(fit_items, probs)
    choice = choose_composition(fit_items, oof, args.max_answer_chars, probs=probs, threshold=threshold)
    cv = evaluate(fit_items, oof[choice], probs, threshold)

    # the final model: fitted on the whole fitting part
    ranker = fit_ranker(fit_items, args.l2_ranker)
    ans_items = fit_items + negatives
    ans_model = fit_answerability(ans_items, score_items(ans_items, ranker), args.l2)
    params = AnswererParams(ranker, ans_model, threshold, _compose(choice))
    qf_held = score_items(held, ranker)
    held_probs = [params.probability(qf) if it.cands else 0.0 for it, qf in zip(held, qf_held)]
    held_eval = evaluate(held, answers_for(held, params), held_probs, threshold) if held else {}
    base_cv = evaluate(fit_items, baseline_answers(fit_items), [1.0] * len(fit_items), 0.0)
    base_held = evaluate(held, baseline_answers(held), [1.0] * len(held), 0.0) if held else {}
    sets = {
        name: {"questions": qpath, "grouping": grouping, "n": sum(it.set == name for it in items), "held_out": sum(it.set == name and it.held_out for it in items)}
        for name, qpath, _, grouping in args.set
    }
    params.meta = {
        "about": "Extractive answerer parameters (assistant/extractive.py), written by python -m eval.fit.",
        "fitted": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "fitted_on": sets,
        "cross_validated": cv,
        "held_out": held_eval,
        "baseline_cross_validated": base_cv,
        "baseline_held_out": base_held,
        "refusal_curve": curve(fit_items, probs),
    }
    print_table("cross-validated (fitting part)", cv, base_cv)
    print_table("held out (never fitted on)", held_eval, base_held)
    c = params.compose
    print(f"threshold {threshold:.3f}, second-sentence ratio {c.second_ratio} (from another passage {c.other_ratio}), budget {c.budget}")
    if args.out:
        Path(args.out).write_text(json.dumps(params.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    if args.report:
        write_fit_report(Path(args.report), params)
        print(f"wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
