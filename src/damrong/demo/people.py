"""Invented Thai citizens for synthetic petitions.

Names are glued together from common name morphemes (a given name from two,
a surname from three) so they read as Thai while the full name is an
unlikely combination rather than a real person.  National IDs come from
``damrong.thai.national_id.generate``: random digits with a valid check
digit, never copied from anywhere.
"""
import random

from damrong.thai import national_id

GENERIC_PLACE = {
    "province_name": "นครราชสีมา",
    "district_name": "ปักธงชัย",
    "subdistrict_name": "ตะคุ",
}

_MALE_HEADS = (
    "สม", "บุญ", "ประ", "วีร", "ธน", "สุ", "ชัย", "เกียรติ", "อนุ", "กิตติ",
    "พิ", "ทวี", "อภิ", "วิ", "ศรี", "ณัฐ",
)
_MALE_TAILS = (
    "ชาย", "ศักดิ์", "พล", "วุฒิ", "ชัย", "พงษ์", "เดช", "ยุทธ", "กร", "ภพ",
    "นันท์", "ศิลป์", "ธร", "มงคล", "วัฒน์", "เชษฐ์",
)
_FEMALE_HEADS = (
    "สุ", "พร", "ศิริ", "รัตน", "นิ", "วิ", "กมล", "ดวง", "อรุณ", "ปิยะ",
    "จิร", "มณี", "บุษ", "อัญ", "กัล", "ปราณ",
)
_FEMALE_TAILS = (
    "ดา", "พร", "รัตน์", "ณี", "วรรณ", "นภา", "ทิพย์", "มาศ", "ฤดี", "กานต์",
    "ลักษณ์", "ภา", "ชนก", "ยา", "จันทร์", "ประภา",
)
_SURNAME_PARTS = (
    "ศรี", "ทอง", "แก้ว", "บุญ", "สุข", "ใจ", "มั่น", "เจริญ", "ชัย", "รักษ์",
    "ทรัพย์", "มณี", "คำ", "อินทร์", "จันทร์", "เพชร", "ประเสริฐ", "พรหม",
    "สิงห์", "นาค", "เงิน", "ไชย", "ภักดี", "ดำรง", "อุดม", "เรือง", "พูล",
)
_SURNAME_ENDS = (
    "วงศ์", "สกุล", "พันธ์", "กุล", "รัตน์", "ธรรม", "มงคล", "วัฒนา", "สวัสดิ์",
    "ศักดิ์", "ไพบูลย์", "เลิศ", "ชาติ", "สิทธิ์", "ยืนยง",
)


def fake_person(rng: random.Random, place: dict | None = None) -> dict:
    """Invent a citizen living in ``place`` (``GENERIC_PLACE`` if omitted).

    ``place`` uses the keys province_name, district_name, subdistrict_name.
    Besides the documented fields the dict carries age, house_no and moo,
    which a petition letter needs ("อายุ .. ปี", "บ้านเลขที่ … หมู่ที่ …").
    """
    place = place or GENERIC_PLACE
    female = rng.random() < 0.5
    age = rng.randint(22, 70)
    house_no, moo = _house_number(rng), rng.randint(1, 18)
    return {
        "title": _title(rng, female, age),
        "first_name": _given_name(rng, female),
        "last_name": _surname(rng),
        "national_id": national_id.generate(rng),
        "phone": _mobile_phone(rng),
        "address": f"{house_no} หมู่ที่ {moo} {admin_area_text(place)}",
        "age": age,
        "house_no": house_no,
        "moo": moo,
    }


def full_name(person: dict) -> str:
    """Name as written on Thai forms: the title is glued to the first name."""
    return f"{person['title']}{person['first_name']} {person['last_name']}"


def admin_area_text(place: dict) -> str:
    """"ตำบล… อำเภอ… จังหวัด…" as written in an address."""
    return " ".join(admin_parts(place))


def admin_parts(place: dict) -> tuple[str, str, str]:
    """Sub-district, district and province with their written prefixes.

    Bangkok uses แขวง/เขต and no จังหวัด.  Names coming from the geography
    tables may already carry their prefix (Bangkok districts are stored as
    "เขตพระนคร"), so a prefix is only added when missing.
    """
    bangkok = place["province_name"] == "กรุงเทพมหานคร"
    return (
        _prefixed(place["subdistrict_name"], "แขวง" if bangkok else "ตำบล"),
        _prefixed(place["district_name"], "เขต" if bangkok else "อำเภอ"),
        place["province_name"] if bangkok else _prefixed(place["province_name"], "จังหวัด"),
    )


def _prefixed(name: str, prefix: str) -> str:
    return name if name.startswith(prefix) else prefix + name


def _title(rng: random.Random, female: bool, age: int) -> str:
    """Married women usually use นาง, so older women get it more often."""
    if not female:
        return "นาย"
    return "นาง" if rng.random() < (0.8 if age >= 30 else 0.3) else "นางสาว"


def _given_name(rng: random.Random, female: bool) -> str:
    heads, tails = (_FEMALE_HEADS, _FEMALE_TAILS) if female else (_MALE_HEADS, _MALE_TAILS)
    head = rng.choice(heads)
    tail = rng.choice([t for t in tails if t != head])
    return head + tail


def _surname(rng: random.Random) -> str:
    """Three morphemes: real surnames are registered per family, so a long
    random compound is far less likely to coincide with an existing one."""
    first, second = rng.sample(_SURNAME_PARTS, 2)
    return first + second + rng.choice(_SURNAME_ENDS)


def _mobile_phone(rng: random.Random) -> str:
    """Thai mobile numbers are ten digits starting 06, 08 or 09."""
    digits = "0" + rng.choice("689") + "".join(str(rng.randint(0, 9)) for _ in range(8))
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def _house_number(rng: random.Random) -> str:
    """Rural house numbers are small; split plots get a "/n" suffix."""
    number = str(rng.randint(1, 350))
    return f"{number}/{rng.randint(1, 9)}" if rng.random() < 0.25 else number
