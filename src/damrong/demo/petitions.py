"""Synthetic petitions (หนังสือร้องเรียน) and the letters citizens write.

The topics are the everyday cases a district Damrongdhama Center receives.
Each topic is a set of paragraph templates filled with invented facts, so
two petitions on the same topic still differ in names, places and numbers.
Record fields keep Arabic digits (that is what a clerk types); only the
letter text uses Thai digits, as a citizen would write it.
"""
import datetime
import random
from dataclasses import dataclass
from typing import Callable

from damrong.demo.people import admin_parts, fake_person, full_name
from damrong.thai.dates import MONTHS, format_date
from damrong.thai.digits import to_thai_digits
from damrong.thai.national_id import format_id

CATEGORY_HINTS = ("social-conflict", "unfair-treatment", "tip-off", "help", "mediation")

_VILLAGE_HEADS = ("หนอง", "โนน", "ดอน", "โคก", "ห้วย", "นา", "ท่า", "วัง", "ป่า", "บึง")
_VILLAGE_TAILS = ("บัว", "ใหญ่", "แดง", "ยาง", "ม่วง", "สะแก", "ตะเคียน", "ขาม", "กุง", "หว้า")

# Opening words of the first paragraph, chosen by what the citizen asks for.
_PURPOSE = {
    "social-conflict": "ขอร้องเรียนความเดือดร้อนต่อท่าน",
    "unfair-treatment": "มีความประสงค์ขอความเป็นธรรมจากท่าน",
    "tip-off": "ขอแจ้งเบาะแสให้ท่านทราบ",
    "help": "มีความประสงค์ขอความช่วยเหลือจากท่าน",
    "mediation": "มีความประสงค์ขอให้ท่านช่วยไกล่เกลี่ยข้อพิพาท",
}
_CLOSING = {
    "social-conflict": "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ",
    "unfair-treatment": "จึงเรียนมาเพื่อโปรดพิจารณาให้ความเป็นธรรมแก่ข้าพเจ้าด้วย",
    "tip-off": "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการต่อไป",
    "help": "จึงเรียนมาเพื่อโปรดพิจารณาให้ความช่วยเหลือด้วย จะเป็นพระคุณยิ่ง",
    "mediation": "จึงเรียนมาเพื่อโปรดพิจารณา",
}

# Leading tabs are the layout: the renderer in demo.scans turns each tab
# into a 1.25 cm stop, as on a typed Thai letter.
_PARAGRAPH = "\t\t"
_HEADER = "\t" * 7
_DATE = "\t" * 5
_SIGN_OFF = "\t" * 6
_SIGNATURE = "\t" * 5
_ATTACHMENT = "\t" * 3  # roughly under the first item, as typed by eye


@dataclass(frozen=True)
class _Topic:
    """Paragraph templates are (situation, impact, earlier attempts, request);
    the situation and the request are always used, the middle two when the
    letter is longer.  ``facts`` invents the numbers the templates need and
    ``respondent`` names who the complaint is about."""

    key: str
    category: str
    subjects: tuple[str, ...]
    paragraphs: tuple[str, str, str, str]
    facts: Callable[[random.Random], dict]
    respondent: Callable[[dict], dict]


def _respondent(name: str = "", position: str = "", agency: str = "") -> dict:
    return {"name": name, "position": position, "agency": agency}


