"""python -m eval.fit on a small question set over the real bundled index."""

import json

import pytest

from assistant.ranker import load_params
from eval import fit

pytestmark = pytest.mark.slow


def test_fit_writes_loadable_params_and_caches_retrieval(real_index, tmp_path, capsys):
    settings, components = real_index
    lines = (fit.Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    out, report, cache = tmp_path / "params.json", tmp_path / "fit.md", tmp_path / "cache"
    argv = ["--set", "tiny", str(questions), str(settings.home), "question", "--cache", str(cache), "--out", str(out), "--report", str(report)]
    assert fit.main(argv) == 0
    first = capsys.readouterr().out
    assert "retrieving 40 questions" in first
    params = load_params(out)
    assert 0.0 <= params.threshold < 1.0
    assert any(abs(w) > 1e-3 for w in params.ranker.weights)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["fitted_on"]["tiny"]["n"] == 40
    assert set(data["cross_validated"]) == {"tiny"} and "held_out" in data
    assert "Refusal trade-off" in report.read_text(encoding="utf-8")
    # the second run reads the cache instead of retrieving again
    assert fit.main(argv) == 0
    assert "retrieving" not in capsys.readouterr().out
    # the fitted parameters drive the answerer
    from assistant.extractive import ExtractiveAnswerer
    from assistant.factory import store_term_stats

    answerer = ExtractiveAnswerer(store_term_stats(components.store), params_path=out)
    answerer.warm_up()
    q = "Ai được tín nhiệm tiếp tục giữ chức Bí thư Chi bộ Văn phòng Tổng cục nhiệm kỳ 2020 – 2022?"
    passages = components.assistant.retrieve(q)
    from assistant.query import understand

    answer = answerer.answer(understand(q), passages)
    assert answer.found and "Trần Phương" in answer.answer
