"""The emails that tell holders about their certificates: revoked or replaced, suspended or reinstated, due for
recertification."""
from django.conf import settings
from django.urls import reverse

from core.emails import send_once

from .models import Certificate, Suspension
from .selectors import renewal_notice_due


def revocation_notice_send(*, certificate_id: int) -> bool:
    """Email the holder of a revoked certificate, once however often it is called."""
    return send_once(
        Certificate.objects.select_related("holder"), certificate_id,
        template="certificates/email/revoked", to=lambda certificate: certificate.holder.email,
        context=lambda certificate: {"certificate": certificate,
                                     "replacement": Certificate.objects.filter(replaces=certificate).first()},
        stamp="revocation_notified_at", due=lambda certificate: bool(certificate.revoked_at),
    )


def suspension_notice_send(*, suspension_id: int) -> bool:
    """Email the holder that their certificate is suspended, why and until when; once."""
    return send_once(
        Suspension.objects.select_related("certificate__holder"), suspension_id,
        template="certificates/email/suspended", to=lambda suspension: suspension.certificate.holder.email,
        context=lambda suspension: {"suspension": suspension, "certificate": suspension.certificate},
        stamp="notified_at",
    )


def reinstatement_notice_send(*, suspension_id: int) -> bool:
    """Email the holder that the suspension was lifted before its end date; once."""
    return send_once(
        Suspension.objects.select_related("certificate__holder"), suspension_id,
        template="certificates/email/reinstated", to=lambda suspension: suspension.certificate.holder.email,
        context=lambda suspension: {"suspension": suspension, "certificate": suspension.certificate},
        stamp="reinstatement_notified_at", due=lambda suspension: bool(suspension.reinstated_at),
    )


def renewal_notice_send(*, certificate_id: int) -> bool:
    """Email the holder that the certificate is due for recertification, once, while it still is."""
    return send_once(
        Certificate.objects.select_related("holder"), certificate_id,
        template="certificates/email/renewal_due", to=lambda certificate: certificate.holder.email,
        context=lambda certificate: {
            "certificate": certificate,
            "page_url": settings.PORTAL_BASE_URL + reverse("certificates:mine"),
        },
        stamp="renewal_notified_at", due=lambda certificate: renewal_notice_due().filter(pk=certificate.pk).exists(),
    )
