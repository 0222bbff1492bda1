#!/bin/bash
# Re-run every question set and write eval/baseline/<set>/ (summary.json, report.md, results.jsonl).
# The homes hold the indexes each set is asked against (read only):
#   BUNDLED_HOME: the bundled corpus (vankien index)      PARTY_HOME: bundled + vinews-party.jsonl
#   ZALO_HOME:    ../shared/data/zalo/paragraphs.jsonl    LAW_HOME:   ../shared/data/laws/
#   LAW_ARTICLES_HOME (optional): the same laws one article per record (python -m eval.law_articles)
# Zalo questions are not ours to publish: only its summary.json is kept (no questions, answers or report).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python}
run() {  # NAME HOME QUESTIONS
  local out=eval/baseline/$1
  [ -d "$2" ] || { echo "skip $1: no index at $2"; return; }
  VANKIEN_HOME=$2 $PY -m assistant.cli eval --questions "$3" --out "$out" -q
}
run questions "${BUNDLED_HOME:?}" eval/questions.jsonl
run bundled_new "$BUNDLED_HOME" eval/bundled_new_questions.jsonl
run party "${PARTY_HOME:?}" eval/party_questions.jsonl
run questions-on-party "$PARTY_HOME" eval/questions_on_party.jsonl  # the bundled questions among 1,186 other articles (eval/relabel.py)
run bundled_new-on-party "$PARTY_HOME" eval/bundled_new_questions.jsonl
run party_news "$PARTY_HOME" eval/party_news_questions.jsonl
run party_fresh "$PARTY_HOME" eval/party_fresh_questions.jsonl  # test only: never give it to eval.fit
run law "${LAW_HOME:?}" eval/law_questions.jsonl
run law_lists "$LAW_HOME" eval/law_list_questions.jsonl  # test only: list questions written after the enumeration rule
run law_clauses "$LAW_HOME" eval/law_clause_questions.jsonl  # test only: questions naming a clause, written after the clause rule
run law_which "$LAW_HOME" eval/law_which_questions.jsonl  # test only: "Điều nào …?" questions, written after the heading rule
if [ -n "${LAW_ARTICLES_HOME:-}" ]; then  # citation precision is not measured there: sources are articles, not the law files
  run law_articles "$LAW_ARTICLES_HOME" eval/law_questions.jsonl
fi
if [ -n "${ZALO_HOME:-}" ] && [ -f "${ZALO_QUESTIONS:-}" ]; then
  run zalo "$ZALO_HOME" "$ZALO_QUESTIONS"
  rm -f eval/baseline/zalo/results.jsonl eval/baseline/zalo/report.md eval/baseline/zalo/metrics_by_type.png
fi
# the same questions typed without diacritics (python -m eval.plain; the variants are not kept)
PLAIN=$(mktemp -d)
trap 'rm -rf "$PLAIN"' EXIT
plain() {  # NAME HOME QUESTIONS
  $PY -m eval.plain "$3" "$PLAIN/$1.jsonl" > /dev/null
  run "$1" "$2" "$PLAIN/$1.jsonl"
}
plain questions_plain "$BUNDLED_HOME" eval/questions.jsonl
plain party_news_plain "$PARTY_HOME" eval/party_news_questions.jsonl
plain law_plain "$LAW_HOME" eval/law_questions.jsonl
if [ -n "${ZALO_HOME:-}" ] && [ -f "${ZALO_QUESTIONS:-}" ]; then
  plain zalo_plain "$ZALO_HOME" "$ZALO_QUESTIONS"
  rm -f eval/baseline/zalo_plain/results.jsonl eval/baseline/zalo_plain/report.md eval/baseline/zalo_plain/metrics_by_type.png
fi
# ... and typed all in lower case, diacritics kept (python -m eval.plain --lower)
lower() {  # NAME HOME QUESTIONS
  $PY -m eval.plain --lower "$3" "$PLAIN/$1.jsonl" > /dev/null
  run "$1" "$2" "$PLAIN/$1.jsonl"
}
lower questions_lower "$BUNDLED_HOME" eval/questions.jsonl
lower party_news_lower "$PARTY_HOME" eval/party_news_questions.jsonl
lower law_lower "$LAW_HOME" eval/law_questions.jsonl
if [ -n "${ZALO_HOME:-}" ] && [ -f "${ZALO_QUESTIONS:-}" ]; then
  lower zalo_lower "$ZALO_HOME" "$ZALO_QUESTIONS"
  rm -f eval/baseline/zalo_lower/results.jsonl eval/baseline/zalo_lower/report.md eval/baseline/zalo_lower/metrics_by_type.png
fi
# ... and asked politely, as in a chat ("Cho tôi hỏi, …", "… ạ?": python -m eval.plain --polite)
polite() {  # NAME HOME QUESTIONS
  $PY -m eval.plain --polite "$3" "$PLAIN/$1.jsonl" > /dev/null
  run "$1" "$2" "$PLAIN/$1.jsonl"
}
polite questions_polite "$BUNDLED_HOME" eval/questions.jsonl
polite party_news_polite "$PARTY_HOME" eval/party_news_questions.jsonl
if [ -n "${ZALO_HOME:-}" ] && [ -f "${ZALO_QUESTIONS:-}" ]; then
  polite zalo_polite "$ZALO_HOME" "$ZALO_QUESTIONS"
  rm -f eval/baseline/zalo_polite/results.jsonl eval/baseline/zalo_polite/report.md eval/baseline/zalo_polite/metrics_by_type.png
fi
