"""Search benchmark: our two backends and a peer, on one synthetic corpus, in one run.

    .venv/bin/python bench/search.py [--docs 200000] [--backends whoosh,tantivy,peer]
                                     [--dir DIR] [--rebuild 50000]

Corpus.  ``--docs`` synthetic complaints (200,000 by default; 1,200,000 is the national target)
spread over every district and province center of the country (geothai).  Each has a subject,
details and the OCR text of its petition page, about 1,000 Thai characters in all: officials'
vocabulary from word lists in this file, made-up people's names (complainant and respondent,
composed from syllables), real place names, Thai-written dates and letter numbers in Thai or
Arabic digits.  A third of the petitions carry OCR-like noise: tone marks and vowels above the
line dropped, look-alike letters and digits confused, stray spaces.

Queries, with known answers.  A realistic mix: rare (a respondent's surname, a letter number),
common words, quoted phrases, and filtered ones (a common word seen by one district's or one
province's officer, with a status filter).  The oracle is a brute-force substring search of the
*clean* text of every complaint (before noise), digits folded: a complaint is relevant when it
contains every part and no excluded part and passes the filters; its text is every public field
the index holds (tracking code, receipt number, status, category, channel, respondent, subject,
details, page), and a number is not found inside a longer number.  recall@10 is
|top 10 ∩ relevant| / min(10, |relevant|), averaged over the queries with an answer.

Figures.  Indexing rate (analysis included, documents / seconds spent adding and committing),
p50/p95 latency of ``search`` as the application calls it (hits, total, five facets, snippets of
10 hits), overall and per kind, recall@10.  Each query is run once to warm up, then timed.
Before that, the rate of a full rebuild along ``damrong reindex``'s path (analysis in 1 and in
2 processes, one writer) on ``--rebuild`` complaints, extrapolated to 1.2 million.
Peer: the same corpus and queries in Whoosh with its stock ``StandardAnalyzer`` (regex words,
lowercase, English stop words) and ``QueryParser`` with AND, facets counted the same way.
"""

import argparse
import functools
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import geothai

from damrong.bulk import SENTENCES, UNITS, ocr_noise
from damrong.search import IndexDoc, PageRef, open_index
from damrong.search.analyzer import fold
from damrong.thai.dates import format_date
from damrong.thai.digits import to_thai_digits

OPEN, CLOSED = "อยู่ระหว่างดำเนินการ", "ยุติเรื่อง"
CATEGORIES = ["กรณีขัดแย้งทางสังคม", "ไม่ได้รับความเป็นธรรม", "แจ้งเบาะแส",
              "ช่วยเหลือประชาชนผู้ได้รับความเดือดร้อน", "ไกล่เกลี่ยข้อพิพาททางแพ่ง/อาญา", "เรื่องอื่นๆ"]
CHANNELS = ["walk-in", "letter", "hotline-1567", "phone", "website", "social", "transfer-1111"]
SUBJECTS = [
    "ขอให้ตรวจสอบการบุกรุกที่ดินสาธารณประโยชน์", "ร้องเรียนเจ้าหน้าที่รัฐเรียกรับเงิน",
    "ขอความช่วยเหลือกรณีน้ำประปาไม่ไหล", "ขอให้ซ่อมแซมถนนภายในหมู่บ้าน", "ร้องเรียนเหตุเดือดร้อนรำคาญจากเสียงดัง",
    "ขอความเป็นธรรมกรณีหนี้นอกระบบ", "ขอให้ไกล่เกลี่ยข้อพิพาทแนวเขตที่ดิน", "แจ้งเบาะแสการลักลอบเล่นการพนัน",
    "ร้องเรียนโครงการก่อสร้างของรัฐล่าช้า", "ขอความช่วยเหลือค่ารักษาพยาบาล", "ร้องเรียนกลิ่นเหม็นจากฟาร์มสุกร",
    "ขอให้ตรวจสอบการออกโฉนดที่ดิน", "ร้องเรียนการจ่ายเงินชดเชยไม่เป็นธรรม", "ขอรับการสงเคราะห์ผู้สูงอายุ",
    "แจ้งเบาะแสยาเสพติดในชุมชน", "ร้องเรียนการปล่อยน้ำเสียลงลำคลอง", "ขอให้แก้ไขปัญหาไฟฟ้าดับบ่อย",
]
POSITIONS = ["ผู้ใหญ่บ้าน", "กำนัน", "นายกองค์การบริหารส่วนตำบล", "ปลัดอำเภอ", "เจ้าหน้าที่ที่ดิน",
             "ผู้รับเหมาก่อสร้าง", "เจ้าของฟาร์ม", "เจ้าหน้าที่การไฟฟ้า"]
