"""The SQLite file itself: versions recorded, another schema refused, damage reported,
and a change marker that moves with every write, from any connection."""

import sqlite3

import pytest

from index.db import SCHEMA_VERSION, Database
from index.errors import IndexCorruptError

TABLE = "CREATE TABLE IF NOT EXISTS t (x INTEGER);"


def test_a_new_file_records_its_versions_and_reopens(tmp_path):
    db = Database(tmp_path / "s.sqlite")
    db.create([TABLE], {"tokenizer": "9"})
    assert db.get_info("schema") == SCHEMA_VERSION and db.get_info("tokenizer") == "9"
    again = Database(tmp_path / "s.sqlite")
    again.create([TABLE], {"tokenizer": "10"})  # versions of an existing file are kept
    assert again.get_info("tokenizer") == "9"


def test_another_schema_is_refused_with_the_rebuild_hint(tmp_path):
    db = Database(tmp_path / "s.sqlite")
    db.create([TABLE], {})
    db.set_info("schema", "0")
    with pytest.raises(IndexCorruptError) as err:
        Database(tmp_path / "s.sqlite").create([TABLE], {})
    assert "--rebuild" in err.value.hint


def test_a_damaged_file_is_reported(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"not a database at all " * 200)
    with pytest.raises(IndexCorruptError) as err:
        Database(path).create([TABLE], {})
    assert "damaged" in err.value.message


def test_the_change_marker_moves_with_writes_from_any_connection(tmp_path):
    db = Database(tmp_path / "s.sqlite")
    db.create([TABLE], {})
    marker = db.change_marker()
    db.conn().execute("SELECT count(*) FROM t").fetchone()
    assert db.change_marker() == marker  # reading changes nothing
    other = sqlite3.connect(tmp_path / "s.sqlite")
    other.execute("INSERT INTO t VALUES (1)")
    other.commit()
    other.close()
    assert db.change_marker() != marker


def test_a_failed_transaction_leaves_nothing(tmp_path):
    db = Database(tmp_path / "s.sqlite")
    db.create([TABLE], {})
    with pytest.raises(RuntimeError):
        with db.transaction() as conn:
            conn.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("crash")
    assert db.conn().execute("SELECT count(*) FROM t").fetchone()[0] == 0
