"""eval.law_articles: laws written one article per JSON Lines record, headings in titles."""

import json

from corpus.loaders import iter_documents
from corpus.pipeline import prepare
from eval.law_articles import main

LAW = "LUẬT MẪU 2024\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về mẫu.\n\nĐiều 2.\n1. Khoản một.\n2. Khoản hai.\n"


def test_each_article_becomes_a_record_with_its_heading_in_the_title(tmp_path, capsys):
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "luat-mau.txt").write_text(LAW, encoding="utf-8")
    out = tmp_path / "articles.jsonl"
    assert main([str(tmp_path / "laws"), str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == [
        {"id": "luat-mau-dieu-1", "title": "LUẬT MẪU 2024 – Điều 1. Phạm vi điều chỉnh", "text": "Luật này quy định về mẫu."},
        {"id": "luat-mau-dieu-2", "title": "LUẬT MẪU 2024 – Điều 2", "text": "1. Khoản một.\n2. Khoản hai."},
    ]
    assert "2 articles of 1 file(s)" in capsys.readouterr().out
    # read back as the index reads it: each opens with its heading, its chunks in that article
    docs = list(iter_documents([out]))
    prepared = [prepare(d) for d in docs]
    assert [p.document.text.split("\n")[0] for p in prepared] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2."]
    assert [p.chunks[0].meta["section"] for p in prepared] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2"]


def test_a_folder_without_laws_is_said_with_a_non_zero_exit(tmp_path, capsys):
    assert main([str(tmp_path), str(tmp_path / "out.jsonl")]) == 2
    assert "no article found" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()
