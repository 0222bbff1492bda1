"""The documents offices have, measured: a small folder of each kind is generated (scanned
pages, TCVN3 text, VNI text and a VNI-typed .docx, old Word .doc files, a long law), read,
indexed with the real default embedder into a home of its own, and asked its questions.

    python -m eval.documents.bench [--work /tmp/vk-docbench] [--out eval/documents/results]
                                   [--law ../shared/data/laws/luat-thanh-tra-2022.txt]

Prints and writes (results.json, results.md): OCR pages per second and character accuracy
against the text each page was rendered from (Tesseract alone, and whole scanned files read
through the loader: rendering + OCR), reading time per kind, and answer accuracy / hit@1 of
eval/documents/questions.jsonl on every kind (questions_law.jsonl on the law). Needs
tesseract-ocr-vie, LibreOffice and fonts-dejavu-core (``make documents``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ("scanned", "tcvn3", "vni", "doc", "law")
# the form each document takes in each kind of folder
FORMS = {
    "scanned": {"nghi-quyet": ".png", "quy-che": ".pdf", "bao-cao": ".tif"},
    "tcvn3": {"nghi-quyet": ".txt", "quy-che": ".txt", "bao-cao": ".txt"},
    "vni": {"nghi-quyet": ".txt", "quy-che": ".docx", "bao-cao": ".txt"},
    "doc": {"nghi-quyet": ".doc", "quy-che": ".doc", "bao-cao": ".doc"},
}


def _pages(text: str, width: int = 62, per_page: int = 24) -> list[list[str]]:
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(textwrap.wrap(line, width) or [""])
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def make_folders(work: Path, law: Path | None) -> dict[str, list[list[str]]]:
    """Write the folders; returns the rendered lines of every scanned page, by file."""
    from eval.documents.texts import DOCUMENTS
    from tests.corpus.legacy_encoders import to_tcvn3, to_vni
    from tests.docmaker import make_doc, make_docx, make_scanned_pdf, render_page

    if work.exists():
        shutil.rmtree(work)
    rendered: dict[str, list[list[str]]] = {}
    for kind in KINDS:
        (work / "folders" / kind).mkdir(parents=True)
    for stem, text in DOCUMENTS.items():
        # scanned
        folder = work / "folders" / "scanned"
        suffix = FORMS["scanned"][stem]
        pages = _pages(text, per_page=24 if suffix != ".pdf" else 12)
        name = stem + suffix
        rendered[name] = pages
        if suffix == ".pdf":
            make_scanned_pdf(folder / name, pages)
        elif suffix == ".tif":
            images = [render_page(p) for p in pages]
            images[0].save(folder / name, save_all=True, append_images=images[1:], compression="tiff_lzw")
        else:
            render_page(pages[0]).save(folder / name)
        # legacy encodings
        (work / "folders" / "tcvn3" / f"{stem}.txt").write_bytes(to_tcvn3(text))
        if FORMS["vni"][stem] == ".docx":
            make_docx(work / "folders" / "vni" / f"{stem}.docx", [to_vni(p).decode("latin-1") for p in text.splitlines() if p.strip()])
        else:
            (work / "folders" / "vni" / f"{stem}.txt").write_bytes(to_vni(text))
        make_doc(work / "folders" / "doc" / f"{stem}.doc", [p for p in text.splitlines() if p.strip()])
    if law and law.exists():
        shutil.copy(law, work / "folders" / "law" / law.name)
    return rendered


def measure_ocr(work: Path, rendered: dict[str, list[list[str]]]) -> dict:
    """Tesseract alone on each rendered page, then each scanned file through the loader."""
    from corpus.loaders import load_bytes
    from corpus.ocr import ocr_image, tesseract
    from eval.documents.textmetrics import char_accuracy
    from tests.docmaker import render_page

    binary = tesseract()
    per_page = []
    for name, pages in rendered.items():
        for i, lines in enumerate(pages, 1):
            image = render_page(lines)
            t0 = time.perf_counter()
            text = ocr_image(image, binary)
            seconds = time.perf_counter() - t0
            per_page.append({"file": name, "page": i, "seconds": round(seconds, 3),
                             "chars": sum(len(x) for x in lines), "char_accuracy": round(char_accuracy("\n".join(lines), text), 4)})
    files = []
    for name, pages in rendered.items():
        data = (work / "folders" / "scanned" / name).read_bytes()
        t0 = time.perf_counter()
        doc = load_bytes(name, data)
        seconds = time.perf_counter() - t0
        reference = "\n".join("\n".join(p) for p in pages)
        files.append({"file": name, "pages": doc.meta.get("ocr_pages"), "seconds": round(seconds, 3),
                      "char_accuracy": round(char_accuracy(reference, doc.text), 4)})
    total = sum(p["seconds"] for p in per_page)
    chars = sum(p["chars"] for p in per_page)
    return {
        "pages": len(per_page),
        "tesseract_pages_per_s": round(len(per_page) / total, 3),
        "loader_pages_per_s": round(sum(f["pages"] for f in files) / sum(f["seconds"] for f in files), 3),
        "char_accuracy": round(sum(p["char_accuracy"] * p["chars"] for p in per_page) / chars, 4),
        "char_accuracy_min_page": min(p["char_accuracy"] for p in per_page),
        "per_page": per_page,
        "files": files,
    }


def run_kind(work: Path, kind: str) -> dict:
    from assistant.factory import Components, close_components
    from assistant.settings import Settings
    from corpus.loaders import iter_documents
    from corpus.models import Document
    from eval.metrics import summarize
    from eval.questions import load_questions
    from eval.runner import evaluate

    folder = work / "folders" / kind
    if not any(folder.iterdir()):
        return {"skipped": "no files (the law was not found)"}
    t0 = time.perf_counter()
    items = list(iter_documents([folder]))
    read_seconds = time.perf_counter() - t0
    docs = [d for d in items if isinstance(d, Document)]
    failures = [f"{f.path}: {f.reason}" for f in items if not isinstance(f, Document)]
    components = Components(Settings(home=work / f"home-{kind}"))
    try:
        root = str(folder.resolve())
        report = components.indexer.run(((root, d) for d in docs), roots=[root])
        questions = load_questions(HERE / ("questions_law.jsonl" if kind == "law" else "questions.jsonl"))
        if kind != "law":
            import dataclasses

            names = {d.source.rsplit(".", 1)[0]: d.source for d in docs}
            questions = [dataclasses.replace(q, sources=[names.get(s, s) for s in q.sources]) for q in questions]
        rows = evaluate(components.assistant, questions)
    finally:
        close_components(components)
    summary = summarize(rows)
    return {
        "files": len(items),
        "read": {d.source: {k: v for k, v in d.meta.items() if k in ("converted_from", "ocr_pages")} for d in docs},
        "failed": failures,
        "read_seconds": round(read_seconds, 2),
        "index_seconds": round(report.seconds, 2),
        "notes": [f"{s}: {n}" for s, n in report.notes],
        "questions": summary["questions"],
        "answer_accuracy": summary["answer_accuracy"],
        "hit@1": summary["hit@1"],
        "wrong": [{"id": r.q.id, "answer": r.answer[:160]} for r in rows if not r.correct],
    }


def markdown(results: dict) -> str:
    ocr = results["ocr"]
    out = [
        "# Documents offices have: measured",
        "",
        f"Machine: {results['machine']}, load average {results.get('load_average', '?')} at the start "
        f"(other jobs share the machine); command: `python -m eval.documents.bench` ({results['seconds']} s).",
        "",
        "## OCR (Tesseract 5, `vie`, pages rendered at 300 dpi in DejaVu Sans)",
        "",
        f"- pages: {ocr['pages']}; Tesseract alone: **{ocr['tesseract_pages_per_s']} pages/s**; "
        f"whole scanned files through the loader (pdfium rendering + OCR): **{ocr['loader_pages_per_s']} pages/s**",
        f"- character accuracy against the rendered text: **{ocr['char_accuracy']:.4f}** (worst page {ocr['char_accuracy_min_page']:.4f})",
        "",
        "| file | pages | seconds | char accuracy |",
        "|---|---|---|---|",
        *[f"| {f['file']} | {f['pages']} | {f['seconds']} | {f['char_accuracy']:.4f} |" for f in ocr["files"]],
        "",
        "## Answer accuracy per kind (real default embedder, extractive answerer)",
        "",
        "| kind | files | read (s) | index (s) | questions | answer accuracy | hit@1 | failed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, r in results["kinds"].items():
        if "skipped" in r:
            out.append(f"| {kind} | – | – | – | – | – | – | {r['skipped']} |")
            continue
        out.append(
            f"| {kind} | {r['files']} | {r['read_seconds']} | {r['index_seconds']} | {r['questions']} | "
            f"{r['answer_accuracy']:.3f} | {r['hit@1']:.3f} | {len(r['failed'])} |"
        )
    out += ["", "Questions answered wrongly:", ""]
    for kind, r in results["kinds"].items():
        for w in r.get("wrong", []):
            out.append(f"- {kind} {w['id']}: {' '.join(w['answer'].split())}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/vk-docbench"))
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--law", type=Path, default=Path(__file__).resolve().parents[3] / "shared/data/laws/luat-thanh-tra-2022.txt")
    args = parser.parse_args(argv)
    import os
    import platform

    t0 = time.perf_counter()
    rendered = make_folders(args.work, args.law)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 1),
        "ocr": measure_ocr(args.work, rendered),
        "kinds": {kind: run_kind(args.work, kind) for kind in KINDS},
        "seconds": 0.0,
    }
    results["seconds"] = round(time.perf_counter() - t0, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    text = markdown(results)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
