import pytest

from corpus.docnumbers import doc_number_keys, doc_number_spans, find_doc_numbers


@pytest.mark.parametrize(
    "variant",
    ["05-CT/TW", "05/CT-TW", "05-CT-TW", "5-CT/TW", "Chỉ thị 05", "Chỉ thị số 05-CT/TW", "chi thi so 05"],
)
def test_variants_of_a_directive_share_a_key(variant):
    assert "so_5_ct" in doc_number_keys(variant)


def test_issuer_key_separates_issuers():
    assert "so_5_ct_tw" in doc_number_keys("Chỉ thị số 05-CT/TW")
    assert "so_118_qd_du" in doc_number_keys("Quyết định số 118-QĐ/ĐU")
    assert "so_205_kh_du" in doc_number_keys("Kế hoạch số 205-KH⁄ĐU")  # fraction slash


def test_circular_with_year():
    numbers = find_doc_numbers("Thông tư số 21/2018/TT-BTNMT ngày 14/11/2018")
    assert any(n.number == 21 and n.year == "2018" and n.kind == "TT" and n.issuer == "BTNMT" for n in numbers)


@pytest.mark.parametrize("text", ["nhiệm kỳ 2020 - 2025", "ngày 19-21/8/2020", "299/300 đại biểu", "Ngày 24-2"])
def test_dates_and_ranges_are_not_document_numbers(text):
    assert doc_number_keys(text) == []


def test_spans_cover_the_number():
    text = "gắn với Chỉ thị số 05-CT/TW của Bộ Chính trị"
    (start, end), = doc_number_spans(text)
    assert text[start:end] == "05-CT/TW"


def test_a_legislature_s_laws_and_resolutions_are_numbered_with_it():
    """"Luật Thanh tra số 56/2010/QH12", "Nghị quyết số 85/2014/QH13": the issuer is the
    legislature (Quốc hội khóa XII, its standing committee UBTVQH13) and the number whole."""
    text = "2. Luật Thanh tra số 56/2010/QH12 hết hiệu lực; Nghị quyết số 1234/2016/UBTVQH13 bãi bỏ."
    assert [text[s:e] for s, e in doc_number_spans(text)] == ["56/2010/QH12", "1234/2016/UBTVQH13"]
    assert {"so_56_qh12", "so_1234_ubtvqh13"} <= set(doc_number_keys(text))
    # without the year, an unknown code with a number is no document number ("2-B52")
    assert doc_number_keys("tiêm 2-B52, Covid-19, SEA Games 31") == []
