"""Features of the found / not-found decision, from ranked candidates."""

from assistant.answerability import QUESTION_FEATURES, question_features
from assistant.features import build_candidates
from assistant.models import Passage
from assistant.question_info import analyse_question
from assistant.query import understand
from tests.assistant.test_features import _passages, _stats


def test_answerability_sees_the_question_s_slots_held_by_a_candidate():
    q = "Điều 47 Luật Thanh tra quy định về vấn đề gì?"
    info = analyse_question(understand(q), _stats)
    for text, expected in (("Điều 47. Thời hạn thanh tra", 1.0), ("Điều 48. Quyền của đối tượng thanh tra", 0.0)):
        cands = build_candidates(info, _passages(text))
        qf = dict(zip(QUESTION_FEATURES, question_features(info, cands, [1.0] * len(cands))))
        assert qf["best_slot_confirm"] == expected and qf["max_slot_confirm"] == expected


def test_answerability_sees_whether_the_best_candidate_stands_in_the_named_article():
    def passage(section, text):
        return Passage(id=section, source="luat.txt", title="Luật Thanh tra", text=text, start=0, end=len(text), meta={"section": section})

    named = passage("Điều 8. Các hành vi bị nghiêm cấm", "Điều 8. Các hành vi bị nghiêm cấm")
    other = passage("Điều 2. Giải thích từ ngữ", "Điều 2. Giải thích từ ngữ")
    info = analyse_question(understand("Điều 8 Luật Thanh tra quy định gì?"), _stats)
    cands = build_candidates(info, [named, other])
    for ranked_first, expected in ((1, -1.0), (0, 1.0)):
        scores = [1.0 if c.passage == ranked_first else 0.0 for c in cands]
        qf = dict(zip(QUESTION_FEATURES, question_features(info, cands, scores)))
        assert qf["best_article"] == expected
