"""The user's notifications (overdue cases), with a link to each case and its follow-up letter."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config

from ..resources.center import Center


@view_config(context=Center, name="notifications", permission="view", request_method="GET",
             renderer="damrong:templates/notifications.pt")
def notifications(request):
    """Newest first; each note's case is linked only if the user still sees it."""
    inbox = request.root.notifications.inboxes.get(request.identity.national_id)
    rows = []
    for note in inbox.newest() if inbox is not None else []:
        try:
            complaint = find_resource(request.root, note["path"])
        except KeyError:  # transferred or removed since
            complaint = None
        if complaint is not None and not request.has_permission("view", complaint):
            complaint = None
        rows.append((note, complaint))
    return {"center": request.context, "rows": rows,
            "unread": inbox.unread() if inbox is not None else 0}


@view_config(context=Center, name="notifications", permission="view", request_method="POST")
def mark_read(request):
    inbox = request.root.notifications.inboxes.get(request.identity.national_id)
    if inbox is not None:
        inbox.mark_read()
    return HTTPSeeOther(request.resource_url(request.context, "@@notifications"))