_TOPICS = (
    _Topic(
        "factory-nuisance", "social-conflict",
        ("ขอให้ตรวจสอบโรงงาน{kind}ที่สร้างความเดือดร้อนรำคาญ",
         "ร้องเรียนโรงงาน{kind}ส่งเสียงดังและฝุ่นละออง"),
        ("ตั้งแต่{since} ได้มีโรงงาน{kind}ของ{other} มาเปิดกิจการอยู่ในหมู่ที่ {moo} {village} "
         "ห่างจากบ้านของข้าพเจ้าประมาณ {dist} เมตร โรงงานดังกล่าวเปิดเครื่องจักรตั้งแต่เวลา {start} น. "
         "จนถึงเวลา {end} น. ทุกวัน ไม่เว้นวันหยุด ทำให้เกิดเสียงดังและฝุ่นละอองฟุ้งกระจายเข้ามาในบ้านเรือนของชาวบ้าน",
         "ในบ้านของข้าพเจ้ามีผู้สูงอายุและเด็กเล็ก ซึ่งต่อมามีอาการไอ แสบตา และนอนไม่หลับ "
         "ต้องไปรับการรักษาที่โรงพยาบาลส่งเสริมสุขภาพ{tambon} หลายครั้ง",
         "ข้าพเจ้าและเพื่อนบ้านได้เคยไปพูดคุยกับเจ้าของโรงงานแล้ว แต่ได้รับคำตอบว่าได้รับอนุญาตถูกต้อง "
         "และไม่มีการปรับปรุงแก้ไขแต่อย่างใด ต่อมาได้แจ้งผู้ใหญ่บ้านแล้ว แต่เรื่องก็เงียบหายไป",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดสั่งการให้หน่วยงานที่เกี่ยวข้องเข้าตรวจสอบการประกอบกิจการของโรงงานดังกล่าว "
         "ว่าได้รับอนุญาตถูกต้องหรือไม่ และควบคุมเสียงและฝุ่นละอองไม่ให้สร้างความเดือดร้อนแก่ชาวบ้านอีกต่อไป"),
        lambda rng: {
            "kind": rng.choice(("โม่หิน", "ผลิตอิฐบล็อก", "แปรรูปไม้", "อบลำไย", "ผลิตปุ๋ยอินทรีย์")),
            "dist": rng.randrange(50, 400, 10),
            "start": rng.choice(("05.00", "06.00", "07.00")),
            "end": rng.choice(("20.00", "22.00", "23.00")),
        },
        lambda c: _respondent(c["other"], f"เจ้าของโรงงาน{c['kind']}"),
    ),
    _Topic(
        "road-repair", "help",
        ("ขอความช่วยเหลือซ่อมแซมถนนในหมู่บ้าน",
         "ขอให้ซ่อมแซมถนนลูกรังสาย{village}"),
        ("ถนนลูกรังสาย{village} หมู่ที่ {moo} ถึง{village2} ระยะทางประมาณ {km} กิโลเมตร "
         "ซึ่งเป็นเส้นทางที่ชาวบ้านใช้สัญจรไปมาและขนส่งผลผลิตทางการเกษตร ได้ชำรุดเสียหายเป็นหลุมเป็นบ่อมาตั้งแต่{since} "
         "เมื่อฝนตกน้ำจะท่วมขังและเป็นโคลนจนรถไม่สามารถวิ่งผ่านได้",
         "ที่ผ่านมามีชาวบ้านประสบอุบัติเหตุรถจักรยานยนต์ล้มได้รับบาดเจ็บแล้ว {injured} ราย "
         "และนักเรียนที่ต้องเดินทางไปโรงเรียนได้รับความลำบากเป็นอย่างมาก",
         "ชาวบ้านได้นำเรื่องเข้าที่ประชุมประชาคมหมู่บ้านและยื่นหนังสือถึง{local_gov} แล้ว {times} ครั้ง "
         "ได้รับแจ้งว่าจะบรรจุไว้ในแผนพัฒนา แต่จนถึงปัจจุบันก็ยังไม่มีการซ่อมแซมแต่อย่างใด",
         "ข้าพเจ้าขอความอนุเคราะห์ให้ท่านได้โปรดประสานงานกับหน่วยงานที่เกี่ยวข้อง "
         "เพื่อเข้ามาซ่อมแซมถนนสายดังกล่าวให้สามารถใช้สัญจรได้ตามปกติโดยเร็ว"),
        lambda rng: {
            "km": rng.choice(("1.5", "2", "3", "4.5", "6")),
            "injured": rng.randint(2, 9),
            "times": rng.randint(2, 5),
        },
        lambda c: _respondent(position=c["local_head"], agency=c["local_gov"]),
    ),
    _Topic(
        "unpaid-wages", "unfair-treatment",
        ("ขอความเป็นธรรมกรณีถูกนายจ้างค้างจ่ายค่าจ้าง",
         "ขอให้ช่วยติดตามค่าจ้างที่นายจ้างค้างจ่าย"),
        ("ข้าพเจ้าได้เข้าทำงานเป็น{job}กับ{other} ซึ่งเป็น{role} ตั้งแต่{since} "
         "โดยตกลงค่าจ้างวันละ {wage} บาท จ่ายทุกวันที่ {payday} ของเดือน แต่นายจ้างได้ค้างจ่ายค่าจ้างข้าพเจ้ามาแล้ว "
         "{months} เดือน รวมเป็นเงินทั้งสิ้น {amount} บาท",
         "ข้าพเจ้ามีภาระต้องเลี้ยงดูบุตร {kids} คน และบิดามารดาที่ชราภาพ การไม่ได้รับค่าจ้างทำให้ครอบครัวได้รับความเดือดร้อนอย่างมาก "
         "ต้องไปกู้ยืมเงินผู้อื่นมาใช้จ่ายในครัวเรือน",
         "ข้าพเจ้าได้ทวงถามหลายครั้ง นายจ้างอ้างว่ายังไม่ได้รับเงินจากผู้ว่าจ้างและผัดผ่อนเรื่อยมา "
         "ปัจจุบันไม่ยอมรับโทรศัพท์ของข้าพเจ้า",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดช่วยเหลือติดตามให้นายจ้างจ่ายค่าจ้างที่ค้างอยู่ให้แก่ข้าพเจ้า "
         "และประสานสำนักงานสวัสดิการและคุ้มครองแรงงาน{changwat} เพื่อดำเนินการตามกฎหมาย"),
        lambda rng: _wage_facts(rng),
        lambda c: _respondent(c["other"], c["role"]),
    ),
    _Topic(
        "land-boundary", "mediation",
        ("ขอให้ไกล่เกลี่ยข้อพิพาทเรื่องแนวเขตที่ดิน",
         "ขอความช่วยเหลือกรณีถูกรุกล้ำแนวเขตที่ดิน"),
        ("ข้าพเจ้าเป็นเจ้าของที่ดินตามโฉนดที่ดินเลขที่ {deed} เนื้อที่ประมาณ {rai} ไร่ ตั้งอยู่หมู่ที่ {moo} {tambon} "
         "ซึ่งมีแนวเขตติดต่อกับที่ดินของ{other} ทางด้านทิศ{direction} เมื่อ{since} {other} "
         "ได้ปักเสาและล้อมรั้วลวดหนามรุกล้ำเข้ามาในที่ดินของข้าพเจ้าประมาณ {meters} เมตร ตลอดแนว",
         "ข้าพเจ้าได้ทักท้วงแล้ว แต่อีกฝ่ายยืนยันว่าเป็นแนวเขตเดิมตั้งแต่สมัยบิดามารดา "
         "ทำให้เกิดการโต้เถียงกันหลายครั้ง และเกือบจะมีการทำร้ายร่างกายกัน",
         "ข้าพเจ้าไม่ประสงค์จะให้เรื่องบานปลายเป็นคดีความ เนื่องจากเป็นเพื่อนบ้านและเป็นญาติห่าง ๆ กัน "
         "จึงอยากให้มีคนกลางช่วยพูดคุยเพื่อหาข้อยุติ",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดเป็นคนกลางในการไกล่เกลี่ยข้อพิพาท "
         "และประสานสำนักงานที่ดิน{changwat} ให้มารังวัดสอบเขตที่ดินให้ถูกต้อง"),
        lambda rng: {
            "deed": rng.randint(1200, 98000),
            "rai": rng.randint(2, 25),
            "direction": rng.choice(("เหนือ", "ใต้", "ตะวันออก", "ตะวันตก")),
            "meters": rng.randint(2, 15),
        },
        lambda c: _respondent(c["other"], "เจ้าของที่ดินข้างเคียง"),
    ),
    _Topic(
        "informal-debt", "tip-off",
        ("แจ้งเบาะแสการปล่อยเงินกู้นอกระบบ",
         "ขอความช่วยเหลือกรณีหนี้นอกระบบ"),
        ("เมื่อ{since} ข้าพเจ้ามีความจำเป็นต้องใช้เงินเพื่อ{reason} จึงได้กู้ยืมเงินจาก{other} "
         "จำนวน {amount} บาท โดยคิดดอกเบี้ยร้อยละ {rate} ต่อเดือน และให้ข้าพเจ้าลงลายมือชื่อในสัญญาที่ไม่ได้กรอกข้อความ "
         "พร้อมทั้งยึดสมุดบัญชีธนาคารและบัตรเอทีเอ็มไว้",
         "ข้าพเจ้าได้ชำระดอกเบี้ยมาแล้วรวมเป็นเงินกว่า {paid} บาท แต่เงินต้นยังคงเท่าเดิม "
         "ต่อมาเมื่อข้าพเจ้าไม่มีเงินชำระ ผู้ให้กู้ได้ส่งคนมาข่มขู่ที่บ้านในเวลากลางคืน "
         "ทำให้ข้าพเจ้าและครอบครัวหวาดกลัวเป็นอย่างมาก",
         "นอกจากนี้ ข้าพเจ้าทราบว่า{other} ยังปล่อยเงินกู้ในลักษณะเดียวกันให้แก่ชาวบ้านในหมู่ที่ {moo} "
         "และหมู่บ้านใกล้เคียงอีกหลายราย โดยมีคนขับรถจักรยานยนต์ออกเก็บเงินรายวันเป็นประจำ",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดตรวจสอบและดำเนินการตามกฎหมายกับผู้ให้กู้ดังกล่าว "
         "และช่วยไกล่เกลี่ยหนี้สินของข้าพเจ้าให้เป็นธรรม"),
        lambda rng: _debt_facts(rng),
        lambda c: _respondent(c["other"], "ผู้ปล่อยเงินกู้นอกระบบ"),
    ),
    _Topic(
        "headman-bribe", "unfair-treatment",
        ("ขอความเป็นธรรมกรณีผู้ใหญ่บ้านเรียกรับเงิน",
         "ร้องเรียนผู้ใหญ่บ้านหมู่ที่ {moo} เรียกเก็บเงินจากชาวบ้าน"),
        ("เมื่อ{since} ข้าพเจ้าได้ไปติดต่อ{other} ผู้ใหญ่บ้านหมู่ที่ {moo} เพื่อขอให้รับรอง{doc} "
         "แต่ผู้ใหญ่บ้านแจ้งว่าต้องจ่ายเงินค่าดำเนินการจำนวน {amount} บาท จึงจะลงนามรับรองให้",
         "ข้าพเจ้าทราบว่าการรับรองดังกล่าวไม่มีค่าธรรมเนียม และข้าพเจ้าไม่มีเงินจะจ่าย จึงไม่ได้รับการรับรอง "
         "ทำให้เสียสิทธิที่ควรจะได้รับ ทั้งนี้ทราบว่ามีชาวบ้านรายอื่นถูกเรียกเก็บเงินในลักษณะเดียวกันด้วย",
         "หลังจากที่ข้าพเจ้าปฏิเสธ ผู้ใหญ่บ้านได้พูดจาข่มขู่ว่าจะไม่ให้ข้าพเจ้าได้รับความช่วยเหลือใด ๆ "
         "จากทางราชการอีก ข้าพเจ้าจึงไม่กล้าไปติดต่อด้วยตนเองอีก",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดตรวจสอบข้อเท็จจริงและพิจารณาดำเนินการกับผู้ใหญ่บ้านดังกล่าวตามระเบียบ "
         "และขอให้ปกปิดชื่อของข้าพเจ้าเพื่อความปลอดภัย"),
        lambda rng: {
            "doc": rng.choice((
                "คำร้องขอรับเงินช่วยเหลือผู้ประสบภัยแล้ง", "หนังสือรับรองการทำประโยชน์ในที่ดิน",
                "แบบขึ้นทะเบียนเกษตรกร", "คำขอรับเบี้ยยังชีพผู้สูงอายุของมารดา",
            )),
            "amount": f"{rng.choice((500, 1000, 2000, 3000)):,}",
        },
        lambda c: _respondent(c["other"], f"ผู้ใหญ่บ้านหมู่ที่ {c['moo']}"),
    ),
    _Topic(
        "flooding", "help",
        ("ขอความช่วยเหลือแก้ไขปัญหาน้ำท่วมขัง",
         "ขอให้ขุดลอกท่อระบายน้ำในหมู่บ้าน"),
        ("บริเวณ{village} หมู่ที่ {moo} มีปัญหาน้ำท่วมขังทุกครั้งที่ฝนตกหนัก เนื่องจากท่อระบายน้ำริมถนนมีขนาดเล็ก "
         "และอุดตันด้วยเศษดินและขยะ ประกอบกับมีการถมที่ดินสร้างอาคารพาณิชย์ขวางทางน้ำไหลเดิม",
         "เมื่อ{since} น้ำได้ท่วมเข้าบ้านเรือนของชาวบ้านประมาณ {houses} หลังคาเรือน สูงประมาณ {cm} เซนติเมตร "
         "และท่วมขังนานกว่า {days} วัน ทำให้ทรัพย์สินเสียหาย มีกลิ่นเหม็น และยุงชุกชุม",
         "ชาวบ้านได้แจ้ง{local_gov}แล้ว มีเจ้าหน้าที่มาดูพื้นที่ "
         "แต่ยังไม่ได้ดำเนินการขุดลอกหรือวางท่อระบายน้ำใหม่แต่อย่างใด",
         "ข้าพเจ้าขอความอนุเคราะห์ให้ท่านได้โปรดประสานหน่วยงานที่เกี่ยวข้องมาขุดลอกท่อระบายน้ำ "
         "และแก้ไขปัญหาทางระบายน้ำอย่างถาวร ก่อนถึงฤดูฝนที่จะมาถึงนี้"),
        lambda rng: {
            "houses": rng.randint(15, 80),
            "cm": rng.randrange(20, 90, 10),
            "days": rng.randint(3, 10),
        },
        lambda c: _respondent(position=c["local_head"], agency=c["local_gov"]),
    ),
    _Topic(
        "stray-dogs", "social-conflict",
        ("ขอให้แก้ไขปัญหาสุนัขจรจัดในหมู่บ้าน",
         "ร้องเรียนปัญหาสุนัขจรจัดไล่กัดชาวบ้าน"),
        ("ปัจจุบันในหมู่ที่ {moo} {village} มีสุนัขจรจัดมากกว่า {dogs} ตัว ซึ่งส่วนใหญ่อาศัยอยู่บริเวณบ้านของ{other} "
         "ที่นำอาหารมาให้เป็นประจำ แต่ไม่ได้ดูแลหรือนำไปฉีดวัคซีนแต่อย่างใด",
         "สุนัขดังกล่าวเห่าหอนเสียงดังในเวลากลางคืน และไล่กัดผู้ที่สัญจรผ่านไปมา เมื่อ{since} "
         "หลานของข้าพเจ้าอายุ {kid_age} ปี ถูกสุนัขกัดที่ขาขณะเดินกลับจากโรงเรียน "
         "ต้องไปฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าหลายเข็ม",
         "ข้าพเจ้าได้พูดคุยกับ{other}แล้ว แต่ได้รับคำตอบว่าไม่ใช่สุนัขของตนและไม่ขอรับผิดชอบ "
         "ทำให้เกิดความขัดแย้งระหว่างเพื่อนบ้าน",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดประสาน{local_gov} และปศุสัตว์{amphoe} "
         "เข้ามาจัดการปัญหาสุนัขจรจัด ฉีดวัคซีนและทำหมัน เพื่อความปลอดภัยของชาวบ้าน"),
        lambda rng: {"dogs": rng.randint(15, 40), "kid_age": rng.randint(6, 12)},
        lambda c: _respondent(c["other"], "ผู้ให้อาหารสุนัขจรจัด"),
    ),
    _Topic(
        "garbage-burning", "social-conflict",
        ("ขอให้แก้ไขปัญหาการเผาขยะในบ่อขยะ",
         "ร้องเรียนควันและกลิ่นเหม็นจากการเผาขยะ"),
        ("บ่อขยะของ{local_gov} ซึ่งอยู่ในหมู่ที่ {moo} ห่างจากชุมชนประมาณ {dist} เมตร "
         "ได้มีการลักลอบเผาขยะเป็นประจำ โดยเฉพาะในเวลากลางคืน ตั้งแต่{since} เป็นต้นมา",
         "ควันและกลิ่นเหม็นจากการเผาขยะลอยเข้ามาในบ้านเรือน ทำให้ชาวบ้านหายใจไม่สะดวก "
         "ผู้สูงอายุและเด็กมีอาการแพ้และระคายเคืองตา บางครั้งไฟลุกลามไปยังสวนของชาวบ้านที่อยู่ติดกัน",
         "ชาวบ้านได้แจ้งไปยังผู้ดูแลบ่อขยะหลายครั้ง แต่ยังคงมีการเผาขยะอยู่เช่นเดิม",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดสั่งการให้หน่วยงานที่รับผิดชอบเข้าตรวจสอบ "
         "และกำกับดูแลการกำจัดขยะให้ถูกต้องตามหลักสุขาภิบาล และห้ามการเผาขยะโดยเด็ดขาด"),
        lambda rng: {"dist": rng.randrange(200, 1500, 50)},
        lambda c: _respondent(position=c["local_head"], agency=c["local_gov"]),
    ),
    _Topic(
        "water-outage", "help",
        ("ขอความช่วยเหลือกรณีน้ำประปาไม่ไหล",
         "ขอให้แก้ไขปัญหาน้ำประปาหมู่บ้านหมู่ที่ {moo}"),
        ("ตั้งแต่{since} เป็นต้นมา น้ำประปาหมู่บ้านในหมู่ที่ {moo} {village} ไหลอ่อนมาก "
         "และบางครั้งไม่ไหลเลยติดต่อกันหลายวัน บางสัปดาห์ไหลเพียงวันละ {hours} ชั่วโมงในช่วงกลางดึก",
         "ชาวบ้านกว่า {houses} หลังคาเรือนไม่มีน้ำใช้สำหรับอุปโภคบริโภค ต้องซื้อน้ำจากรถบรรทุกน้ำ "
         "ในราคาลูกบาศก์เมตรละ {price} บาท ซึ่งเป็นภาระค่าใช้จ่ายเพิ่มขึ้น ทั้งที่ยังต้องชำระค่าน้ำประปาทุกเดือน",
         "คณะกรรมการประปาหมู่บ้านแจ้งว่าเครื่องสูบน้ำชำรุดและไม่มีงบประมาณในการซ่อมแซม "
         "ชาวบ้านจึงไม่ทราบว่าจะแก้ไขปัญหาได้เมื่อใด",
         "ข้าพเจ้าขอความอนุเคราะห์ให้ท่านได้โปรดประสานหน่วยงานที่เกี่ยวข้องช่วยซ่อมแซมระบบประปา "
         "และจัดรถบรรทุกน้ำมาแจกจ่ายให้ชาวบ้านในระหว่างนี้"),
        lambda rng: {
            "hours": rng.randint(1, 3),
            "houses": rng.randint(40, 150),
            "price": rng.randrange(80, 200, 10),
        },
        lambda c: _respondent(
            position=f"ประธานคณะกรรมการประปาหมู่บ้านหมู่ที่ {c['moo']}",
            agency=f"ประปาหมู่บ้าน หมู่ที่ {c['moo']} {c['village']}",
        ),
    ),
    _Topic(
        "gambling-den", "tip-off",
        ("แจ้งเบาะแสบ่อนการพนันในหมู่บ้าน",
         "ขอให้ตรวจสอบการลักลอบเล่นการพนัน"),
        ("ข้าพเจ้าขอแจ้งว่าบริเวณบ้านของ{other} ในหมู่ที่ {moo} {village} ได้มีการเปิดเป็นบ่อนการพนันไพ่และไฮโลเป็นประจำ "
         "ตั้งแต่{since} โดยจะเปิดในช่วงเวลา {start} น. ถึงประมาณ {end} น.",
         "มีผู้คนทั้งในและนอกหมู่บ้านเข้าไปเล่นการพนันวันละหลายสิบคน มีรถจอดเรียงรายริมถนน "
         "ส่งเสียงดังรบกวนชาวบ้าน และมีเยาวชนเข้าไปเล่นการพนันด้วย บางครอบครัวต้องสูญเสียเงินและทะเลาะวิวาทกัน",
         "ชาวบ้านไม่กล้าแจ้งเจ้าหน้าที่ในพื้นที่ เนื่องจากเกรงว่าจะถูกทำร้ายหรือถูกกลั่นแกล้ง",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดสั่งการให้เจ้าหน้าที่เข้าตรวจสอบและปราบปรามตามกฎหมาย "
         "และขอให้ปกปิดชื่อผู้แจ้งเพื่อความปลอดภัย"),
        lambda rng: {
            "start": rng.choice(("19.00", "20.00", "21.00")),
            "end": rng.choice(("02.00", "03.00", "04.00")),
        },
        lambda c: _respondent(c["other"], "ผู้ต้องสงสัยเป็นเจ้ามือการพนัน"),
    ),
    _Topic(
        "unpaid-loan", "mediation",
        ("ขอให้ไกล่เกลี่ยกรณีผิดสัญญากู้ยืมเงิน",
         "ขอความช่วยเหลือติดตามเงินที่ให้กู้ยืม"),
        ("เมื่อ{since} {other} ได้มายืมเงินข้าพเจ้าจำนวน {amount} บาท โดยอ้างว่าจะนำไปเป็นค่ารักษาพยาบาลบิดา "
         "และสัญญาว่าจะคืนให้ภายใน {months} เดือน โดยได้ทำหนังสือสัญญากู้ยืมเงินไว้ต่อหน้าพยาน "
         "แต่จนถึงปัจจุบันยังไม่ได้คืนเงินให้แก่ข้าพเจ้าแต่อย่างใด",
         "เมื่อครบกำหนด ข้าพเจ้าได้ทวงถามหลายครั้ง แต่{other}ผัดผ่อนมาโดยตลอด "
         "และต่อมาได้ย้ายไปทำงานที่จังหวัดอื่น ติดต่อได้เพียงทางโทรศัพท์",
         "ข้าพเจ้าประสงค์เพียงให้ได้รับเงินคืน โดยยินยอมให้ผ่อนชำระเป็นงวดได้ และไม่ประสงค์จะดำเนินคดี",
         "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดเชิญคู่กรณีมาไกล่เกลี่ยที่ศูนย์ดำรงธรรม{amphoe} "
         "เพื่อหาข้อยุติร่วมกัน"),
        lambda rng: {
            "amount": f"{rng.choice((20000, 35000, 50000, 80000, 100000)):,}",
            "months": rng.randint(2, 4),
        },
        lambda c: _respondent(c["other"], "ผู้กู้ยืมเงิน"),
    ),
)


