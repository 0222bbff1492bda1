"""The `vankien` command as a user runs it (contracts of DESIGN.md)."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # the real `vankien` command with the real embedder, in subprocesses


def run(args, home, env_extra=None, timeout=600):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env["VANKIEN_HOME"] = str(home)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli-home")
    out = run(["index", "-q"], home)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "Exception" not in out.stderr
    return home


def test_index_is_incremental(cli_home):
    out = run(["index", "-q"], cli_home)
    assert out.returncode == 0
    assert "unchanged 5" in out.stdout and "chunks embedded 0" in out.stdout


def test_docs_lists_sources(cli_home):
    out = run(["docs"], cli_home)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 5
    source, title, date, chunks = lines[1].split("\t")
    assert source == "001_5ff3952f519bba80.txt"
    assert title == "Đại hội Chi bộ Văn phòng 2 lần thứ nhất nhiệm kỳ 2020 - 2022"
    assert date == "2020-01-17" and int(chunks) > 0


def test_ask_json_contract(cli_home):
    out = run(["ask", "Ai được tín nhiệm tiếp tục giữ chức Bí thư Chi bộ Văn phòng Tổng cục nhiệm kỳ 2020 – 2022?", "--json"], cli_home)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert set(answer) >= {"answer", "found", "citations", "timings_ms"}
    assert answer["found"] is True and "Trần Phương" in answer["answer"]
    c = answer["citations"][0]
    assert set(c) >= {"n", "source", "title", "text", "start", "end", "score"}
    assert c["source"] == "000_3ad2302527c669b1.txt"
    assert {"retrieve", "answer"} <= set(answer["timings_ms"])


def test_ask_with_history(cli_home):
    out = run(
        ["ask", "Ai đắc cử Bí thư tại đại hội đó?", "--history", "Đại hội Đại biểu Đảng bộ Khối các cơ quan Tỉnh lần thứ VIII diễn ra khi nào?", "--json"],
        cli_home,
    )
    assert "Phan Hữu Phước" in json.loads(out.stdout)["answer"]


@pytest.mark.parametrize("question", ["", "   ", "\x01\x02"])
def test_bad_question_clear_message_no_traceback(cli_home, question):
    out = run(["ask", question], cli_home)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "Câu hỏi" in out.stderr


def test_huge_question(cli_home):
    out = run(["ask", "Bi thu " * 14_285], cli_home)  # 100,000 characters
    assert out.returncode == 2 and "quá dài" in out.stderr and "Traceback" not in out.stderr


def test_empty_index(tmp_path):
    out = run(["ask", "Ai là Bí thư?"], tmp_path / "empty")
    assert out.returncode == 3 and "vankien index" in out.stderr


def test_bad_setting(tmp_path):
    out = run(["ask", "Ai là Bí thư?"], tmp_path, {"VANKIEN_TOP_K": "many"})
    assert out.returncode == 2 and "VANKIEN_TOP_K" in out.stderr and "Traceback" not in out.stderr


def test_index_reports_bad_files_and_exit_code(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Chi bộ Phòng Kế toán tổ chức Đại hội nhiệm kỳ 2020 - 2022.", encoding="utf-8")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    (folder / "empty.txt").write_bytes(b"")
    out = run(["index", "-q", str(folder)], tmp_path / "h")
    assert out.returncode == 1
    assert "bad.pdf" in out.stderr and "empty.txt" in out.stderr
    assert "Traceback" not in out.stderr
    assert "added 1" in out.stdout


def test_impossible_date_filter_is_an_input_error(tmp_path):
    out = run(["ask", "Ai là Bí thư?", "--date-from", "2020-13-45"], tmp_path / "h")
    assert out.returncode == 2 and "2020-13-45" in out.stderr and "Traceback" not in out.stderr
    out = run(["ask", "Ai là Bí thư?", "--date-from", "2021-01-01", "--date-to", "2020-01-01"], tmp_path / "h")
    assert out.returncode == 2 and "empty" in out.stderr


def test_docs_on_an_empty_index_says_so(tmp_path):
    home = tmp_path / "h"
    out = run(["docs"], home)
    assert out.returncode == 3 and "vankien index" in out.stderr
    from index.store import Store

    Store(home / "index" / "store.sqlite").close()  # an empty store file
    out = run(["docs"], home)
    assert out.returncode == 3 and "vankien index" in out.stderr and out.stdout == ""


def test_index_names_legacy_encoding_conversions(tmp_path):
    from tests.corpus.legacy_encoders import to_tcvn3, to_vni

    folder = tmp_path / "docs"
    folder.mkdir()
    text = "Chi bộ Phòng Kế toán tổ chức Đại hội nhiệm kỳ 2020 - 2022, bầu Ban Chấp hành mới."
    (folder / "abc.txt").write_bytes(to_tcvn3(text))
    (folder / "vni.txt").write_bytes(to_vni(text))
    out = run(["index", "-q", str(folder)], tmp_path / "h")
    assert out.returncode == 0, out.stderr
    assert "abc.txt: converted from TCVN3" in out.stdout and "vni.txt: converted from VNI" in out.stdout
    answer = json.loads(run(["ask", "--json", "Chi bộ Phòng Kế toán bầu gì?"], tmp_path / "h").stdout)
    assert answer["citations"] and "Ban Chấp hành" in answer["citations"][0]["text"]


def test_index_reads_scans_by_ocr_and_reports_them_without_tesseract(tmp_path):
    from tests.docmaker import make_scanned_pdf

    folder = tmp_path / "docs"
    folder.mkdir()
    make_scanned_pdf(folder / "scan.pdf", [["Chi bộ Phòng Tài vụ sinh hoạt chuyên đề về chuyển đổi số."]])
    (folder / "ok.txt").write_text("Chi bộ Phòng Kế toán tổ chức Đại hội nhiệm kỳ 2020 - 2022.", encoding="utf-8")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    hidden = run(["index", str(folder)], tmp_path / "h1", {"PATH": str(empty)})  # Tesseract not installed
    assert hidden.returncode == 1 and "Traceback" not in hidden.stderr
    assert "scan.pdf" in hidden.stderr and "needs OCR: install tesseract-ocr-vie" in hidden.stderr
    assert "added 1" in hidden.stdout
    out = run(["index", str(folder)], tmp_path / "h2")
    assert out.returncode == 0, out.stderr
    assert "scan.pdf: OCR page 1/1" in out.stderr and "scan.pdf: 1 page(s) read by OCR" in out.stdout
    assert "added 2" in out.stdout


def test_bad_port_and_an_empty_folder_are_input_errors(tmp_path):
    out = run(["serve", "--port", "99999"], tmp_path / "h")
    assert out.returncode == 2 and "port" in out.stderr and "Traceback" not in out.stderr
    (tmp_path / "rong").mkdir()
    out = run(["index", "-q", str(tmp_path / "rong")], tmp_path / "h")
    assert out.returncode == 1 and "no document found" in out.stderr
