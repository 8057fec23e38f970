"""One behaviour, two engines: every search test runs against Whoosh and tantivy.

The corpus is a handful of hand-written complaints in three districts of two provinces, so each
expectation can be checked by reading it.  Names and IDs are made up; IDs come from
``national_id.generate``.
"""

import os
import random
from datetime import datetime

import pytest

from damrong.search import IndexDoc, IndexOutdated, PageRef, analyzer, open_index
from damrong.search import highlight
from damrong.search import index as search_index
from damrong.search.document import Passage, redact
from damrong.search.drift import drift
from damrong.search.query import parse
from damrong.thai import national_id
from damrong.thai.digits import to_thai_digits

CLOSED, OPEN = "ยุติเรื่อง", "อยู่ระหว่างดำเนินการ"
ID_A = national_id.generate(random.Random(1))


#: The centers that see each test center's complaints, as the indexer writes them (the tree of
#: the real database is not needed by an engine test).
SEEN_FROM = {"7001": ("7001", "70", "moi"), "7002": ("7002", "70", "moi"),
             "5001": ("5001", "50", "moi"), "70": ("70", "moi")}


def complaint(doc_id, center, received, subject, details="", pages=(), status=OPEN,
              category="ไม่ได้รับความเป็นธรรม", channel="walk-in", **extra):
    return IndexDoc(
        id=doc_id, stamp="s1", centers=SEEN_FROM[center], received=received,
        status=status, category=category, channel=channel, subject=subject, details=details,
        pages=[(PageRef("petition.pdf", number), text) for number, text in pages], **extra)


CORPUS = [
    complaint("c1", "7001", datetime(2024, 11, 2, 9, 0), "ข้อพิพาทที่ดินทำกิน",
              "ผู้ร้องขอให้ตรวจสอบการบุกรุกที่ดินสาธารณประโยชน์",
              pages=[(1, "เรียน นายอำเภอเมืองราชบุรี"), (2, "หนังสือเลขที่ มท ๐๒๐๕.๓/ว ๓๕๑๒ เรื่องที่ดิน")],
              status=CLOSED, complainant_name="นางสาวพิมพ์ลดา ทดสอบดี", complainant_id=ID_A,
              tracking_code="DT-7001-0001", receipt_number="123/2568"),
    complaint("c2", "7001", datetime(2025, 3, 5, 10, 0), "ร้องเรียนเจ้าหน้าที่รัฐ",
              "เจ้าหน้าที่เรียกรับเงินค่าธรรมเนียมเกินอัตรา",
              pages=[(1, "ขอความเป็นธรรมเรื่องเงินค่าธรรมเนียม 123 บาท")], channel="letter"),
    # OCR damaged: tone marks dropped and one letter confused (ส -> ล) in สาธารณประโยชน์.
    complaint("c3", "7002", datetime(2025, 1, 15, 8, 0), "ถนนชำรุด",
              pages=[(1, "ถนนในหมูบานชารุด ขอใหซอมแซม ทางลาธารณประโยชน์")], category="ขอความช่วยเหลือ"),
    complaint("c4", "5001", datetime(2023, 12, 1, 8, 0), "หนี้นอกระบบ",
              "ถูกเจ้าหนี้นอกระบบข่มขู่ ร้องเรียนเจ้าหน้าที่รัฐ", category="หนี้นอกระบบ"),
    complaint("c5", "70", datetime(2025, 6, 1, 8, 0), "เสียงดังรบกวน",
              "ร้านคาราโอเกะเปิดเสียงดังเกินเวลา", channel="hotline"),
]


@pytest.fixture(params=["whoosh", "tantivy"])
def index(request, tmp_path):
    opened = open_index({"damrong.search.backend": request.param,
                         "damrong.search.path": str(tmp_path / "index")})
    opened.add_or_update(CORPUS)
    opened.commit()
    yield opened
    opened.close()


def ids(results):
    return [hit.id for hit in results.hits]


