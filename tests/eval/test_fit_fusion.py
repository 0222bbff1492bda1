"""python -m eval.fit_fusion: the dense weight for questions typed without diacritics."""

import json

import pytest

from assistant.fusion import fitted_alpha_unaccented
from eval import fit_fusion
from eval.fit_fusion import GRID, choose


def _row(n, at1, at_k=None):
    """Counts per weight of the grid from a function of the weight."""
    return {"n": n, "at1": [at1(a) for a in GRID], "at_k": [(at_k or (lambda a: n))(a) for a in GRID]}


def test_choose_takes_the_best_mean_share_of_the_sets():
    per_set = {
        # a large set that likes a low weight a little, a small one that likes a high weight much:
        # averaged over the sets, not pooled over the questions
        "big": {"fit/unaccented": _row(100, lambda a: 80 if a <= 0.3 else 78)},
        "small": {"fit/unaccented": _row(4, lambda a: 4 if a >= 0.6 else 1)},
        "none": {"fit/accented": _row(10, lambda a: 10)},  # no such question: not counted
    }
    alpha, figures = choose(per_set, "fit/unaccented")
    assert alpha == 1.0  # ties at 0.6 … 1.0 broken by the larger weight
    assert figures["sets"] == 2 and figures["at1"] == pytest.approx((0.78 + 1.0) / 2, abs=1e-4)


def test_choose_breaks_ties_by_the_first_passages_then_the_larger_weight():
    per_set = {"s": {"fit/unaccented": _row(10, lambda a: 8 if a <= 0.4 else 2, lambda a: 10 if a <= 0.2 else 9)}}
    assert choose(per_set, "fit/unaccented")[0] == 0.2


def test_choose_without_questions_stops():
    with pytest.raises(SystemExit):
        choose({"s": {"fit/accented": _row(3, lambda a: 1)}}, "fit/unaccented")


def test_bad_arguments_exit_2(tmp_path, capsys):
    q = tmp_path / "q.jsonl"
    q.write_text('{"id": "a", "question": "x", "answers": ["y"]}\n', encoding="utf-8")
    assert fit_fusion.main(["--set", "s", str(q), str(tmp_path), "by-topic"]) == 2
    assert fit_fusion.main(["--set", "s", str(q), str(tmp_path / "nowhere"), "question"]) == 2
    assert "no index" in capsys.readouterr().err


@pytest.mark.slow
def test_fit_on_the_real_index_writes_a_weight_the_retriever_reads(real_index, tmp_path, capsys):
    settings, _ = real_index
    lines = (fit_fusion.Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    plain = [line for line in lines if json.loads(line)["answers"] and json.loads(line)["question"].isascii()]
    assert len(plain) >= 3
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(plain + lines[:10]) + "\n", encoding="utf-8")
    out = tmp_path / "fusion.json"
    assert fit_fusion.main(["--set", "tiny", str(questions), str(settings.home), "question", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "fit/unaccented" in printed and "alpha_unaccented" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["alpha_unaccented"] in GRID and fitted_alpha_unaccented(out) == data["alpha_unaccented"]
    sweep = data["sweep"]["tiny"]
    n = sum(v["n"] for k, v in sweep.items() if k.endswith("/unaccented"))
    assert n == len(plain)
    assert all(len(v["at1"]) == len(GRID) and all(0 <= x <= v["n"] for x in v["at_k"]) for v in sweep.values())
