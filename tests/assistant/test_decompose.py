"""Questions about several things: cut into parts, and the parts' answers joined."""

import re

from hypothesis import given, settings, strategies as st

from assistant.decompose import MAX_PARTS, join_answers, split_question
from assistant.models import Answer, Citation
from assistant.query import understand
from assistant.retriever import HybridRetriever


def _texts(question):
    return [p.question for p in split_question(question)]


def test_an_enumeration_after_a_colon_is_one_question_per_item():
    q = "Cho biết ngày tổ chức đại hội của ba chi bộ: Văn phòng Tổng cục, Văn phòng Sở 2 (Sở Công Thương) và khối Nghiên cứu-Tổng hợp."
    assert _texts(q) == [
        "Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Tổng cục",  # the count belongs to the whole
        "Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Sở 2 (Sở Công Thương)",
        "Cho biết ngày tổ chức đại hội của chi bộ khối Nghiên cứu-Tổng hợp",
    ]


def test_the_stated_count_decides_which_va_joins_items():
    q = "Cho biết ngày tổ chức đại hội của hai chi bộ: Văn phòng Tổng cục Địa chất và Khoáng sản Việt Nam và Văn phòng Sở 2"
    assert _texts(q) == [
        "Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Tổng cục Địa chất và Khoáng sản Việt Nam",
        "Cho biết ngày tổ chức đại hội của chi bộ Văn phòng Sở 2",
    ]
    # without a count, parallel items keep a 'và' inside the last one
    assert _texts("Nêu nhiệm vụ của các đơn vị: Sở Công Thương, Sở Tài nguyên và Môi trường") == [
        "Nêu nhiệm vụ của các đơn vị Sở Công Thương",
        "Nêu nhiệm vụ của các đơn vị Sở Tài nguyên và Môi trường",
    ]


def test_two_questions_joined_by_va_keep_the_whole_as_context():
    q = "Ai là Bí thư Đảng ủy và ai là Chủ tịch UBND xã Quế Long, huyện Quế Sơn?"
    parts = split_question(q)
    assert [p.question for p in parts] == ["Ai là Bí thư Đảng ủy", "ai là Chủ tịch UBND xã Quế Long, huyện Quế Sơn?"]
    query = understand(q)
    assert [p.question for p in query.parts] == [p.question for p in parts]
    assert all(p.context == q and "Quế Long" in p.search_text for p in query.parts)
    assert not any(p.parts for p in query.parts)


def test_one_head_with_two_values_is_two_questions():
    assert _texts("Năm 2016 quận 2 và quận 9 có bao nhiêu vụ phạm pháp hình sự?") == [
        "Năm 2016 quận 2 có bao nhiêu vụ phạm pháp hình sự?",
        "Năm 2016 quận 9 có bao nhiêu vụ phạm pháp hình sự?",
    ]


def test_the_same_head_before_two_names_is_two_questions_that_keep_the_whole_as_context():
    parts = split_question("Chi bộ Văn phòng Tổng cục và Chi bộ Văn phòng Sở 2 đã bầu ai làm Bí thư Chi bộ?")
    assert [p.question for p in parts] == [
        "Chi bộ Văn phòng Tổng cục đã bầu ai làm Bí thư Chi bộ?",
        "Chi bộ Văn phòng Sở 2 đã bầu ai làm Bí thư Chi bộ?",
    ]
    assert all(p.needs_context for p in parts)
    # a name that begins in lower case, heads of several words, persons
    assert _texts("Chi bộ khối Nghiên cứu-Tổng hợp và Chi bộ Văn phòng Sở 2 tổ chức đại hội ngày nào?") == [
        "Chi bộ khối Nghiên cứu-Tổng hợp tổ chức đại hội ngày nào?",
        "Chi bộ Văn phòng Sở 2 tổ chức đại hội ngày nào?",
    ]
    assert _texts("Bí thư Tỉnh ủy Hưng Yên và Bí thư Tỉnh ủy Sơn La là ai?") == ["Bí thư Tỉnh ủy Hưng Yên là ai?", "Bí thư Tỉnh ủy Sơn La là ai?"]
    assert _texts("Ông Nguyễn Văn Bình và ông Trần Quốc Vượng giữ chức vụ gì?") == [
        "Ông Nguyễn Văn Bình giữ chức vụ gì?",  # the second name ends at its last capitalised word
        "Ông Trần Quốc Vượng giữ chức vụ gì?",
    ]


def test_questions_about_one_thing_are_not_cut():
    for q in (
        "Sở Tài nguyên và Môi trường có bao nhiêu phòng?",
        "Điều 5: ai là người có quyền khiếu nại?",
        "Hội nghị bàn về: kinh tế và xã hội",  # no question
        "Ai được bầu làm Bí thư Chi bộ?",
        "Khối Thi đua số III gồm những đơn vị nào?",
        "Nghị quyết Trung ương 4 khóa XI và khóa XII về xây dựng Đảng",  # no question either
        "Đảng bộ tỉnh và Đảng bộ huyện có bao nhiêu đảng viên?",  # no name
        "Vụ trưởng các vụ Chính sách cán bộ, Cơ sở Đảng và Vụ Địa phương III do ai bổ nhiệm?",  # an enumeration
        "Ai là Chủ tịch Chi bộ Văn phòng và Chi bộ Văn phòng",  # nothing asked of both after the second
        "Quan hệ giữa Việt Nam và Lào là gì?",
    ):
        assert split_question(q) == [], q
    assert understand("Ai được bầu làm Bí thư Chi bộ?").parts == ()