TITLES = ["นาย", "นาง", "นางสาว"]
FIRST_A = ["สม", "ประ", "วิ", "สุ", "กิต", "ธน", "พิม", "อรุณ", "ชัย", "ศรี", "บุญ", "ทอง", "มาลี", "จันทร์",
           "วัฒ", "นิ", "อำ", "รัต", "เพ็ญ", "อุ"]
FIRST_B = ["ชาย", "ศักดิ์", "พร", "รัตน์", "วดี", "ชัย", "นันท์", "พล", "ภา", "ทิพย์", "ณี", "วรรณ", "เดช", "สิทธิ์",
           "พงษ์", "ลักษณ์"]
SURNAME = ["ศรี", "สุข", "วัฒนา", "ทอง", "ดี", "ใจ", "มั่น", "คง", "เจริญ", "พันธ์", "วงศ์", "ชัย", "กุล", "รักษ์",
           "สกุล", "ธรรม", "นิยม", "แก้ว", "บุญ", "เรือง", "โพธิ์", "ทรัพย์", "อินทร์", "สวัสดิ์", "ประเสริฐ",
           "มณี", "ชาติ", "พงศ์", "ไพร", "เลิศ"]


def districts_of_thailand() -> list[tuple[str, str, str]]:
    """(district code, district name, province name) of every district; centers for the corpus."""
    found = []
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            found.append((district.code, district.name_th, province.name_th))
    return found


def person(rng: random.Random) -> str:
    surname = "".join(rng.sample(SURNAME, 3))
    return f"{rng.choice(FIRST_A)}{rng.choice(FIRST_B)} {surname}"


@dataclass
class Complaint:
    doc: IndexDoc  # as indexed: the page text noisy for a third of them
    clean: str  # folded public text before noise, for the oracle


