"""The ``vankien`` command: index, docs, ask, eval, serve (contracts in DESIGN.md).

Errors become one clear message on stderr and a non-zero exit code; a traceback is
never shown (unexpected ones are written to VANKIEN_HOME/logs/errors.log).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from pathlib import Path
from typing import Sequence

from assistant.errors import ConfigError, IndexMissingError, InputError, VankienError


def _settings():
    from pydantic import ValidationError

    from assistant.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"VANKIEN_{'_'.join(str(p) for p in e['loc']).upper() or '?'}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"Invalid settings (cấu hình không hợp lệ): {problems}") from None


def _components():
    from assistant.factory import Components

    return Components(_settings())


# -- index -------------------------------------------------------------------------
def cmd_index(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.factory import bundled_corpus, close_components
    from corpus.loaders import iter_documents
    from index.memory import limit_arenas
    from index.rescue import open_store, record_origins

    limit_arenas()  # before Chroma's threads start: memory bounded on very large files (index.memory)
    components = _components()
    # before anything reads it: a damaged store file is moved aside and rebuilt
    components.store, rescue = open_store(components.settings.store_path, rebuild=args.rebuild)
    paths = [Path(p) for p in args.paths] if args.paths else [bundled_corpus()]
    roots = [str(p.resolve()) for p in paths]
    if rescue:
        print(f"vankien: the index store was damaged ({rescue.reason}); it was moved aside to {rescue.moved_to} "
              "and is rebuilt from the source files (tệp chỉ mục hỏng đã được chuyển sang bên cạnh và dựng lại).",
              file=sys.stderr)
        for origin in rescue.origins:  # the folders and files it was indexed from
            if origin not in roots and Path(origin).exists():
                paths.append(Path(origin))
                roots.append(origin)
                print(f"  also indexed again from {origin}", file=sys.stderr)

    def step(line: str) -> None:  # slow reads (OCR pages, .doc conversion), one line each
        if not args.quiet:
            tqdm.write(line, file=sys.stderr)

    empty: list[Path] = []

    def items():
        for path, root in zip(paths, roots):
            n = 0
            for item in iter_documents([path], progress=step):
                n += 1
                yield root, item
            if n == 0 and path.exists():
                empty.append(path)

    existing = [r for p, r in zip(paths, roots) if p.exists()]
    try:
        with tqdm(desc="Lập chỉ mục", unit=" tài liệu", disable=args.quiet or None, file=sys.stderr) as bar:
            def status(text: str) -> None:  # how far a large file has come
                if args.quiet:
                    return
                bar.set_postfix_str(text)
                if not bar.disable:
                    bar.refresh()
                else:  # no terminal: a plain line now and then
                    print(f"  {text}", file=sys.stderr)

            report = components.indexer.run(
                items(), roots=existing, rebuild=args.rebuild, progress=bar.update, status=status
            )
        uploads = _resume_uploads(components)  # uploads a crash (or a rebuild) left unindexed
        record_origins(components.settings.store_path.parent, components.store.origins())
        n_sources, n_chunks = components.store.counts()
    finally:
        close_components(components)
    for path in empty:
        print(f"vankien: no document found in {path} (không có tài liệu nào trong thư mục này)", file=sys.stderr)
    for failure in report.skipped:
        print(f"left out / bỏ qua: {failure.path}: {failure.reason}", file=sys.stderr)
    for failure in report.failed:
        print(f"failed / lỗi: {failure.path}: {failure.reason}", file=sys.stderr)
    for source in report.kept:
        print(f"kept the indexed version of {source} (its file failed now; giữ bản đã lập chỉ mục)", file=sys.stderr)
    for new_id, name, other in report.renamed:
        print(f"kept both: {name} indexed as {new_id} ({name} is another file: {other}; "
              "giữ cả hai tài liệu cùng tên)", file=sys.stderr)
    for source in report.removed:
        print(f"removed {source} (its file is gone from the folder; đã xoá khỏi chỉ mục)", file=sys.stderr)
    for source, note in report.notes:
        print(f"{source}: {note}")
    print(
        f"added {len(report.added)}, updated {len(report.updated)}, unchanged {report.unchanged}, "
        f"removed {len(report.removed)}, failed {len(report.failed)}; "
        f"chunks embedded {report.chunks_embedded}, reused {report.chunks_reused}; "
        f"index: {n_sources} sources, {n_chunks} chunks ({report.seconds:.1f} s)"
    )
    for fix in report.repaired:
        print(f"repaired: {fix}", file=sys.stderr)
    if uploads.resumed:
        print(f"uploads: {len(uploads.resumed)} indexed again from {components.settings.uploads_dir} "
              "(tài liệu tải lên được lập chỉ mục lại)", file=sys.stderr)
    for name, reason in uploads.failed:
        print(f"uploads: {name}: {reason}", file=sys.stderr)
    if report.recovered:
        redone = set(report.resumed) | set(report.added) | set(report.updated) | set(uploads.resumed)
        lost = sorted(set(report.recovered) - redone)
        print(f"completed an interrupted run: {len(report.recovered)} unfinished sources, "
              f"{len(report.resumed)} indexed again from their files", file=sys.stderr)
        for source in lost:
            print(f"  not indexed again (its file is gone or was not given): {source}", file=sys.stderr)
    return 0 if report.ok and len(empty) < len(paths) else 1


def _resume_uploads(components):
    """Index what is in the uploads folder and not (completely) indexed: ``vankien index``
    is the next indexing run an interrupted upload resumes in (and a rebuilt store gets its
    uploads back). Unchanged files are skipped by their hash."""
    from assistant.library import Library, UploadResult

    s = components.settings
    if not s.uploads_dir.is_dir() or not any(p.is_file() and not p.name.startswith(".") for p in s.uploads_dir.iterdir()):
        return UploadResult()
    return Library(components.indexer, components.store, s.uploads_dir, s.max_upload_mb).resume()


# -- docs --------------------------------------------------------------------------
def cmd_docs(args: argparse.Namespace) -> int:
    from index.store import Store

    settings = _settings()
    empty = IndexMissingError(
        "Nothing is indexed yet (chưa có tài liệu nào được lập chỉ mục).",
        hint="Index documents first: vankien index [PATH ...]  (no PATH: the bundled documents)",
    )
    if not settings.store_path.exists():
        raise empty
    store = Store(settings.store_path)
    rows = store.sources(status="done")
    if not rows:
        raise empty
    if args.json:
        for r in rows:
            print(json.dumps({"source": r.source, "title": r.title, "date": r.date, "org": r.org, "chunks": r.n_chunks}, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.source}\t{r.title}\t{r.date or '-'}\t{r.n_chunks}")
    return 0


# -- ask ---------------------------------------------------------------------------
def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.retriever import Filters

    components = _components()
    filters = Filters(
        sources=tuple(args.source or ()), org=args.org, date_from=args.date_from, date_to=args.date_to,
        doc_type=args.doc_type, issuer=args.issuer,
    )
    answer = components.assistant.ask(args.question, history=args.history or [], filters=None if filters.empty else filters)
    for warning in components.assistant.index_warnings():  # after the health check the question ran
        print(f"vankien: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
        return 0
    print(answer.answer)
    if answer.citations:
        print()
        for c in answer.citations:
            print(f"[{c.n}] {c.source} — {c.title} ({c.start}-{c.end})")
    return 0


# -- eval --------------------------------------------------------------------------
def cmd_eval(args: argparse.Namespace) -> int:
    from eval.runner import compare_summaries, run_eval

    if args.compare:
        print(compare_summaries(Path(args.compare[0]), Path(args.compare[1])))
        return 0
    if args.feedback is not None:
        from eval.feedback import feedback_report

        path = Path(args.feedback) if args.feedback else _settings().feedback_path
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        print(feedback_report(path, out / "feedback_questions.jsonl"))
        return 0
    if not args.questions:
        raise InputError("vankien eval needs --questions FILE.jsonl (or --compare A B)")
    components = _components()
    summary_text = run_eval(components.assistant, Path(args.questions), Path(args.out), progress=not args.quiet)
    print(summary_text)
    return 0


# -- serve -------------------------------------------------------------------------
def _interrupt(signum, frame):  # noqa: ARG001 - a signal handler's signature
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    import signal

    from assistant.ui.app import launch
    from index.memory import limit_arenas

    limit_arenas()  # uploads are indexed in this process: the same bound as vankien index
    # SIGTERM (systemd, docker stop, kill) ends the server like Ctrl-C: the embedding
    # workers are stopped on the way out (they also watch this process if it is killed)
    signal.signal(signal.SIGTERM, _interrupt)

    settings = _settings()
    if args.host:
        settings = settings.model_copy(update={"host": args.host})
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    launch(settings, index_bundled=not args.no_index)
    return 0


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535; cổng không hợp lệ)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vankien",
        description="Trợ lý hỏi đáp văn kiện Đảng có trích dẫn nguồn (offline). Data: $VANKIEN_HOME.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="index files, folders or .jsonl files (default: the bundled corpus)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="drop the index and start over")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("docs", help="list indexed sources: source id, title, date, chunk count")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("ask", help="answer one question")
    p.add_argument("question")
    p.add_argument("--history", action="append", metavar="EARLIER_QUESTION", help="an earlier question (repeatable)")
    p.add_argument("--json", action="store_true", help="print the answer JSON")
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--org", help="only sources whose organisation contains this")
    p.add_argument("--date-from", help="only sources dated on or after (YYYY-MM-DD)")
    p.add_argument("--date-to", help="only sources dated on or before (YYYY-MM-DD)")
    p.add_argument("--doc-type", help='only documents of this kind ("Nghị quyết", "Chỉ thị", "Luật" …)')
    p.add_argument("--issuer", help="only documents whose issuing body contains this")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="run a question set and write a report")
    p.add_argument("--questions", metavar="FILE.jsonl")
    p.add_argument("--out", default="eval-out", metavar="DIR")
    p.add_argument("--compare", nargs=2, metavar=("A/summary.json", "B/summary.json"))
    p.add_argument("--feedback", nargs="?", const="", metavar="FEEDBACK.jsonl",
                   help="summarise the chat's feedback log (default: VANKIEN_HOME/logs/feedback.jsonl)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="the Gradio chat UI")
    p.add_argument("--host")
    p.add_argument("--port", type=_port)
    p.add_argument("--no-index", action="store_true", help="do not index the bundled corpus when the index is empty")
    p.set_defaults(func=cmd_serve)
    return parser


def _log_unexpected(exc: BaseException) -> str:
    try:
        settings = _settings()
        settings.logs_dir.mkdir(parents=True, exist_ok=True)
        path = settings.logs_dir / "errors.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except Exception:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("chromadb", "httpx", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return int(args.func(args) or 0)
    except VankienError as exc:
        print(f"vankien: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vankien: interrupted (đã dừng)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the edge: never a traceback to the user
        where = _log_unexpected(exc)
        print(f"vankien: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if where:
            print(f"  details in {where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
