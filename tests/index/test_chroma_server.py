"""Client/server mode against a real `chroma run` started on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import BackendError
from index.vectors import http_client

pytestmark = pytest.mark.slow  # a real `chroma run` server


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([exe, "run", "--path", str(data), "--port", str(port), "--host", "127.0.0.1"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            http_client("127.0.0.1", port)
            break
        except BackendError:
            if proc.poll() is not None:
                pytest.fail("chroma run exited: " + (data / "server.log").read_text())
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("chroma run did not start in 60 s")
    yield port
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_cli_index_and_ask_against_chroma_server(chroma_server, home, monkeypatch):
    env = {**os.environ, "VANKIEN_CHROMA_HOST": "127.0.0.1", "VANKIEN_CHROMA_PORT": str(chroma_server)}
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "-q"], env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "5 sources" in out.stdout
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh nhiệm kỳ 2020 - 2025?", "--json"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    import json

    answer = json.loads(out.stdout)
    assert answer["found"] and "Phan Hữu Phước" in answer["answer"]
    # the vectors live on the server, not in VANKIEN_HOME
    assert not (home / "index" / "chroma").exists()
    client = http_client("127.0.0.1", chroma_server)
    assert client.get_collection("vankien").count() > 0
    assert client.get_collection("vankien").configuration["hnsw"]["ef_search"] == 400  # the search breadth, on the server too


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(BackendError) as err:
        http_client("127.0.0.1", _free_port())
    assert "chroma run" in err.value.hint
