"""Many chats at once through the running app, `ask` from several processes, and
indexing while chats go on."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.slow  # the real app served, several processes

QA = [
    ("Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh nhiệm kỳ 2020 - 2025?", "Phan Hữu Phước"),
    ("Ai được tín nhiệm tiếp tục giữ chức Bí thư Chi bộ Văn phòng Tổng cục nhiệm kỳ 2020 – 2022?", "Trần Phương"),
    ("Phó Bí thư Chi bộ Văn phòng Sở 2 nhiệm kỳ 2020 - 2022 là ai?", "Trần Quang Kháng"),
    ("Chánh Văn phòng UBND tỉnh là ai?", "Lê Tiến Dũng"),
    ("Khối Thi đua số III của Bộ TN&MT gồm bao nhiêu đơn vị trực thuộc?", "5 đơn vị"),
]


def test_twenty_chats_at_once(server):
    from gradio_client import Client

    url, _ = server
    jobs = [QA[i % len(QA)] for i in range(20)]

    def one(job):
        question, expected = job
        t0 = time.perf_counter()
        result = Client(url, verbose=False).predict(question, [], api_name="/ask")
        return expected, result, time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(one, jobs))
    assert len(results) == 20
    for expected, result, _ in results:
        assert result["found"] and expected in result["answer"]  # no answer went to the wrong chat


def test_ask_from_several_processes(server):
    _, settings = server
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env["VANKIEN_HOME"] = str(settings.home)
    procs = [
        (expected, subprocess.Popen([sys.executable, "-m", "assistant.cli", "ask", q], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for q, expected in QA[:4]
    ]
    for expected, proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert expected in out


def test_indexing_while_chatting(server, tmp_path):
    """An indexing run does not block chats for long nor show half-written state."""
    from gradio_client import Client

    url, settings = server
    folder = tmp_path / "more"
    folder.mkdir()
    for i in range(6):
        (folder / f"tin-{i}.txt").write_text(
            f"Chi bộ Phòng Số {i} tổ chức Đại hội nhiệm kỳ 2020 - 2022. Đồng chí Nguyễn Văn Số{i} được bầu làm Bí thư Chi bộ Phòng Số {i}.\n" * 3,
            encoding="utf-8",
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env.update({"VANKIEN_HOME": str(settings.home), "VANKIEN_EMBED_WORKERS": "1"})
    indexer = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "-q", str(folder)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    client = Client(url, verbose=False)
    latencies = []
    while indexer.poll() is None:
        question, expected = QA[len(latencies) % len(QA)]
        t0 = time.perf_counter()
        result = client.predict(question, [], api_name="/ask")
        latencies.append(time.perf_counter() - t0)
        assert result["found"] and expected in result["answer"]
    assert indexer.returncode == 0, indexer.stderr.read()
    assert latencies and max(latencies) < 30
    after = client.predict("Ai được bầu làm Bí thư Chi bộ Phòng Số 3?", [], api_name="/ask")
    assert "Số3" in after["answer"]