def find(index, text, **options):
    options.setdefault("allowed_centers", None)
    return index.search(text, **options)


def test_thai_words_match_inside_unspaced_text(index):
    assert set(ids(find(index, "ที่ดิน"))) == {"c1"}
    assert set(ids(find(index, "ค่าธรรมเนียม"))) == {"c2"}


def test_words_are_anded(index):
    assert set(ids(find(index, "ร้องเรียนเจ้าหน้าที่รัฐ"))) == {"c2", "c4"}
    assert set(ids(find(index, "เจ้าหน้าที่ ข่มขู่"))) == {"c4"}


@pytest.mark.parametrize("typed", ["๓๕๑๒", "3512", "0205.3", "๐๒๐๕.๓"])
def test_thai_and_arabic_digits_fold(index, typed):
    assert ids(find(index, typed)) == ["c1"]


def test_arabic_digits_find_thai_digits_and_back(index):
    assert set(ids(find(index, "๑๒๓"))) == {"c1", "c2"}  # receipt 123/2568 and "123 บาท"


def test_quoted_phrase(index):
    assert set(ids(find(index, '"ร้องเรียนเจ้าหน้าที่"'))) == {"c2", "c4"}
    assert ids(find(index, '"ที่ดิน ทำกิน"')) == ["c1"]  # spaces OCR inserts do not matter
    assert ids(find(index, '"ทำกิน ที่ดิน"')) == []  # order does


def test_exclusion(index):
    assert set(ids(find(index, "ร้องเรียน -ข่มขู่"))) == {"c2"}
    assert set(ids(find(index, "-ร้องเรียน"))) == {"c1", "c3", "c5"}


def test_ocr_damaged_word_found_through_grams_and_ranked_below_whole_words(index):
    found = ids(find(index, "สาธารณประโยชน์"))
    assert found == ["c1", "c3"]


def test_grams_are_left_out_when_words_match_plenty(index, monkeypatch):
    monkeypatch.setattr(search_index, "FUZZY_BELOW", 1)
    results = find(index, "สาธารณประโยชน์")
    assert ids(results) == ["c1"] and results.total == 1


def test_one_letter_variants_only_when_the_skeleton_fills_less_than_a_page(index, monkeypatch):
    monkeypatch.setattr(search_index, "ONE_LETTER_BELOW", 1)
    assert ids(find(index, "สาธารณประโยชน์")) == ["c1"]  # c3's ลาธารณ... needs a variant


def test_damaged_part_found_next_to_an_intact_one(index):
    # The parts' gram phrases are intersected with the rarest part: the same matches.
    assert ids(find(index, "สาธารณประโยชน์ ถนน")) == ["c3"]
    assert ids(find(index, "ถนน ลาธารณประโยชน์")) == ["c3"]


def test_damaged_words_with_dropped_marks(index):
    assert ids(find(index, "หมู่บ้าน")) == ["c3"]


def test_grams_do_not_match_short_words_by_chance(index):
    assert ids(find(index, "ทำ")) == ["c1"]  # ทำกิน; not the damaged ชำรุด/ชารุด


def test_district_sees_only_its_complaints_even_in_counts(index):
    results = index.search("ร้องเรียน", allowed_centers=["7001"])
    assert ids(results) == ["c2"] and results.total == 1
    assert results.facets["center"] == {"7001": 1}
    everything = index.search("", allowed_centers=["7001"])
    assert everything.total == 2
    assert sum(everything.facets["status"].values()) == 2


def test_province_sees_its_districts_and_its_own(index):
    results = index.search("", allowed_centers=["70"])
    assert set(ids(results)) == {"c1", "c2", "c3", "c5"}
    assert results.facets["center"] == {"7001": 2, "7002": 1, "70": 1}


def test_ministry_sees_everything_and_no_centers_sees_nothing(index):
    assert index.search("", allowed_centers=None).total == 5
    assert index.search("", allowed_centers=["moi"]).total == 5
    assert index.search("", allowed_centers=[]).total == 0


