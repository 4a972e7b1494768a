"""The email that tells holders their certificate was revoked, or replaced by a reissued one."""
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Certificate


def revocation_notice_send(*, certificate_id: int) -> bool:
    """Email the holder of a revoked certificate, once however often it is called."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().select_related("holder").filter(pk=certificate_id).first()
        if certificate is None or certificate.revocation_notified_at or not certificate.revoked_at:
            return False
        replacement = Certificate.objects.filter(replaces=certificate).first()
        with translation.override("th"):
            context = {"certificate": certificate, "replacement": replacement}
            subject = render_to_string("certificates/email/revoked_subject.txt", context).strip()
            body = render_to_string("certificates/email/revoked.txt", context)
        send_mail(subject, body, None, [certificate.holder.email])
        certificate.revocation_notified_at = timezone.now()
        certificate.save(update_fields=["revocation_notified_at"])
    return True
