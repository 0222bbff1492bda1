from eval.metrics import Row, citation_precision, is_correct, percentile, source_hit, span_hit, summarize
from eval.questions import Question


def q(answers, sources=("a.txt",), all_answers=False, type_="factoid"):
    return Question(id="x", question="?", answers=list(answers), all_answers=all_answers, sources=list(sources), type=type_)


def test_accuracy_uses_the_normalised_comparison():
    assert is_correct(q(["Tỉnh uỷ"]), "Ban Tuyên giáo TỈNH ỦY [1]", True)
    assert is_correct(q(["205-KH/ĐU"]), "Kế hoạch số 205-KH⁄ĐU [1]", True)
    assert is_correct(q(["2017 - 2020"]), "nhiệm kỳ 2017  –  2020", True)
    assert not is_correct(q(["Trần Phương"]), "Trần Phương [1]", False)  # not found is never correct
    assert not is_correct(q(["A", "B"], all_answers=True), "A only", True)
    assert is_correct(q(["A", "B"], all_answers=True), "a and b", True)
    assert is_correct(q([], sources=()), "Không tìm thấy", False)
    assert not is_correct(q([], sources=()), "something", True)


def test_hit_and_citation_precision():
    cites = [{"n": 1, "source": "b.txt"}, {"n": 2, "source": "a.txt"}]
    assert source_hit(q(["x"]), cites, 1) is False
    assert source_hit(q(["x"]), cites, 3) is True
    assert citation_precision(q(["x"]), "x [1] y [2]", cites) == 0.5
    assert citation_precision(q(["x"]), "x [2]", cites) == 1.0
    assert citation_precision(q(["x"]), "no citation", cites) is None


def test_summary_refusal_metrics():
    rows = [
        Row(q(["x"]), "x [1]", True, [{"n": 1, "source": "a.txt"}], 10.0),
        Row(q(["y"]), "not found", False, [], 20.0),
        Row(q([], sources=()), "not found", False, [], 30.0),
        Row(q([], sources=()), "z [1]", True, [{"n": 1, "source": "a.txt"}], 40.0),
    ]
    s = summarize(rows)
    assert s["answer_accuracy"] == 0.5
    assert s["refusal_recall"] == 0.5  # one of two unanswerable refused
    assert s["refusal_precision"] == 0.5  # one of two refusals was right
    assert s["answerable_refused"] == 0.5
    assert s["latency_p50_ms"] == 25.0 and s["hit@1"] == 0.5  # a refused answerable question cites nothing
    assert percentile([1, 2, 3, 4], 95) > 3.8


def test_span_hit_is_whether_the_marked_span_holds_the_answer():
    answer = "Đồng chí Đào Việt Trung, Chủ nhiệm Văn phòng Chủ tịch nước [1]"
    at = answer.index("Đào Việt Trung")
    assert span_hit(q(["Đào Việt Trung"]), answer, True, [[at, at + len("Đào Việt Trung")]]) is True
    assert span_hit(q(["Đào Việt Trung"]), answer, True, [[0, 8]]) is False  # "Đồng chí" marked
    assert span_hit(q(["ngày 27/3/2020"]), "Ngày 27⁄3⁄2020 [1]", True, [[5, 14]]) is True  # inside the gold answer
    assert span_hit(q(["Đào Việt Trung"]), answer, True, []) is None  # nothing marked
    assert span_hit(q(["Lê Văn A"]), answer, True, [[at, at + 3]]) is None  # a wrong answer is not counted
    rows = [Row(q(["x"]), "x [1]", True, [], 1.0, spans=[[0, 1]]), Row(q(["y"]), "y z [1]", True, [], 1.0, spans=[[2, 3]])]
    assert summarize(rows)["span_hit"] == 0.5
