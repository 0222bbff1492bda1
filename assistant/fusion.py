"""Fusion of the dense and keyword result lists: a component of its own.

Both fusions take the two lists of ``ScoredPassage`` (each best first) and return one
list, best first, where every passage carries its ``dense`` and ``keyword`` scores (when
that search found it), the ``fused`` score and ``score``: the fused score on a 0-1 scale
(divided by the most the fusion can give), so that a score means the same in every mode.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path
from typing import Protocol

from assistant.errors import ConfigError
from index.passages import ScoredPassage


class Fusion(Protocol):
    name: str

    def fuse(self, dense: list[ScoredPassage], keyword: list[ScoredPassage]) -> list[ScoredPassage]: ...


def rrf(rankings: list[list[tuple[str, float]]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (cid, _) in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return fused


def convex(dense: list[tuple[str, float]], keyword: list[tuple[str, float]], alpha: float = 0.5) -> dict[str, float]:
    """Convex combination of min-max normalised scores: alpha * dense + (1 - alpha) * keyword.

    Unlike RRF it keeps the size of a score gap: a passage that alone carries the
    exact document number or name of the question is not outvoted by ranks."""

    def normalise(items: list[tuple[str, float]]) -> dict[str, float]:
        if not items:
            return {}
        values = [v for _, v in items]
        lo, hi = min(values), max(values)
        span = hi - lo
        return {cid: (v - lo) / span if span > 1e-9 else 1.0 for cid, v in items}

    d, kw = normalise(dense), normalise(keyword)
    if not d:
        return kw
    if not kw:
        return d
    return {cid: alpha * d.get(cid, 0.0) + (1 - alpha) * kw.get(cid, 0.0) for cid in d.keys() | kw.keys()}


def _merge(
    dense: list[ScoredPassage], keyword: list[ScoredPassage], fused: dict[str, float], best: float
) -> list[ScoredPassage]:
    """One passage per id (dense first, keyword fills what it lacks), with both scores,
    ``fused`` and ``score`` set; best first (ties: dense order, then keyword order)."""
    merged: dict[str, ScoredPassage] = {}
    for p in dense:
        merged.setdefault(p.id, p)
    for p in keyword:
        if p.id in merged:
            have = merged[p.id]
            merged[p.id] = dataclasses.replace(have, keyword=p.keyword, text=have.text or p.text)
        else:
            merged[p.id] = p
    scale = best if best > 0 else 1.0
    out = [
        dataclasses.replace(p, fused=fused[cid], score=round(min(1.0, fused[cid] / scale), 6))
        for cid, p in merged.items()
        if cid in fused
    ]
    out.sort(key=lambda p: -p.fused)
    return out


@dataclasses.dataclass(frozen=True)
class ConvexFusion:
    """alpha * dense + (1 - alpha) * keyword, each min-max normalised (scores already 0-1)."""

    alpha: float = 0.5
    name: str = "convex"

    def fuse(self, dense: list[ScoredPassage], keyword: list[ScoredPassage]) -> list[ScoredPassage]:
        fused = convex([(p.id, p.dense or 0.0) for p in dense], [(p.id, p.keyword or 0.0) for p in keyword], self.alpha)
        return _merge(dense, keyword, fused, 1.0)


@dataclasses.dataclass(frozen=True)
class RRFFusion:
    """Reciprocal rank fusion; ``score`` divides by its maximum, n_lists / (k + 1)."""

    k: int = 60
    name: str = "rrf"

    def fuse(self, dense: list[ScoredPassage], keyword: list[ScoredPassage]) -> list[ScoredPassage]:
        rankings = [[(p.id, 0.0) for p in ranked] for ranked in (dense, keyword) if ranked]
        fused = rrf(rankings, self.k)
        return _merge(dense, keyword, fused, len(rankings) / (self.k + 1))


FUSION_PARAMS_FILE = "data/fusion_params.json"


def fitted_alpha_unaccented(path: str | Path | None = None) -> float:
    """The dense weight of convex fusion for a question typed without diacritics, as
    ``python -m eval.fit_fusion`` wrote it (package data, or ``path``): the embedding model
    reads "chu tich ubnd xa" as noise, the keyword search folds the diacritics away."""
    try:
        if path is None:
            raw = resources.files("assistant").joinpath(FUSION_PARAMS_FILE).read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        value = float(json.loads(raw)["alpha_unaccented"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"fusion parameters unreadable ({path or FUSION_PARAMS_FILE}): {exc}; refit them with python -m eval.fit_fusion") from exc
    if not 0.0 <= value <= 1.0:
        raise ConfigError(f"fusion parameters: alpha_unaccented {value} is not between 0 and 1")
    return value
