"""Old Word .doc files: written by the real LibreOffice here, read back through it; and
the clear message when LibreOffice is not on PATH."""

from __future__ import annotations

import pytest

from corpus.loaders import load_bytes
from tests.corpus.legacy_encoders import to_vni
from tests.docmaker import make_doc

pytestmark = pytest.mark.slow  # the real LibreOffice, headless

TEXT = "Chi bộ Phòng Tổ chức khẳng định quyết tâm thực hiện thắng lợi Nghị quyết số 12-NQ/ĐU."


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory):
    return make_doc(tmp_path_factory.mktemp("doc") / "nq.doc", ["NGHỊ QUYẾT", TEXT])


def test_doc_read_through_libreoffice(doc_file):
    data = doc_file.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real Word 97-2003 (OLE) file
    doc = load_bytes("nq.doc", data)
    assert TEXT in doc.text and "NGHỊ QUYẾT" in doc.text


def test_vni_text_inside_a_doc_is_converted(tmp_path):
    sentences = [TEXT, "Đảng viên vắng mặt phải báo cáo lý do với Bí thư Chi bộ."]
    path = make_doc(tmp_path / "vni.doc", [to_vni(s).decode("latin-1") for s in sentences])
    doc = load_bytes("vni.doc", path.read_bytes())
    assert doc.meta["converted_from"] == "VNI"
    assert all(s in doc.text for s in sentences)


def test_without_libreoffice_the_doc_is_reported(doc_file, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ValueError, match="install libreoffice-writer-nogui"):
        load_bytes("nq.doc", doc_file.read_bytes())
