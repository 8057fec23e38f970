"""Demo content of the citizens' site: published news of field work with photos, and answered
questions.

The photos are drawn here with Pillow (sky, fields, a village hall, a tent, a banner): synthetic
scenes with no person in them, passed through the same ``photos.prepare`` as an officer's upload.
"""

import datetime
import math
import tempfile

from PIL import Image, ImageDraw, ImageFilter

from .. import photos
from ..faq import terms_of
from ..resources.news import NewsItem, Photo
from ..resources.questions import Question

#: (center code, title, team, leader, participants, days ago, time, place, text, photo seeds)
NEWS = (
    ("7001", "ชปต. ลงพื้นที่ไกล่เกลี่ยข้อพิพาทแนวเขตที่ดินตำบลหน้าเมือง",
     "ชุดปฏิบัติการประจำตำบลหน้าเมือง", "ปลัดอำเภอผู้รับผิดชอบตำบล",
     "กำนัน ผู้ใหญ่บ้าน และคู่กรณีทั้งสองฝ่าย", 3, "๐๙.๓๐–๑๒.๐๐ น.", "ศาลาประชาคมหมู่ที่ ๓",
     "ชุดปฏิบัติการรับฟังข้อเท็จจริงจากทั้งสองฝ่าย ตรวจหมุดหลักฐานร่วมกับช่างรังวัด "
     "และทั้งสองฝ่ายตกลงแนวเขตร่วมกันโดยไม่ต้องฟ้องร้อง", (1, 2)),
    ("7001", "ศูนย์ดำรงธรรมอำเภอเคลื่อนที่ รับเรื่องร้องเรียนที่ตลาดนัดชุมชน",
     "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี", "นายอำเภอเมืองราชบุรี", "เจ้าหน้าที่ศูนย์ดำรงธรรมอำเภอ ๖ คน",
     10, "๑๖.๐๐–๑๙.๐๐ น.", "ตลาดนัดชุมชนริมแม่น้ำแม่กลอง",
     "ตั้งจุดรับเรื่องร้องเรียนและให้คำปรึกษาเรื่องหนี้นอกระบบ ที่ดิน และสวัสดิการ "
     "มีประชาชนมาขอคำปรึกษา ๔๒ ราย รับเป็นเรื่องร้องเรียน ๗ เรื่อง", (3,)),
    ("70", "ศูนย์ดำรงธรรมจังหวัดราชบุรีประชุมติดตามเรื่องค้างเกิน ๓๐ วัน",
     "ศูนย์ดำรงธรรมจังหวัดราชบุรี", "ปลัดจังหวัดราชบุรี", "หัวหน้าศูนย์ดำรงธรรมอำเภอทุกอำเภอ",
     17, "๑๓.๓๐–๑๖.๓๐ น.", "ห้องประชุมศาลากลางจังหวัดราชบุรี",
     "ทบทวนเรื่องที่ส่งหน่วยงานแล้วยังไม่ได้รับรายงานผล และมอบหมายให้อำเภอติดตามภายใน ๗ วัน", (4,)),
    ("5001", "ช่วยเหลือผู้ประสบอุทกภัยอำเภอเมืองเชียงใหม่",
     "ศูนย์ดำรงธรรมอำเภอเมืองเชียงใหม่", "นายอำเภอเมืองเชียงใหม่", "อาสาสมัครและเจ้าหน้าที่ ๒๐ คน",
     24, "๐๘.๐๐–๑๕.๐๐ น.", "ชุมชนริมน้ำปิง",
     "แจกถุงยังชีพและรับแจ้งความเสียหายของบ้านเรือนเพื่อส่งต่อหน่วยงานที่เกี่ยวข้อง", (5, 6)),
)

