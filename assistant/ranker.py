"""The fitted parts of the extractive answerer: a linear sentence ranker, a logistic
answerability model and the composition settings, read from package data
(``assistant/data/answerer_params.json``, written by ``python -m eval.fit``).

Also the numpy fitting routines ``eval.fit`` uses (listwise softmax ranker, L2 logistic
regression), kept here so the model and its training share one definition.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from assistant.errors import ConfigError
from assistant.answerability import QUESTION_FEATURES
from assistant.features import FEATURES

PARAMS_FILE = "data/answerer_params.json"


@dataclass
class Linear:
    """w · (x - mean) / std + bias, over named features."""

    features: list[str]
    weights: list[float]
    mean: list[float]
    std: list[float]
    bias: float = 0.0

    def score(self, x: Sequence[float]) -> float:
        return self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.std))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": self.features,
            "weights": [round(w, 6) for w in self.weights],
            "mean": [round(m, 6) for m in self.mean],
            "std": [round(s, 6) for s in self.std],
            "bias": round(self.bias, 6),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], expected: Sequence[str]) -> "Linear":
        if list(data["features"]) != list(expected):
            raise ConfigError(
                "answerer parameters were fitted on other features than this version computes: "
                "refit them with python -m eval.fit"
            )
        return cls(list(data["features"]), list(data["weights"]), list(data["mean"]), list(data["std"]), float(data.get("bias", 0.0)))


@dataclass
class Compose:
    """How many candidates make an answer (chosen by eval.fit on cross-validated accuracy)."""

    second_ratio: float = 0.3  # add a runner-up whose softmax share is at least this times the best's
    # ... and, when it comes from another passage than the best (one more citation, which the
    # gold may not list), at least this times (None: second_ratio)
    other_ratio: float | None = None
    list_ratio: float = 0.1
    max_sentences: int = 2
    max_list_items: int = 5
    budget: int = 320  # characters of an answer (lists: twice)
    # bring the predecessor when it adds this much of the question's weighted terms (the
    # sentence leans on it: "Đồng chí ... được bầu" after the sentence naming the body).
    # Set by hand, not fitted: the containment metric always favours more text.
    context_gain: float = 0.25


@dataclass
class AnswererParams:
    ranker: Linear
    answerability: Linear
    threshold: float
    compose: Compose = field(default_factory=Compose)
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, qx: Sequence[float]) -> float:
        z = self.answerability.score(qx)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            **self.meta,
            "ranker": self.ranker.to_json(),
            "answerability": self.answerability.to_json(),
            "threshold": round(self.threshold, 4),
            "compose": self.compose.__dict__,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "AnswererParams":
        meta = {k: v for k, v in data.items() if k not in {"ranker", "answerability", "threshold", "compose"}}
        return cls(
            Linear.from_json(data["ranker"], FEATURES),
            Linear.from_json(data["answerability"], QUESTION_FEATURES),
            float(data["threshold"]),
            Compose(**data.get("compose", {})),
            meta,
        )


def load_params(path: str | Path | None = None) -> AnswererParams:
    """The answerer's parameters: the packaged ones, or a file written by eval.fit."""
    try:
        if path is None:
            text = resources.files("assistant").joinpath(PARAMS_FILE).read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return AnswererParams.from_json(json.loads(text))
    except FileNotFoundError:
        raise ConfigError(f"No answerer parameters at {path or PARAMS_FILE}: run python -m eval.fit") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"Bad answerer parameters file {path or PARAMS_FILE}: {exc}") from None


# -- fitting (numpy) ---------------------------------------------------------------------


def standardise(rows):
    import numpy as np

    X = np.asarray(rows, dtype=float)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std < 1e-9] = 1.0
    return mean, std


def fit_listwise(groups: list[tuple[Any, Any]], n_features: int, l2: float = 1.0, iters: int = 300):
    """Listwise softmax ranker: maximise the log of the softmax mass on the positive
    candidates of each question. ``groups``: (X standardised [n, d], y 0/1 [n]) per question
    with at least one positive. Returns the weight vector. Adam on the mean loss."""
    import numpy as np

    w = np.zeros(n_features)
    m = np.zeros(n_features)
    v = np.zeros(n_features)
    lr, b1, b2 = 0.05, 0.9, 0.999
    n = max(1, len(groups))
    for t in range(1, iters + 1):
        grad = l2 * w / n
        for X, y in groups:
            s = X @ w
            s = s - s.max()
            e = np.exp(s)
            p = e / e.sum()
            pos = e * y
            q = pos / pos.sum()
            grad += (X.T @ (p - q)) / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def fit_logistic(X, y, l2: float = 1.0, iters: int = 50, sample_weight=None):
    """L2-regularised logistic regression by Newton's method: (weights, bias)."""
    import numpy as np

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.eye(d + 1) * l2
    reg[d, d] = 1e-6
    for _ in range(iters):
        z = np.clip(A @ w, -40, 40)
        p = 1 / (1 + np.exp(-z))
        g = A.T @ (sw * (p - y)) + reg @ w
        H = (A * (sw * p * (1 - p))[:, None]).T @ A + reg
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return w[:d], float(w[d])