def fake_petition(rng: random.Random, person: dict, place: dict, received: datetime.date) -> dict:
    """Invent the petition ``person`` files at the ``place`` district office.

    Returns subject (the text after "เรื่อง"), details (paragraphs separated
    by blank lines), respondent ({name, position, agency}, empty strings when
    unknown), category_hint (one of CATEGORY_HINTS), topic and attachments
    (what the citizen encloses).  The events start five to fourteen months
    before ``received``, long enough for every topic's story (months of
    unpaid wages, a loan past its due date) to hold together.
    """
    topic = rng.choice(_TOPICS)
    context = _context(rng, person, place, received) | topic.facts(rng)
    middle = sorted(rng.sample((1, 2), rng.randint(0, 2)))
    paragraphs = [topic.paragraphs[i].format(**context) for i in (0, *middle, 3)]
    return {
        "subject": rng.choice(topic.subjects).format(**context),
        "details": "\n\n".join(paragraphs),
        "respondent": topic.respondent(context),
        "category_hint": topic.category,
        "topic": topic.key,
        "attachments": _attachments(rng),
    }


def petition_text(petition: dict, person: dict, place: dict, received: datetime.date) -> str:
    """The letter as a citizen types it, laid out with leading tabs.

    Numbers are in Thai digits except the national ID and phone number,
    which people copy from their card and phone in Arabic digits.  The
    letter is addressed to the office of ``place``.
    """
    return "\n".join([
        *_letter_head(petition, person, place, received),
        *_letter_body(petition, person),
        *_letter_signature(person),
    ])


