"""Loaded only by a test's Celery worker (`celery worker --include`): every certificate render takes
SLOW_RENDER_SECONDS longer, so the test can kill the worker in the middle of one."""
import os
import time

from certificates import documents

_render = documents.certificate_pdf


def _slow_certificate_pdf(certificate):
    time.sleep(float(os.environ["SLOW_RENDER_SECONDS"]))
    return _render(certificate)


documents.certificate_pdf = _slow_certificate_pdf