class Corpus:
    """Deterministic synthetic complaints; complaint ``i`` is the same in every run with a seed."""

    def __init__(self, size: int, seed: int = 1):
        self.size, self.seed = size, seed
        self.districts = districts_of_thailand()
        rng = random.Random(seed)
        # Each respondent is named in about five complaints: their surname is a rare query.
        self.respondents = [person(rng) for _ in range(max(20, size // 5))]
        self.start = datetime(2022, 10, 1, 8, 0)

    def complaint(self, i: int) -> Complaint:
        rng = random.Random(self.seed * 1_000_003 + i)
        code, district, province = rng.choice(self.districts)
        center = code[:2] if rng.random() < 0.1 else code
        respondent = self.respondents[rng.randrange(len(self.respondents))]
        complainant = person(rng)
        received = self.start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        number = str(rng.randrange(1, 10000))
        digits = to_thai_digits if rng.random() < 0.6 else str
        letter = f"ที่ {rng.choice(UNITS)}/ว {digits(number)}"
        subject = rng.choice(SUBJECTS)
        details = "".join(rng.sample(SENTENCES, 2))
        page = (f"เรียน นายอำเภอ{district}\nข้าพเจ้า{rng.choice(TITLES)}{complainant} "
                f"อยู่บ้านเลขที่ {digits(str(rng.randrange(1, 400)))} หมู่ที่ {digits(str(rng.randrange(1, 15)))} "
                f"อำเภอ{district} จังหวัด{province} ขอร้องเรียน {respondent} "
                f"ตำแหน่ง{rng.choice(POSITIONS)} เรื่อง{subject} "
                + " ".join(rng.sample(SENTENCES, 5))
                + f" อ้างถึงหนังสือ{letter} ลงวันที่ {format_date(received, thai_digits=digits is not str)}"
                + " จึงเรียนมาเพื่อโปรดพิจารณา ขอแสดงความนับถือ")
        noisy = ocr_noise(page, rng) if i % 3 == 0 else page
        seen_from = (center, "moi") if len(center) == 2 else (center, center[:2], "moi")
        fields = dict(id=f"c{i}", stamp="1", centers=seen_from, received=received,
                      status=CLOSED if rng.random() < 0.6 else OPEN, category=rng.choice(CATEGORIES),
                      channel=rng.choice(CHANNELS), tracking_code=f"DT{i:08d}",
                      receipt_number=f"{rng.randrange(1, 5000)}/{received.year + 543}",
                      subject=subject, details=details, respondent=respondent,
                      complainant_name=complainant)
        clean = IndexDoc(pages=[(PageRef("petition.pdf", 1), page)], **fields)
        # Every public field the index holds, as flat_fields joins them.
        public = "\n".join([clean.tracking_code, clean.receipt_number, clean.status,
                            clean.category, clean.channel, clean.respondent]
                           + [p.text for p in clean.passages()])
        return Complaint(IndexDoc(pages=[(PageRef("petition.pdf", 1), noisy)], **fields),
                         fold(public))


@dataclass
class Query:
    kind: str
    text: str
    needles: list[str]  # folded substrings that must all be present (the oracle)
    excluded: list[str] = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    allowed_centers: list[str] | None = None
    relevant: bytearray = None  # one byte per complaint, filled by the oracle

    def matches(self, complaint: Complaint) -> bool:
        doc = complaint.doc
        if self.allowed_centers is not None and not set(self.allowed_centers) & set(doc.centers):
            return False
        if "status" in self.filters and doc.status != self.filters["status"]:
            return False
        text = complaint.clean
        return (all(_contains(text, n) for n in self.needles)
                and not any(_contains(text, n) for n in self.excluded))


def _contains(text: str, needle: str) -> bool:
    """Substring search, except that a number is not found inside a longer one (931 in 3931)."""
    if not (needle[0].isdigit() or needle[-1].isdigit()):
        return needle in text
    return needle in text and _number_pattern(needle).search(text) is not None


@functools.lru_cache(maxsize=None)
def _number_pattern(needle: str) -> re.Pattern:
    before = r"(?<!\d)" if needle[0].isdigit() else ""
    after = r"(?!\d)" if needle[-1].isdigit() else ""
    return re.compile(before + re.escape(needle) + after)


COMMON = ["ร้องเรียน", "ที่ดิน", "ตรวจสอบ", "น้ำประปา", "เจ้าหน้าที่", "ความเดือดร้อน", "ไกล่เกลี่ย",
          "สาธารณประโยชน์", "ยาเสพติด", "หนี้นอกระบบ", "ลำคลอง", "อุบัติเหตุ", "ไฟฟ้า", "การพนัน",
          "ผู้สูงอายุ", "ก่อสร้าง", "ข่มขู่", "ใบเสร็จรับเงิน", "ติดเตียง", "โฉนด"]
PHRASES = ['"เรียกรับเงิน"', '"น้ำประปาไม่ไหล"', '"ถนนภายในหมู่บ้าน"', '"กลิ่นเหม็นจากฟาร์มสุกร"',
           '"ไม่มีใบเสร็จรับเงิน"', '"ลักลอบเล่นการพนัน"', '"ตามอำนาจหน้าที่"', '"ทิ้งงานไปแล้ว"',
           '"ขอรับการสงเคราะห์"', '"เลือกปฏิบัติ"', 'หมู่บ้าน "ผู้ใหญ่บ้าน" -กำนัน', 'ที่ดิน -โฉนด']


def make_queries(corpus: Corpus, seed: int = 7) -> list[Query]:
    rng = random.Random(seed)
    queries = []
    sample = [corpus.complaint(rng.randrange(corpus.size)) for _ in range(40)]
    for complaint in sample[:25]:
        surname = complaint.doc.respondent.split()[1]
        queries.append(Query("rare", surname, [fold(surname)]))
    for complaint in sample[25:]:
        letter = complaint.clean.split("อ้างถึงหนังสือที่ ")[1].split(" ลงวันที่")[0]
        typed = to_thai_digits(letter) if rng.random() < 0.5 else letter
        queries.append(Query("rare", typed, [fold(part) for part in typed.split()]))
    for word in COMMON:
        queries.append(Query("common", word, [fold(word)]))
    for phrase in PHRASES:
        parts = phrase.replace('"', "").split()
        queries.append(Query("phrase", phrase, [fold(p) for p in parts if not p.startswith("-")],
                             [fold(p[1:]) for p in parts if p.startswith("-")]))
    codes = sorted({code for code, _, _ in corpus.districts})
    for word in rng.sample(COMMON, 10) + rng.sample(COMMON, 10):
        code = rng.choice(codes)
        centers = [code] if rng.random() < 0.5 else [code[:2]]
        queries.append(Query("filtered", word, [fold(word)], filters={"status": OPEN},
                             allowed_centers=centers))
    return queries


class Peer:
    """Whoosh as it comes: StandardAnalyzer on the raw text, QueryParser with AND."""

    backend = "peer"

    def __init__(self, path):
        from whoosh import fields, index
        from whoosh.analysis import StandardAnalyzer
        os.makedirs(path, exist_ok=True)
        self.schema = fields.Schema(
            id=fields.ID(stored=True, unique=True), text=fields.TEXT(analyzer=StandardAnalyzer()),
            centers=fields.KEYWORD(), **{name: fields.ID(sortable=True) for name in
                                        ("status", "category", "center", "channel", "fiscal_year")})
        self.index = index.create_in(path, self.schema)
        self.writer = None

    def add_or_update(self, docs):
        self.writer = self.writer or self.index.writer(limitmb=256)
        for doc in docs:
            text = "\n".join([doc.tracking_code, doc.receipt_number, doc.respondent]
                             + [p.text for p in doc.passages()])
            self.writer.add_document(id=doc.id, text=text, centers=" ".join(doc.centers),
                                     status=doc.status, category=doc.category, center=doc.center,
                                     channel=doc.channel, fiscal_year=str(doc.fiscal_year))

    def commit(self):
        self.writer.commit()
        self.writer = None

    def search(self, text, filters=None, allowed_centers=None, limit=10, **ignored):
        from whoosh import query, sorting
        from whoosh.qparser import AndGroup, QueryParser
        parsed = QueryParser("text", self.schema, group=AndGroup).parse(text)
        restrictions = [query.Term(k, v) for k, v in (filters or {}).items()]
        if allowed_centers is not None:
            restrictions.append(query.Or([query.Term("centers", c) for c in allowed_centers]))
        groups = {name: sorting.FieldFacet(name, maptype=sorting.Count)
                  for name in ("status", "category", "center", "channel", "fiscal_year")}
        with self.index.searcher() as searcher:
            found = searcher.search(parsed, limit=limit, groupedby=groups,
                                    filter=query.And(restrictions) if restrictions else None)
            return [hit["id"] for hit in found[:limit]], len(found)

    def close(self):
        self.index.close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(size, backends, work_dir, log=print, batch=1000):
    corpus = Corpus(size)
    queries = make_queries(corpus)
    for q in queries:
        q.relevant = bytearray(size)
    engines = {}
    for name in backends:
        path = os.path.join(work_dir, name)
        shutil.rmtree(path, ignore_errors=True)
        engines[name] = Peer(path) if name == "peer" else open_index(
            {"damrong.search.backend": name, "damrong.search.path": path})
    spent = dict.fromkeys(engines, 0.0)
    started = time.perf_counter()
    for first in range(0, size, batch):
        complaints = [corpus.complaint(i) for i in range(first, min(size, first + batch))]
        for i, complaint in enumerate(complaints, start=first):
            for q in queries:
                if q.matches(complaint):
                    q.relevant[i] = 1
        docs = [c.doc for c in complaints]
        for name, engine in engines.items():
            tick = time.perf_counter()
            engine.add_or_update(docs)
            if first + batch >= size or (first // batch) % 50 == 49:
                engine.commit()  # the worker commits in batches as it drains the outbox
            spent[name] += time.perf_counter() - tick
        log(f"\r  indexed {min(size, first + batch):,}/{size:,} "
            f"({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    log("", file=sys.stderr)
    figures = {"size": size, "queries": len(queries), "backends": {}}
    for name, engine in engines.items():
        timings, recalls = {}, {}
        for warm in (True, False):
            for q in queries:
                tick = time.perf_counter()
                if name == "peer":
                    top, _ = engine.search(q.text, q.filters, q.allowed_centers)
                else:
                    results = engine.search(q.text, filters=q.filters,
                                            allowed_centers=q.allowed_centers, limit=10)
                    top = [hit.id for hit in results.hits]
                elapsed = (time.perf_counter() - tick) * 1000
                if warm:
                    continue
                timings.setdefault(q.kind, []).append(elapsed)
                relevant = q.relevant.count(1)
                if relevant:
                    found = sum(q.relevant[int(doc_id[1:])] for doc_id in top)
                    recalls.setdefault(q.kind, []).append(found / min(10, relevant))
        engine.close()
        every_timing = [t for kind in timings.values() for t in kind]
        every_recall = [r for kind in recalls.values() for r in kind]
        figures["backends"][name] = {
            "docs_per_s": size / spent[name],
            "p50_ms": percentile(every_timing, 0.5), "p95_ms": percentile(every_timing, 0.95),
            "recall": statistics.mean(every_recall),
            "kinds": {kind: {"p50_ms": percentile(timings[kind], 0.5),
                             "p95_ms": percentile(timings[kind], 0.95),
                             "recall": statistics.mean(recalls[kind]) if recalls.get(kind) else None}
                      for kind in timings},
            "size_mb": sum(os.path.getsize(os.path.join(root, f)) for root, _, files in
                           os.walk(os.path.join(work_dir, name)) for f in files) / 1e6,
        }
    return figures


def rebuild_rates(size, work_dir, processes=(1, 2), batch=1000):
    """docs/s of a full rebuild as ``damrong reindex`` runs it (``parallel.analyzed_batches``,
    then the one writer), with 1 and 2 analysis processes, on the first ``size`` complaints of
    the corpus, generated beforehand so that only analysis and indexing are timed."""
    from damrong.search.parallel import analyzed_batches

    corpus = Corpus(size)
    docs = [corpus.complaint(i).doc for i in range(size)]
    rates = {}
    for count in processes:
        path = os.path.join(work_dir, f"rebuild-{count}")
        shutil.rmtree(path, ignore_errors=True)
        engine = open_index({"damrong.search.backend": "tantivy", "damrong.search.path": path})
        began = time.perf_counter()
        batches = ((first, docs[first:first + batch]) for first in range(0, size, batch))
        for first, analyzed in analyzed_batches(batches, count):
            engine.add_analyzed(analyzed)
            if (first // batch) % 50 == 49:
                engine.commit()
        engine.commit()
        rates[count] = size / (time.perf_counter() - began)
        engine.close()
        shutil.rmtree(path, ignore_errors=True)
    return rates


def report_rebuild(rates, size, out=print):
    out(f"full rebuild (tantivy, reindex's path: analysis processes + one writer), {size:,} "
        "complaints, database reads not included:")
    for count, rate in rates.items():
        out(f"  {count} analysis process{'es' if count > 1 else ''}: {rate:,.0f} docs/s, "
            f"1,200,000 complaints in {1_200_000 / rate / 60:.1f} min (target ≤ 30)")


def report(figures, out=print):
    out(f"search benchmark: {figures['size']:,} complaints (a third with OCR noise), "
        f"{figures['queries']} queries; recall@10 against a substring oracle on the clean text")
    out(f"{'backend':<10}{'docs/s':>9}{'index MB':>10}{'p50 ms':>9}{'p95 ms':>9}{'recall@10':>11}"
        "   per kind p50/p95 ms, recall@10")
    for name, f in figures["backends"].items():
        kinds = "  ".join(f"{kind} {k['p50_ms']:.1f}/{k['p95_ms']:.1f} "
                          f"{'-' if k['recall'] is None else format(k['recall'], '.1%')}"
                          for kind, k in f["kinds"].items())
        label = "peer" if name == "peer" else f"ours-{name}"
        out(f"{label:<10}{f['docs_per_s']:>9.0f}{f['size_mb']:>10.0f}{f['p50_ms']:>9.1f}"
            f"{f['p95_ms']:>9.1f}{f['recall']:>11.1%}   {kinds}")
    out("peer = Whoosh with its stock StandardAnalyzer and QueryParser (AND) on the same corpus")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--backends", default="whoosh,tantivy,peer")
    parser.add_argument("--dir", help="where the indexes go (default: a temporary directory)")
    parser.add_argument("--rebuild", type=int, default=50_000,
                        help="complaints for the full-rebuild rate (0: not measured)")
    args = parser.parse_args()
    work_dir = args.dir or tempfile.mkdtemp(prefix="damrong-search-bench-")
    try:
        if args.rebuild:
            report_rebuild(rebuild_rates(args.rebuild, work_dir), args.rebuild)
        report(run(args.docs, args.backends.split(","), work_dir))
    finally:
        if not args.dir:
            shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