#: (center code, question, answer)
QUESTIONS = (
    ("moi", "ร้องเรียนที่ศูนย์ดำรงธรรมต้องเตรียมเอกสารอะไรบ้าง",
     "สำเนาบัตรประจำตัวประชาชน และเอกสารหรือภาพถ่ายที่เกี่ยวกับเรื่อง (ถ้ามี) "
     "หากไม่ประสงค์ออกนามก็ยื่นได้ แต่เจ้าหน้าที่จะแจ้งผลกลับไม่ได้"),
    ("moi", "ยื่นเรื่องแล้วจะรู้ได้อย่างไรว่าเรื่องไปถึงไหน",
     "ใช้รหัสติดตามเรื่อง ๘ ตัวบนใบรับเรื่อง ที่หน้า ติดตามเรื่อง ของเว็บไซต์นี้ "
     "หรือสแกน QR code บนใบรับเรื่อง หรือโทรสายด่วน ๑๕๖๗"),
    ("70", "ศูนย์ดำรงธรรมจังหวัดราชบุรีเปิดทำการวันเสาร์หรือไม่",
     "เปิดทำการวันจันทร์ถึงวันศุกร์ เวลา ๐๘.๓๐–๑๖.๓๐ น. นอกเวลาทำการร้องเรียนออนไลน์ได้ตลอด ๒๔ ชั่วโมง"),
    ("moi", "ร้องเรียนเรื่องหนี้นอกระบบได้หรือไม่",
     "ได้ ศูนย์ดำรงธรรมรับเรื่องหนี้นอกระบบ ไกล่เกลี่ยระหว่างเจ้าหนี้และลูกหนี้ "
     "และประสานสถาบันการเงินเพื่อปรับโครงสร้างหนี้"),
)


def scene(seed, size=(1280, 854)):
    """A synthetic outdoor scene (no people): sky, hills, a field, a hall or tent, a banner."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = int(height * (0.45 + 0.1 * math.sin(seed)))
    for y in range(horizon):
        shade = y / horizon
        draw.line((0, y, width, y), fill=(int(110 + 90 * shade), int(160 + 60 * shade), 235))
    hill = [(x, horizon - int(60 * (1 + math.sin(x / 140 + seed)))) for x in range(0, width + 40, 40)]
    draw.polygon([(0, horizon), *hill, (width, horizon)], fill=(70, 120, 80))
    for y in range(horizon, height):
        shade = (y - horizon) / (height - horizon)
        draw.line((0, y, width, y), fill=(int(90 + 60 * shade), int(140 + 40 * shade), 60))
    left = 120 + (seed * 97) % (width // 2)
    roof = (200, 60, 50) if seed % 2 else (230, 230, 235)
    draw.rectangle((left, horizon - 40, left + 360, horizon + 120), fill=(240, 236, 220))
    draw.polygon([(left - 30, horizon - 40), (left + 180, horizon - 150), (left + 390, horizon - 40)],
                 fill=roof)
    draw.rectangle((left + 60, horizon - 20, left + 300, horizon + 10), fill=(20, 70, 150))
    for row in range(3):
        for seat in range(6):
            x = left - 40 + seat * 70
            y = horizon + 170 + row * 50
            draw.rectangle((x, y, x + 44, y + 26), fill=(60 + 30 * row, 60, 160))
    return image.filter(ImageFilter.SMOOTH)


def _photo(seed, workdir):
    path = f"{workdir}/scene-{seed}.jpg"
    scene(seed).save(path, "JPEG", quality=88)
    return Photo(*photos.prepare(path))


def load_outreach(site, author, publisher, today=None):
    """The demo news (published by ``publisher``, written by ``author``) and answered
    questions; returns how many of each."""
    today = today or datetime.date.today()
    with tempfile.TemporaryDirectory(prefix="damrong-demo-photos-") as workdir:
        oldest_first = sorted(NEWS, key=lambda news: -news[5])
        for code, title, team, leader, participants, days_ago, time, place, text, seeds in oldest_first:
            item = NewsItem(code, author, title=title, team=team, leader=leader,
                            participants=participants, day=today - datetime.timedelta(days=days_ago),
                            time=time, place=place, text=text)
            for seed in seeds:
                item.photos.append(_photo(seed, workdir))
            item.publish(publisher)
            site.news.add_post(item)
    for code, question, answer in QUESTIONS:
        entry = Question(code, question)
        entry.answer, entry.answered_by = answer, author
        entry.answered_at = entry.created_at
        entry.terms = terms_of(entry)
        entry.publish(publisher)
        site.questions.add_post(entry)
    return len(NEWS), len(QUESTIONS)
