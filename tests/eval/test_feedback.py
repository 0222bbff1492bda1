import json

from assistant.ui.handlers import ChatHandlers
from eval.feedback import draft_questions, read_feedback, summarize_feedback
from eval.questions import parse_questions
from tests.ui.test_handlers import FakeAssistant


def test_the_chat_feedback_log_feeds_the_eval_tools(tmp_path):
    log = tmp_path / "feedback.jsonl"
    handlers = ChatHandlers(FakeAssistant(), log)
    state = list(handlers.respond("Ai là Bí thư?", [], []))[-1][1]
    state = list(handlers.respond("Còn Phó Bí thư?", [], state))[-1][1]
    handlers.feedback(0, True, state)
    handlers.feedback(1, False, state)
    rows = read_feedback(log)
    assert summarize_feedback(rows) == {"ratings": 2, "up": 1, "down": 1, "share_up": 0.5}
    drafts = draft_questions(rows)
    assert drafts[0]["question"] == "Còn Phó Bí thư?" and drafts[0]["history"] == ["Ai là Bí thư?"]
    # the drafts are valid question-set lines
    parse_questions([json.dumps(d, ensure_ascii=False) for d in drafts], "drafts")
