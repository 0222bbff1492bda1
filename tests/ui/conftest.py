"""A running app on loopback, shared by the UI tests of a module."""

import socket

import pytest


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_app(tmp_path_factory, home=None, **extra):
    from assistant.settings import Settings
    from assistant.ui.app import launch

    home = home or tmp_path_factory.mktemp("ui-home")
    settings = Settings(home=home, port=_free_port(), **extra)
    app = launch(settings, index_bundled=True, block=False)
    return app, f"http://127.0.0.1:{settings.port}/", settings


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app, url, settings = serve_app(tmp_path_factory)
    yield url, settings
    app.close()