_WORDS = ["ai", "là", "và", "Bí", "thư", "chi", "bộ", "Chi", "quận", "2", "9", "ba", "hai", ":", ",", "?", "Cho", "biết", "ngày", "Sở", "A", "B", "Văn", "phòng", "(", ")", "nào"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25))
def test_parts_only_reuse_the_words_of_the_question(words):
    question = " ".join(words)
    parts = split_question(question)
    assert parts == [] or 2 <= len(parts) <= MAX_PARTS
    vocabulary = set(re.findall(r"\w+", question.lower()))
    for p in parts:
        assert p.question.strip()
        assert set(re.findall(r"\w+", p.question.lower())) <= vocabulary


def _cite(n, source, start, quote):
    return Citation(n=n, source=source, title="t", text="x" * 50, start=start, end=start + 50, score=0.5, quote=quote)


SHARED = "Chi bộ A có 17 đảng viên."


def _found(first, source, start, span, confidence):
    """An answer of two cited sentences: ``first`` from ``source``, then one every part shares."""
    cites = [_cite(1, source, start, first), _cite(2, "b.txt", 0, SHARED)]
    return Answer(answer=f"{first} [1] {SHARED} [2]", found=True, citations=cites, confidence=confidence, spans=[span])


def test_answers_of_the_parts_are_joined_with_one_numbering():
    a1 = _found("Ngày 27/3/2020, Chi bộ A tổ chức đại hội.", "a.txt", 0, [5, 14], 0.9)
    a2 = Answer(answer="Không tìm thấy.", found=False, confidence=0.1)
    a3 = _found("Ngày 16/01/2020, Chi bộ C tổ chức đại hội.", "c.txt", 100, [5, 15], 0.7)
    joined = join_answers([("Chi bộ A?", a1), ("Chi bộ B?", a2), ("Chi bộ C?", a3)], "NF", "Không có: {part}.")
    assert joined.found and joined.confidence == 0.7
    assert joined.answer == (
        "Ngày 27/3/2020, Chi bộ A tổ chức đại hội. [1] Chi bộ A có 17 đảng viên. [2] Không có: Chi bộ B. "
        "Ngày 16/01/2020, Chi bộ C tổ chức đại hội. [3]"  # the sentence part 1 quoted is not quoted again
    )
    assert [(c.n, c.source) for c in joined.citations] == [(1, "a.txt"), (2, "b.txt"), (3, "c.txt")]
    assert [joined.answer[s:e] for s, e in joined.spans] == ["27/3/2020", "16/01/2020"]
    nothing = join_answers([("A?", a2), ("B?", a2)], "NF", "{part}")
    assert not nothing.found and nothing.answer == "NF" and nothing.citations == []


def test_items_of_the_parts_answers_keep_their_lines_and_are_quoted_once():
    items = "Thời hạn thanh tra như sau:\na) Thanh tra Chính phủ không quá 60 ngày;\nb) Thanh tra tỉnh không quá 45 ngày;"
    a1 = Answer(answer=f"{items} [1]", found=True, citations=[_cite(1, "law.txt", 0, items)], confidence=0.9)
    again = "b) Thanh tra tỉnh không quá 45 ngày;\na) Thanh tra Chính phủ không quá 60 ngày;\nc) Thanh tra huyện không quá 30 ngày;"
    a2 = Answer(answer=f"{again} [1]", found=True, citations=[_cite(1, "law.txt", 0, again)], confidence=0.8)
    joined = join_answers([("mấy lần?", a1), ("bao nhiêu ngày?", a2)], "NF", "{part}")
    assert joined.answer == f"{items} [1]\nc) Thanh tra huyện không quá 30 ngày; [1]"
    assert joined.answer.count("60 ngày") == 1 and len(joined.citations) == 1


def test_each_part_gets_its_own_passages(parts):
    emb, vectors, store, _ = parts
    retriever = HybridRetriever(emb, vectors, store)
    query = understand(
        "Cho biết ngày tổ chức đại hội của hai chi bộ: Văn phòng Tổng cục Địa chất và Khoáng sản Việt Nam và Văn phòng Sở 2"
    )
    merged = retriever.retrieve(query, 3).passages
    each = [retriever.retrieve(p, 3).passages for p in query.parts]
    assert len({p.id for p in merged}) == len(merged) <= 6
    # the first passage of each part comes first, then the second of each, ...
    assert [p.id for p in merged[:2]] == [each[0][0].id, each[1][0].id] or each[0][0].id == each[1][0].id
    assert {p.id for ps in each for p in ps} == {p.id for p in merged}
