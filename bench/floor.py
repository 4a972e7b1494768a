"""The floor for the answer save (bench/exam_day_load.py): a minimal Django view on the portal's own stack that
authenticates the session and upserts one row, served by the same gunicorn with the same settings but for the two
middleware it needs and this one address. Benchmarks only; never part of the portal.

Used as DJANGO_SETTINGS_MODULE=bench.floor: it is the settings module and the URLconf at once."""
import json

from django.http import HttpResponseForbidden, JsonResponse
from django.urls import path

from config.settings.local import *  # noqa: F401,F403

ROOT_URLCONF = __name__
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware"]
TABLE = "bench_floor_answer"
CREATE_TABLE = (f"CREATE TABLE IF NOT EXISTS {TABLE} (user_id integer NOT NULL, item integer NOT NULL, "
                "response jsonb, saved_at timestamptz NOT NULL, PRIMARY KEY (user_id, item))")


def save(request):
    from django.db import connection

    if request.method != "POST" or not request.user.is_authenticated:
        return HttpResponseForbidden()
    payload = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (user_id, item, response, saved_at) VALUES (%s, %s, %s, now()) "
                       "ON CONFLICT (user_id, item) DO UPDATE SET response = EXCLUDED.response, saved_at = now()",
                       [request.user.pk, int(payload["item"]), json.dumps(payload.get("value"))])
    return JsonResponse({"saved": True})


urlpatterns = [path("floor/answers/", save)]
