"""HTML and Markdown for the chat page. Every piece of document text, title, file name
and question is escaped here: it is shown as text, never run as HTML or JavaScript."""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.strings import strings

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d{1,9}(?=[.)])|[-=])", re.MULTILINE)  # "1. …", "- …": lists, "===": a heading rule
_CITE = re.compile(r"\\\[(\d{1,3})\\\]")


def escape_markdown(text: str) -> str:
    """Escape HTML and Markdown so a chat message shows exactly the text (a line of an
    answer that starts "1. …" or "- …", an item of a law, stays text, not a Markdown list)."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text)


def answer_markdown(answer: dict[str, Any]) -> str:
    """The answer as chat Markdown: text escaped, the part that answers (``spans``) in
    bold, each [n] a link to its source card."""
    raw = answer.get("answer", "")
    pieces, pos = [], 0
    for span in sorted(answer.get("spans") or []):
        start, end = int(span[0]), int(span[1])
        if start < pos or not (0 <= start < end <= len(raw)) or not raw[start:end].strip():
            continue
        pieces.append(escape_markdown(raw[pos:start]))
        pieces.append(f"**{escape_markdown(raw[start:end])}**")
        pos = end
    pieces.append(escape_markdown(raw[pos:]))
    text = "".join(pieces)
    known = {c["n"] for c in answer.get("citations", [])}

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[\\[{n}\\]](#src-{n})" if n in known else m.group(0)

    return _CITE.sub(link, text)


def _highlight(passage: str, quote: str | None) -> str:
    """The passage escaped, with the quoted sentences marked."""
    if not quote:
        return html.escape(passage)
    pieces = [q for q in quote.split(" … ") if q and q in passage]
    if not pieces:
        return html.escape(passage)
    out, pos = [], 0
    marks = sorted((passage.find(q), passage.find(q) + len(q)) for q in pieces)
    for start, end in marks:
        if start < pos:
            continue
        out.append(html.escape(passage[pos:start]))
        out.append(f"<mark>{html.escape(passage[start:end])}</mark>")
        pos = end
    out.append(html.escape(passage[pos:]))
    return "".join(out)


def sources_html(answer: dict[str, Any] | None, documents: dict[str, str] | None = None) -> str:
    """The sources panel: one card per citation, passage with the cited sentence
    highlighted, and the full document in a collapsible block."""
    s = strings()
    if not answer:
        return f'<div class="vk-sources-empty">{html.escape(s["no_sources"])}</div>'
    if not answer.get("found") or not answer.get("citations"):
        return f'<div class="vk-sources-empty">{html.escape(s["no_sources_not_found"])}</div>'
    cards = []
    for c in answer["citations"]:
        meta = [f'{html.escape(s["document"])}: <code>{html.escape(c["source"])}</code>']
        if c.get("date"):
            meta.append(f'{html.escape(s["date"])}: {html.escape(c["date"])}')
        if c.get("org"):
            meta.append(f'{html.escape(s["org"])}: {html.escape(c["org"])}')
        full = (documents or {}).get(c["source"])
        full_block = ""
        if full:
            full_block = (
                f'<details class="vk-full"><summary>{html.escape(s["full_document"])}</summary>'
                f'<div class="vk-fulltext">{html.escape(full)}</div></details>'
            )
        cards.append(
            f'<div class="vk-source" id="src-{int(c["n"])}">'
            f'<div class="vk-source-head"><span class="vk-n">[{int(c["n"])}]</span> '
            f'<strong>{html.escape(c.get("title") or c["source"])}</strong>'
            + (f' <span class="vk-section">› {html.escape(c["section"])}</span>' if c.get("section") else "")
            + "</div>"
            f'<div class="vk-meta">{" · ".join(meta)}</div>'
            f'<div class="vk-passage">{_highlight(c["text"], c.get("quote"))}</div>'
            f"{full_block}</div>"
        )
    return f'<div class="vk-sources"><h3>{html.escape(s["sources"])}</h3>{"".join(cards)}</div>'


CSS = """
.vk-sources h3 { margin: 0 0 .5rem 0; }
.vk-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .8rem; margin-bottom: .6rem; }
.vk-source:target { outline: 2px solid var(--color-accent); }
.vk-n { color: var(--color-accent); font-weight: 700; }
.vk-section { font-weight: normal; opacity: .85; }
.vk-meta { font-size: .85em; opacity: .8; margin: .2rem 0 .4rem 0; }
.vk-passage { white-space: pre-wrap; line-height: 1.5; }
.vk-passage mark { background: #fff3a3; color: inherit; padding: 0 .1em; }
.vk-fulltext { white-space: pre-wrap; max-height: 24rem; overflow-y: auto; font-size: .9em; margin-top: .4rem; }
.vk-sources-empty { opacity: .75; font-style: italic; }
"""
