"""Thai documents written for the independent OCR evaluation set, composed from building blocks.

Everything here is invented for this set and shares no word list with the tuning pages
(``damrong.demo``, ``bench/ocr.py``): offices, people, subjects, sentences and the Latin-script
terms that real Thai government papers carry (system names, acronyms, e-mail addresses, URLs,
English glosses in parentheses).  People's names are made up; a national ID number is 13 random
digits whose check digit is deliberately wrong, so it can be nobody's.

``compose(kind, rng, digit_set)`` returns a ``Document`` whose numbers follow one of three
plans: Thai digits throughout, Arabic throughout, or mixed (official numbers and dates in Thai
digits, phone numbers, times and amounts in Arabic ones).  E-mail addresses, URLs and a few
fixed English phrases ("Call Center 1567" in a note) keep Arabic digits whatever the plan, as
real papers do, so the digits a page actually prints are read from its truth afterwards.
"""
import random

from document import Document, Field, Line, Para, Right, Row, Sign, Table, Title

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
           "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_SHORT_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                 "พ.ย.", "ธ.ค.")


class Numerals:
    """Writes numbers in the document's digit set.

    ``formal`` is for what official writing puts in Thai digits (letter numbers, dates, counts,
    the numbers in a system's name); ``plain`` is for what a mixed document leaves in Arabic
    digits (phone numbers, times, amounts, house numbers).
    """

    def __init__(self, digit_set: str):
        self.digit_set = digit_set

    def formal(self, text) -> str:
        text = str(text)
        return text if self.digit_set == "arabic" else text.translate(_TO_THAI)

    def plain(self, text) -> str:
        text = str(text)
        return text.translate(_TO_THAI) if self.digit_set == "thai" else text


# -- people, places and offices ----------------------------------------------------------------

_FIRST_NAMES = {
    "นาย": ("สมชาย", "ประเสริฐ", "วิชัย", "ธนกร", "สุรเชษฐ์", "อนุชา", "กิตติพงษ์", "ณัฐวุฒิ", "บุญเลิศ",
            "ชาตรี", "เอกชัย", "ปิยะพงษ์", "ศักดิ์ชัย", "ภานุวัฒน์", "ทองใบ", "วีระยุทธ"),
    "นาง": ("สมศรี", "บุษบา", "วันเพ็ญ", "ประไพ", "จันทร์เพ็ญ", "ละเอียด", "สุนันทา", "มาลัย", "ทองคำ",
            "รัชนี"),
    "นางสาว": ("กมลชนก", "ปิยะนุช", "อรอุมา", "ศิริพร", "พัชราภรณ์", "ณัฐธิดา", "สุภาวดี", "จิราพร",
               "เบญจวรรณ", "ชลธิชา"),
}
_SURNAMES = ("ใจดี", "ศรีสุข", "มั่นคง", "ทองประเสริฐ", "แก้วมณี", "บุญมา", "รุ่งเรืองศรี", "พึ่งบุญ",
             "สายทอง", "เพชรรัตน์", "อินทร์แก้ว", "ชัยมงคล", "วงศ์ใหญ่", "นาคสวัสดิ์", "ปัญญาดี",
             "คำภีระ", "จันทร์หอม", "สุขเกษม", "ธรรมรักษ์", "ศรีวิเศษ", "บัวงาม", "ทองดีเลิศ")
_POSITIONS = ("ปลัดจังหวัด", "นายอำเภอ", "หัวหน้าศูนย์ดำรงธรรมจังหวัด", "ปลัดอำเภอ",
              "นักวิชาการคอมพิวเตอร์ชำนาญการ", "เจ้าพนักงานธุรการชำนาญงาน", "นักจัดการงานทั่วไปชำนาญการ",
              "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ", "ผู้อำนวยการกลุ่มงานเทคโนโลยีสารสนเทศ",
              "หัวหน้าฝ่ายบริหารงานปกครอง", "นิติกรชำนาญการ")
# (province, its two-letter code, postcode of its town, the road of its provincial hall)
_PROVINCES = (("นครสวรรค์", "นว", "60000", "ถนนสวรรค์วิถี"), ("ขอนแก่น", "ขก", "40000", "ถนนศูนย์ราชการ"),
              ("สุราษฎร์ธานี", "สฎ", "84000", "ถนนดอนนก"), ("ลำปาง", "ลป", "52000", "ถนนบุญวาทย์"),
              ("อุบลราชธานี", "อบ", "34000", "ถนนแจ้งสนิท"), ("ชลบุรี", "ชบ", "20000", "ถนนพระยาสัจจา"),
              ("พิษณุโลก", "พล", "65000", "ถนนวังจันทน์"), ("สงขลา", "สข", "90000", "ถนนราชดำเนิน"),
              ("กาญจนบุรี", "กจ", "71000", "ถนนแสงชูโต"), ("บุรีรัมย์", "บร", "31000", "ถนนหลักเมือง"))
_DISTRICTS = ("อำเภอเมือง", "อำเภอท่าตะโก", "อำเภอบ้านไผ่", "อำเภอพุนพิน", "อำเภอเกาะคา", "อำเภอวารินชำราบ",
              "อำเภอศรีราชา", "อำเภอวังทอง", "อำเภอหาดใหญ่", "อำเภอท่าม่วง", "อำเภอนางรอง", "อำเภอชุมแสง")
_SUBDISTRICTS = ("ตำบลบ้านใหม่", "ตำบลหนองบัว", "ตำบลนาดี", "ตำบลท่าทราย", "ตำบลโคกสูง", "ตำบลวังน้ำเย็น",
                 "ตำบลบางปลา", "ตำบลดอนแก้ว", "ตำบลห้วยยาง", "ตำบลสระแก้ว")
