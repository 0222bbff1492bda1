"""python -m eval.abbreviations: abbreviations as the texts define them, measured on text."""

from eval import abbreviations as ab
from tests.eval.newsfiles import run_word_script, write_news


def test_a_name_whose_initials_spell_the_abbreviation_defines_it():
    assert ab.definition("Theo Bảo hiểm xã hội ", "BHXH") == "bảo hiểm xã hội"
    assert ab.definition("ông Lê Văn A, Giám đốc Sở Kế hoạch và Đầu tư ", "KH&ĐT") == "kế hoạch và đầu tư"
    assert ab.definition("Bộ Lao động - Thương binh và Xã hội ", "LĐ-TB&XH") == "lao động thương binh và xã hội"
    assert ab.definition("Ủy ban Thường vụ Quốc hội ", "UBTVQH") == "ủy ban thường vụ quốc hội"


def test_words_that_do_not_spell_it_define_nothing():
    assert ab.definition("Bảo hiểm y tế ", "BHXH") is None
    assert ab.definition("theo các trường hợp ", "TH") is None  # no capital: a chance match
    assert ab.definition("quá ngắn ", "ABCDE") is None
    assert ab.definition("Hà Nội ", "H") is None  # one letter: nothing to spell


def test_a_pair_is_kept_when_defined_often_and_mostly_so():
    texts = ["Bảo hiểm xã hội (BHXH) tỉnh cho biết."] * 3 + ["Ban Hành Xử Hội (BHXH) họp."]
    texts += ["Thanh Hà (TH) và Trường Học (TH)."] * 4
    rows = ab.select(ab.mine(texts), min_count=3, share=0.6, min_count_short=10)
    assert [(a, n) for a, n, _ in rows] == [("BHXH", "bảo hiểm xã hội")]  # TH: two letters, too few
    assert ab.select(ab.mine(texts), min_count=3, share=0.8) == []  # 3 of 4: not dominant enough


def test_the_script_writes_a_file_that_says_where_it_comes_from(tmp_path, capsys):
    write_news(tmp_path, ["Liên đoàn Lao động (LĐLĐ) tỉnh họp."] * 5)
    rows = run_word_script(ab.main, tmp_path, tmp_path / "abbr.tsv", "python -m eval.abbreviations", capsys)
    assert rows == ["LĐLĐ\tliên đoàn lao động"]
