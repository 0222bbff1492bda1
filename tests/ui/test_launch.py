"""Starting the chat on an index left by an older vankien upgrades it, then answers."""

import socket

from index.store import Store
from index.tokens import TOKENIZER_VERSION


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_upgrades_an_older_keyword_index_then_answers(tmp_path, capsys):
    from gradio_client import Client

    from assistant.settings import Settings
    from assistant.ui.app import launch

    settings = Settings(home=tmp_path / "home", port=_free_port())
    launch(settings, index_bundled=True, block=False).close()
    store = Store(settings.store_path)
    store.set_info("tokenizer", "2")  # as an index from the previous release looks
    store.close()

    app = launch(settings, index_bundled=True, block=False)
    try:
        assert "upgraded" in capsys.readouterr().err
        assert Store(settings.store_path).get_info("tokenizer") == TOKENIZER_VERSION
        result = Client(f"http://127.0.0.1:{settings.port}/", verbose=False).predict(
            "Chánh Văn phòng UBND tỉnh là ai?", [], api_name="/ask"
        )
        assert result["found"] and "Lê Tiến Dũng" in result["answer"]
    finally:
        app.close()
