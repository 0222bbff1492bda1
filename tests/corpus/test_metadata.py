"""Document type and issuing body from a document's header."""

from __future__ import annotations

import pytest

from corpus.metadata import detect_doc_type, detect_issuer, type_names
from corpus.models import Document
from corpus.pipeline import prepare

DIRECTIVE = """ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG BỘ TỈNH BẮC NINH
ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
Số 05-CT/ĐU
Bắc Ninh, ngày 12 tháng 3 năm 2024
CHỈ THỊ
về tăng cường công tác kiểm tra, giám sát
Đảng ủy Khối yêu cầu các chi bộ thực hiện tốt các nội dung sau.
"""


@pytest.mark.parametrize(
    "title, text, kind",
    [
        ("", DIRECTIVE, "Chỉ thị"),
        ("", "ĐẢNG ỦY XÃ AN BÌNH\nNGHỊ QUYẾT\nvề phát triển kinh tế", "Nghị quyết"),
        ("", "BAN CHẤP HÀNH TRUNG ƯƠNG\nQUY ĐỊNH\nvề kiểm tra, giám sát", "Quy định"),
        ("", "QUỐC HỘI\nLUẬT THANH TRA\nCăn cứ Hiến pháp", "Luật"),
        ("", "TỈNH UỶ HÀ TĨNH\nSố 118-KH/TU\nvề triển khai học tập nghị quyết", "Kế hoạch"),  # from the number
        ("Chỉ thị số 05-CT/TW về đẩy mạnh học tập", "Nội dung chỉ thị ...", "Chỉ thị"),
        ("Kết luận 21-KL/TW của Bộ Chính trị", "Nội dung ...", "Kết luận"),
        # news about documents are not documents of that kind
        ("Nghị quyết 19-2017 về năng lực cạnh tranh quốc gia", "Chính phủ vừa ban hành ...", None),
        ("Quy chế thi THPT quốc gia 2017 có nhiều điểm mới", "Bộ GD-ĐT vừa công bố Quy chế ...", None),
        ("Hội nghị sơ kết", "Sáng 12/3, Đảng bộ Khối tổ chức hội nghị.\nBáo cáo cho biết ...", None),
    ],
)
def test_doc_type(title, text, kind):
    assert detect_doc_type(title, text) == kind


def test_issuer():
    assert detect_issuer(DIRECTIVE) == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    assert detect_issuer("QUỐC HỘI\nLUẬT THANH TRA") == "QUỐC HỘI"
    assert detect_issuer("Sáng 12/3, ĐẢNG BỘ KHỐI tổ chức hội nghị.") is None
    assert detect_issuer("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNGHỊ QUYẾT") is None


def test_every_listed_type_is_recognised_in_a_header():
    for name in type_names():
        assert detect_doc_type("", f"CHI BỘ PHÒNG TỔ CHỨC\n{name.upper()}\nvề công tác năm 2024") == name


def test_prepare_puts_them_in_the_document_metadata_not_in_chunk_ids():
    prepared = prepare(Document(source="ct.txt", text=DIRECTIVE))
    assert prepared.document.meta["doc_type"] == "Chỉ thị"
    assert prepared.document.meta["issuer"] == "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    assert all("doc_type" not in c.meta for c in prepared.chunks)