_MINISTRY_UNITS = (("มท", "0212", "กองการเจ้าหน้าที่ สำนักงานปลัดกระทรวงมหาดไทย"),
                   ("มท", "0206", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร สำนักงานปลัดกระทรวงมหาดไทย"),
                   ("มท", "0230", "ศูนย์ดำรงธรรมกระทรวงมหาดไทย สำนักงานปลัดกระทรวงมหาดไทย"),
                   ("มท", "0309", "สำนักบริหารการทะเบียน กรมการปกครอง"),
                   ("มท", "0810", "กองคลัง กรมส่งเสริมการปกครองท้องถิ่น"))
_DOMAIN_WORDS = ("nakhonsawan", "khonkaen", "suratthani", "lampang", "ubonratchathani", "chonburi",
                 "phitsanulok", "songkhla", "kanchanaburi", "buriram")
_MAILBOXES = ("saraban", "damrongtham", "complaint.center", "ict", "it-support", "admin.office",
              "petition", "helpdesk", "data.center", "govchannel")
_URL_PATHS = ("complaint", "e-service/register", "opendata", "news/circular", "dashboard",
              "download/forms", "pdpa/privacy-policy", "meeting/zoom", "status-check", "faq")

# -- Latin-script terms ------------------------------------------------------------------------

_SYSTEMS = ("Video Conference", "E-inspection", "e-Saraban", "Single Sign-On", "API Gateway",
            "Microsoft Teams", "Google Sheets", "Zoom Meeting", "LINE Official Account", "Dashboard",
            "Big Data", "Open Data", "Cloud Computing", "GIS", "Google Forms", "Power BI",
            "Government Data Center", "e-Office", "Digital ID", "MOI Smart Service", "Webex",
            "Google Drive", "Biz Portal", "Traffy Fondue", "e-Budget", "OneDrive", "Helpdesk", "IPv6",
            "Wi-Fi 6", "ISO/IEC 27001", "Backup 3-2-1")
# Names whose number a letter in Thai digits writes in Thai digits too.
_NUMBERED_SYSTEMS = ("Call Center 1567", "Windows 11", "Office 2021", "Hotline 1111", "Microsoft 365")
_GLOSSES = (("พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล", "Personal Data Protection Act"),
            ("การยืนยันตัวตนทางดิจิทัล", "Digital Identity"),
            ("การประมวลผลแบบคลาวด์", "Cloud Computing"),
            ("ข้อมูลเปิดภาครัฐ", "Open Government Data"),
            ("ตัวชี้วัดผลการปฏิบัติราชการ", "Key Performance Indicator: KPI"),
            ("ข้อตกลงระดับการให้บริการ", "Service Level Agreement: SLA"),
            ("การรักษาความมั่นคงปลอดภัยไซเบอร์", "Cyber Security"),
            ("ระบบสารสนเทศภูมิศาสตร์", "Geographic Information System: GIS"),
            ("การแปลงเป็นดิจิทัล", "Digital Transformation"),
            ("ศูนย์ข้อมูลภาครัฐ", "Government Data Center"),
            ("ปัญญาประดิษฐ์", "Artificial Intelligence: AI"),
            ("การพิสูจน์และยืนยันตัวตน", "Identity Proofing and Authentication"),
            ("เจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล", "Data Protection Officer: DPO"),
            ("แผนรองรับการดำเนินงานอย่างต่อเนื่อง", "Business Continuity Plan: BCP"))
_ACRONYMS = ("PDPA", "DOPA", "GIS", "QR Code", "KPI", "SLA", "VPN", "HTTPS", "PDF", "CCTV", "ICT",
             "MOU", "OTP", "JSON Web Token", "URL", "USB", "IT", "ID Card")


class Writer:
    """Random but seeded choices of everything a document fills in, in one digit set."""

    def __init__(self, rng: random.Random, digit_set: str):
        self.rng = rng
        self.num = Numerals(digit_set)
        self.province = rng.choice(_PROVINCES)
        own_domain = f"{_DOMAIN_WORDS[_PROVINCES.index(self.province)]}.go.th"
        self.domain = "moi.go.th" if rng.random() < 0.3 else own_domain
        self.year = rng.choice((2567, 2568, 2569))

    # names and places
    def person(self, title: str | None = None) -> str:
        title = title or self.rng.choice(tuple(_FIRST_NAMES))
        return f"{title}{self.rng.choice(_FIRST_NAMES[title])} {self.rng.choice(_SURNAMES)}"

    def position(self) -> str:
        return self.rng.choice(_POSITIONS)

    def center(self) -> str:
        return f"ศูนย์ดำรงธรรมจังหวัด{self.province[0]}"

    def hall(self) -> str:
        return f"ศาลากลางจังหวัด{self.province[0]}"

    def town_address(self) -> str:
        return f"{self.province[3]} {self.province[0]} {self.num.formal(self.province[2])}"

    def home_address(self) -> str:
        house = str(self.rng.randint(1, 299))
        if self.rng.random() < 0.4:
            house += f"/{self.rng.randint(1, 40)}"
        return (f"บ้านเลขที่ {self.num.plain(house)} หมู่ที่ {self.num.plain(self.rng.randint(1, 15))} "
                f"{self.rng.choice(_SUBDISTRICTS)} {self.rng.choice(_DISTRICTS)} "
                f"จังหวัด{self.province[0]} {self.num.plain(self.province[2])}")

    # numbers
    def date(self, short: bool = False) -> str:
        day, month = self.rng.randint(1, 28), self.rng.randrange(12)
        if short:
            return self.num.formal(f"{day} {_SHORT_MONTHS[month]} {self.year % 100}")
        return self.num.formal(f"{day} {_MONTHS[month]} {self.year}")

    def time(self) -> str:
        return self.num.plain(f"{self.rng.randint(8, 16):02d}.{self.rng.choice((0, 15, 30, 45)):02d}") + " น."

    def phone(self) -> str:
        if self.rng.random() < 0.5:
            return self.num.plain(f"0 {self.rng.randint(2000, 7799)} {self.rng.randint(1000, 9999)}")
        prefix = f"0{self.rng.choice((6, 8, 9))}{self.rng.randint(1, 9)}"
        return self.num.plain(f"{prefix}-{self.rng.randint(100, 999)}-{self.rng.randint(1000, 9999)}")

    def count(self, low: int = 1, high: int = 9999) -> str:
        return self.num.formal(f"{self.rng.randint(low, high):,}")

    def amount(self) -> str:
        baht = self.rng.choice((self.rng.randint(500, 99_000), self.rng.randint(100_000, 4_900_000)))
        return self.num.plain(f"{baht:,}.{self.rng.choice((0, 0, 25, 50, 75)):02d}")

    def book_number(self, circular: bool = False) -> str:
        """A letter's number: a ministry's or the province's code, the unit, the serial."""
        code, unit, _ = self.rng.choice(_MINISTRY_UNITS) if self.rng.random() < 0.4 else (
            self.province[1], f"00{self.rng.randint(10, 23)}.{self.rng.randint(1, 6)}", "")
        serial = f"ว {self.rng.randint(1, 9999)}" if circular else str(self.rng.randint(1, 9999))
        return f"{code} {self.num.formal(f'{unit}/{serial}')}"

    def national_id(self) -> str:
        """13 digits whose check digit is wrong on purpose: a number that cannot be real."""
        digits = [self.rng.randint(1, 8)] + [self.rng.randint(0, 9) for _ in range(11)]
        check = (11 - sum(d * (13 - i) for i, d in enumerate(digits)) % 11) % 10
        digits.append((check + self.rng.randint(1, 9)) % 10)
        text = "".join(map(str, digits))
        return self.num.plain(f"{text[0]} {text[1:5]} {text[5:10]} {text[10:12]} {text[12]}")

    # Latin script
    def email(self) -> str:
        return f"{self.rng.choice(_MAILBOXES)}@{self.domain}"

    def url(self) -> str:
        host = self.rng.choice(("www.", "", "eservice.", "data."))
        return f"https://{host}{self.domain}/{self.rng.choice(_URL_PATHS)}"

    def system(self) -> str:
        if self.rng.random() < 0.25:
            return self.num.formal(self.rng.choice(_NUMBERED_SYSTEMS))
        return self.rng.choice(_SYSTEMS)

    def gloss(self) -> str:
        thai, english = self.rng.choice(_GLOSSES)
        return f"{thai} ({english})"

    def acronym(self) -> str:
        return self.rng.choice(_ACRONYMS)

    def fill(self, template: str) -> str:
        """A sentence template with its slots filled: {system}, {email}, {url}, {date}, ..."""
        slots = {"system": self.system, "system2": self.system, "email": self.email, "url": self.url,
                 "date": self.date, "date2": self.date, "book": self.book_number, "time": self.time,
                 "phone": self.phone, "gloss": self.gloss, "acr": self.acronym, "count": self.count, "amount": self.amount, "center": self.center,
                 "person": self.person, "position": self.position, "province": lambda: self.province[0],
                 "pct": lambda: self.num.formal(f"{self.rng.randint(50, 99)}.{self.rng.randint(0, 99):02d}"),
                 "days": lambda: self.num.formal(self.rng.choice((3, 5, 7, 15, 30, 45, 60))),
                 "year": lambda: self.num.formal(self.year)}
        used = {key: make for key, make in slots.items() if "{" + key + "}" in template}
        return template.format_map({key: make() for key, make in used.items()})


# -- sentences ----------------------------------------------------------------------------------

_LETTER_SUBJECTS = (
    "ขอความร่วมมือรายงานผลการดำเนินงานผ่านระบบ {system}",
    "การใช้งานระบบ {system} ของศูนย์ดำรงธรรม", "ขอเชิญเข้าร่วมประชุมผ่านระบบ {system}",
    "แนวทางปฏิบัติตาม{gloss}", "ขอความอนุเคราะห์ข้อมูลเพื่อจัดทำ {system}",
    "ส่งเรื่องร้องเรียนเพื่อตรวจสอบข้อเท็จจริง", "แจ้งผลการพิจารณาเรื่องร้องเรียน",
    "ขอเชิญเข้ารับการอบรมหลักสูตร {system} สำหรับเจ้าหน้าที่", "การเปลี่ยนแปลงที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (E-mail)",
    "ขอรับการสนับสนุนงบประมาณจัดหาอุปกรณ์ {acr}", "การเผยแพร่ชุดข้อมูลเปิด (Open Data) ประจำปี {year}",
    "ขอให้ปรับปรุงข้อมูลผู้ใช้งานระบบ {system}", "ติดตามผลการดำเนินการตามหนังสือที่อ้างถึง",
    "ขอความร่วมมือตอบแบบสำรวจผ่าน Google Forms", "การจัดทำแผนรองรับการดำเนินงานอย่างต่อเนื่อง (BCP)",
    "ขอเชิญประชุมชี้แจงแนวทางการใช้งาน {system}", "การยกระดับความปลอดภัยระบบ Email ด้วย Two-Factor Authentication",
    "ขอข้อมูลสถิติเรื่องร้องเรียนประจำไตรมาสที่ {days}", "การประเมินความพึงพอใจผู้รับบริการผ่าน QR Code",
    "ขอความร่วมมือปรับปรุงเว็บไซต์หน่วยงานให้รองรับ HTTPS", "การจัดเก็บเอกสารอิเล็กทรอนิกส์ในรูปแบบ PDF/A",
    "แจ้งปิดปรับปรุงระบบ {system} เป็นการชั่วคราว", "การแต่งตั้งเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)",
)
_OPENINGS = (
    "ตามที่ {center} ได้รับเรื่องร้องเรียนจากประชาชนผ่านช่องทาง {system} จำนวน {count} เรื่อง ",
    "ด้วยกระทรวงมหาดไทยได้พัฒนาระบบ {system} เพื่อรองรับการให้บริการประชาชนแบบออนไลน์ ",
    "ตามหนังสือที่อ้างถึง ได้ขอความร่วมมือหน่วยงานในสังกัดจัดส่งข้อมูลภายในวันที่ {date} ",
    "ด้วยจังหวัด{province}มีนโยบายขับเคลื่อน{gloss} ในหน่วยงานภาครัฐทุกระดับ ",
    "ตามที่ได้มีการประกาศใช้{gloss} ซึ่งมีผลใช้บังคับกับหน่วยงานของรัฐ ",
    "ด้วยศูนย์เทคโนโลยีสารสนเทศและการสื่อสารกำหนดจัดประชุมชี้แจงการใช้งานระบบ {system} ในวันที่ {date} เวลา {time} ",
    "ตามที่ท่านได้ยื่นคำร้องเรียนผ่านระบบ {system} เมื่อวันที่ {date} ",
    "ด้วยปัจจุบันมีผู้ใช้บริการผ่าน {system} เพิ่มขึ้นเป็นจำนวน {count} ราย ",
    "ด้วยสำนักงานพัฒนารัฐบาลดิจิทัลได้ประเมินเว็บไซต์ภาครัฐ พบว่าเว็บไซต์ {url} ยังไม่รองรับ HTTPS ",
    "ตามที่คณะรัฐมนตรีมีมติเมื่อวันที่ {date} เห็นชอบแนวทาง{gloss} ",
    "ด้วย{center} จะดำเนินการปรับปรุงระบบ {system} ระหว่างวันที่ {date} ถึงวันที่ {date2} ",
    "ตามที่ท่านได้แจ้งปัญหาการใช้งานระบบ {system} ทางไปรษณีย์อิเล็กทรอนิกส์ {email} ",
    "ด้วยศูนย์ดำรงธรรมกระทรวงมหาดไทยจะจัดการอบรมเชิงปฏิบัติการหลักสูตร {system} จำนวน {days} รุ่น ",
    "ตามที่ได้รับแจ้งว่ามีผู้ไม่หวังดีส่ง E-mail ปลอมแอบอ้างเป็นหน่วยงาน (Phishing) ไปยังประชาชน ",
)
_MIDDLES = (
    "ในการนี้ เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อย จึงขอความร่วมมือท่านแจ้งเจ้าหน้าที่ผู้รับผิดชอบเข้าใช้งานระบบ {system} ",
    "โดยสามารถดาวน์โหลดแบบฟอร์มได้ที่ {url} ",
    "ทั้งนี้ ขอให้จัดส่งข้อมูลในรูปแบบไฟล์ PDF และ Excel ทางไปรษณีย์อิเล็กทรอนิกส์ {email} ",
    "หากมีข้อสงสัยสามารถติดต่อสอบถามได้ที่หมายเลขโทรศัพท์ {phone} ในวันและเวลาราชการ ",
    "ซึ่งผลการตรวจสอบพบว่ามีเรื่องที่ยุติแล้ว {count} เรื่อง คิดเป็นร้อยละ {pct} ",
    "โดยให้ผู้ใช้งานยืนยันตัวตนผ่านระบบ Single Sign-On ด้วยรหัส OTP ที่ส่งไปยังโทรศัพท์มือถือ ",
    "การประชุมจะดำเนินการผ่านระบบ {system} โดยขอให้เข้าร่วมก่อนเวลาประมาณ {days} นาที ",
    "ข้อมูลดังกล่าวจะนำไปแสดงผลบน Dashboard ของผู้บริหารเพื่อใช้ประกอบการตัดสินใจ ",
    "ทั้งนี้ ได้จัดสรรงบประมาณเป็นเงินทั้งสิ้น {amount} บาท สำหรับดำเนินการดังกล่าว ",
    "เจ้าหน้าที่จะต้องเปลี่ยนรหัสผ่าน (Password) ทุก {days} วัน และห้ามเปิดเผยแก่ผู้อื่น ",
    "โดยเชื่อมโยงข้อมูลกับระบบของกรมการปกครอง (DOPA) ผ่าน API Gateway ที่ได้รับอนุญาต ",
    "และให้สแกน QR Code ท้ายหนังสือนี้เพื่อลงทะเบียนล่วงหน้าภายในวันที่ {date} ",
    "ทั้งนี้ การเก็บรวบรวมและใช้ข้อมูลส่วนบุคคลต้องเป็นไปตามกฎหมายว่าด้วย PDPA อย่างเคร่งครัด ",
    "ปรากฏว่าหน่วยงานยังไม่ได้รายงานผลการดำเนินการภายในระยะเวลา {days} วัน ตามที่กำหนด ",
    "โดยระบบจะออก JSON Web Token ให้แก่ระบบปลายทางเพื่อยืนยันสิทธิ์การเข้าถึงข้อมูล ",
    "ผู้เข้าร่วมประชุมสามารถใช้ Meeting ID และ Passcode ที่ส่งให้ทาง E-mail ของหน่วยงาน ",
    "ทั้งนี้ ระบบเดิมจะปิดให้บริการตั้งแต่วันที่ {date} เป็นต้นไป ",
    "และขอให้สำรองข้อมูล (Backup) ไว้ใน Cloud Storage ของหน่วยงานอย่างน้อยสัปดาห์ละครั้ง ",
    "ซึ่งได้มอบหมายให้{person} {position} เป็นผู้ประสานงาน ",
    "ผลการสำรวจความพึงพอใจผ่าน Google Forms มีผู้ตอบแบบสำรวจจำนวน {count} คน ",
    "เพื่อให้สามารถตรวจสอบสถานะเรื่องร้องเรียนได้ทาง {url} ",
    "โดยเชื่อมต่อผ่านเครือข่าย VPN และ WiFi ของหน่วยงานเท่านั้น ",
    "ขอให้แจ้งรายชื่อผู้เข้าร่วมผ่าน Google Sheets ที่ {url} ภายในเวลา {time} ",
    "ระบบดังกล่าวรองรับการใช้งานผ่าน Web Browser ได้แก่ Google Chrome, Microsoft Edge และ Firefox ",
    "ทั้งนี้ สามารถเข้าร่วมการอบรมผ่าน Microsoft Teams ได้ตั้งแต่เวลา {time} เป็นต้นไป ",
    "ในการนี้ ได้กำหนดตัวชี้วัดให้ตอบกลับประชาชนภายใน {days} วันทำการ ",
    "โดยให้บันทึกเลขที่เรื่อง (Ticket No.) และพิกัด GPS ของสถานที่เกิดเหตุทุกครั้ง ",
    "ผู้ใช้งานที่ไม่ได้เข้าสู่ระบบ (Login) เกิน {days} วัน บัญชีจะถูกระงับโดยอัตโนมัติ ",
    "อนึ่ง ห้ามบันทึกเลขประจำตัวประชาชนของผู้ร้องลงใน Google Sheets หรือ LINE Group ",
    "ทั้งนี้ ได้แนบคู่มือการใช้งาน (User Manual) ไว้ที่ {url} แล้ว ",
    "และขอให้ทดสอบการเชื่อมต่อกล้อง Webcam และไมโครโฟนก่อนเวลาประชุม {time} ",
    "ผลการดำเนินงานในปีงบประมาณ {year} มีเรื่องที่ยุติแล้วคิดเป็นร้อยละ {pct} ของเรื่องทั้งหมด ",
    "ซึ่งหน่วยงานสามารถขอรับ API Key ได้ที่ {email} ",
    "ในระหว่างการปรับปรุง ประชาชนยังสามารถแจ้งเรื่องได้ทาง Call Center 1567 ตลอด 24 ชั่วโมง ",
    "ทั้งนี้ ค่าใช้จ่ายในการเดินทางให้เบิกจากต้นสังกัด ตามระเบียบกระทรวงการคลัง ",
)
_CLOSINGS = (
    "จึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป",
    "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดแจ้งผู้เกี่ยวข้องทราบต่อไปด้วย จะขอบคุณยิ่ง",
    "จึงเรียนมาเพื่อโปรดทราบ และแจ้งเจ้าหน้าที่ผู้เกี่ยวข้องเข้าร่วมประชุมตามวัน เวลา ดังกล่าว",
    "จึงเรียนมาเพื่อโปรดทราบ",
    "จึงเรียนมาเพื่อโปรดพิจารณาให้ความอนุเคราะห์ด้วย จะขอบคุณยิ่ง",
    "จึงเรียนมาเพื่อโปรดทราบและถือปฏิบัติต่อไป",
    "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
    "จึงเรียนมาเพื่อโปรดทราบ และแจ้งหน่วยงานในสังกัดทราบและถือปฏิบัติโดยเคร่งครัดต่อไปด้วย",
)
_INSTRUCTIONS = (
    "ให้แต่งตั้งผู้ดูแลระบบ (Administrator) ของหน่วยงาน อย่างน้อย {days} คน",
    "ให้ลงทะเบียนผู้ใช้งานผ่าน {url} ภายในวันที่ {date}",
    "ให้ตรวจสอบความถูกต้องของข้อมูลบน Dashboard ทุกวันทำการ",
    "ให้ใช้บัญชี E-mail ของทางราชการ (@go.th) เท่านั้น ห้ามใช้ Gmail หรือ Hotmail",
    "ให้รายงานเหตุขัดข้องผ่าน Helpdesk โทร. {phone} ภายใน {days} ชั่วโมง",
    "ให้จัดเก็บไฟล์เอกสารในรูปแบบ PDF/A และตั้งชื่อไฟล์เป็นภาษาอังกฤษ",
    "ให้ติดตั้ง Windows Update และโปรแกรม Antivirus ให้เป็นรุ่นล่าสุด",
    "ให้ประชาสัมพันธ์ช่องทาง Call Center 1567 และ LINE Official Account แก่ประชาชน",
    "ให้แจ้งรายชื่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) มาที่ {email}",
)
_ADDRESSEES = ("ผู้ว่าราชการจังหวัด{province}", "นายอำเภอทุกอำเภอ", "ผู้อำนวยการศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
               "ปลัดกระทรวงมหาดไทย", "นายกองค์การบริหารส่วนจังหวัด{province}", "หัวหน้าส่วนราชการประจำจังหวัด",
               "ผู้อำนวยการสำนักงานพัฒนารัฐบาลดิจิทัล", "{person}")
_ENCLOSURES = ("แบบรายงานผลการดำเนินงาน จำนวน {days} ฉบับ", "คู่มือการใช้งานระบบ {system} จำนวน 1 เล่ม",
               "QR Code สำหรับลงทะเบียน จำนวน 1 แผ่น", "รายชื่อผู้เข้ารับการอบรม จำนวน 1 ชุด",
               "สำเนาเรื่องร้องเรียน จำนวน {days} แผ่น")
_REFERENCES = ("หนังสือ{center} {book} ลงวันที่ {date}", "หนังสือกระทรวงมหาดไทย {book} ลงวันที่ {date}")

# -- letters, memos, circulars -----------------------------------------------------------------


def _body(w: Writer, paragraphs: int) -> list:
    """An opening paragraph, middle paragraphs of 2-3 sentences each, and the closing one."""
    sizes = [1] + [w.rng.randint(2, 3) for _ in range(paragraphs)]
    middles = [w.fill(s) for s in w.rng.sample(_MIDDLES, sum(sizes))]
    texts = ["".join(middles[sum(sizes[:i]):sum(sizes[:i + 1])]).rstrip() for i in range(len(sizes))]
    texts[0] = w.fill(w.rng.choice(_OPENINGS)) + texts[0]
    return [Para(text) for text in texts] + [Para(w.rng.choice(_CLOSINGS))]


def _signature(w: Writer, closing: bool = True) -> Sign:
    lines = ["ขอแสดงความนับถือ"] if closing else []
    return Sign(lines + [f"({w.person()})", w.position()])


def _contact(w: Writer) -> list:
    return [Line(w.center()), Line(f"โทร. {w.phone()} โทรสาร {w.phone()}"), Line(f"E-mail: {w.email()}")]


def letter(w: Writer, circular: bool = False) -> Document:
    """หนังสือภายนอก: number and sender at the top, date, subject, addressee, body, signature."""
    blocks = [Row(f"ที่ {w.book_number(circular)}", w.hall()), Right(w.town_address()), Right(w.date()),
              Line(w.fill(w.rng.choice(_LETTER_SUBJECTS)), "เรื่อง"),
              Line("ผู้ว่าราชการจังหวัด ทุกจังหวัด" if circular else w.fill(w.rng.choice(_ADDRESSEES)),
                   "เรียน")]
    if w.rng.random() < 0.6:
        blocks.append(Line(w.fill(w.rng.choice(_REFERENCES)), "อ้างถึง"))
    if w.rng.random() < 0.5:
        blocks.append(Line(w.fill(w.rng.choice(_ENCLOSURES)), "สิ่งที่ส่งมาด้วย"))
    blocks += _body(w, w.rng.randint(1, 2))
    if circular:
        blocks[-1:-1] = [Line(w.num.formal(f"({i}) ") + w.fill(s).strip())
                         for i, s in enumerate(w.rng.sample(_INSTRUCTIONS, w.rng.randint(2, 4)), 1)]
    return Document("circular" if circular else "letter", blocks + [_signature(w)] + _contact(w))


def memo(w: Writer) -> Document:
    """บันทึกข้อความ: ส่วนราชการ, ที่ and วันที่ on one row, เรื่อง, เรียน, body, signature."""
    blocks = [Title("บันทึกข้อความ", large=True),
              Line(f"{w.center()} {w.rng.choice(_SECTIONS)} โทร. {w.phone()}", "ส่วนราชการ"),
              Row(f"ที่ {w.book_number()}", f"วันที่ {w.date()}"),
              Line(w.fill(w.rng.choice(_LETTER_SUBJECTS)), "เรื่อง"),
              Line(w.rng.choice(_MEMO_ADDRESSEES) + w.province[0], "เรียน")]
    return Document("memo", blocks + _body(w, w.rng.randint(1, 2)) + [_signature(w, closing=False)])


_MEMO_ADDRESSEES = ("ผู้ว่าราชการจังหวัด", "ปลัดจังหวัด", "หัวหน้าศูนย์ดำรงธรรมจังหวัด")
_SECTIONS = ("กลุ่มงานเทคโนโลยีสารสนเทศ", "ฝ่ายรับเรื่องราวร้องทุกข์", "กลุ่มงานบริหารทั่วไป",
             "ฝ่ายติดตามและประเมินผล", "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด")

# -- tables ------------------------------------------------------------------------------------

_CATEGORIES = ("ที่ดิน", "หนี้สิน", "การเงินนอกระบบ", "ภัยออนไลน์ (Online Scam)", "สาธารณูปโภค",
               "เหตุเดือดร้อนรำคาญ", "การคุ้มครองผู้บริโภค", "ยาเสพติด", "แรงงาน", "สิ่งแวดล้อม",
               "การกระทำของเจ้าหน้าที่รัฐ", "ข้อมูลส่วนบุคคล (PDPA)", "อื่น ๆ")
_CHANNELS = ("Call Center 1567", "LINE Official Account", "Website", "E-mail", "Walk-in", "Facebook Page",
             "ไปรษณีย์", "Traffy Fondue", "Mobile Application")
_STATUSES = ("ยุติแล้ว", "อยู่ระหว่างดำเนินการ", "ส่งหน่วยงาน", "รอเอกสาร")
_MATTERS = ("ถนนชำรุดเป็นหลุมบ่อ", "น้ำประปาไม่ไหล", "ถูกหลอกลวงซื้อสินค้าออนไลน์", "เสียงดังจากโรงงาน",
            "ไฟฟ้าส่องสว่างดับ", "ขอความเป็นธรรมเรื่องที่ดิน", "กู้เงินนอกระบบดอกเบี้ยสูง", "ขยะตกค้าง",
            "บัญชีม้า (Mule Account)", "สัญญาณ WiFi สาธารณะขัดข้อง", "ค่าจ้างค้างจ่าย", "น้ำเสียลงคลอง")
_BUDGET_ITEMS = (("เครื่องคอมพิวเตอร์โน้ตบุ๊ก (Notebook)", "เครื่อง", 24000), ("Access Point WiFi 6", "ชุด", 8900),
                 ("Microsoft 365 Business License", "ผู้ใช้", 4250), ("เครื่องสแกนเอกสาร Scanner A4", "เครื่อง", 16500),
                 ("เครื่องสำรองไฟฟ้า UPS 1 kVA", "เครื่อง", 5800), ("Cloud Storage 2 TB", "ปี", 12000),
                 ("กล้อง Webcam Full HD", "ตัว", 2490), ("จอแสดงภาพ LED 55 นิ้ว", "จอ", 21900),
                 ("ค่าบำรุงรักษาระบบ e-Saraban", "ปี", 85000), ("อุปกรณ์ Firewall", "ชุด", 149000),
                 ("เครื่องพิมพ์ Laser Printer", "เครื่อง", 7900), ("External Harddisk 4 TB", "ลูก", 3650),
                 ("โปรแกรม Antivirus", "ผู้ใช้", 690), ("ค่าเช่าวงจรอินเทอร์เน็ต 1 Gbps", "เดือน", 18000))
_BUDGET_TITLES = ("รายละเอียดประมาณการค่าใช้จ่ายโครงการพัฒนาระบบ Digital Government",
                  "บัญชีรายการครุภัณฑ์คอมพิวเตอร์ที่ขอรับการสนับสนุน", "แผนการจัดซื้อจัดจ้างด้าน ICT ประจำปี {year}",
                  "ประมาณการค่าใช้จ่ายโครงการยกระดับศูนย์ดำรงธรรมสู่ Smart Center")
_IT_SYSTEMS = ("ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)", "ระบบรับเรื่องร้องเรียน (Complaint Center)",
               "ระบบบริหารทรัพยากรบุคคล (HRMS)", "ระบบประชุมทางไกล (Video Conference)",
               "ระบบยืนยันตัวตน (Single Sign-On)", "ระบบแผนที่ภาษี (GIS)", "ระบบ Helpdesk",
               "ระบบ Dashboard ผู้บริหาร", "ระบบ API Gateway", "เว็บไซต์หน่วยงาน (Website)")


def _table_page(w: Writer, title: str, subtitle: str, table: Table, note: str) -> Document:
    return Document("table", [Title(title), Title(subtitle), table, Line(note, "หมายเหตุ"),
                              Line(f"ข้อมูล ณ วันที่ {w.date()} โดย{w.center()} ({w.email()})")])


def register_table(w: Writer) -> Document:
    """ทะเบียนรับเรื่องร้องเรียน: one row per complaint received."""
    rows = []
    first = w.rng.randint(100, 3000)
    for i in range(w.rng.randint(10, 16)):
        rows.append([w.num.formal(i + 1), w.num.formal(f"{first + i}/{w.year}"), w.date(short=True),
                     w.person(), w.rng.choice(_MATTERS), w.rng.choice(_CHANNELS), w.rng.choice(_STATUSES)])
    table = Table(["ที่", "เลขรับ", "วันที่", "ผู้ร้อง", "เรื่อง", "ช่องทาง", "สถานะ"], rows,
                  w.rng.choice(("grid", "rules")), {0})
    return _table_page(w, "ทะเบียนรับเรื่องร้องเรียน/ร้องทุกข์", w.center(), table,
                       "ช่องทาง Call Center 1567 เปิดให้บริการตลอด 24 ชั่วโมง")


def statistics_table(w: Writer) -> Document:
    """Complaints by category, with thousands separators, percentages and a total row."""
    categories = w.rng.sample(_CATEGORIES, w.rng.randint(8, 12))
    counts = [(w.rng.randint(40, 9000), w.rng.random()) for _ in categories]
    total = sum(n for n, _ in counts)
    done_total = 0
    rows = []
    for name, (n, share) in zip(categories, counts):
        done = int(n * (0.5 + share / 2))
        done_total += done
        rows.append([name, w.num.formal(f"{n:,}"), w.num.formal(f"{done:,}"), w.num.formal(f"{n - done:,}"),
                     w.num.formal(f"{100 * done / n:.2f}")])
    rows.append(["รวม", w.num.formal(f"{total:,}"), w.num.formal(f"{done_total:,}"),
                 w.num.formal(f"{total - done_total:,}"), w.num.formal(f"{100 * done_total / total:.2f}")])
    table = Table(["ประเภทเรื่อง", "รับเรื่อง", "ยุติแล้ว", "ระหว่างดำเนินการ", "ร้อยละที่ยุติ"], rows,
                  w.rng.choice(("grid", "rules")), {1, 2, 3, 4}, total_row=True)
    return _table_page(w, f"สถิติเรื่องร้องเรียนจำแนกตามประเภท ปีงบประมาณ {w.num.formal(w.year)}", w.center(),
                       table, "รวมเรื่องที่รับผ่าน LINE Official Account และ Traffy Fondue")


def budget_table(w: Writer) -> Document:
    """A purchase list: item, quantity, unit, unit price and total in baht with satang."""
    rows, grand = [], 0
    for i, (item, unit, price) in enumerate(w.rng.sample(_BUDGET_ITEMS, w.rng.randint(7, 11)), 1):
        quantity = w.rng.randint(1, 40)
        grand += quantity * price
        rows.append([w.num.formal(i), w.num.formal(item), w.num.formal(quantity), unit,
                     w.num.plain(f"{price:,.2f}"), w.num.plain(f"{quantity * price:,.2f}")])
    rows.append(["", "รวมทั้งสิ้น", "", "", "", w.num.plain(f"{grand:,.2f}")])
    table = Table(["ที่", "รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย (บาท)", "รวมเงิน (บาท)"], rows,
                  w.rng.choice(("grid", "rules")), {0, 2, 4, 5}, total_row=True)
    return _table_page(w, w.fill(w.rng.choice(_BUDGET_TITLES)),
                       f"{w.center()} ประจำปีงบประมาณ {w.num.formal(w.year)}", table,
                       "ราคารวมภาษีมูลค่าเพิ่ม (VAT) แล้ว")


def systems_table(w: Writer) -> Document:
    """An inventory of IT systems: name, address, administrator, availability."""
    rows = []
    for i, name in enumerate(w.rng.sample(_IT_SYSTEMS, w.rng.randint(7, 10)), 1):
        uptime = w.num.formal(f"{w.rng.uniform(95, 99.99):.2f}")
        rows.append([w.num.formal(i), name, w.url(), w.person(), uptime])
    table = Table(["ที่", "ชื่อระบบ", "URL", "ผู้ดูแลระบบ", "Uptime (%)"], rows,
                  w.rng.choice(("grid", "rules")), {0, 4})
    return _table_page(w, "บัญชีระบบสารสนเทศของหน่วยงาน", w.center(), table,
                       f"แจ้งปัญหาการใช้งานได้ที่ {w.email()} หรือโทร. {w.phone()}")


def district_table(w: Writer) -> Document:
    """Complaints received per district and month of one quarter, with row and column totals."""
    months = w.rng.choice(((9, 10, 11), (0, 1, 2), (3, 4, 5), (6, 7, 8)))
    districts = w.rng.sample(_DISTRICTS, w.rng.randint(7, 11))
    counts = {d: [w.rng.randint(0, 480) for _ in months] for d in districts}
    counts["รวม"] = [sum(column) for column in zip(*counts.values())]
    rows = [[name, *(w.num.formal(f"{n:,}") for n in [*row, sum(row)])] for name, row in counts.items()]
    table = Table(["อำเภอ", *(_SHORT_MONTHS[m] for m in months), "รวม"], rows,
                  w.rng.choice(("grid", "rules")), set(range(1, len(months) + 2)), total_row=True)
    return _table_page(w, "จำนวนเรื่องร้องเรียนที่รับผ่าน Call Center 1567 และ Walk-in จำแนกรายอำเภอ",
                       f"จังหวัด{w.province[0]} ปีงบประมาณ {w.num.formal(w.year)}", table,
                       f"ดูข้อมูลล่าสุดได้ที่ Dashboard {w.url()}")


_SESSIONS = ("แนวทางการรับเรื่องร้องเรียนผ่าน {system}", "การคุ้มครองข้อมูลส่วนบุคคลตาม PDPA",
             "ฝึกปฏิบัติการใช้งาน {system}", "การรักษาความมั่นคงปลอดภัยไซเบอร์ (Cyber Security)",
             "การจัดทำรายงานด้วย Power BI", "การใช้ Google Sheets ติดตามเรื่อง", "กรณีศึกษาภัยออนไลน์ (Online Scam)",
             "การเชื่อมโยงข้อมูลผ่าน API Gateway")


def schedule_table(w: Writer) -> Document:
    """A training day's schedule: time slots, sessions and speakers."""
    sessions = [(w.fill(session), w.person()) for session in w.rng.sample(_SESSIONS, w.rng.randint(4, 6))]
    sessions.insert(w.rng.randint(1, 2), ("พักรับประทานอาหารว่าง", ""))
    sessions = [("ลงทะเบียนผ่าน QR Code", ""), ("พิธีเปิดและบรรยายพิเศษ", w.person()), *sessions,
                ("ถาม-ตอบ (Q&A) และปิดการอบรม", "")]
    hour, minute, rows = 8, 30, []
    for session, speaker in sessions:
        end_hour, end_minute = divmod(hour * 60 + minute + w.rng.choice((30, 45, 60, 90)), 60)
        slot = w.num.plain(f"{hour:02d}.{minute:02d} - {end_hour:02d}.{end_minute:02d}") + " น."
        rows.append([slot, session, speaker])
        hour, minute = end_hour, end_minute
    table = Table(["เวลา", "หัวข้อ", "วิทยากร"], rows, w.rng.choice(("grid", "rules")))
    broadcast = w.rng.choice(("Facebook Live", "YouTube", "Zoom Meeting"))
    return _table_page(w, f"กำหนดการอบรมเชิงปฏิบัติการ วันที่ {w.date()}",
                       f"ณ ห้องประชุม{w.hall()} และถ่ายทอดสดผ่าน {broadcast}", table,
                       "กำหนดการอาจเปลี่ยนแปลงได้ตามความเหมาะสม")


# -- forms -------------------------------------------------------------------------------------

_FORM_TITLES = ("แบบคำร้องทั่วไป", "แบบแจ้งเรื่องร้องเรียน/ร้องทุกข์",
                "แบบคำขอใช้งานระบบสารสนเทศ (User Account Request Form)",
                "แบบคำขอใช้สิทธิของเจ้าของข้อมูลส่วนบุคคล (PDPA Request Form)")
_REQUESTS = ("ขอเปิดบัญชีผู้ใช้งานระบบ {system} เพื่อปฏิบัติงานรับเรื่องร้องเรียน",
             "ขอรีเซ็ตรหัสผ่าน (Reset Password) เนื่องจากบัญชีถูกระงับ", "ขอสำเนาข้อมูลส่วนบุคคลของข้าพเจ้า",
             "ขอให้ลบข้อมูลส่วนบุคคลที่ไม่จำเป็นออกจากระบบ {system}", "ขอให้ตรวจสอบการเรียกเก็บค่าบริการที่ไม่ถูกต้อง",
             "ขอรับความช่วยเหลือกรณีถูกหลอกลวงผ่านแอปพลิเคชัน LINE", "ขอสิทธิ์เข้าถึง Google Drive ของกลุ่มงาน")

_PRIVATE_MAILBOXES = ("somchai", "nid.s", "malee99", "k.thong", "boonma.p")
_OCCUPATIONS = ("ค้าขาย", "เกษตรกร", "รับจ้างทั่วไป", "ข้าราชการบำนาญ")


def form(w: Writer) -> Document:
    """A filled form: labelled fields with their values, a reason, the applicant's signature."""
    title = w.rng.choice(_FORM_TITLES)
    person = w.person()
    fields = [Field("ชื่อ-สกุล", person), Field("เลขประจำตัวประชาชน", w.national_id()),
              Field("วันเดือนปีเกิด", w.num.formal(f"{w.rng.randint(1, 28)} {w.rng.choice(_MONTHS)} "
                                                    f"{w.rng.randint(2490, 2548)}")),
              Field("อายุ", w.num.formal(w.rng.randint(20, 78)) + " ปี"), Field("ที่อยู่", w.home_address()),
              Field("โทรศัพท์มือถือ", w.phone()),
              Field("E-mail", w.email() if w.rng.random() < 0.3
                    else f"{w.rng.choice(_PRIVATE_MAILBOXES)}@example.com"),
              Field("LINE ID", w.rng.choice(("@somchai.j", "nok_2530", "malai.s", "tong-kham"))),
              Field("ตำแหน่ง/อาชีพ", w.rng.choice((*_OCCUPATIONS, w.position()))),
              Field("หน่วยงาน", w.center()), Field("ระบบที่ขอใช้", w.system()),
              Field("Username", "user." + w.rng.choice(_DOMAIN_WORDS)),
              Field("เรื่องที่ขอ", w.fill(w.rng.choice(_REQUESTS)))]
    keep = fields[:6] + w.rng.sample(fields[6:], w.rng.randint(3, 5))
    blocks = [Title(title), Right(f"เลขที่รับ {w.num.formal(w.rng.randint(1, 999))}/{w.num.formal(w.year)}"),
              Right(f"วันที่ {w.date()}"), *keep,
              Para(f"ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นความจริงทุกประการ และยินยอมให้ใช้ข้อมูลส่วนบุคคลตาม PDPA "
                   f"เพื่อการดำเนินการตามคำขอนี้ ทั้งนี้ สามารถตรวจสอบสถานะได้ที่ {w.url()}"),
              Sign(["ลงชื่อ ผู้ยื่นคำขอ", f"({person})", f"วันที่ {w.date()}"]),
              Line(f"เจ้าหน้าที่ผู้รับคำขอ {w.person()} เวลา {w.time()}", "สำหรับเจ้าหน้าที่:")]
    return Document("form", blocks)


# -- petitions, minutes ------------------------------------------------------------------------

_GRIEVANCES = (
    "เนื่องจากถนนในหมู่บ้านชำรุดเป็นหลุมบ่อมาเป็นเวลากว่า {days} เดือน ทำให้ประชาชนสัญจรไปมาด้วยความยากลำบาก",
    "ข้าพเจ้าได้สั่งซื้อสินค้าผ่าน Facebook Marketplace และโอนเงินจำนวน {amount} บาท แต่ไม่ได้รับสินค้า",
    "เนื่องจากโรงงานใกล้บ้านปล่อยน้ำเสียลงคลองสาธารณะ ทำให้เกิดกลิ่นเหม็นรบกวนตั้งแต่เวลา {time} ทุกวัน",
    "ข้าพเจ้าได้กู้ยืมเงินนอกระบบจำนวน {amount} บาท และถูกเรียกเก็บดอกเบี้ยสูงเกินกว่าที่กฎหมายกำหนด",
    "ได้มีผู้อ้างเป็นเจ้าหน้าที่ติดต่อทางแอปพลิเคชัน LINE ให้ข้าพเจ้ากดลิงก์ (Link) และติดตั้งแอปพลิเคชันปลอม",
    "เนื่องจากที่ดินของข้าพเจ้า โฉนดเลขที่ {count} ถูกบุคคลอื่นบุกรุกเข้าทำประโยชน์โดยไม่ได้รับอนุญาต",
    "ไฟฟ้าส่องสว่างบนถนนสายหลักของหมู่บ้านดับมาแล้ว {days} วัน ทำให้เกิดอุบัติเหตุบ่อยครั้ง",
    "ข้าพเจ้าได้แจ้งผ่าน Call Center 1567 แล้วเมื่อวันที่ {date} แต่ยังไม่ได้รับการแก้ไข",
    "นายจ้างค้างจ่ายค่าจ้างข้าพเจ้าและเพื่อนร่วมงานรวม {count} คน เป็นเงินทั้งสิ้น {amount} บาท",
    "น้ำประปาในหมู่บ้านไม่ไหลติดต่อกันเป็นเวลา {days} วัน และมีตะกอนขุ่นเมื่อเปิดใช้",
    "มีผู้โทรศัพท์แอบอ้างเป็นเจ้าหน้าที่ตำรวจ แจ้งว่าบัญชีธนาคารของข้าพเจ้าเกี่ยวข้องกับการฟอกเงิน และให้โอนเงิน {amount} บาท",
    "ร้านค้าในตลาดเปิดเพลงเสียงดังผ่านลำโพง Bluetooth จนถึงเวลา {time} ทุกคืน",
    "ข้าพเจ้าซื้อบ้านจากโครงการหมู่บ้านจัดสรร แต่ผู้ประกอบการไม่ดำเนินการโอนกรรมสิทธิ์ตามสัญญาลงวันที่ {date}",
    "รถบรรทุกขนดินวิ่งผ่านหมู่บ้านวันละกว่า {count} เที่ยว ทำให้ฝุ่นละอองฟุ้งกระจายและถนนชำรุด",
    "ข้าพเจ้าได้ยื่นขอรับเงินช่วยเหลือผู้ประสบอุทกภัยตั้งแต่วันที่ {date} แต่ยังไม่ได้รับเงินแต่อย่างใด",
    "บริษัทแห่งหนึ่งส่ง SMS ชักชวนให้ลงทุนในสกุลเงินดิจิทัล (Cryptocurrency) และข้าพเจ้าได้โอนเงินไปแล้ว {amount} บาท",
)
_ASKS = ("จึงเรียนมาเพื่อโปรดพิจารณาให้ความช่วยเหลือ และแจ้งผลให้ข้าพเจ้าทราบทางหมายเลข {phone}",
         "ข้าพเจ้าจึงขอความอนุเคราะห์ให้หน่วยงานที่เกี่ยวข้องตรวจสอบข้อเท็จจริง และดำเนินการแก้ไขโดยเร็ว",
         "ทั้งนี้ ข้าพเจ้าได้แนบภาพถ่ายและหลักฐานการโอนเงิน (Slip) มาพร้อมนี้แล้ว",
         "หากต้องการข้อมูลเพิ่มเติม ติดต่อข้าพเจ้าได้ทาง E-mail {email} หรือ LINE ID: nokpetition",
         "ข้าพเจ้าได้แจ้งความไว้ที่สถานีตำรวจแล้ว ตามสำเนาบันทึกประจำวันเลขที่ {count} ที่แนบมาพร้อมนี้",
         "ข้าพเจ้าหวังเป็นอย่างยิ่งว่าจะได้รับความเป็นธรรม และขอขอบพระคุณมา ณ โอกาสนี้")


def petition(w: Writer) -> Document:
    """A citizen's letter of complaint to the provincial Damrongdhama center."""
    person = w.person()
    blocks = [Right(f"เขียนที่ {w.rng.choice(_SUBDISTRICTS)} {w.rng.choice(_DISTRICTS)}"),
              Right(f"วันที่ {w.date()}"),
              Line(w.rng.choice(("ขอความช่วยเหลือ", "ขอให้ตรวจสอบและแก้ไขปัญหา", "ร้องเรียนความเดือดร้อน",
                                 "ขอความเป็นธรรม")), "เรื่อง"),
              Line(f"หัวหน้า{w.center()}", "เรียน"),
              Para(f"ข้าพเจ้า {person} อายุ {w.num.plain(w.rng.randint(25, 80))} ปี อยู่{w.home_address()} "
                   f"โทรศัพท์ {w.phone()} ขอร้องเรียนความเดือดร้อนต่อท่าน ดังนี้"),
              Para(" ".join(w.fill(s) for s in w.rng.sample(_GRIEVANCES, 2))),
              Para(" ".join(w.fill(s) for s in w.rng.sample(_ASKS, 2))),
              Sign(["ขอแสดงความนับถือ", f"({person})", "ผู้ร้อง"])]
    return Document("petition", blocks)


_AGENDA = ("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "รับรองรายงานการประชุมครั้งที่แล้ว", "เรื่องสืบเนื่อง",
           "เรื่องเพื่อพิจารณา", "เรื่องอื่น ๆ")
_MINUTES_POINTS = (
    "ประธานแจ้งว่า ในไตรมาสที่ผ่านมามีเรื่องร้องเรียนผ่าน Call Center 1567 จำนวน {count} เรื่อง",
    "ฝ่ายเลขานุการนำเสนอผลการพัฒนาระบบ {system} ซึ่งดำเนินการแล้วเสร็จร้อยละ {pct}",
    "ผู้แทนศูนย์เทคโนโลยีสารสนเทศชี้แจงการเชื่อมโยงข้อมูลผ่าน API Gateway กับระบบของ DOPA",
    "ที่ประชุมมอบหมายให้{person} ประสานการจัดทำ Dashboard รายงานผลประจำเดือน",
    "ที่ประชุมเห็นชอบให้เผยแพร่รายงานการประชุมทาง {url}",
    "ผู้แทนสำนักงานจังหวัดรายงานการใช้งบประมาณจำนวน {amount} บาท",
    "ให้ทุกหน่วยงานส่งข้อมูลผ่าน Google Sheets ภายในวันที่ {date}",
    "ที่ประชุมหารือแนวทางคุ้มครองข้อมูลส่วนบุคคลตาม PDPA ในการรับเรื่องร้องเรียนออนไลน์",
    "เลขานุการรายงานว่าระบบ {system} ขัดข้อง {days} ครั้ง ในเดือนที่ผ่านมา และได้แก้ไขแล้ว",
    "ผู้แทนสำนักงานสถิติจังหวัดเสนอให้เผยแพร่ชุดข้อมูลบน Open Data Portal ในรูปแบบ CSV และ JSON",
    "ที่ประชุมรับทราบผลการสำรวจความพึงพอใจ ซึ่งมีคะแนนเฉลี่ย {pct} คะแนน",
    "ประธานขอให้ทุกอำเภอใช้ระบบ {system} แทนการส่งหนังสือทางโทรสาร",
    "ฝ่ายเลขานุการแจ้งกำหนดการประชุมครั้งต่อไปในวันที่ {date} เวลา {time}",
    "ที่ประชุมมีมติให้จัดทำ QR Code สำหรับติดตามสถานะเรื่องร้องเรียนติดไว้ที่ศูนย์บริการ",
)

_MEETING_SYSTEMS = ("Zoom Meeting", "Microsoft Teams", "Webex", "Google Meet")


def minutes(w: Writer) -> Document:
    """รายงานการประชุม: title, number, date, place, attendees, agenda items with resolutions."""
    start = w.rng.randint(8, 13)
    begins = w.num.plain(f"{start:02d}.{w.rng.choice((0, 15, 30)):02d}") + " น."
    blocks = [Title(f"รายงานการประชุมคณะทำงาน{w.center()}"),
              Title(f"ครั้งที่ {w.num.formal(w.rng.randint(1, 12))}/{w.num.formal(w.year)}"),
              Title(f"เมื่อวันที่ {w.date()} เวลา {begins}"),
              Title(f"ณ ห้องประชุม{w.hall()} และผ่านระบบ {w.rng.choice(_MEETING_SYSTEMS)}"),
              Line("", "ผู้มาประชุม")]
    blocks += [Line(f"{w.num.formal(i)}. {w.person()} {w.position()}") for i in range(1, w.rng.randint(4, 6))]
    blocks.append(Line(f"เริ่มประชุมเวลา {begins}"))
    for i, item in enumerate(sorted(w.rng.sample(_AGENDA, 3), key=_AGENDA.index), 1):
        blocks.append(Line(item, f"ระเบียบวาระที่ {w.num.formal(i)}"))
        blocks.append(Para(w.fill(w.rng.choice(_MINUTES_POINTS))))
        blocks.append(Line(w.rng.choice(("รับทราบ", "เห็นชอบ", "รับรองโดยไม่มีการแก้ไข", "มอบหมายตามเสนอ")),
                           "มติที่ประชุม"))
    ends = w.num.plain(f"{start + w.rng.randint(1, 3):02d}.{w.rng.choice((0, 15, 30, 45)):02d}") + " น."
    blocks += [Line(f"เลิกประชุมเวลา {ends}"),
               Sign([f"({w.person()})", "ผู้จดรายงานการประชุม"])]
    return Document("minutes", blocks)


_TABLES = (register_table, statistics_table, budget_table, systems_table, district_table, schedule_table)
_COMPOSERS = {
    "letter": letter, "memo": memo, "form": form, "petition": petition, "minutes": minutes,
    "circular": lambda w: letter(w, circular=True),
    "table": lambda w: w.rng.choice(_TABLES)(w),
}


def compose(kind: str, rng: random.Random, digit_set: str) -> Document:
    """One document of ``kind`` with numbers in ``digit_set`` ("thai", "arabic" or "mixed")."""
    return _COMPOSERS[kind](Writer(rng, digit_set))