def _letter_head(petition: dict, person: dict, place: dict, received: datetime.date) -> list[str]:
    lines = [
        f"{_HEADER}เขียนที่ {to_thai_digits(person['address'])}",
        f"{_DATE}วันที่ {format_date(received)}",
        "",
        f"เรื่อง  {to_thai_digits(petition['subject'])}",
        f"เรียน  {_addressee(place, petition['category_hint'])}",
    ]
    for number, attachment in enumerate(petition["attachments"], 1):
        label = "สิ่งที่ส่งมาด้วย  " if number == 1 else _ATTACHMENT
        lines.append(to_thai_digits(f"{label}{number}. {attachment}"))
    return [*lines, ""]


def _letter_body(petition: dict, person: dict) -> list[str]:
    category = petition["category_hint"]
    intro = (
        f"ข้าพเจ้า {full_name(person)} อายุ {to_thai_digits(str(person['age']))} ปี "
        f"เลขประจำตัวประชาชน {format_id(person['national_id'])} "
        f"อยู่บ้านเลขที่ {to_thai_digits(person['address'])} "
        f"หมายเลขโทรศัพท์ {person['phone']} {_PURPOSE[category]} โดยมีรายละเอียดดังนี้"
    )
    paragraphs = [intro, *to_thai_digits(petition["details"]).split("\n\n"), _CLOSING[category]]
    return [_PARAGRAPH + paragraph for paragraph in paragraphs]


