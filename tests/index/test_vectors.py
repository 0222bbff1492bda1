"""The Chroma collection (embedded, real Chroma): its search breadth."""

from index.vectors import VectorIndex, persistent_client


def _ef(path, name="vectors") -> int:
    """The ef_search a fresh client reads back from the store."""
    return persistent_client(path).get_collection(name).configuration["hnsw"]["ef_search"]


def test_a_new_collection_is_made_with_the_configured_search_breadth(tmp_path):
    index = VectorIndex(persistent_client(tmp_path), "vectors", "fake", 3, search_ef=400)
    index.upsert(["a", "b"], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], ["một", "hai"], [{"source": "s"}, {"source": "s"}])
    assert _ef(tmp_path) == 400
    assert [p.id for p in index.search([1.0, 0.1, 0.0], 1)] == ["a"]


def test_a_collection_made_with_another_breadth_gets_the_configured_one_when_opened(tmp_path):
    old = VectorIndex(persistent_client(tmp_path), "vectors", "fake", 3)  # Chroma's default: 100
    old.upsert(["a"], [[1.0, 0.0, 0.0]], ["một"], [{"source": "s"}])
    assert _ef(tmp_path) == 100
    index = VectorIndex(persistent_client(tmp_path), "vectors", "fake", 3, search_ef=250)
    assert index.count() == 1
    assert _ef(tmp_path) == 250
    assert [p.id for p in index.search([1.0, 0.0, 0.0], 1)] == ["a"]  # the vectors are untouched
