"""Synthetic complaints in bulk with their petitions' text: indexed by ``reindex``, found by it."""

import json
import random

import pytest

from damrong.bulk import load_synthetic
from damrong.scripts.cli import main as cli
from damrong.search.analyzer import fold

CLOSING = "ขอแสดงความนับถือ"  # the petition's last words, on every page unless OCR noise broke it


@pytest.mark.slow
def test_bulk_petitions_are_rebuilt_into_the_index_and_found_by_their_page_text(
        app, make_user, site, ini, capsys):
    officer_id = make_user("officer", "7001")
    with site() as s:
        load_synthetic(s, ["7001"], 30, random.Random(3), commit=lambda: None, pages=True)
    with site() as s:
        complaints = list(s.centers["7001"].complaints.values())
        assert len(complaints) == 30 and len(s.index_outbox.pending) == 30
        pages = []
        for complaint in complaints:
            (document,) = complaint.documents()
            assert document.state == "ready" and document.page_count == 1
            with document.original.open() as original:
                assert original.read().decode() == document.pages[1].text
            pages.append(document.pages[1].text)
    expected = sum(fold(CLOSING) in fold(text) for text in pages)
    assert expected >= 15  # most are clean; a third carry noise
    app.registry._zodb_databases[""].close()  # the command opens the FileStorage itself
    app.registry.indexer.close()

    assert cli(["-c", ini, "reindex", "--batch", "7"]) == 0
    assert "ทำดัชนีครบ 30 เรื่อง" in capsys.readouterr().out
    assert cli(["-c", ini, "check-index"]) == 0
    report = capsys.readouterr().out
    assert "ดัชนีตรงกับฐานข้อมูล" in report
    assert "รอทำดัชนี (outbox): 0" in report  # the rebuild settled the marks of what it indexed
    assert cli(["-c", ini, "search", CLOSING, "--user", officer_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] >= expected
