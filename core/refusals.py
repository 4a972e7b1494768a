"""The one type a rule refuses a request with, and the one helper that turns a refusal into a response."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class Refusal(ValidationError):
    """A request the rules refuse, and nothing was changed: its messages say why in the reader's language,
    `status` is the HTTP status a view answers with. Apps subclass it per kind of refusal:
    400 (the request is wrong), 409 (it conflicts with the object's current state), 404 (the object or
    action is not the person's: answered as not found, see accounts/permissions.py)."""

    status = 400

    def __init__(self, message, code=None, params=None, *, status: int | None = None):
        super().__init__(message, code, params)
        if status is not None:
            self.status = status


class NotYours(Refusal):
    """The person has no claim to the object or the action; they are told it does not exist."""

    status = 404

    def __init__(self, message=None, code="not_yours", params=None):
        super().__init__(message or _("There is no such page."), code, params)


def refusal_status(exc: ValidationError) -> int:
    """The refusal's HTTP status; a plain ValidationError (a form's, a model's) is a bad request."""
    return getattr(exc, "status", 400)


def refusal_text(exc: ValidationError) -> str:
    """Every reason of the refusal, as one sentence for a message or a JSON answer."""
    return " ".join(exc.messages)


def refused(request: HttpRequest, exc: ValidationError, then, *, form=None, field: str | None = None) -> HttpResponse:
    """Answer a refusal: its reasons on the form when there is one, else as a message on the next page;
    then `then`: where to send the person (anything `redirect` takes), or a function of the status that
    renders the page again. A 404 refusal is the not-found page, whatever `then` says."""
    status = refusal_status(exc)
    if status == 404:
        raise Http404(refusal_text(exc))
    if form is not None:
        form.add_error(field, exc)
    else:
        messages.error(request, refusal_text(exc))
    return then(status) if callable(then) else redirect(then)


def refused_json(exc: ValidationError, **extra) -> JsonResponse:
    """The refusal for a page's script: its reasons, its code and anything the script needs next."""
    return JsonResponse({"error": refusal_text(exc), "code": getattr(exc, "code", None) or "", **extra},
                        status=refusal_status(exc))
