"""A clean 503 page instead of a 500 while the database cannot be reached, e.g. during a PostgreSQL restart."""
import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.outage")

# A restart of PostgreSQL takes a few seconds; browsers and the exam page may try again after this.
RETRY_AFTER_SECONDS = 10

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_UNAVAILABLE)


def _drop_connections() -> None:
    # A connection that failed may be dead (terminated backend); closing it makes the next request open a fresh one.
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # closing a dead connection may itself fail; it is gone either way
            logger.debug("closing the connection %s failed", conn.alias, exc_info=True)


def database_unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """Drop the broken connections, log the outage and tell the person to try again shortly."""
    _drop_connections()
    logger.warning("Database unavailable for %s %s: %s: %s", request.method, request.path,
                   exc.__class__.__name__, str(exc).strip().splitlines()[0] if str(exc).strip() else "")
    message = _("The portal cannot reach its database for a moment, usually while it restarts. "
                "Nothing was half-saved: please wait a few seconds and try again.")
    if request.accepts("application/json") and not request.accepts("text/html"):
        response = JsonResponse({"error": message, "code": "database_unavailable"}, status=503)
    else:
        # Rendered without the request: context processors and the signed-in user would query the database again.
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def database_error_being_handled() -> BaseException | None:
    """The database error Django is turning into a 500 right now, if that is what it is (for handler500)."""
    exc = sys.exc_info()[1]
    return exc if is_database_unavailable(exc) else None


class DatabaseOutageMiddleware:
    """Answers 503 with a translated page when a view fails because the database connection failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None
