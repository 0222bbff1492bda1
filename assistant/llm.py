"""Optional LLM answerer: any OpenAI-compatible chat server, or any LangChain chat model.

Generation is one LCEL composition, ``prompt | model | parser`` (a ``ChatPromptTemplate``,
the chat model, a ``StrOutputParser``), run with the chain's config so that callbacks and
tracing see each of the three. The prompt (package data) tells the model to answer only from numbered passages,
which are delimited as quoted data, to cite them as ``[n]`` and to say when they do
not hold the answer. Citation numbers are validated against the passages given: an
invented ``[7]`` is removed, and an answer left with no valid citation is not found.
"""

from __future__ import annotations

import html
import re
from typing import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, SystemMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, HumanMessagePromptTemplate
from langchain_core.runnables import Runnable, RunnableConfig

from assistant.errors import BackendError
from assistant.models import Answer, Citation, Passage
from assistant.query import Query
from assistant.strings import prompt, strings

NOT_FOUND_MARK = "KHÔNG_TÌM_THẤY"
_CITE_RE = re.compile(r"\s?\[(\d{1,3})\]")


def format_passages(passages: list[Passage]) -> str:
    blocks = []
    for n, p in enumerate(passages, start=1):
        # passages are data: escape anything that could close or fake a delimiter
        body = html.escape(p.text, quote=False)
        title = html.escape(p.title or p.source, quote=True)
        blocks.append(f'<passage n="{n}" title="{title}">\n{body}\n</passage>')
    return "\n".join(blocks)


def build_prompt() -> ChatPromptTemplate:
    """The system prompt (literal) and the user prompt (a template over passages, context, question)."""
    return ChatPromptTemplate.from_messages(
        [SystemMessage(prompt("system_vi")), HumanMessagePromptTemplate.from_template(prompt("user_vi"))]
    )


def prompt_inputs(query: Query, passages: list[Passage]) -> dict[str, str]:
    context = f"(Câu hỏi trước đó trong cuộc trò chuyện: {query.context})\n" if query.context else ""
    return {"passages": format_passages(passages), "question": query.question, "context": context}


def build_messages(query: Query, passages: list[Passage]) -> list[BaseMessage]:
    return build_prompt().format_messages(**prompt_inputs(query, passages))


def finish(text: str, passages: list[Passage]) -> Answer:
    """Validate the model's citations and build the Answer."""
    text = text.strip()
    if not text or NOT_FOUND_MARK in text:
        return Answer(answer=strings()["not_found"], found=False)
    used: dict[int, int] = {}

    def renumber(m: re.Match) -> str:
        n = int(m.group(1))
        if not 1 <= n <= len(passages):
            return ""  # an invented citation is dropped
        return f" [{used.setdefault(n, len(used) + 1)}]"

    cleaned = _CITE_RE.sub(renumber, text).strip()
    if not used:
        return Answer(answer=strings()["not_found"], found=False)
    citations = [Citation.from_passage(new, passages[old - 1]) for old, new in sorted(used.items(), key=lambda kv: kv[1])]
    return Answer(answer=cleaned, found=True, citations=citations)


class LLMAnswerer:
    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self.generate: Runnable = build_prompt() | model | StrOutputParser()

    def answer(self, query: Query, passages: list[Passage], config: RunnableConfig | None = None) -> Answer:
        if not passages:
            return Answer(answer=strings()["not_found"], found=False)
        try:
            text = self.generate.invoke(prompt_inputs(query, passages), config)
        except Exception as exc:  # network errors, HTTP errors, timeouts of any client
            raise BackendError(f"The language model server failed: {type(exc).__name__}: {exc}") from exc
        return finish(text, passages)

    def stream(self, query: Query, passages: list[Passage], config: RunnableConfig | None = None) -> Iterator[str | Answer]:
        """Yield text pieces as the model writes, then the validated Answer."""
        if not passages:
            yield Answer(answer=strings()["not_found"], found=False)
            return
        pieces: list[str] = []
        try:
            for piece in self.generate.stream(prompt_inputs(query, passages), config):
                pieces.append(piece)
                yield piece
        except Exception as exc:
            raise BackendError(f"The language model server failed: {type(exc).__name__}: {exc}") from exc
        yield finish("".join(pieces), passages)
