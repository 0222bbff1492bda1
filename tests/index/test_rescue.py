"""The list of origins kept beside the index, and a damaged store rebuilt from it."""

import json

from index.rescue import ORIGINS_FILE, open_store, record_origins, recorded_origins


def test_origins_are_the_given_list_sorted_and_written_whole(tmp_path):
    record_origins(tmp_path, ["/data/b", "/data/a", "", "/data/a"])
    assert recorded_origins(tmp_path) == ["/data/a", "/data/b"]
    record_origins(tmp_path, ["/data/c.jsonl", "/data/a"])  # a run rewrites it from the manifest
    assert json.loads((tmp_path / ORIGINS_FILE).read_text(encoding="utf-8")) == ["/data/a", "/data/c.jsonl"]
    assert not list(tmp_path.glob(".*.part"))  # written whole, then renamed


def test_a_missing_or_unreadable_list_is_empty_and_is_replaced(tmp_path):
    assert recorded_origins(tmp_path / "nowhere") == []
    (tmp_path / ORIGINS_FILE).write_bytes(b"\x00garbage{")
    assert recorded_origins(tmp_path) == []
    (tmp_path / ORIGINS_FILE).write_text('{"not": "a list"}', encoding="utf-8")
    assert recorded_origins(tmp_path) == []
    record_origins(tmp_path, ["/data/a"])
    assert recorded_origins(tmp_path) == ["/data/a"]


def test_a_store_nothing_can_be_read_of_is_rebuilt_from_the_recorded_origins(tmp_path):
    folder = tmp_path / "van-kien"
    folder.mkdir()
    record_origins(tmp_path, [str(folder)])
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"not a database at all" * 200)  # no manifest left to salvage
    store, rescue = open_store(path)
    try:
        assert rescue is not None and rescue.origins == [str(folder)]
    finally:
        store.close()
