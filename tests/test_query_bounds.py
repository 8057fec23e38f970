"""Issue 14.1: one search must not take the server down; 14.12: bad parameters are 400."""

import time
import tracemalloc

import pytest

from damrong.search import analyzer
from damrong.search.query import MAX_PARTS, MAX_QUERY_CHARS, QueryTooLong, parse
from helpers import register, user_app

SENTENCE = "ข้าพเจ้าขอร้องเรียนเรื่องถนนในหมู่บ้านชำรุดเป็นหลุมเป็นบ่อ"


def _grams(parsed):
    return sum(len(variant) for term in parsed.required for variant in term.gram_variants)


def test_grams_expanded_grow_at_most_linearly_with_the_query():
    short, long_ = (SENTENCE * 10)[:50], (SENTENCE * 10)[:MAX_QUERY_CHARS]
    assert _grams(parse(long_)) <= 5 * _grams(parse(short))
    # every part is bounded the same way, however the query is split
    spaced = " ".join([SENTENCE[:15]] * MAX_PARTS)
    assert _grams(parse(spaced)) <= MAX_PARTS * (analyzer.MAX_FUZZY_SKELETON + 1) ** 2


@pytest.mark.parametrize("query", ["ก" * (MAX_QUERY_CHARS + 1),
                                   " ".join(["ถนน"] * (MAX_PARTS + 1))])
def test_query_over_the_bounds_is_refused(query):
    with pytest.raises(QueryTooLong):
        parse(query)


def test_a_long_query_answers_400_in_bounded_time_and_memory(app, make_user, indexed):
    clerk = user_app(app, make_user, "clerk", "7001")
    register(clerk, "ขอให้ซ่อมถนน", details=SENTENCE * 5)
    indexed()
    tracemalloc.start()
    began = time.perf_counter()
    refused = clerk.get("/moi/70/7001/@@search.json", {"q": (SENTENCE * 100)[:5000]}, status=400)
    at_limit = clerk.get("/moi/70/7001/@@search.json", {"q": (SENTENCE * 10)[:MAX_QUERY_CHARS]})
    elapsed = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "คำค้นยาวเกินไป" in refused.json["error"]
    assert at_limit.json["total"] == 1
    assert elapsed < 5 and peak < 50 << 20, (elapsed, peak)
    page = clerk.get("/moi/70/7001/@@search", {"q": "ก" * 1800}, status=400)
    assert "คำค้นยาวเกินไป" in page.text


@pytest.mark.parametrize("url", [
    "/moi/70/7001/?fy=0", "/moi/70/7001/?fy=99999999999", "/moi/70/7001/?offset=99999999999",
    "/moi/70/7001/?offset=-5", "/moi/70/7001/@@search?fiscal_year=abc",
    "/moi/70/7001/@@search.json?fiscal_year=0", "/moi/70/7001/@@search?offset=1e9",
    "/moi/70/7001/@@to-complete?offset=x",
])
def test_bad_query_parameters_answer_400_in_thai(app, make_user, url):
    clerk = user_app(app, make_user, "clerk", "7001")
    response = clerk.get(url, status=400)
    message = response.json["error"] if ".json" in url else response.text
    assert ("ปีงบประมาณไม่ถูกต้อง" if "fy=" in url or "fiscal_year=" in url
            else "ค่า offset ไม่ถูกต้อง") in message
