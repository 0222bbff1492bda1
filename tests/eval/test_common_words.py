"""python -m eval.common_words: which syllables are common words, measured on text."""

from assistant.answer_types import common_words
from eval import common_words as cw
from tests.eval.newsfiles import run_word_script, write_news


def test_a_syllable_is_common_when_written_in_lower_case_inside_sentences():
    texts = ["Theo báo cáo, ông Nguyễn Văn An đến theo lịch. Ông nói theo kế hoạch."] * 10
    lower, upper = cw.count(texts)
    assert lower["theo"] == 20 and upper["theo"] == 0  # the sentence-initial "Theo" is not counted
    assert upper["nguyễn"] == 10 and lower["ông"] == 10
    words = cw.common(lower, upper, min_count=10, share=0.9)
    assert "theo" in words and "ông" in words
    assert "nguyễn" not in words and "văn" not in words  # capitalised inside sentences: a name


def test_the_script_writes_a_file_that_says_where_it_comes_from(tmp_path, capsys):
    write_news(tmp_path, ["Sáng nay ông Lê Văn Bình đến thăm theo lịch."] * 40)
    words = run_word_script(cw.main, tmp_path, tmp_path / "common.txt", "python -m eval.common_words", capsys)
    assert "theo" in words and "lê" not in words


def test_the_shipped_list_holds_function_words_not_surnames():
    words = common_words()
    assert {"theo", "tại", "ông", "sáng"} <= words
    assert not {"nguyễn", "trần", "lê", "phạm", "hà", "nội"} & words
