"""report.md and the PNG chart of an evaluation run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.metrics import METRIC_ORDER

CHART_METRICS = ["answer_accuracy", "hit@1", "hit@3", "citation_precision", "refusal_recall"]


def write_chart(types: dict[str, dict[str, Any]], overall: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = ["overall", *types]
    data = {"overall": overall, **types}
    fig, ax = plt.subplots(figsize=(max(8, 1.3 * len(groups)), 4.5), dpi=110)
    width = 0.8 / len(CHART_METRICS)
    for i, metric in enumerate(CHART_METRICS):
        values = [data[g].get(metric) or 0.0 for g in groups]
        ax.bar([x + i * width for x in range(len(groups))], values, width, label=metric)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(groups))])
    ax.set_xticklabels(groups, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("vankien eval: metrics per question type")
    ax.legend(fontsize=8, ncol=len(CHART_METRICS), loc="lower center", bbox_to_anchor=(0.5, 1.08))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(
    path: Path,
    meta: dict[str, Any],
    overall: dict[str, Any],
    types: dict[str, dict[str, Any]],
    results: list[dict[str, Any]],
) -> None:
    cols = ["overall", *types]
    data = {"overall": overall, **types}
    lines = [
        "# vankien evaluation report",
        "",
        f"Question file: `{meta.get('questions_file')}` · created {meta.get('created')} · {meta.get('machine')}",
        "",
        "Metrics as defined in DESIGN.md (answers compared after NFC, lower case, one tone-mark style, "
        "one slash, collapsed spaces).",
        "",
        "| metric | " + " | ".join(cols) + " |",
        "|---|" + "---|" * len(cols),
    ]
    for m in METRIC_ORDER:
        lines.append(f"| {m} | " + " | ".join(_fmt(data[c].get(m)) for c in cols) + " |")
    lines += ["", "![metrics per type](metrics_by_type.png)", ""]
    lines += refusal_curve_lines(results)
    failures = [r for r in results if not r["correct"]]
    lines += [f"## Failures ({len(failures)} of {len(results)})", ""]
    if not failures:
        lines.append("None.")
    for r in failures:
        expected = " / ".join(r["expected"]) if r["expected"] else "(unanswerable: should say not found)"
        got = r["answer"] if r["found"] else f"(not found) {r['answer']}"
        cited = ", ".join(sorted({c["source"] for c in r["citations"]})) or "none"
        lines += [
            f"### {r['id']} ({r['type']})",
            "",
            f"- question: {_md_escape(r['question'])}",
        ]
        if r.get("history"):
            lines.append(f"- history: {_md_escape(' → '.join(r['history']))}")
        lines += [
            f"- expected: {_md_escape(expected)}; gold sources: {', '.join(r['sources']) or '–'}",
            f"- got: {_md_escape(got)}",
            f"- cited sources: {cited}",
            "",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def refusal_curve(results: list[dict[str, Any]], thresholds: list[float] | None = None) -> list[dict[str, Any]]:
    """False-refusal rate (answerable questions refused) and refusal recall (unanswerable
    ones refused) if the found / not-found threshold on the answerer's confidence were t."""
    rows = [r for r in results if r.get("confidence") is not None]
    answerable = [r["confidence"] for r in rows if r["expected"]]
    unanswerable = [r["confidence"] for r in rows if not r["expected"]]
    out = []
    for t in thresholds or [round(0.05 * i, 2) for i in range(1, 20)]:
        out.append(
            {
                "threshold": t,
                "false_refusal": round(sum(c < t for c in answerable) / len(answerable), 4) if answerable else None,
                "refusal_recall": round(sum(c < t for c in unanswerable) / len(unanswerable), 4) if unanswerable else None,
            }
        )
    return out


def refusal_curve_lines(results: list[dict[str, Any]]) -> list[str]:
    if not any(r.get("confidence") is not None for r in results):
        return []
    lines = [
        "## Refusal trade-off",
        "",
        "Share of answerable questions that would be refused (false refusal) and of unanswerable ones that would "
        "be refused (refusal recall) at each threshold on the answerer's confidence (the fitted answerability "
        "probability; the answerer's own threshold is in assistant/data/answerer_params.json).",
        "",
        "| threshold | false refusal | refusal recall |",
        "|---|---|---|",
    ]
    for row in refusal_curve(results):
        lines.append(f"| {row['threshold']:.2f} | {_fmt(row['false_refusal'])} | {_fmt(row['refusal_recall'])} |")
    return lines + [""]
