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
# the same questions as typed in a chat (python -m eval.plain; the variants are not kept):
# without diacritics (*_plain), all in lower case with them (*_lower), asked politely
# ("Cho tôi hỏi, …", "… ạ?": *_polite)
VARIANTS=$(mktemp -d)
trap 'rm -rf "$VARIANTS"' EXIT
variant() {  # NAME HOME QUESTIONS [--lower | --polite]
  $PY -m eval.plain ${4:-} "$3" "$VARIANTS/$1.jsonl" > /dev/null
  run "$1" "$2" "$VARIANTS/$1.jsonl"
}
for typed in plain: lower:--lower polite:--polite; do
  name=${typed%%:*} flag=${typed#*:}
  variant "questions_$name" "$BUNDLED_HOME" eval/questions.jsonl $flag
  variant "party_news_$name" "$PARTY_HOME" eval/party_news_questions.jsonl $flag
  [ "$name" = polite ] || variant "law_$name" "$LAW_HOME" eval/law_questions.jsonl $flag
  if [ -n "${ZALO_HOME:-}" ] && [ -f "${ZALO_QUESTIONS:-}" ]; then
    variant "zalo_$name" "$ZALO_HOME" "$ZALO_QUESTIONS" $flag
    rm -f "eval/baseline/zalo_$name/results.jsonl" "eval/baseline/zalo_$name/report.md" "eval/baseline/zalo_$name/metrics_by_type.png"
  fi
done
