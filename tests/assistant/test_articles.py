"""assistant.articles: the heading that leads an answer from a named article, and the
clause a question names (pure functions; the answerer's use of them is in test_extractive)."""

from assistant.articles import article_lead, in_clause, opens_clause
from assistant.features import Candidate, FEATURES
from assistant.models import Passage
from assistant.query import understand
from assistant.question_info import analyse_question

TEXT = "Điều 47. Thời hạn thanh tra\n1. Thời hạn như sau:\na) Chính phủ 60 ngày;\nb) Tỉnh 45 ngày;\n2. Thời gian tạm dừng."
ARTICLE = FEATURES.index("article")


def _passage(section="Điều 47. Thời hạn thanh tra"):
    return Passage(id="p", source="law.txt", title="Luật Thanh tra", text=TEXT, start=0, end=len(TEXT), meta={"section": section})


def _cand(piece: str, article: float = 1.0) -> Candidate:
    start = TEXT.index(piece)
    x = [0.0] * len(FEATURES)
    x[ARTICLE] = article
    return Candidate(0, 0, 0, piece, start, start + len(piece), x)


def _info(question: str):
    return analyse_question(understand(question), lambda terms: ({t: 1 for t in terms}, 10))


def test_the_heading_leads_when_the_article_is_named_and_not_quoted():
    lead = article_lead(_info("Điều 47 quy định gì?"), [_cand("2. Thời gian tạm dừng.")], [_passage()])
    assert lead == "Điều 47. Thời hạn thanh tra"
    assert article_lead(_info("Điều nào quy định thời hạn thanh tra?"), [_cand("2. Thời gian tạm dừng.")], [_passage()]) == lead
    assert article_lead(_info("Điều 47 quy định gì?"), [_cand("Điều 47. Thời hạn thanh tra")], [_passage()]) is None  # quoted
    assert article_lead(_info("Điều 48 quy định gì?"), [_cand("2. Thời gian tạm dừng.")], [_passage()]) is None
    assert article_lead(_info("Thời hạn thanh tra là bao lâu?"), [_cand("2. Thời gian tạm dừng.")], [_passage()]) is None
    assert article_lead(_info("Điều 47 quy định gì?"), [_cand("2. Thời gian tạm dừng.")], [_passage(section=None)]) is None


def test_a_candidate_is_in_the_named_clause_and_point_of_the_named_article():
    query = understand("Điểm b khoản 1 Điều 47 quy định gì?")
    assert in_clause(query, _cand("b) Tỉnh 45 ngày;"), [_passage()])
    assert not in_clause(query, _cand("a) Chính phủ 60 ngày;"), [_passage()])
    assert not in_clause(query, _cand("b) Tỉnh 45 ngày;", article=-1.0), [_passage()])  # another law's article 47
    clause = understand("Khoản 2 Điều 47 quy định gì?")
    assert in_clause(clause, _cand("2. Thời gian tạm dừng."), [_passage()])
    assert not in_clause(clause, _cand("b) Tỉnh 45 ngày;"), [_passage()])
    assert opens_clause("2. Thời gian tạm dừng.") and not opens_clause("b) Tỉnh 45 ngày;") and not opens_clause("Điều 47.")
