"""The chat page's event handlers, free of Gradio so they can be tested with a fake
assistant. Each session keeps its own conversation in its state: nothing is shared
between users but the index."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Protocol

from assistant.errors import InputError, VankienError
from assistant.models import Answer
from assistant.retriever import Filters, check_date
from assistant.strings import strings
from assistant.ui.render import answer_markdown, escape_markdown, sources_html

log = logging.getLogger(__name__)


class AssistantLike(Protocol):
    def stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Iterator[str | Answer]: ...

    def ask(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Answer: ...

    def document(self, source: str) -> Any: ...


def _filters(
    sources: list[str] | None,
    org: str | None,
    date_from: str | None,
    date_to: str | None,
    doc_type: str | None = None,
    issuer: str | None = None,
) -> Filters | None:
    for value in (date_from, date_to):
        if value and value.strip():
            try:
                check_date(value.strip())
            except VankienError:
                raise VankienError(strings()["filter_bad_date"].format(value=value)) from None
    f = Filters(
        sources=tuple(sources or ()),
        org=(org or "").strip() or None,
        date_from=(date_from or "").strip() or None,
        date_to=(date_to or "").strip() or None,
        doc_type=(doc_type or "").strip() or None,
        issuer=(issuer or "").strip() or None,
    )
    return None if f.empty else f


def file_status(name: str, result: Any) -> str:
    """One line of the upload list: what became of a file (added, OCR pages, encoding
    converted, sections found) in Vietnamese."""
    s = strings()
    read = result.read.get(name, {})
    chunks = result.chunks_of.get(name, 0)
    if name in result.added:
        parts = [s["upload_added"].format(chunks=chunks)]
    elif name in result.updated:
        parts = [s["upload_updated"].format(chunks=chunks)]
    else:
        parts = [s["upload_unchanged"]]
    if read.get("converted_from"):
        parts.append(s["upload_note_converted"].format(encoding=read["converted_from"]))
    if read.get("ocr_pages"):
        parts.append(s["upload_note_ocr"].format(n=read["ocr_pages"]))
    if read.get("ocr_missing_pages"):
        parts.append(s["upload_note_ocr_missing"].format(n=read["ocr_missing_pages"]))
    if read.get("sections"):
        parts.append(s["upload_note_sections"].format(n=read["sections"]))
    if read.get("doc_type"):
        parts.append(s["upload_note_type"].format(doc_type=read["doc_type"]))
    return s["upload_file_ok"].format(name=escape_markdown(name), status=escape_markdown("; ".join(parts)))


class ChatHandlers:
    def __init__(self, assistant: AssistantLike, feedback_path: Path, library: Any = None) -> None:
        self.assistant = assistant
        self.feedback_path = Path(feedback_path)
        self.library = library
        self._feedback_lock = threading.Lock()

    # -- chat --------------------------------------------------------------------
    def respond(
        self,
        message: str,
        chat: list[dict] | None,
        state: list[dict] | None,
        sources: list[str] | None = None,
        org: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        doc_type: str | None = None,
        issuer: str | None = None,
    ) -> Iterator[tuple[list[dict], list[dict], str, str]]:
        """Yield (chat messages, session state, sources panel, textbox) as the answer streams."""
        chat = list(chat or [])
        state = list(state or [])
        question = message if isinstance(message, str) else ""
        chat.append({"role": "user", "content": escape_markdown(question)})
        chat.append({"role": "assistant", "content": strings()["thinking"]})
        yield chat, state, sources_html(state[-1]["answer"] if state else None), ""
        history = [turn["question"] for turn in state if not turn.get("error")]
        try:
            filters = _filters(sources, org, date_from, date_to, doc_type, issuer)
            text = ""
            final: Answer | None = None
            for piece in self.assistant.stream(question, history=history, filters=filters):
                if isinstance(piece, Answer):
                    final = piece
                    break
                text += piece
                chat[-1] = {"role": "assistant", "content": escape_markdown(text)}
                yield chat, state, sources_html(None), ""
            assert final is not None
        except VankienError as exc:
            yield self._failed(chat, state, question, exc.message)
            return
        except Exception as exc:  # the edge: a message, never a traceback
            log.exception("chat failed")
            yield self._failed(chat, state, question, strings()["error"].format(message=type(exc).__name__))
            return
        data = final.to_json()
        state.append({"question": question, "answer": data, "time": time.time()})
        chat[-1] = {"role": "assistant", "content": answer_markdown(data)}
        yield chat, state, sources_html(data, self._documents(data)), ""

    @staticmethod
    def _failed(chat: list[dict], state: list[dict], question: str, message: str) -> tuple[list[dict], list[dict], str, str]:
        """Show the message; keep one state entry per turn so later turns stay aligned."""
        chat[-1] = {"role": "assistant", "content": escape_markdown(message)}
        state.append({"question": question, "answer": {"answer": message, "found": False, "citations": []}, "error": True})
        return chat, state, sources_html(None), ""

    def _documents(self, answer: dict) -> dict[str, str]:
        docs = {}
        for c in answer.get("citations", []):
            doc = self.assistant.document(c["source"])
            if doc is not None:
                docs[c["source"]] = doc.text
        return docs

    def new_chat(self) -> tuple[list, list, str, str]:
        return [], [], sources_html(None), ""

    def show_turn(self, index: int, state: list[dict] | None) -> str:
        """The sources of an earlier answer (its index among the assistant's messages)."""
        state = state or []
        if 0 <= index < len(state):
            data = state[index]["answer"]
            return sources_html(data, self._documents(data))
        return sources_html(None)

    # -- feedback ----------------------------------------------------------------
    def feedback(self, index: int, liked: bool, state: list[dict] | None) -> str:
        """Append a thumbs up/down with the question, answer and citations to the log."""
        state = state or []
        if not 0 <= index < len(state):
            return ""
        turn = state[index]
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "rating": "up" if liked else "down",
            "question": turn["question"],
            "history": [t["question"] for t in state[:index]],
            "answer": turn["answer"].get("answer"),
            "found": turn["answer"].get("found"),
            "citations": turn["answer"].get("citations"),
        }
        self.feedback_path.parent.mkdir(parents=True, exist_ok=True)
        with self._feedback_lock, self.feedback_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        return strings()["feedback_thanks"]

    # -- API (same JSON as `vankien ask --json`) ---------------------------------
    def api_ask(self, question: str, history: list[str] | None = None) -> dict:
        """Raises InputError for arguments of the wrong kind (the API turns it into an
        error response); domain errors come back as JSON with an ``error`` field."""
        s = strings()
        if not isinstance(question, str):
            raise InputError(s["api_bad_question"])
        if history is not None and (
            not isinstance(history, (list, tuple)) or not all(isinstance(h, str) for h in history)
        ):
            raise InputError(s["api_bad_history"].format(kind=type(history).__name__))
        try:
            return self.assistant.ask(question, history=list(history or [])).to_json()
        except VankienError as exc:
            return {"error": exc.message, "answer": exc.message, "found": False, "citations": [], "timings_ms": {}}

    # -- documents ---------------------------------------------------------------
    def upload(
        self, files: list[Any] | None, progress: Any = None, replace: bool = False
    ) -> tuple[str, list[list], list[str]]:
        s = strings()
        if not files:
            return "", self.library.rows(), self.library.sources()
        pairs = []
        for f in files:
            path = Path(getattr(f, "name", None) or str(f))
            original = getattr(f, "orig_name", None) or path.name
            pairs.append((original, path))
        done = [0]

        def tick(n: int) -> None:
            done[0] += n
            if progress is not None:
                progress((done[0], len(pairs)), desc="Đang lập chỉ mục")

        def step(line: str) -> None:  # each OCR page, each .doc conversion
            if progress is not None:
                progress(None, desc=line)

        try:
            result = self.library.add_files(pairs, progress=tick, step=step, replace=bool(replace))
        except VankienError as exc:
            return escape_markdown(exc.message), self.library.rows(), self.library.sources()
        lines = []
        n_ok = len(result.added) + len(result.updated)
        if n_ok:
            lines.append(s["indexed_ok"].format(n=n_ok, chunks=result.chunks))
        if result.unchanged:
            lines.append(s["indexed_unchanged"].format(n=result.unchanged))
        failed = dict(result.failed)
        for name in dict.fromkeys([*result.added, *result.updated, *failed]):
            if name in failed:
                lines.append(s["upload_file_failed"].format(name=escape_markdown(name), reason=escape_markdown(failed[name])))
            else:
                lines.append(file_status(name, result))
        for name in result.replaced:
            lines.append(s["upload_replaced"].format(name=escape_markdown(name)))
        for new_id, name in result.renamed:
            lines.append("ℹ️ " + s["upload_renamed"].format(name=escape_markdown(name), new_id=escape_markdown(new_id)))
        if result.resumed:
            lines.append(s["upload_resumed"].format(n=len(result.resumed)))
        return "\n\n".join(lines), self.library.rows(), self.library.sources()

    def remove(self, source: str | None) -> tuple[str, list[list], list[str]]:
        s = strings()
        if not source:
            return "", self.library.rows(), self.library.sources()
        try:
            ok = self.library.remove(source)
        except VankienError as exc:
            return escape_markdown(exc.message), self.library.rows(), self.library.sources()
        message = (s["removed_ok"] if ok else s["removed_missing"]).format(source=escape_markdown(source))
        return message, self.library.rows(), self.library.sources()

    def refresh(self) -> tuple[list[list], list[str]]:
        return self.library.rows(), self.library.sources()