def test_filters_and_facet_counts(index):
    results = find(index, "", filters={"status": OPEN})
    assert results.total == 4
    assert results.facets["status"] == {OPEN: 4}
    assert results.facets["channel"] == {"walk-in": 2, "letter": 1, "hotline": 1}
    assert results.facets["fiscal_year"] == {"2568": 3, "2567": 1}
    assert set(ids(find(index, "", filters={"fiscal_year": 2568, "channel": ["letter", "hotline"]}))) \
        == {"c2", "c5"}
    assert set(ids(find(index, "", filters={"center": "70"}))) == {"c1", "c2", "c3", "c5"}


def test_personal_data_only_for_allowed_roles(index):
    assert ids(find(index, "พิมพ์ลดา")) == []
    assert ids(find(index, ID_A[3:9])) == []
    assert ids(find(index, "พิมพ์ลดา", can_see_personal=True)) == ["c1"]
    assert ids(find(index, ID_A[3:9], can_see_personal=True)) == ["c1"]


def test_personal_values_are_blanked_out_of_public_text(index):
    index.add_or_update([complaint("c6", "7001", datetime(2025, 1, 1), "คำร้องของนายสมมติ นามสมมุติ",
                                   complainant_name="สมมติ นามสมมุติ")])
    index.commit()
    assert ids(find(index, "นามสมมุติ")) == []
    hit = find(index, "คำร้อง").hits[0]
    assert "นามสมมุติ" not in hit.snippet
    assert ids(find(index, "นามสมมุติ", can_see_personal=True)) == ["c6"]


def test_personal_values_are_blanked_however_a_page_spaces_them():
    name, national = "สมมติ นามสมมุติ", national_id.generate(random.Random(41))
    dashed = f"{national[0]}-{national[1:5]}-{national[5:10]}-{national[10:12]}-{national[12]}"
    for written in ("นายสมมติ  นามสมมุติ", "นายสมมติ\nนามสมมุติ", "ข้าพเจ้าสมมติ", "นางนามสมมุติ",
                    "นามสม มุติ", dashed, to_thai_digits(dashed.replace("-", " ")), national):
        blanked = redact(f"ผู้ร้อง {written} อยู่บ้านเลขที่ ๑๒", [name, national])
        assert "สมมติ" not in blanked and "สมมุติ" not in blanked
        assert national[4:9] not in analyzer.fold(blanked).replace(" ", "").replace("-", "")
        assert blanked.startswith("ผู้ร้อง ") and blanked.endswith("อยู่บ้านเลขที่ ๑๒")
    assert redact("นาย ก สมมติ", ["ก สมมติ"]) == "นาย ก •••••"  # no initial blanked everywhere


def test_snippet_highlights_the_page_that_matched(index):
    hit = find(index, "๓๕๑๒").hits[0]
    assert hit.page == PageRef("petition.pdf", 2)
    assert "<mark>๓๕๑๒</mark>" in hit.snippet
    damaged = find(index, "สาธารณประโยชน์").hits[1]
    assert damaged.page == PageRef("petition.pdf", 1)
    assert "<mark>ลาธารณประโยชน์</mark>" in damaged.snippet


def test_snippet_escapes_html(index):
    index.add_or_update([complaint("c7", "7001", datetime(2025, 1, 1), "<script>ทดลอง</script>")])
    index.commit()
    assert "&lt;script&gt;<mark>ทดลอง</mark>" in find(index, "ทดลอง").hits[0].snippet


def test_sort_by_date_and_pagination(index):
    newest = ids(find(index, "", sort="newest"))
    assert newest == ["c5", "c2", "c3", "c1", "c4"]
    assert ids(find(index, "", sort="oldest")) == newest[::-1]
    page2 = find(index, "", sort="newest", offset=2, limit=2)
    assert ids(page2) == ["c3", "c1"] and page2.total == 5


