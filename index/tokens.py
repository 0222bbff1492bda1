"""Vietnamese tokenisation for the keyword index.

Text is indexed as syllables in two forms: accented (one tone-mark style, ⁄ = /) and
without diacritics, so a question typed without accents still matches. Each pair of
neighbouring syllables is indexed as one more token (``bí_thư``), so "bí thư" scores
above "bí" and "thư" apart without FTS5 phrase queries, which must merge the position
lists of two common syllables and were most of the keyword search time. Document numbers
add ASCII keys (``so_5_ct_tw``, always three parts or more, so never a pair) so every
writing variant meets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from corpus.docnumbers import doc_number_keys
from corpus.text import normalize_for_match, strip_diacritics

TOKENIZER_VERSION = "4"  # 4: the numbers of a legislature's laws and resolutions ("56/2010/QH12") are document numbers
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("index").joinpath("data/stopwords_vi.txt").read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(normalize_for_match(line))
    return frozenset(words)


def syllables(text: str) -> list[str]:
    """Lower-case, tone-normalised syllables (and numbers) of ``text``."""
    return _TOKEN_RE.findall(normalize_for_match(text).replace("_", " ").replace("%", " phần trăm "))


def keyword_text(text: str) -> str:
    """The stored keyword form of a passage: its syllables, then its document-number keys."""
    return " ".join(syllables(text) + doc_number_keys(text))


def _with_pairs(tokens: list[str]) -> str:
    pairs = [f"{a}_{b}" for a, b in zip(tokens, tokens[1:]) if "_" not in a and "_" not in b]
    return " ".join(tokens + pairs)


def fts_columns(kw: str) -> tuple[str, str]:
    """The two indexed columns of a stored keyword text: accented and plain tokens, each
    with its syllable pairs. Space-joined (FTS5's unicode61 tokenizer splits them back)."""
    return _with_pairs(kw.split()), _with_pairs(strip_diacritics(kw).split())


def single_terms(kw: str) -> set[str]:
    """The distinct single tokens (syllables and keys, both forms) of a stored keyword text:
    what the document-frequency table counts."""
    return set(kw.split()) | set(strip_diacritics(kw).split())


def index_fields(text: str) -> tuple[str, str]:
    """The two indexed columns of a passage (see ``fts_columns``)."""
    return fts_columns(keyword_text(text))


def pair_token(term: str) -> str:
    """The index token of a query term: a syllable pair "bí thư" is the token ``bí_thư``."""
    return term.replace(" ", "_")


@dataclass(frozen=True, slots=True)
class KeywordQuery:
    """Terms of a keyword search: phrases (one or more syllables) per column."""

    acc: tuple[str, ...]
    plain: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.acc and not self.plain


def _phrases(tokens: list[str], stop: frozenset[str]) -> list[str]:
    out: dict[str, None] = {}
    for tok in tokens:
        if tok not in stop:
            out.setdefault(tok, None)
    for a, b in zip(tokens, tokens[1:]):
        if a in stop and b in stop:
            continue
        out.setdefault(f"{a} {b}", None)
    return list(out)


def build_query(text: str, extra_keys: list[str] | None = None, max_terms: int = 48) -> KeywordQuery:
    """Keyword query for a question: syllables, syllable pairs and document-number keys.

    Accented terms are searched only when the question carries diacritics; the plain
    form is always searched (it is the only form for a question typed without them)."""
    stop = stopwords()
    tokens = syllables(text)
    keys = list(dict.fromkeys(doc_number_keys(text) + doc_number_keys(text.upper()) + (extra_keys or [])))
    accented = strip_diacritics(" ".join(tokens)) != " ".join(tokens)
    acc_terms = (_phrases(tokens, stop) + keys)[:max_terms] if accented else []
    plain_tokens = [strip_diacritics(t) for t in tokens]
    plain_stop = frozenset(strip_diacritics(s) for s in stop)
    plain_terms = (_phrases(plain_tokens, plain_stop) + keys)[:max_terms]
    return KeywordQuery(tuple(acc_terms), tuple(plain_terms))


def fts_expression(query: KeywordQuery) -> str:
    """The FTS5 MATCH expression of a query (terms quoted, columns named)."""

    def quote(term: str) -> str:
        return '"' + pair_token(term.replace('"', " ").strip()) + '"'

    parts = []
    if query.acc:
        parts.append("acc : (" + " OR ".join(quote(t) for t in query.acc) + ")")
    if query.plain:
        parts.append("plain : (" + " OR ".join(quote(t) for t in query.plain) + ")")
    return " OR ".join(parts)
