"""Records as a center's old system would export them: the import benchmark's evaluation set.

``bench/summaries.py`` tunes nothing on these. Its own import files (``write_import_file``) are
what the import was measured and tuned on: district records one minute apart, all after the
database's newest complaint, so every batch lands at the end of each key set. An archive brought
in from elsewhere looks different, and this generator, written apart from that one, makes it so:

* every level: nine records in ten at a district, the rest at a province or the ministry, each
  with a category of its center's level;
* times received over three fiscal years, on working days, between 08:30 and 16:30, to the
  second, in no order: each record lands somewhere inside the key sets, not at their end;
* mostly closed (old records), the rest in the states an old case is left in;
* fuller records: a complainant with a name, a phone number and an address, details of a few
  sentences, the agency complained about, and the other system's own id.
"""

import datetime
import json
import random

from damrong.thai import national_id

BANGKOK = datetime.timezone(datetime.timedelta(hours=7))
#: The three fiscal years the records fall in: 1 October 2022 to 30 September 2025.
FIRST_DAY = datetime.date(2022, 10, 1)
DAYS = (datetime.date(2025, 10, 1) - FIRST_DAY).days
OPENING, CLOSING = 8 * 3600 + 30 * 60, 16 * 3600 + 30 * 60
STATES = {"closed": 70, "in-progress": 12, "forwarded": 10, "received": 8}
FIRST_NAMES = ("กมล", "จันทร์เพ็ญ", "ชัยวัฒน์", "ดวงใจ", "ทองใบ", "นพดล", "บุญมี", "ประภา",
               "พิมพ์ใจ", "มานพ", "รัตนา", "วิชัย", "ศรีสุดา", "สมบัติ", "อรุณี", "เอกชัย")
LAST_NAMES = ("แก้วประเสริฐ", "ใจดีสมมุติ", "ทองคำทดลอง", "บุญรักษ์สังเคราะห์", "ศรีสุขจำลอง",
              "มั่นคงตัวอย่าง", "รุ่งเรืองสมมติ")
TITLES = ("นาย", "นาง", "นางสาว", "ร้อยตำรวจโท", "ผู้ใหญ่บ้าน")
TROUBLES = ("ถนนในหมู่บ้านชำรุดเป็นหลุมบ่อ", "น้ำประปาไม่ไหลมาหลายวัน", "ไฟฟ้าส่องสว่างดับทั้งซอย",
            "เพื่อนบ้านเผาขยะส่งกลิ่นเหม็น", "ที่ดินทำกินถูกบุกรุก", "ได้รับเงินช่วยเหลือไม่ครบ",
            "โรงงานปล่อยน้ำเสียลงคลอง", "ถูกหลอกให้กู้เงินนอกระบบ", "สุนัขจรจัดกัดเด็กในชุมชน")
AGENCIES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "การประปาส่วนภูมิภาค", "การไฟฟ้าส่วนภูมิภาค",
            "สำนักงานที่ดินจังหวัด", "สถานีตำรวจภูธร")


def write_legacy_file(path, count, site, taxonomy, seed=1):
    """``count`` records of an old system's export, as JSON Lines, for the centers of ``site``."""
    rng = random.Random(f"legacy-records-{seed}")
    by_level = {}
    for code, center in site.centers.items():
        by_level.setdefault(center.level, []).append(code)
    levels, level_weights = ("district", "province", "ministry"), (90, 9, 1)
    channels = [code for code, _label in taxonomy.choices("channel")]
    states, state_weights = list(STATES), list(STATES.values())
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            level = rng.choices(levels, level_weights)[0]
            code = rng.choice(by_level[level])
            categories = [c for c, _label in taxonomy.categories(level) if c != "other"]
            trouble = rng.choice(TROUBLES)
            record = {
                "source_id": f"OLD/{code}/{rng.randrange(10**9):09d}-{number}",
                "center": code,
                "status": rng.choices(states, state_weights)[0],
                "received_at": _office_time(rng).isoformat(),
                "type": {"category": rng.choice(categories), "channel": rng.choice(channels)},
                "complaint": {"subject": f"ขอความช่วยเหลือ กรณี{trouble}",
                              "details": " ".join([f"ผู้ร้องแจ้งว่า{trouble}"]
                                                  + ["ขอให้หน่วยงานที่เกี่ยวข้องตรวจสอบและแก้ไข"]
                                                  * rng.randint(1, 3))},
                "complainant": {"title": rng.choice(TITLES),
                                "first_name": rng.choice(FIRST_NAMES),
                                "last_name": rng.choice(LAST_NAMES),
                                "national_id": national_id.generate(rng),
                                "phone": f"08{rng.randrange(10**8):08d}",
                                "address": f"{rng.randint(1, 299)} หมู่ {rng.randint(1, 15)}"},
                "respondent": {"agency": rng.choice(AGENCIES)},
            }
            if level == "district":
                record["place"] = {"province": code[:2], "district": code}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _office_time(rng):
    """A moment of a working day (Monday to Friday) in the three fiscal years, Bangkok time."""
    while True:
        day = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
        if day.weekday() < 5:
            break
    moment = datetime.datetime.combine(day, datetime.time(), BANGKOK)
    return moment + datetime.timedelta(seconds=rng.randrange(OPENING, CLOSING))
