"""The tests' own second factor: an RFC 6238 TOTP computation (not django-otp's), and a test client whose
`force_login` stands for a person who signed in and passed the second factor.

How a test signs a staff member in now:
- Django's test client: the suite's `client` fixture is a `SignedInClient`, so `client.force_login(user)` gives a
  session that has passed the second factor, as before. A `django.test.Client` made by hand does not: use
  `SignedInClient()` instead, or call `pass_second_factor(client)` after `force_login`.
- Through the sign-in form (test client): post the password, then `give_authenticator(user)` beforehand and post
  `totp_code(secret)` to accounts:two_factor_verify; or follow the enrolment as tests/accounts/test_two_factor.py.
- In the browser: tests.browser.conftest.sign_in does the second step itself (enrols, or enters a code).
"""
import hashlib
import hmac
import struct
import time
from base64 import b32decode

from django.test import Client

from accounts.two_factor import SECOND_FACTOR_SESSION_KEY

STEP_SECONDS = 30


def _key(secret: str | bytes) -> bytes:
    if isinstance(secret, bytes):
        return secret
    compact = "".join(secret.split()).upper()
    return b32decode(compact + "=" * (-len(compact) % 8))


def totp_code(secret: str | bytes, *, at: float | None = None, counter: int | None = None, digits: int = 6) -> str:
    """RFC 6238 (HMAC-SHA1, 30-second steps) for a base32 secret as an app is given it, or the raw key."""
    if counter is None:
        counter = time_step(at)
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % (10 ** digits)
    return str(value).zfill(digits)


def time_step(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // STEP_SECONDS)


def next_usable_code(device) -> str:
    """A code the device accepts now: the current step's, or the next one's when the current step was spent
    already (a code is good once); waits for the clock when even that was spent."""
    device.refresh_from_db()
    step = max(time_step(), device.last_t + 1)
    while step > time_step() + 1:
        time.sleep(0.5)
    return totp_code(bytes.fromhex(device.key), counter=step)


def give_authenticator(user, secret: str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"):
    """A confirmed authenticator app for the person, with a secret the test knows."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="test app", key=_key(secret).hex(), confirmed=True)


def pass_second_factor(client: Client) -> None:
    """Mark the client's signed-in session as having passed the second factor, as a good code does."""
    session = client.session
    session[SECOND_FACTOR_SESSION_KEY] = "totp"
    session.save()


class SignedInClient(Client):
    """Django's test client; `force_login` also passes the second factor (what most tests mean by signed in)."""

    def _login(self, user, backend=None):
        super()._login(user, backend)
        pass_second_factor(self)
