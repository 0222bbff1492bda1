"""Features of the extractive answerer on small hand-made passages."""

from assistant.features import FEATURES, build_candidates
from assistant.answer_types import question_types
from assistant.question_info import analyse_question
from assistant.models import Passage
from assistant.query import understand


def _stats(terms):
    return {t: 1 for t in terms}, 10


def _passages(*texts):
    return [
        Passage(id=str(i), source=f"s{i}.txt", title="", text=t, start=0, end=len(t), dense=0.9 - i * 0.1, keyword=5.0 - i, fused=1.0 - i * 0.1)
        for i, t in enumerate(texts)
    ]


def _features(question, *texts):
    info = analyse_question(understand(question), _stats)
    cands = build_candidates(info, _passages(*texts))
    return info, [(c.text, dict(zip(FEATURES, c.x))) for c in cands]


def test_question_types_with_and_without_diacritics():
    for q in ("Ai là Bí thư Tỉnh ủy?", "ai la bi thu tinh uy"):
        assert question_types(q)["who"]
    assert question_types("Đại hội diễn ra vào ngày nào?")["when"]
    assert question_types("Chi bộ có bao nhiêu đảng viên?")["how_many"]
    assert question_types("Hội nghị tổ chức ở đâu?")["where"]
    assert question_types("Chỉ thị nào quy định việc này?")["document"]
    assert question_types("Nghị quyết nêu những nhiệm vụ nào?")["list"]
    assert not any(question_types("Đại hội thông qua nghị quyết.").values())


def test_coverage_counts_accented_and_plain_forms():
    text = "Đồng chí Trần Phương được bầu làm Bí thư Chi bộ Văn phòng."
    _, accented = _features("Ai được bầu làm Bí thư Chi bộ Văn phòng?", text, "Trời hôm nay đẹp.")
    _, plain = _features("ai duoc bau lam bi thu chi bo van phong", text, "Trời hôm nay đẹp.")
    for rows in (accented, plain):
        by_text = dict(rows)
        assert by_text[text]["cov"] > 0.9
        assert by_text["Trời hôm nay đẹp."]["cov"] < 0.2


def test_who_feature_needs_a_name_the_question_does_not_hold():
    q = "Ai thay đồng chí Lê Văn Tám giữ chức Giám đốc Sở?"
    _, rows = _features(q, "Đồng chí Lê Văn Tám nghỉ hưu. Đồng chí Phạm Thị Hoa được bổ nhiệm giữ chức Giám đốc Sở.")
    f = dict(rows)
    assert f["Đồng chí Lê Văn Tám nghỉ hưu."]["who_name"] == 0.0
    assert f["Đồng chí Phạm Thị Hoa được bổ nhiệm giữ chức Giám đốc Sở."]["who_name"] == 1.0


def test_specific_terms_missing_from_the_context():
    q = "Đại hội Đảng bộ tỉnh lần thứ XVII nhiệm kỳ 2025-2030 bầu bao nhiêu ủy viên?"
    _, rows = _features(q, "Đại hội Đảng bộ tỉnh nhiệm kỳ 2015-2020 bầu 53 ủy viên Ban Chấp hành.")
    f = rows[0][1]
    assert f["specific_missing"] > 0  # 2025 and 2030 are not there
    assert f["many_number"] == 1.0 and f["many_unit"] == 1.0
    _, rows = _features(q, "Đại hội Đảng bộ tỉnh lần thứ XVII nhiệm kỳ 2025-2030 bầu 53 ủy viên.")
    assert rows[0][1]["specific_missing"] < f["specific_missing"]


