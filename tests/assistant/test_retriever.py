"""Keyword-query pruning (the speed of keyword search at scale) and its setting."""

import pydantic
import pytest

from assistant.factory import Components
from assistant.query import understand
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from corpus.models import Chunk, Document
from index.store import Store


def _store(path, n):
    """n passages that all mention "Đảng bộ"; only the first names Phan Hữu Phước."""
    store = Store(path)
    docs = []
    for i in range(n):
        text = f"Đảng bộ xã số {i} tổ chức hội nghị." + (" Đồng chí Phan Hữu Phước phát biểu." if i == 0 else "")
        source = f"d{i}.txt"
        docs.append((Document(source=source, text=text), [Chunk(id=Chunk.make_id(source, 0, text), source=source, start=0, end=len(text), text=text)]))
    store.mark_pending((d.source, "h", "root") for d, _ in docs)
    store.write_documents(docs)
    return store


def test_common_syllables_are_searched_only_within_pairs(tmp_path):
    store = _store(tmp_path / "s.sqlite", 220)
    query = understand("Đảng bộ nào có đồng chí Phước phát biểu?")
    pruned = HybridRetriever(None, None, store, max_df=0.05).keyword_query(query)
    assert "đảng" not in pruned.acc and "bộ" not in pruned.acc  # in every passage
    assert "đảng bộ" in pruned.acc and "phước" in pruned.acc  # the pair and the rare name stay
    assert not pruned.plain  # an accented question searches the accented column only
    kept = HybridRetriever(None, None, store, max_df=1.0).keyword_query(query)
    assert "đảng" in kept.acc
    hits = store.keywords.search(pruned, 5)
    assert hits[0].source == "d0.txt" and hits[0].keyword == hits[0].score > 0


def test_small_index_keeps_every_syllable(tmp_path):
    store = _store(tmp_path / "s.sqlite", 20)
    pruned = HybridRetriever(None, None, store, max_df=0.05).keyword_query(understand("Đảng bộ xã"))
    assert {"đảng", "bộ", "xã"} <= set(pruned.acc)


def test_no_diacritics_question_searches_the_plain_column(tmp_path):
    store = _store(tmp_path / "s.sqlite", 220)
    query = HybridRetriever(None, None, store).keyword_query(understand("dong chi Phuoc phat bieu o dang bo nao"))
    assert not query.acc and "phuoc" in query.plain and "dang bo" in query.plain


def test_max_df_setting_reaches_the_retriever(tmp_path):
    assert Components(Settings(home=tmp_path, keyword_max_df=0.2)).retriever.max_df == 0.2
    assert Components(Settings(home=tmp_path)).retriever.max_df == 0.05
    with pytest.raises(pydantic.ValidationError):
        Settings(home=tmp_path, keyword_max_df=0)


class _Vectors:
    """The vector search of a model that reads a question without diacritics as noise:
    whatever the question, one unrelated passage."""

    def __init__(self, pid):
        self.pid = pid

    def search(self, vector, k, where=None):
        from index.passages import ScoredPassage

        return [ScoredPassage(id=self.pid, source="d7.txt", dense=0.84, score=0.84)]


class _Embeddings:
    def embed_query(self, text):
        return [0.0]



def test_a_question_without_diacritics_is_fused_with_its_own_weight(tmp_path):
    store = _store(tmp_path / "s.sqlite", 20)
    noise = next(h.id for h in store.keywords.search(HybridRetriever(None, None, store).keyword_query(understand("xã số 7")), 20) if h.source == "d7.txt")

    def top(question, alpha_unaccented):
        r = HybridRetriever(_Embeddings(), _Vectors(noise), store, alpha=0.5, alpha_unaccented=alpha_unaccented)
        return r.retrieve(understand(question), k=3).passages[0].source

    # the keyword search finds the one passage naming Phước; the dense search only noise
    assert top("dong chi Phuoc phat bieu o dau", 0.2) == "d0.txt"
    assert top("dong chi Phuoc phat bieu o dau", None) == "d7.txt"  # the accented weight: a tie the dense top wins
    assert top("đồng chí Phước phát biểu ở đâu", 0.2) == "d7.txt"  # an accented question keeps the setting's weight


def test_weight_for_questions_without_diacritics_reaches_the_retriever(tmp_path):
    from assistant.fusion import ConvexFusion, RRFFusion, fitted_alpha_unaccented

    r = Components(Settings(home=tmp_path, alpha_unaccented=0.1)).retriever
    assert isinstance(r.fusion_unaccented, ConvexFusion) and r.fusion_unaccented.alpha == 0.1
    assert r.fusion.alpha == 0.5
    assert Components(Settings(home=tmp_path)).retriever.fusion_unaccented.alpha == fitted_alpha_unaccented()
    rrf = Components(Settings(home=tmp_path, fusion="rrf")).retriever
    assert isinstance(rrf.fusion_unaccented, RRFFusion)  # ranks have no weight to change
    with pytest.raises(pydantic.ValidationError):
        Settings(home=tmp_path, alpha_unaccented=1.5)


def test_a_question_without_diacritics_is_retrieved_again_as_the_passages_write_it(tmp_path):
    store = _store(tmp_path / "s.sqlite", 20)
    noise = next(h.id for h in store.keywords.search(HybridRetriever(None, None, store).keyword_query(understand("xã số 7")), 20) if h.source == "d7.txt")

    def retrieve(question, restore):
        r = HybridRetriever(_Embeddings(), _Vectors(noise), store, alpha_unaccented=0.2, restore_diacritics=restore)
        return r.retrieve(understand(question), k=3)

    found = retrieve("dong chi phan huu phuoc phat bieu o dau", True)
    assert found.query is not None and found.query.accented
    assert found.query.question == "Đồng chí Phan Hữu Phước phát biểu ở đâu"
    # the passages are those of the question so written (both searches at the accented weight)
    assert [p.id for p in found.passages] == [p.id for p in retrieve(found.query.question, True).passages]
    assert "d0.txt" in {p.source for p in found.passages}
    assert retrieve("dong chi phan huu phuoc phat bieu o dau", False).query is None
    assert retrieve("đồng chí Phước phát biểu ở đâu", True).query is None  # typed with diacritics and capitals: one pass
    lower = retrieve("đồng chí phan hữu phước phát biểu ở đâu", True)  # all in lower case: its capitals taken back
    assert lower.query is not None and lower.query.question == "Đồng chí Phan Hữu Phước phát biểu ở đâu"
    assert [p.id for p in lower.passages] == [p.id for p in retrieve(lower.query.question, True).passages]
    assert retrieve("xyzzy qwerty", True).query is None  # nothing found to learn the writing from


def test_a_question_about_several_things_without_diacritics_is_written_again_whole(tmp_path):
    store = _store(tmp_path / "s.sqlite", 20)
    noise = next(h.id for h in store.keywords.search(HybridRetriever(None, None, store).keyword_query(understand("xã số 7")), 20) if h.source == "d7.txt")
    r = HybridRetriever(_Embeddings(), _Vectors(noise), store, alpha_unaccented=0.2, restore_diacritics=True)
    query = understand("ai to chuc hoi nghi dang bo xa so 0 va ai la dong chi phan huu phuoc phat bieu")
    assert query.parts and not query.accented
    found = r.retrieve(query, k=3)
    assert found.query is not None and found.query.accented
    # the parts are those of the question so written, each with its diacritics
    assert [p.question for p in found.query.parts] == [p.question for p in understand(found.query.question).parts]
    assert all(p.accented for p in found.query.parts) and len(found.query.parts) == len(query.parts)
