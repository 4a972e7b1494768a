"""Queries compiled by the ORM once per process and then run as raw SQL, for the few that nearly every request
runs: compiling a query with joins, locks or subqueries costs Django several times what PostgreSQL takes to run it."""
import functools
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet


class CompiledQuery:
    """A queryset built once with a stand-in for each named value, compiled, and run with the real values.

    The values are ids (whole numbers): their stand-ins are distinct negative integers, found again among the
    compiled parameters whatever order the ORM puts them in. Rows come back as model instances through
    `Model.objects.raw`, with annotations as attributes; `select_related` is not followed (annotate the related
    columns you need instead)."""

    def __init__(self, build: Callable[..., QuerySet], *names: str):
        self._build, self._names = build, names

    @functools.cached_property
    def _compiled(self):
        stand_ins = {name: -(1_000_003 + n) for n, name in enumerate(self._names)}
        queryset = self._build(**stand_ins)
        with transaction.atomic(using=queryset.db):  # where select_for_update may be compiled
            sql, params = queryset.query.sql_with_params()
        names = {value: name for name, value in stand_ins.items()}
        slots = [names.get(p) if type(p) is int else None for p in params]
        if sorted(filter(None, slots)) != sorted(self._names):
            raise ImproperlyConfigured(f"Each of {self._names} must appear once in the compiled query.")
        return queryset.model, sql, list(zip(slots, params, strict=True))

    def first(self, **values):
        model, sql, params = self._compiled
        rows = model._default_manager.raw(sql, [values[name] if name else param for name, param in params])
        return next(iter(rows), None)
