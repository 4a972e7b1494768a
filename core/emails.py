"""The one way the portal sends an email it owes: once per row, in the reader's language, from templates."""
from collections.abc import Callable
from typing import Any

from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

# The portal's readers are Thai civil servants: mail speaks Thai whatever language the sender's page spoke.
READER_LANGUAGE = "th"


def send_once(rows: models.QuerySet, pk: int, *, template: str, to: Callable[[Any], str],
              context: Callable[[Any], dict], stamp: str, stamp_value: Any = None,
              due: Callable[[Any], bool] = lambda row: True) -> bool:
    """Email about one row unless its stamp says it was sent; True when this call sent it.

    The row stays locked from the check to the stamp, so two workers running the same task send one mail.
    `template` names a pair, `<template>_subject.txt` and `<template>.txt`, rendered with `context(row)`.
    The stamp is a time set when sent, or a counter that must reach `stamp_value` (a round, say). A row that
    is not `due` (not released, say) gets no mail."""
    with transaction.atomic():
        row = rows.select_for_update(of=("self",)).filter(pk=pk).first()
        if row is None or not due(row) or _stamped(getattr(row, stamp), stamp_value):
            return False
        with translation.override(READER_LANGUAGE):
            values = context(row)
            subject = render_to_string(f"{template}_subject.txt", values).strip()
            body = render_to_string(f"{template}.txt", values)
        send_mail(subject, body, None, [to(row)])
        setattr(row, stamp, timezone.now() if stamp_value is None else stamp_value)
        row.save(update_fields=[stamp])
    return True


def _stamped(current: Any, wanted: Any) -> bool:
    if wanted is None:
        return bool(current)
    return current is not None and current >= wanted