def test_update_replaces_and_delete_leaves_no_phantom(index):
    changed = complaint("c1", "7001", datetime(2024, 11, 2), "เรื่องใหม่", status=CLOSED)
    changed.stamp = "s2"
    index.add_or_update([changed])
    index.delete(["c2"])
    index.commit()
    assert ids(find(index, "ที่ดิน")) == []
    assert ids(find(index, "ค่าธรรมเนียม")) == []
    assert index.ids_and_stamps() == {"c1": "s2", "c3": "s1", "c4": "s1", "c5": "s1"}
    assert find(index, "").total == 4


def test_uncommitted_changes_are_invisible(index):
    index.delete(["c1"])
    assert "c1" in index.ids_and_stamps()


def test_index_built_by_another_analyzer_asks_for_reindex(tmp_path, monkeypatch):
    settings = {"damrong.search.backend": "tantivy", "damrong.search.path": str(tmp_path)}
    open_index(settings).close()
    monkeypatch.setattr(analyzer, "ANALYZER_ID", "damrong-thai-0/icu-1.0")
    with pytest.raises(IndexOutdated):
        open_index(settings)
    replaced = open_index({**settings, "damrong.search.replace_outdated": "true"})
    assert replaced.ids_and_stamps() == {}  # a new, empty index; the old one kept aside
    replaced.close()
    assert os.path.isdir(str(tmp_path) + ".outdated")
    open_index(settings).close()  # the new one is this analyzer's


def test_query_syntax():
    parsed = parse('ที่ดิน "เลขที่ 12" -ยกเลิก - ""')
    assert [t.words for t in parsed.required] == [("ที่ดิน",), ("เลข", "ที่", "12")]
    assert [t.words for t in parsed.excluded] == [("ยกเลิก",)]


def test_skeleton_forms_agree():
    text = analyzer.fold("ร้องเรียน ที่ มท ๐๒๐๕.๓/ว")
    assert analyzer.skeleton_offsets(text)[0] == analyzer.skeleton(text)


def test_drift_lists_missing_stale_and_phantom(index):
    index.delete(["c5"])
    index.commit()
    database = {"c1": "s1", "c2": "s2", "c3": "s1", "c4": "s1", "c5": "s1"}
    del database["c4"]
    found = drift(index.ids_and_stamps(), database)
    assert (found.missing, found.stale, found.phantom) == (["c5"], ["c2"], ["c4"])
    assert drift(database, database).clean


@pytest.mark.slow
def test_parallel_analysis_gives_the_same_fields_in_the_same_order():
    from damrong.search.document import flat_fields
    from damrong.search.parallel import analyzed_batches

    batches = [(number, CORPUS[number:number + 2]) for number in range(0, len(CORPUS), 2)]
    got = list(analyzed_batches(batches, processes=2))
    assert [key for key, _ in got] == [0, 2, 4]
    assert [fields for _, analyzed in got for fields in analyzed] == [flat_fields(doc) for doc in CORPUS]


def test_snippets_are_cut_only_between_words():
    """Issue 13 item 7: "…ำริมถนน" (from น้ำ) and "แต่ยังไม…": a snippet cut a word, even a
    grapheme cluster, in two. Wherever the match falls, both ends are word boundaries."""
    sentence = "ชาวบ้านร้องเรียนว่าน้ำริมถนนท่วมขังแต่ยังไม่มีหน่วยงานใดเข้ามาแก้ไข "
    text = sentence * 12
    bounds = set(analyzer.boundaries(text))
    for word in ("หน่วยงาน", "ท่วมขัง", "แก้ไข", "ชาวบ้าน"):
        html_snippet = highlight.snippet([Passage("details", text)], parse(word))[0]
        shown = html_snippet.replace("<mark>", "").replace("</mark>", "").strip("…")
        start = text.find(shown)
        assert start >= 0, html_snippet
        assert start in bounds and start + len(shown) in bounds | {len(text.rstrip())}, shown
        assert not shown.startswith(tuple(analyzer.THAI_MARKS) + ("ำ",)), shown
