"""eval.fit's figures and composition choice on hand-made answers (no index needed)."""

from assistant.models import Answer, Citation
from eval import fit
from eval.questions import Question


def _item(i, gold_source="a.txt"):
    q = Question(f"q{i}", f"Câu hỏi {i}?", ["Trần Phương"], sources=[gold_source])
    return fit.Item("s", q, q.id, [])


def _answer(*sources):
    cites = [Citation(n=n, source=s, title="", text="Trần Phương", start=0, end=11, score=0.5) for n, s in enumerate(sources, 1)]
    text = " ".join(f"Đồng chí Trần Phương [{c.n}]" for c in cites)
    return Answer(answer=text, found=True, citations=cites)


def test_evaluate_reports_citation_precision_of_answered_questions():
    items = [_item(0), _item(1)]
    ev = fit.evaluate(items, [_answer("a.txt"), _answer("a.txt", "b.txt")], [1.0, 1.0], 0.5)["s"]
    assert ev["accuracy"] == 1.0
    assert ev["citation_precision"] == 0.75  # 1 and 1/2
    refused = fit.evaluate(items, [_answer("a.txt"), _answer("b.txt")], [1.0, 0.1], 0.5)["s"]
    assert refused["citation_precision"] == 1.0  # a refused question cites nothing


def test_among_compositions_equally_accurate_the_more_precise_citations_win():
    items = [_item(i) for i in range(300)]
    one = [_answer("a.txt") for _ in items]
    two = [_answer("a.txt", "b.txt") for _ in items]
    wrong = list(one)
    wrong[:3] = [Answer(answer="Không rõ [1]", found=True, citations=one[0].citations)] * 3
    # (0.2, None, 420) cites a second document every time; (0.2, 0.5, 420) never, at the same accuracy
    chosen = fit.choose_composition(items, {(0.2, None, 420): two, (0.2, 0.5, 420): one}, 285, log=lambda *a: None)
    assert chosen == (0.2, 0.5, 420)
    # one question in a hundred less accurate is not a tie: accuracy wins
    chosen = fit.choose_composition(items, {(0.2, None, 420): two, (0.2, 0.5, 420): wrong}, 285, log=lambda *a: None)
    assert chosen == (0.2, None, 420)


def test_a_composition_over_the_length_bound_is_never_chosen():
    items = [_item(i) for i in range(10)]
    short = [_answer("a.txt") for _ in items]
    long = [a.model_copy(update={"answer": a.answer + " x" * 200}) for a in short]
    chosen = fit.choose_composition(items, {(0.0, None, 520): long, (0.5, None, 320): short}, 285, log=lambda *a: None)
    assert chosen == (0.5, None, 320)


def test_a_fold_salt_moves_questions_between_folds_but_not_out_of_the_held_out_fifth():
    items = [_item(i) for i in range(200)]
    from dataclasses import replace

    salted = [replace(it, fold_salt="1") for it in items]
    assert [it.held_out for it in salted] == [it.held_out for it in items]
    assert [it.fold for it in salted] != [it.fold for it in items]
    assert {it.fold for it in salted} == set(range(fit.FOLDS))


def test_every_set_counts_alike_whatever_its_size():
    big = [fit.Item("big", Question(f"b{i}", "Câu hỏi?", ["Trần Phương"], sources=["a.txt"]), f"b{i}", []) for i in range(30)]
    small = [fit.Item("small", Question(f"s{i}", "Câu hỏi?", ["Trần Phương"], sources=["a.txt"]), f"s{i}", []) for i in range(5)]
    items = big + small
    right, wrong = _answer("a.txt"), Answer(answer="Không rõ [1]", found=True, citations=_answer("a.txt").citations)
    # A: 3 more right in the big set, the small set all wrong; B: the big set 27/30, the small set all right
    a = [right] * 30 + [wrong] * 5
    b = [right] * 27 + [wrong] * 3 + [right] * 5
    assert fit.choose_composition(items, {(0.2, None, 420): a, (0.1, None, 420): b}, 285, log=lambda *x: None) == (0.1, None, 420)


def test_the_length_bound_holds_for_the_answers_given_not_the_refused():
    items = [_item(i) for i in range(10)]
    short = [_answer("a.txt") for _ in items]
    long = [a.model_copy(update={"answer": a.answer + " x" * 200}) for a in short]
    mixed = short[:5] + long[5:]  # right everywhere, long on the last five
    worse = short[:9] + [Answer(answer="Không rõ [1]", found=True, citations=short[0].citations)]
    keys = {(0.0, None, 520): mixed, (0.5, None, 320): worse}
    # every question answered: the median is short, the more accurate composition wins
    assert fit.choose_composition(items, keys, 285, log=lambda *x: None) == (0.0, None, 520)
    # the first five refused: the long answers alone set the median, over the bound
    probs = [0.1] * 5 + [0.9] * 5
    assert fit.choose_composition(items, keys, 285, log=lambda *x: None, probs=probs, threshold=0.5) == (0.5, None, 320)


def test_the_fit_reads_a_question_as_it_was_retrieved():
    """A question typed without diacritics is retrieved (and answered) with them taken back;
    its cached retrieval says how, and the features are those of that question."""
    q = Question("x", "bi thu chi bo la ai", ["Trần Phương"])
    row = {"passages": [], "df": {}, "n": 1}
    plain = fit.build_items("s", [q], {fit._qkey(q): row}, "question")[0]
    restored = fit.build_items("s", [q], {fit._qkey(q): {**row, "restored": "Bí thư Chi bộ là ai"}}, "question")[0]
    assert plain.info.query.question == "bi thu chi bo la ai" and not plain.info.query.accented
    assert restored.info.query.question == "Bí thư Chi bộ là ai" and restored.info.query.accented
