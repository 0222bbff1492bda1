"""Starting the chat on an index left by an older vankien upgrades it, then answers."""

import pytest

from index.store import Store
from index.tokens import TOKENIZER_VERSION
from tests.ui.conftest import serve_app

pytestmark = pytest.mark.slow  # the real app served with the real embedder


def test_serve_upgrades_an_older_keyword_index_then_answers(tmp_path_factory, capsys):
    from gradio_client import Client

    first, _, settings = serve_app(tmp_path_factory)
    first.close()
    store = Store(settings.store_path)
    store.set_info("tokenizer", "2")  # as an index from the previous release looks
    store.close()

    app, url, _ = serve_app(tmp_path_factory, home=settings.home)
    try:
        assert "upgraded" in capsys.readouterr().err
        assert Store(settings.store_path).get_info("tokenizer") == TOKENIZER_VERSION
        result = Client(url, verbose=False).predict("Chánh Văn phòng UBND tỉnh là ai?", [], api_name="/ask")
        assert result["found"] and "Lê Tiến Dũng" in result["answer"]
    finally:
        app.close()
