"""Fusion as a component: one list of ScoredPassages, both scores kept, ``score`` on 0-1."""

import pytest

from assistant.fusion import ConvexFusion, RRFFusion
from index.passages import ScoredPassage


def _dense(*pairs):
    return [ScoredPassage(id=i, source=f"{i}.txt", text=f"text {i}", dense=s, score=s) for i, s in pairs]


def _keyword(*pairs):
    return [ScoredPassage(id=i, source=f"{i}.txt", keyword=s, score=s) for i, s in pairs]


@pytest.mark.parametrize("fusion", [ConvexFusion(0.5), RRFFusion(60)], ids=["convex", "rrf"])
def test_merges_both_lists_keeping_each_score(fusion):
    out = fusion.fuse(_dense(("a", 0.9), ("b", 0.8), ("c", 0.7)), _keyword(("b", 12.0), ("d", 3.0)))
    by_id = {p.id: p for p in out}
    assert set(by_id) == {"a", "b", "c", "d"}
    assert by_id["b"].dense == 0.8 and by_id["b"].keyword == 12.0 and by_id["b"].text == "text b"
    assert by_id["a"].keyword is None and by_id["d"].dense is None
    assert out[0].id == "b"  # first or second in both lists
    assert [p.score for p in out] == sorted((p.score for p in out), reverse=True)
    assert all(0.0 <= p.score <= 1.0 for p in out)


@pytest.mark.parametrize("fusion", [ConvexFusion(0.5), RRFFusion(60)], ids=["convex", "rrf"])
def test_score_is_one_for_the_top_of_every_list_in_every_mode(fusion):
    both = fusion.fuse(_dense(("a", 0.9), ("b", 0.5)), _keyword(("a", 9.0), ("b", 1.0)))
    dense_only = fusion.fuse(_dense(("a", 0.9), ("b", 0.5)), [])
    keyword_only = fusion.fuse([], _keyword(("a", 9.0), ("b", 1.0)))
    for out in (both, dense_only, keyword_only):
        assert out[0].id == "a" and out[0].score == pytest.approx(1.0)
        assert out[1].score < 1.0


def test_convex_keeps_the_size_of_a_gap_where_rrf_keeps_ranks():
    dense = _dense(("a", 0.90), ("b", 0.89), ("c", 0.50))
    keyword = _keyword(("b", 30.0), ("a", 1.0), ("z", 0.5))
    assert ConvexFusion(0.5).fuse(dense, keyword)[0].id == "b"
    rrf = RRFFusion(60).fuse(dense, keyword)
    assert rrf[0].fused == pytest.approx(rrf[1].fused) and {rrf[0].id, rrf[1].id} == {"a", "b"}  # ranks 1+2, 2+1


def test_nothing_found_fuses_to_nothing():
    assert ConvexFusion().fuse([], []) == [] and RRFFusion().fuse([], []) == []


def test_fitted_weight_for_questions_without_diacritics_is_package_data(tmp_path):
    import json
    from importlib import resources

    from assistant.errors import ConfigError
    from assistant.fusion import FUSION_PARAMS_FILE, fitted_alpha_unaccented

    packaged = json.loads(resources.files("assistant").joinpath(FUSION_PARAMS_FILE).read_text(encoding="utf-8"))
    assert fitted_alpha_unaccented() == packaged["alpha_unaccented"]
    assert 0.0 <= fitted_alpha_unaccented() <= 1.0
    own = tmp_path / "fusion.json"
    own.write_text('{"alpha_unaccented": 0.15}', encoding="utf-8")
    assert fitted_alpha_unaccented(own) == 0.15
    for bad in ('{"alpha_unaccented": 1.5}', '{"alpha": 0.2}', "not json"):
        own.write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError):
            fitted_alpha_unaccented(own)
    with pytest.raises(ConfigError, match="eval.fit_fusion"):
        fitted_alpha_unaccented(tmp_path / "missing.json")