def test_document_numbers_match_in_any_writing():
    q = "Chỉ thị 05-CT/TW về việc gì?"
    _, rows = _features(q, "Chỉ thị số 05/CT-TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
    assert rows[0][1]["specific_missing"] == 0.0


def test_predecessor_gain_when_a_sentence_leans_on_it():
    text = "Đảng ủy Khối Doanh nghiệp tỉnh tổ chức Đại hội lần thứ IV. Đồng chí Nguyễn Văn Hùng được bầu làm Bí thư."
    _, rows = _features("Ai được bầu làm Bí thư Đảng ủy Khối Doanh nghiệp tỉnh?", text)
    assert rows[1][1]["prev_gain"] > 0.3
    assert rows[0][1]["prev_gain"] == 0.0


def test_relative_and_rank_features():
    _, rows = _features("Chi bộ có bao nhiêu đảng viên?", "Chi bộ có 17 đảng viên.", "Chi bộ có 20 đảng viên.")
    assert rows[0][1]["rel_cov"] == 0.0 and rows[0][1]["top"] == 1.0
    assert rows[1][1]["top"] == 0.0 and rows[1][1]["rank_inv"] == 0.5


def test_deputy_title_is_not_the_title_asked_for():
    q = "Ai là chủ tịch tập đoàn Huawei?"
    _, rows = _features(q, "Bà Mạnh Vãn Chu là Phó chủ tịch tập đoàn Huawei. Ông Nhậm Chính Phi là Chủ tịch tập đoàn Huawei.")
    f = dict(rows)
    assert f["Bà Mạnh Vãn Chu là Phó chủ tịch tập đoàn Huawei."]["deputy_only"] == 1.0
    assert f["Ông Nhậm Chính Phi là Chủ tịch tập đoàn Huawei."]["deputy_only"] == 0.0
    _, rows = _features("Ai là phó chủ tịch tập đoàn Huawei?", "Bà Mạnh Vãn Chu là Phó chủ tịch tập đoàn Huawei.")
    assert rows[0][1]["deputy_only"] == 0.0


def test_a_list_marker_alone_is_no_candidate():
    """A chunk that ends on an item's number ("... lạm quyền. 4.") leaves the marker alone:
    it is never quoted as an answer."""
    _, rows = _features("Điều 8 quy định những hành vi bị nghiêm cấm nào?", "1. Lợi dụng chức vụ, quyền hạn thanh tra để sách nhiễu. 4.")
    texts = [t for t, _ in rows]
    assert texts == ["1. Lợi dụng chức vụ, quyền hạn thanh tra để sách nhiễu."]


def test_near_coverage_wants_the_asked_for_name_beside_the_question_s_words():
    q = "Ai là vợ của ông Nguyễn Văn Ba?"
    near = "Bà Trần Thị Hoa, vợ của ông Nguyễn Văn Ba, đến dự."
    far = (
        "Ông Nguyễn Văn Ba có vợ làm giáo viên ở huyện, con trai học đại học ở thành phố, con gái "
        "đi làm ở tỉnh, còn hàng xóm của gia đình là bà Lê Thị Hồng."
    )
    _, rows = _features(q, near, far)
    f = dict(rows)
    assert f[near]["near_cov"] > 0.8
    assert f[far]["near_cov"] < 0.5 * f[near]["near_cov"]
    _, rows = _features("Hội nghị bàn về việc gì?", near)  # asks for no name, number or date
    assert rows[0][1]["near_cov"] == 0.0



def test_candidates_know_whether_they_stand_in_the_article_the_question_names():
    def passage(section, text):
        return Passage(id=section, source="luat.txt", title="Luật Thanh tra", text=text, start=0, end=len(text), meta={"section": section})

    named = passage("Điều 8. Các hành vi bị nghiêm cấm", "Điều 8. Các hành vi bị nghiêm cấm\n1. Lợi dụng chức vụ để sách nhiễu.")
    other = passage("Chương I › Điều 2. Giải thích từ ngữ", "Điều 2. Giải thích từ ngữ\n1. Thanh tra là hoạt động xem xét.")
    plain = Passage(id="t", source="tin.txt", title="Tin", text="Hành vi bị nghiêm cấm được nêu rõ.", start=0, end=34)
    info = analyse_question(understand("dieu 8 luat thanh tra quy dinh gi"), _stats)
    cands = build_candidates(info, [named, other, plain])
    f = {c.text: dict(zip(FEATURES, c.x)) for c in cands}
    assert f["Điều 8. Các hành vi bị nghiêm cấm"]["article"] == 1.0
    assert f["Điều 8. Các hành vi bị nghiêm cấm"]["article_heading"] == 1.0
    assert f["1. Lợi dụng chức vụ để sách nhiễu."]["article"] == 1.0
    assert f["1. Lợi dụng chức vụ để sách nhiễu."]["article_heading"] == 0.0
    assert f["Điều 2. Giải thích từ ngữ"]["article"] == -1.0
    assert f["Điều 2. Giải thích từ ngữ"]["article_heading"] == 0.0
    assert f["Hành vi bị nghiêm cấm được nêu rõ."]["article"] == 0.0
    # a question that names no article: no candidate is in or out of one
    info = analyse_question(understand("Hành vi nào bị nghiêm cấm?"), _stats)
    assert all(dict(zip(FEATURES, c.x))["article"] == 0.0 for c in build_candidates(info, [named, other]))


def test_the_named_article_is_the_one_of_the_document_the_question_names():
    def passage(title, section, text):
        return Passage(id=title + section, source=f"{title}.txt", title=title, text=text, start=0, end=len(text), meta={"section": section})

    law = passage("Luật Thanh tra 2022", "Điều 57. Hồ sơ thanh tra", "Điều 57. Hồ sơ thanh tra")
    constitution = passage("Hiến pháp 2013", "Điều 57", "Điều 57. Nhà nước khuyến khích tạo việc làm.")
    cands = build_candidates(analyse_question(understand("Luật Thanh tra 2022, Điều 57 có tên là gì?"), _stats), [constitution, law])
    f = {c.text: dict(zip(FEATURES, c.x)) for c in cands}
    assert f["Điều 57. Hồ sơ thanh tra"]["article"] == 1.0
    assert f["Điều 57. Nhà nước khuyến khích tạo việc làm."]["article"] == -1.0
    # naming no document, both are the article asked about
    cands = build_candidates(analyse_question(understand("Điều 57 quy định gì?"), _stats), [constitution, law])
    assert [dict(zip(FEATURES, c.x))["article"] for c in cands] == [1.0, 1.0]
    # a follow-up: the document its earlier question names
    follow_up = understand("Còn Điều 57 thì quy định gì?", history=["Hiến pháp 2013 có bao nhiêu chương?"])
    cands = build_candidates(analyse_question(follow_up, _stats), [constitution, law])
    assert [dict(zip(FEATURES, c.x))["article"] for c in cands] == [1.0, -1.0]


def test_a_sentence_that_asks_is_marked_as_a_question():
    _, rows = _features(
        "Vị vua nào lập nên nước Đại Ngu?",
        "Nước Đại Ngu thành lập năm nào ? Hồ Quý Ly lập nên nước Đại Ngu năm 1400.",
    )
    f = dict(rows)
    assert f["Nước Đại Ngu thành lập năm nào ?"]["is_question"] == 1.0
    assert f["Hồ Quý Ly lập nên nước Đại Ngu năm 1400."]["is_question"] == 0.0


def test_the_verb_a_list_question_asks_about_is_a_question_term_the_question_words_are_not():
    for question, gom in (("Khối thi đua III gồm những đơn vị nào?", "gồm"), ("khoi thi dua III gom nhung don vi nao", "gom")):
        info = analyse_question(understand(question), _stats)
        assert gom in info.content
        assert not {"những", "nào", "nhung", "nao"} & set(info.content)


def test_a_title_piece_is_no_person_a_who_question_asks_for():
    """"Phó Chánh Thanh tra" left capitalised is no person's name: the sentence that lists
    the posts of an office names no one, the one naming a person does."""
    _, feats = _features(
        "Chánh Thanh tra huyện do ai bổ nhiệm?",
        "Thanh tra huyện có Chánh Thanh tra, Phó Chánh Thanh tra và công chức khác.",
        "Chánh Thanh tra huyện do ông Nguyễn Văn An bổ nhiệm.",
    )
    by_text = {t[:20]: f for t, f in feats}
    posts, person = by_text["Thanh tra huyện có C"], by_text["Chánh Thanh tra huyệ"]
    assert posts["who_person"] == 0 and person["who_person"] == 1
