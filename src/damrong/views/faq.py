"""Questions and answers (ถาม-ตอบ): ``/faq`` lists the published answers, searchable with the
staff search's Thai parser (faq.py); ``/ask`` takes a citizen's question about the centers'
services, with the same form token, hidden field and per-address limit as filing online.
A question goes to the province center chosen (else the ministry's) for an officer to answer.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from .. import areas
from ..faq import search
from ..flash import notice
from ..i18n import _
from ..ratelimits import allowed
from ..resources.center import MINISTRY_CODE
from ..resources.questions import Question
from ..resources.site import Site
from ..schemas.online import HONEYPOT
from ..thai.normalize import normalize_text
from .home import message_page
from .online import NOT_SENT, REFUSED

MAX_QUESTION = 1000
TOO_MANY = _("มีการส่งคำถามจากเครื่องของท่านหลายครั้งแล้ว กรุณารอสักครู่แล้วส่งใหม่")


@view_config(context=Site, name="faq", permission="read-published", renderer="damrong:templates/faq.pt")
def faq(request):
    query = request.GET.get("q", "").strip()
    published = request.root.questions.newest(lambda q: q.published)
    return {"query": query, "answers": search(published, query) if query else published}


@view_config(context=Site, name="ask", permission="read-published", renderer="damrong:templates/ask.pt")
def ask(request):
    values = {"provinces": areas.provinces(request.locale_name), "error": None,
              "typed": request.POST}
    if request.method != "POST":
        return values
    if request.POST.get(HONEYPOT, "").strip():
        return message_page(request, 400, NOT_SENT, REFUSED)
    if not allowed(request, "question"):
        return message_page(request, 429, NOT_SENT, TOO_MANY)
    text = normalize_text(request.POST.get("question", "")).strip()
    province = request.POST.get("province", "")
    if not text:
        values["error"] = _("กรุณาพิมพ์คำถาม")
    elif len(text) > MAX_QUESTION:
        values["error"] = _("คำถามยาวเกิน ${max} ตัวอักษร", mapping={"max": MAX_QUESTION})
    elif province and province not in dict(areas.provinces()):
        values["error"] = _("ไม่พบจังหวัดนี้")
    if values["error"] is not None:
        request.response.status = 400
        return values
    request.root.questions.add_post(Question(province or MINISTRY_CODE, text))
    notice(request, _("ส่งคำถามแล้ว เจ้าหน้าที่จะตอบและเผยแพร่ในหน้าถาม-ตอบ"))
    return HTTPSeeOther(request.application_url + "/faq")
