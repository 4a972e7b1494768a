"""An agency's developer reads the HR API's documentation page and tries a request from it, in a browser that
enforces the portal's Content-Security-Policy (no inline script or style, no other host)."""
import re

import pytest

from accounts.roles import Role
from certificates.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_docs_page_lists_the_operations_and_tries_one_with_a_token_under_the_csp(page, live_server,
                                                                                     transactional_db):
    hr = UserFactory(username="hana", roles=[Role.HR_OFFICER])
    token = api_token_create(user=hr, name="ระบบ DPIS ของกรม")[1]
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    outside = []
    page.on("request", lambda request: not request.url.startswith(live_server.url)
            and not request.url.startswith("data:") and outside.append(request.url))

    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    paths = page.locator(".opblock-summary-path")
    paths.first.wait_for()
    assert set(paths.all_inner_texts()) == {"/api/v1/certificates/", "/api/v1/certificates/{number}/",
                                           "/api/v1/certificates/{number}/pdf/", "/api/v1/verify/{code}/"}

    page.locator(".btn.authorize").first.click()
    page.locator(".auth-container input").fill(token)
    page.locator(".auth-container .btn.authorize").click()
    page.locator(".btn-done").click()
    page.locator(".opblock-summary", has_text="/api/v1/verify/{code}/").click()
    page.locator(".try-out__btn").click()
    page.locator("input[placeholder=code]").fill("NOTACODE")
    page.locator(".execute").click()
    status = page.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert '"unknown"' in page.locator(".live-responses-table .microlight").first.inner_text()

    assert not outside, f"the page reached another host: {outside}"
    assert not [text for text in problems if re.search("Content Security Policy|Refused to", text)], problems
    assert not problems, problems
