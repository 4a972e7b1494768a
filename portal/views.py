"""Views of the portal shell: home, health check and error pages."""
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from accounts.permissions import (
    is_candidate,
    may_allocate,
    may_author,
    may_judge,
    may_manage_appeals,
    may_moderate,
    may_use_desk,
)
from competency.selectors import unit_current_revisions

from . import selectors
from .health import broker_answers, database_answers
from .outage import database_error_being_handled, database_unavailable_response


@require_safe
def home(request):
    user = request.user
    # Each role's part is read only for those who hold the role.
    parts = (
        ("candidate_home", is_candidate, selectors.home_candidate),
        ("assessor_home", may_judge, selectors.home_assessor),
        ("moderator_home", may_moderate, selectors.home_moderator),
        ("appeals_home", may_manage_appeals, selectors.home_appeals),
        ("coordinator_home", may_allocate, selectors.home_coordinator),
        ("hr_home", may_use_desk, selectors.home_hr),
        ("standards_home", may_author, selectors.home_standards),
    )
    context = {"units": unit_current_revisions()}
    if user.is_authenticated:
        context.update({name: read(user) for name, rule, read in parts if rule(user)})
    return render(request, "portal/home.html", context)


@require_GET
@never_cache
def healthz(request):
    checks = {"database": database_answers(), "broker": broker_answers()}
    healthy = all(ok for ok, _detail in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: detail for name, (_ok, detail) in checks.items()},
        "failed": [name for name, (ok, _detail) in checks.items() if not ok],
    }
    return JsonResponse(body, status=200 if healthy else 503)


@require_safe
def favicon(request):
    # Resolved per request: the hashed static name exists only once collectstatic has run.
    return redirect(static("favicon.svg"), permanent=True)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # A database failure outside a view (a middleware saving the session, say) is an outage too, not a bug.
    failure = database_error_being_handled()
    if failure is not None:
        return database_unavailable_response(request, failure)
    return render(request, "500.html", status=500)
