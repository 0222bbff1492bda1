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


def _qf(question, passages, best=0):
    info = analyse_question(understand(question), _stats)
    cands = build_candidates(info, passages)
    scores = [1.0 if c.passage == best else 0.0 for c in cands]
    return dict(zip(QUESTION_FEATURES, question_features(info, cands, scores, passages)))


def test_answerability_sees_a_number_the_question_pins_down_given_another_value():
    q = "Hội nghị Ban Chấp hành Trung ương Đoàn lần thứ 12 (khóa X) được tổ chức vào ngày nào?"
    other = "Sáng 24/6, Hội nghị Ban Chấp hành Trung ương Đoàn lần thứ 11 (Khóa X) đã khai mạc tại Thành phố Hồ Chí Minh."
    qf = _qf(q, _passages(other))
    assert qf["best_number_conflict"] == 1.0 and qf["number_unconfirmed"] == 0.5  # 12 held nowhere, X held
    qf = _qf(q, _passages(other.replace("lần thứ 11", "lần thứ XII")))  # 12 in Roman numerals
    assert qf["best_number_conflict"] == 0.0 and qf["number_unconfirmed"] == 0.0
    assert _qf("Ai là Bí thư Tỉnh ủy?", _passages(other))["number_unconfirmed"] == 0.0  # no number asked


def test_a_number_held_by_the_passage_s_title_or_heading_is_confirmed():
    text = "Chậm nhất là 15 ngày kể từ ngày kết thúc thanh tra trực tiếp."
    bare = Passage(id="a", source="luat.txt", title="Luật", text=text, start=0, end=len(text))
    headed = Passage(id="b", source="luat.txt", title="Luật Thanh tra 2022", text=text, start=0, end=len(text), meta={"section": "Điều 57. Thời hạn"})
    q = "Theo Điều 57 Luật Thanh tra 2022, chậm nhất bao nhiêu ngày?"
    assert _qf(q, [bare])["number_unconfirmed"] == 1.0
    assert _qf(q, [headed])["number_unconfirmed"] == 0.0
