from index.passages import ScoredPassage


def test_metadata_names_the_scores_and_only_known_fields():
    p = ScoredPassage(id="x", source="a.txt", title="T", start=3, end=9, dense=0.7, fused=0.8, score=0.8)
    meta = p.metadata()
    assert {k: meta[k] for k in ("source", "title", "start", "end", "score", "dense", "keyword")} == {
        "source": "a.txt", "title": "T", "start": 3, "end": 9, "score": 0.8, "dense": 0.7, "keyword": None
    }
    assert "section" not in meta and "date" not in meta and p.section is None


def test_section_comes_from_the_chunk_metadata():
    p = ScoredPassage(id="x", source="a.txt", date="2020-01-02", org="Chi bộ", meta={"section": "Chương II › Điều 3"})
    assert p.section == "Chương II › Điều 3"
    assert p.metadata()["section"] == "Chương II › Điều 3" and p.metadata()["date"] == "2020-01-02"
