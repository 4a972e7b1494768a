"""Starts the real OpenID Connect provider (tests/oidc/provider, panva's oidc-provider on Node) and walks its screens.

The provider signs real ID tokens with its own key; the portal discovers it, exchanges codes and verifies the tokens
as it would ThaID's. Nothing of the provider is mocked.
"""
import json
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import requests

PROVIDER_DIR = Path(__file__).parent / "provider"
CLIENT_SECRET = "portal-client-secret-0123456789abcdef"

# The people the provider knows. pid is the national ID number the portal must never keep.
ACCOUNTS = {
    "somchai": {"pid": "1101700203451", "ial": "2.3", "email": "somchai@dopa.go.th", "name": "สมชาย ใจดี",
                "amr": ["pwd", "mfa"]},
    "somying": {"pid": "3100600456782", "ial": "1.1", "email": "somying@cgd.go.th", "name": "สมหญิง รักเรียน",
                "amr": ["pwd"]},
    "intruder": {"pid": "1909800111223", "ial": "2.3", "email": "intruder@example.com", "name": "ผู้บุกรุก",
                 "amr": ["pwd"]},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class OpenIdProvider:
    issuer: str
    process: subprocess.Popen

    def settings_for(self, client_id: str = "portal", *, issuer: str | None = None, slug: str = "thaid") -> dict:
        """The portal's OIDC_PROVIDERS entry for this provider, as the environment would give it."""
        return {"slug": slug, "display_name": "ThaID", "issuer": issuer or self.issuer, "client_id": client_id,
                "client_secret": CLIENT_SECRET, "scopes": "openid email profile thaid", "assurance_claim": "ial",
                "national_id_claim": "pid", "mfa_acr": ""}


def start_provider(tmp_dir: Path, redirect_bases: list[str]) -> OpenIdProvider:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the test OpenID Connect provider: install the Debian package 'nodejs'")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=PROVIDER_DIR, check=True)
    port = free_port()
    clients = [
        {"client_id": client_id, "client_secret": CLIENT_SECRET,
         "redirect_uris": [f"{base}/accounts/oidc/callback/" for base in redirect_bases],
         "post_logout_redirect_uris": [f"{base}/" for base in redirect_bases]}
        for client_id in ("portal", "tamper-portal", "expiring-portal")
    ]
    config = tmp_dir / "provider.json"
    config.write_text(json.dumps({"port": port, "clients": clients, "accounts": ACCOUNTS}))
    process = subprocess.Popen([node, "server.mjs", str(config)], cwd=PROVIDER_DIR, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("READY "):
        process.kill()
        pytest.fail(f"The test OpenID Connect provider did not start: {line}{process.stderr.read()}")
    return OpenIdProvider(issuer=line.split()[1], process=process)


def sign_in_at_provider(authorization_url: str, account: str) -> str:
    """Act as the person's browser at the provider: open the authorisation address, sign in as `account`, and return
    the address the provider sends the browser back to (the portal's callback, with code and state)."""
    session = requests.Session()
    url, method, data = authorization_url, "GET", None
    for _hop in range(10):
        response = session.request(method, url, data=data, allow_redirects=False, timeout=10)
        if response.status_code in (302, 303):
            location = urljoin(url, response.headers["Location"])
            if urlparse(location).path.startswith("/accounts/oidc/callback/"):
                return location
            url, method, data = location, "GET", None
        elif response.status_code == 200 and 'name="login"' in response.text:
            url, method, data = url, "POST", {"login": account}
        else:
            raise AssertionError(f"unexpected answer from the provider: {response.status_code} {response.text[:300]}")
    raise AssertionError("the provider never sent the browser back to the portal")


def thaid_sign_in(client, account: str, user=None, next_url: str | None = None):
    """Sign in with ThaID through the Django test client and the real provider, as `account`; `user` (if given) is
    linked to that identity first, as an earlier sign-in would have done."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from accounts.identity import identity_link
    from accounts.models import ExternalIdentity

    if user is not None and not ExternalIdentity.objects.filter(user=user, provider="thaid").exists():
        from accounts.identity import VouchedIdentity, national_id_digest

        identity_link(user=user, via="invitation", vouched=VouchedIdentity(
            provider="thaid", subject=account, national_id_digest=national_id_digest(ACCOUNTS[account]["pid"]),
            assurance_level=ACCOUNTS[account]["ial"], multi_factor=False, email=ACCOUNTS[account]["email"]))
    url = reverse("oidc:start", args=["thaid"]) + (f"?{urlencode({'next': next_url})}" if next_url else "")
    response = client.post(url)
    return client.get(sign_in_at_provider(response["Location"], account))
