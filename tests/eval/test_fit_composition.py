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
