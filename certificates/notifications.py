"""The email that tells holders their certificate was revoked, or replaced by a reissued one."""
from core.emails import send_once

from .models import Certificate


def revocation_notice_send(*, certificate_id: int) -> bool:
    """Email the holder of a revoked certificate, once however often it is called."""
    return send_once(
        Certificate.objects.select_related("holder"), certificate_id,
        template="certificates/email/revoked", to=lambda certificate: certificate.holder.email,
        context=lambda certificate: {"certificate": certificate,
                                     "replacement": Certificate.objects.filter(replaces=certificate).first()},
        stamp="revocation_notified_at", due=lambda certificate: bool(certificate.revoked_at),
    )