def _letter_signature(person: dict) -> list[str]:
    return [
        "",
        f"{_SIGN_OFF}ขอแสดงความนับถือ",
        "",
        "",
        f"{_SIGNATURE}(ลงชื่อ)........................................ผู้ร้อง",
        f"{_SIGN_OFF}( {full_name(person)} )",
    ]


def _context(rng: random.Random, person: dict, place: dict, received: datetime.date) -> dict:
    """Facts shared by all topics: where, since when, and who is involved."""
    tambon, amphoe, changwat = admin_parts(place)
    local_gov, local_head = _local_government(rng, tambon, amphoe)
    village, village2 = rng.sample(_villages(), 2)
    since = received - datetime.timedelta(days=rng.randint(150, 420))
    return {
        "moo": person["moo"],
        "village": village,
        "village2": village2,
        "tambon": tambon,
        "amphoe": amphoe,
        "changwat": changwat,
        "local_gov": local_gov,
        "local_head": local_head,
        "since": f"เดือน{MONTHS[since.month - 1]} {since.year + 543}",
        "other": full_name(fake_person(rng, place)),
    }


def _villages() -> list[str]:
    return [f"บ้าน{head}{tail}" for head in _VILLAGE_HEADS for tail in _VILLAGE_TAILS]


def _local_government(rng: random.Random, tambon: str, amphoe: str) -> tuple[str, str]:
    """The local body responsible for roads, drains and rubbish: an อบต. or a
    municipality upcountry, the district office (สำนักงานเขต) in Bangkok."""
    if amphoe.startswith("เขต"):
        return f"สำนักงาน{amphoe}", f"ผู้อำนวยการ{amphoe}"
    if rng.random() < 0.7:
        return f"องค์การบริหารส่วน{tambon}", f"นายกองค์การบริหารส่วน{tambon}"
    return f"เทศบาล{tambon}", f"นายกเทศมนตรี{tambon}"


