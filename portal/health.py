"""Whether the services the portal depends on answer: the database and the Celery broker."""
from django.conf import settings
from django.db import connection
from kombu import Connection


def database_answers() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down" to a health check
        return False, exc.__class__.__name__
    return True, "ok"


def broker_answers() -> tuple[bool, str]:
    try:
        with Connection(
            settings.CELERY_BROKER_URL,
            transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            connect_timeout=2,
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # kombu raises transport-specific errors
        return False, exc.__class__.__name__
    return True, "ok"
