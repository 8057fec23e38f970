"""Staff's side of the citizens' site (งานเว็บไซต์ประชาชน): officers post news of field work and
answer citizens' questions (``write-public``); supervisors publish or withdraw them
(``publish``). What a center sees is its own and its subcenters' (visibility.sees); whether one
may act on a post is asked of the post's own center, so the ACLs of the center tree decide.
"""

import datetime

import deform
from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther
from pyramid.view import view_config

from .. import photos
from ..faq import terms_of
from ..flash import notice, problem
from ..i18n import _
from ..resources.center import Center
from ..resources.news import FIELDS, NewsItem, Photo
from ..schemas.news import news_schema
from ..thai.normalize import normalize_text
from ..txn import write_with_retries
from ..visibility import sees

MAX_ANSWER = 5000
#: What each button of the page does, and the permission it needs on the post's center.
ACTIONS = {
    "publish": "publish",
    "withdraw": "publish",
    "answer": "write-public",
}


def _visible(request, center):
    site = request.root
    return lambda post: sees(center.code, site.centers[post.center_code])


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


@view_config(context=Center, name="outreach", permission="write-public",
             renderer="damrong:templates/outreach.pt")
def outreach(request):
    center, site = request.context, request.root
    visible = _visible(request, center)
    if request.method == "POST":
        return _act(request, visible)
    return {
        "center": center,
        "news": site.news.newest(visible, 50),
        "questions": site.questions.newest(visible, 100),
        "may_publish": lambda post: request.has_permission("publish", site.centers[post.center_code]),
    }


def _act(request, visible):
    """One button of the page, on one post; what cannot be done is said in Thai on the page."""
    site = request.root
    back = HTTPSeeOther(request.resource_url(request.context, "@@outreach"))
    kind, name, action = (request.POST.get(key, "") for key in ("kind", "item", "action"))
    folder = {"news": site.news, "question": site.questions}.get(kind)
    post = folder.get(name) if folder is not None else None
    if post is None or action not in ACTIONS or not visible(post):
        problem(request, _("ไม่พบรายการที่เลือก"))
        return back
    if not request.has_permission(ACTIONS[action], site.centers[post.center_code]):
        raise HTTPForbidden(_("บัญชีของท่านไม่มีสิทธิ์เผยแพร่รายการนี้"))
    who = request.identity.national_id
    if action == "answer":
        answer = normalize_text(request.POST.get("answer", "")).strip()[:MAX_ANSWER]
        if not answer:
            problem(request, _("กรุณาพิมพ์คำตอบ"))
            return back
        post.answer, post.answered_by, post.answered_at = answer, who, _now()
        post.withdraw()  # a changed answer is published again by a supervisor, as a new one
        notice(request, _("บันทึกคำตอบแล้ว รอผู้บังคับบัญชาเผยแพร่"))
    elif action == "publish":
        if kind == "question":
            if not post.answer:
                problem(request, _("คำถามที่ยังไม่มีคำตอบเผยแพร่ไม่ได้"))
                return back
            post.terms = terms_of(post)
        post.publish(who)
        notice(request, _("เผยแพร่แล้ว"))
    else:
        post.withdraw()
        notice(request, _("ถอนการเผยแพร่แล้ว"))
    return back


@view_config(context=Center, name="news-post", permission="write-public",
             renderer="damrong:templates/news_post.pt")
def post_news(request):
    center = request.context
    form = deform.Form(news_schema(request), buttons=(deform.Button("post", _("บันทึกข่าว")),),
                       formid="news", css_class="news")
    if request.method != "POST" or "post" not in request.POST:
        return {"center": center, "form": form.render()}
    try:
        data = form.validate(request.POST.items())
    except deform.ValidationFailure as failure:
        request.response.status = 400
        return {"center": center, "form": failure.render()}
    uploads = request.registry.uploads
    prepared = [photos.prepare(upload.path) for upload in data["photos"]]
    site, who = request.root, request.identity.national_id

    def save():
        if data["submission_id"] in site.submissions:
            return site.submissions[data["submission_id"]]
        item = NewsItem(center.code, who, **{name: data[name] for name in FIELDS})
        for image, thumbnail, size in prepared:
            item.photos.append(Photo(image, thumbnail, size))
        site.news.add_post(item)
        site.submissions[data["submission_id"]] = item
        return item

    write_with_retries(request, save)
    for upload in data["photos"]:
        uploads.discard(upload.uid)
    notice(request, _("บันทึกข่าวแล้ว รอผู้บังคับบัญชาเผยแพร่"))
    return HTTPSeeOther(request.resource_url(center, "@@outreach"))