def _addressee(place: dict, category: str) -> str:
    """Complaints about officials and tip-offs go to the district chief, who
    commands headmen and local officials; requests for help or mediation go
    to the director of the district's Damrongdhama Center."""
    _, amphoe, _ = admin_parts(place)
    if category in ("unfair-treatment", "tip-off"):
        return f"ผู้อำนวยการ{amphoe}" if amphoe.startswith("เขต") else f"นาย{amphoe}"
    return f"ผู้อำนวยการศูนย์ดำรงธรรม{amphoe}"


def _attachments(rng: random.Random) -> list[str]:
    """Most citizens enclose a copy of their ID card, some add photos."""
    attachments = []
    if rng.random() < 0.7:
        attachments.append("สำเนาบัตรประจำตัวประชาชน จำนวน 1 ฉบับ")
    if rng.random() < 0.3:
        attachments.append(f"ภาพถ่ายประกอบ จำนวน {rng.randint(2, 6)} ภาพ")
    return attachments


def _wage_facts(rng: random.Random) -> dict:
    wage = rng.randrange(320, 500, 10)
    months = rng.randint(2, 5)
    return {
        "job": rng.choice((
            "ลูกจ้างก่อสร้าง", "พนักงานขับรถส่งของ", "คนงานในไร่อ้อย",
            "พนักงานร้านอาหาร", "คนงานโรงสีข้าว",
        )),
        "role": rng.choice(("ผู้รับเหมาก่อสร้าง", "เจ้าของกิจการ")),
        "wage": wage,
        "payday": rng.choice((1, 5, 15, 25)),
        "months": months,
        "amount": f"{wage * 26 * months:,}",
        "kids": rng.randint(1, 3),
    }


def _debt_facts(rng: random.Random) -> dict:
    """Interest of 10–20 % a month is typical of informal lenders; the
    citizen has usually paid more in interest than the original loan."""
    amount = rng.choice((10000, 20000, 30000, 50000))
    rate = rng.choice((10, 15, 20))
    return {
        "reason": rng.choice((
            "เป็นค่าเทอมของบุตร", "รักษาพยาบาลมารดา", "ลงทุนปลูกมันสำปะหลัง",
            "ซ่อมแซมบ้านที่ถูกพายุพัดเสียหาย",
        )),
        "amount": f"{amount:,}",
        "rate": rate,
        "paid": f"{amount * rate // 100 * rng.randint(6, 14):,}",
    }
