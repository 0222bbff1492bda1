"""The figures of ``python -m eval.fit``: the table it prints and the Markdown report it
writes (cross-validated and held-out figures per set, the refusal trade-off curve, every
weight)."""

from __future__ import annotations

from pathlib import Path

from assistant.ranker import AnswererParams


def print_table(title: str, ev: dict, base: dict) -> None:
    print(f"\n{title}")
    print(f"{'set':<18}{'n':>5}{'accuracy':>10}{'baseline':>10}{'false ref.':>11}{'ref. recall':>12}{'cit. prec.':>11}{'median':>8}{'AUC':>7}")
    for name, v in ev.items():
        b = base.get(name, {}).get("accuracy")
        fr = "-" if v["false_refusal"] is None else f"{v['false_refusal']:.3f}"
        rr = "-" if v["refusal_recall"] is None else f"{v['refusal_recall']:.3f}"
        print(
            f"{name:<18}{v['questions']:>5}{v['accuracy']:>10.3f}{(b or 0):>10.3f}{fr:>11}{rr:>12}"
            f"{_f(v.get('citation_precision')):>11}{v['median_answer_chars']:>8}{_f(v['answerability_auc']):>7}"
        )


def _f(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def write_fit_report(path: Path, params: AnswererParams) -> None:
    m = params.meta

    def table(ev: dict, base: dict) -> list[str]:
        lines = [
            "| set | questions | accuracy | baseline (2 best-overlap sentences, never refusing) | false refusal "
            "| refusal recall (unanswerable) | citation precision | median chars | answerability AUC |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, v in ev.items():
            b = base.get(name, {}).get("accuracy")
            b_chars = base.get(name, {}).get("median_answer_chars")
            fr, rr = v["false_refusal"], v["refusal_recall"]
            lines.append(
                f"| {name} | {v['questions']} | {v['accuracy']:.3f} | {_f(b)} ({b_chars} chars) | {_f(fr)} | {_f(rr)} ({v['unanswerable']}) "
                f"| {_f(v.get('citation_precision'))} | {v['median_answer_chars']} | {_f(v['answerability_auc'])} |"
            )
        return lines

    names = list(m["fitted_on"])
    lines = [
        "# Answerer fit report (python -m eval.fit)",
        "",
        f"Fitted {m['fitted']} on: " + ", ".join(f"{k} ({v['n']} questions, {v['held_out']} held out, grouped by {v['grouping']})" for k, v in m["fitted_on"].items()),
        f"Threshold {params.threshold:.3f}; second-sentence ratio {params.compose.second_ratio} "
        f"(from another passage: {params.compose.other_ratio or params.compose.second_ratio}); budget {params.compose.budget} characters.",
        "",
        "## Cross-validated (5 grouped folds over the fitting part)",
        "",
        *table(m["cross_validated"], m["baseline_cross_validated"]),
        "",
        "## Held-out split (never fitted on)",
        "",
        *table(m["held_out"], m["baseline_held_out"]),
        "",
        "## Refusal trade-off (cross-validated): false-refusal rate / refusal recall by threshold",
        "",
        "| threshold | " + " | ".join(["all", *names]) + " |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    for row in m["refusal_curve"]:
        cells = []
        for name in ["all", *names]:
            v = row.get(name, {})
            fr = "–" if v.get("false_refusal") is None else f"{v['false_refusal']:.3f}"
            rr = "–" if v.get("refusal_recall") is None else f"{v['refusal_recall']:.3f}"
            cells.append(f"{fr} / {rr}")
        lines.append(f"| {row['threshold']:.2f} | " + " | ".join(cells) + " |")
    lines += ["", "## Weights", "", "| ranker feature | weight |", "|---|---|"]
    lines += [f"| {f} | {w:+.3f} |" for f, w in zip(params.ranker.features, params.ranker.weights)]
    lines += ["", "| answerability feature | weight |", "|---|---|"]
    lines += [f"| {f} | {w:+.3f} |" for f, w in zip(params.answerability.features, params.answerability.weights)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
