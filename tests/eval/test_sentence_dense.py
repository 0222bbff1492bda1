"""eval.sentence_dense: vectors cached once, features appended, eval.fit restored."""

from langchain_core.embeddings import DeterministicFakeEmbedding

from eval import fit, sentence_dense


class _Counting(DeterministicFakeEmbedding):
    calls: int = 0

    def embed_documents(self, texts):
        self.calls += len(texts)
        return super().embed_documents(texts)


def test_vectors_are_embedded_once_and_read_back(tmp_path):
    path = tmp_path / "v.jsonl"
    emb = _Counting(size=16)
    cache = sentence_dense.VectorCache(path, emb)
    cache.fill(["Ai chủ trì?"], ["Ông A chủ trì.", "Trời đẹp.", "Ông A chủ trì."])
    assert emb.calls == 2
    again = sentence_dense.VectorCache(path, _Counting(size=16))
    again.fill(["Ai chủ trì?"], ["Ông A chủ trì."])
    assert again.embedder.calls == 0
    assert abs(again.cosine("Ai chủ trì?", "Ông A chủ trì.") - cache.cosine("Ai chủ trì?", "Ông A chủ trì.")) < 1e-4
    assert cache.cosine("never embedded", "Trời đẹp.") == 0.0


def test_extended_features_are_restored(tmp_path):
    before = (fit.FEATURES, fit.question_features, fit.make_negatives)
    cache = sentence_dense.VectorCache(tmp_path / "v.jsonl", DeterministicFakeEmbedding(size=8))
    with sentence_dense.extended_features(cache):
        assert fit.FEATURES[-2:] == sentence_dense.EXTRA
    assert (fit.FEATURES, fit.question_features, fit.make_negatives) == before
