"""eval.news_corpus: the articles word lists are measured on."""

import unicodedata

from eval.news_corpus import Articles
from tests.eval.newsfiles import write_news


def test_articles_are_read_nfc_in_one_tone_style_and_counted(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Hoà bình")
    articles = Articles(write_news(tmp_path, [decomposed, "Uỷ ban"]))
    assert articles.exists()
    texts = list(articles)
    assert articles.count == 2
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert "Hòa bình" in texts[0] and "Ủy ban" in texts[1]  # one tone-mark style
    assert texts[0].startswith("Tin.")  # the title first
    assert len(list(articles)) == 2 and articles.count == 2  # a second pass counts afresh


def test_a_missing_corpus_is_said_not_raised(tmp_path, capsys):
    assert not Articles(tmp_path / "none").exists()
    assert "no corpus" in capsys.readouterr().err
