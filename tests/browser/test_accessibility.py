"""axe-core (WCAG 2.0/2.1/2.2 A and AA) over every page of the permission matrix, as the role that may see it.

The pages are not listed here: every URL the permission matrix answers "ok" to a GET is visited as the first
role the matrix lets see it, with the matrix's own data, so a page added to the matrix is checked without
anyone adding it here. Each role's home page (its navigation differs) and the Django admin pages the
standards administrator and the superuser can open are checked too. Every page is checked in Thai and
English, on a 1366-px screen and a 390-px phone, and nothing may scroll sideways.
"""
import json
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

import tests.security.test_permission_matrix as matrix
from tests.browser.conftest import TIMEOUT_MS
from tests.two_factor import SignedInClient

pytestmark = pytest.mark.browser

# The matrix's data set-up, reused as it is so a page it can reach has real data here too.
world = matrix.world

AXE_JS = Path(settings.BASE_DIR) / "tests" / "browser" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
LANGUAGES = {"th": "th-TH", "en": "en-US"}
WIDTHS = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
# Roles that repeat another's view of the portal (a second candidate, assessor or HR officer) add nothing.
REPEATS = {"other", "oassr", "ohr"}


def _pages_by_role() -> dict[str, list[str]]:
    """Every URL name the matrix opens to a GET, under the first role that may see it."""
    pages: dict[str, list[str]] = {role: [] for role in matrix.ROLES if role not in REPEATS}
    for name, row in matrix._table().items():
        role = next((role for role in pages if row[role][0] == "ok"), None)
        if role is not None:
            pages[role].append(name)
    for role in pages:
        if "portal:home" not in pages[role]:
            pages[role].append("portal:home")
    return pages


PAGES = _pages_by_role()


def _html_urls(world, role: str) -> tuple[list[str], list[str]]:
    """The role's pages that answer 200 with HTML (others are files, JSON or redirects, with nothing to check)."""
    patterns = dict(matrix._url_names())
    client = SignedInClient()
    if role != "anon":
        client.force_login(world.people[role])
    candidates = [reverse(name, kwargs=world.kwargs_for(name, patterns[name])) for name in PAGES[role]]
    if role == "std":
        candidates += _admin_urls(client, with_forms=True)
    elif role == "admin":
        # The superuser's lists of what the standards administrator also sees are the same pages, checked as std.
        candidates += _admin_urls(client, with_forms=False, seen_by=world.people["std"])
    html, other = [], []
    for url in candidates:
        response = client.get(url)
        is_html = response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
        (html if is_html else other).append(url)
    return html, other


def _admin_urls(client: Client, *, with_forms: bool, seen_by=None) -> list[str]:
    """The admin index and every model's list the person may view (and the first object's form), but those
    `seen_by` may view too."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        if seen_by is not None and seen_by.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        if client.get(changelist).status_code != 200:
            continue
        urls.append(changelist)
        first = model._default_manager.order_by("pk").first()
        if with_forms and first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
    return urls


def _session_cookie(world, role: str, live_server) -> list[dict]:
    if role == "anon":
        return []
    client = SignedInClient()
    client.force_login(world.people[role])
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}]


# The outermost elements that reach past the right edge (outside any scrolling box): what makes a page scroll sideways.
OVERFLOWING = """() => {
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                    [...e.classList].slice(0, 3).map(c => "." + c).join("");
  const clipped = e => { for (let n = e.parentElement; n && n !== document.body; n = n.parentElement)
                           if (getComputedStyle(n).overflowX !== "visible") return true; return false; };
  const past = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > innerWidth + 1);
  // An absolutely placed element escapes a scrolling box that is not its containing block: then name them all.
  const wide = past.some(e => !clipped(e)) ? past.filter(e => !clipped(e)) : past;
  return wide.filter(e => !wide.includes(e.parentElement)).slice(0, 5).map(e => {
    const path = [];
    for (let n = e; n && n !== document.body && path.length < 4; n = n.parentElement) path.unshift(name(n));
    return path.join(" > ");
  });
}"""

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
                                      why: (v.nodes[0].failureSummary || "").split("\\n").slice(1, 2).join(" ").trim(),
                                      count: v.nodes.length}));
}"""


@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_page_has_no_serious_accessibility_finding(role, browser, live_server, world):
    assert AXE_JS.exists(), f"axe-core is not installed at {AXE_JS}: run `make axe` (npm ci in tests/browser/axe)"
    axe_source = AXE_JS.read_text()
    urls, skipped = _html_urls(world, role)
    assert urls, f"{role} has no page to check"
    cookies = _session_cookie(world, role, live_server)
    findings, visits, started = [], 0, time.monotonic()
    for lang, locale in LANGUAGES.items():
        for width, viewport in WIDTHS.items():
            # The product's CSP stays on: axe arrives as an init script, which the page's CSP does not govern.
            context = browser.new_context(locale=locale, viewport=viewport)
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(script=axe_source)
            context.add_cookies(cookies)
            page = context.new_page()
            try:
                for url in urls:
                    where = f"{url} as {role}, {lang}, {width}px"
                    response = page.goto(f"{live_server.url}{url}", wait_until="load")
                    visits += 1
                    assert response is not None and response.status == 200, f"{where}: HTTP {response and response.status}"
                    if (page_lang := page.evaluate("document.documentElement.lang")) != lang:
                        findings.append(f"{where}: the page says its language is {page_lang!r}")
                    for violation in page.evaluate(AXE_RUN, AXE_TAGS):
                        if violation["impact"] in FAILING_IMPACTS:
                            findings.append(f"{where}: {violation['impact']} {violation['id']} ×{violation['count']} "
                                            f"({violation['help']}) at {json.dumps(violation['targets'], ensure_ascii=False)}: "
                                            f"{violation['why'][:200]}")
                    # Nothing may scroll sideways, on a phone least of all (WCAG 1.4.10 reflow).
                    scroll_width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
                    if scroll_width > inner:
                        findings.append(f"{where}: scrolls sideways ({scroll_width}px wide) because of "
                                        f"{page.evaluate(OVERFLOWING)}")
            finally:
                context.close()
    print(f"{role}: {visits} page visits in {time.monotonic() - started:.0f}s; not HTML: {skipped}")
    assert findings == [], f"{len(findings)} findings:\n" + "\n".join(findings)
