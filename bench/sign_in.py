"""Signing the benchmarks' test clients in as people who passed the second factor, as staff must have."""
from accounts.two_factor import SECOND_FACTOR_SESSION_KEY


def force_login_with_second_factor(client, user) -> None:
    client.force_login(user)
    session = client.session
    session[SECOND_FACTOR_SESSION_KEY] = "totp"
    session.save()
