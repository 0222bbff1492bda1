"""Fit the dense weight of convex fusion for questions typed without diacritics.

    python -m eval.fit_fusion \\
        --set bundled eval/questions.jsonl /work/idx/bundled question \\
        --set party_news eval/party_news_questions.jsonl /work/idx/party source \\
        --out assistant/data/fusion_params.json

The same ``--set NAME QUESTIONS HOME GROUPING`` arguments as ``python -m eval.fit``, and
the same held-out fifth (never fitted on, reported apart). The embedding model reads a
question typed without diacritics ("chu tich ubnd xa dien thang trung la ai") as little
more than noise, while the keyword search folds the diacritics of both sides away: with
the weight of accented questions (``VANKIEN_ALPHA``, 0.5) the two searches' tops tie and
the dense one wins. For every answerable question of the fitted part typed without
diacritics, both searches run once; each weight of the grid fuses them again, and the one
whose first passage holds a gold answer most often (averaged over the sets that have
such questions, so that no set outweighs the others by its number; then the first five
passages; then the larger weight) is written to ``--out``. The same sweep over the
accented questions is printed for comparison (their weight stays the setting's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

GRID = [round(0.05 * i, 2) for i in range(21)]


def _hits(passages, golds: list[str]) -> tuple[bool, bool]:
    from corpus.text import normalize_for_match

    holds = [any(g in normalize_for_match(p.text) for g in golds) for p in passages]
    return bool(holds and holds[0]), any(holds)


def sweep_set(name: str, questions, home: Path, grouping: str, top_k: int, log=print) -> dict[str, dict]:
    """Per part (``fit`` / ``held_out``) and kind (``accented`` / ``unaccented``): the number of
    answerable questions and, per weight of the grid, how many have an answer in the first
    passage and in the first ``top_k``."""
    from assistant.factory import Components, close_components
    from assistant.fusion import ConvexFusion
    from assistant.query import understand
    from assistant.settings import Settings
    from corpus.text import normalize_for_match
    from eval.fit import is_held_out

    components = Components(Settings(home=home))
    out: dict[str, dict] = {}
    try:
        r = components.retriever
        for q in questions:
            if not q.answerable:
                continue
            query = understand(q.question, q.history)
            if query.parts:  # retrieved per part: no single fused list to weigh
                continue
            part = "held_out" if is_held_out(name, q, grouping) else "fit"
            kind = "accented" if query.accented else "unaccented"
            keyword = r.keywords.search(r.keyword_query(query), r.candidates)
            dense = r.vectors.search(r.embeddings.embed_query(query.search_text), r.candidates)
            golds = [normalize_for_match(a) for a in q.answers]
            row = out.setdefault(f"{part}/{kind}", {"n": 0, "at1": [0] * len(GRID), "at_k": [0] * len(GRID)})
            row["n"] += 1
            for i, alpha in enumerate(GRID):
                passages = r.docs.complete(ConvexFusion(alpha).fuse(dense, keyword)[:top_k])
                at1, at_k = _hits(passages, golds)
                row["at1"][i] += at1
                row["at_k"][i] += at_k
    finally:
        close_components(components)
    log(f"{name}: " + ", ".join(f"{k} {v['n']}" for k, v in sorted(out.items())))
    return out


def choose(per_set: dict[str, dict], key: str) -> tuple[float, dict]:
    """The weight of the highest mean share of first passages holding an answer over the
    sets with questions of ``key`` (then of the first k, then the larger weight)."""
    rows = [v[key] for v in per_set.values() if key in v and v[key]["n"]]
    if not rows:
        raise SystemExit(f"no answerable question of the kind {key!r} in the sets: nothing to fit")

    def mean(field: str, i: int) -> float:
        return sum(r[field][i] / r["n"] for r in rows) / len(rows)

    best = max(range(len(GRID)), key=lambda i: (round(mean("at1", i), 9), round(mean("at_k", i), 9), GRID[i]))
    return GRID[best], {"at1": round(mean("at1", best), 4), "at_k": round(mean("at_k", best), 4), "sets": len(rows)}


def _table(per_set: dict[str, dict], key: str, log=print) -> None:
    for name, v in per_set.items():
        if key not in v:
            continue
        r = v[key]
        log(f"  {name:<20} n={r['n']:<4}" + " ".join(f"{a:.2f}:{r['at1'][i] / r['n']:.2f}/{r['at_k'][i] / r['n']:.2f}" for i, a in enumerate(GRID) if i % 2 == 0))


def main(argv: list[str] | None = None) -> int:
    from eval.questions import load_questions

    parser = argparse.ArgumentParser(prog="python -m eval.fit_fusion", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs=4, action="append", metavar=("NAME", "QUESTIONS", "HOME", "GROUPING"), required=True)
    parser.add_argument("--top-k", type=int, default=5, help="passages an answer is taken from")
    parser.add_argument("--out", help="parameters file to write (e.g. assistant/data/fusion_params.json)")
    args = parser.parse_args(argv)
    per_set: dict[str, dict] = {}
    for name, qpath, home, grouping in args.set:
        if grouping not in ("question", "source"):
            print(f"GROUPING must be 'question' or 'source', not {grouping!r}", file=sys.stderr)
            return 2
        if not Path(home).is_dir():
            print(f"no index at {home}", file=sys.stderr)
            return 2
        per_set[name] = sweep_set(name, load_questions(Path(qpath)), Path(home), grouping, args.top_k)
    for key in ("fit/accented", "fit/unaccented", "held_out/unaccented"):
        print(f"{key}: weight: share of first passages / first {args.top_k} holding an answer")
        _table(per_set, key)
    alpha, figures = choose(per_set, "fit/unaccented")
    held = [v["held_out/unaccented"] for v in per_set.values() if "held_out/unaccented" in v]
    i = GRID.index(alpha)
    base = GRID.index(0.5)
    n_held = sum(r["n"] for r in held)
    held_fig = {
        "n": n_held,
        "at1": round(sum(r["at1"][i] for r in held) / n_held, 4) if n_held else None,
        "at1_at_0.5": round(sum(r["at1"][base] for r in held) / n_held, 4) if n_held else None,
    }
    print(f"alpha_unaccented {alpha}: fitted part {figures}; held-out (pooled) {held_fig}")
    if args.out:
        data = {
            "about": "Convex-fusion weight of the dense score for a question typed without diacritics "
            "(assistant/retriever.py), written by python -m eval.fit_fusion.",
            "fitted": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "fitted_on": {name: {"questions": q, "grouping": g} for name, q, _, g in args.set},
            "alpha_unaccented": alpha,
            "fitted_figures": figures,
            "held_out": held_fig,
            "sweep": {name: v for name, v in per_set.items()},
            "grid": GRID,
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        # each list of counts on one line
        text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
