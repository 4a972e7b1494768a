"""Every URL of the project × every role × GET and POST, against one readable table of expected answers.

The URLs are enumerated from the resolver, so a new page without a row fails this test. Each request runs
inside a savepoint that is rolled back, so one cell's POST cannot change what the next cell sees.

Cells read GET/POST:
  ok  the page answers the person (2xx; a redirect elsewhere than sign-in; or a form refusal 400/409/413)
  in  the person is sent to sign in
  no  404: the object or page does not exist for this person (outsiders never learn more, see
      accounts/permissions.py; a 403 anywhere is a mismatch, shown as "fb")
  -   405: the method is not offered
  tk  401: the API answers only to its bearer token, whoever is signed in
  gn  410: a bulk-download link opened without its signed, expiring token
"""
import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

ROLES = ["anon", "cand", "other", "assr", "oassr", "std", "hr", "ohr", "coord", "mod", "admin"]

# fmt: off
MATRIX = """
url                                   anon   cand   other  assr   oassr  std    hr     ohr    coord  mod    admin
portal:home                           ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
portal:healthz                        ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
portal:favicon                        ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
set_language                          ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:login                        ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:logout                       -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
accounts:register                     ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:two_factor                   in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
accounts:two_factor_verify            in/in  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:two_factor_enrol             in/in  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:two_factor_enrol_confirm     in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
accounts:two_factor_recovery_codes    in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
accounts:two_factor_remove            in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
accounts:password_change              in/in  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:password_change_done         in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
accounts:password_reset               ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:password_reset_done          ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
accounts:password_reset_confirm       ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
accounts:password_reset_complete      ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
oidc:start                            -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
oidc:callback                         in/-   in/-   in/-   in/-   in/-   in/-   in/-   in/-   in/-   in/-   in/-
oidc:link                             in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in
oidc:confirm                          in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in  in/in
competency:unit_list                  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
competency:unit_detail                ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
competency:unit_revision_detail       ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
competency:unit_case_json             ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
assessments:case_list                 in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
assessments:case_enrol                in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
assessments:case_detail               in/in  ok/-   no/-   ok/-   no/-   no/-   no/-   no/-   no/-   no/-   ok/-
assessments:case_submit               in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
evidence:item_create                  in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
evidence:item_edit                    in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
evidence:files_add                    in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
evidence:item_delete                  in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
evidence:file_replace                 in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
evidence:file_download                in/in  ok/-   no/-   ok/-   no/-   no/-   no/-   no/-   no/-   no/-   ok/-
blueprints:index                      in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
blueprints:new                        in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
blueprints:detail                     in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
blueprints:copy                       in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
blueprints:rename                     in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
blueprints:render                     in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
blueprints:render_status              in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
blueprints:render_retry               in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
blueprints:section                    in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
blueprints:section_autosave           in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
certificates:verify_form              ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:verify                   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:verify_credential        ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok  ok/ok
certificates:verify_pdf               -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
certificates:jwks                     ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:issuer_profile           ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:credential_status        ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:status_list              ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:mine                     in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:holder_pdf               in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
certificates:holder_badge             in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
certificates:recertify                in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
certificates:result_report_create     in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
certificates:report_detail            in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
certificates:report_status            in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
certificates:report_pdf               in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
certificates:desk                     in/in  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   no/no  no/no  ok/-
certificates:desk_export              in/in  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   no/no  no/no  ok/-
certificates:desk_detail              in/in  no/no  no/no  no/no  no/no  no/no  ok/-   no/-   no/no  no/no  ok/-
certificates:desk_pdf                 in/in  no/no  no/no  no/no  no/no  no/no  ok/-   no/-   no/no  no/no  ok/-
certificates:desk_revoke              in/in  no/no  no/no  no/no  no/no  no/no  -/ok   -/no   no/no  no/no  -/ok
certificates:desk_reissue             in/in  no/no  no/no  no/no  no/no  no/no  -/ok   -/no   no/no  no/no  -/ok
certificates:desk_suspend             in/in  no/no  no/no  no/no  no/no  no/no  -/ok   -/no   no/no  no/no  -/ok
certificates:desk_reinstate           in/in  no/no  no/no  no/no  no/no  no/no  -/ok   -/no   no/no  no/no  -/ok
certificates:desk_rerender            in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok
certificates:bulk_create              in/in  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok   no/no  no/no  -/ok
certificates:bulk_detail              in/in  no/no  no/no  no/no  no/no  no/no  ok/-   no/-   no/no  no/no  ok/-
certificates:bulk_status              in/in  no/no  no/no  no/no  no/no  no/no  ok/-   no/-   no/no  no/no  ok/-
certificates:bulk_download            in/in  no/no  no/no  no/no  no/no  no/no  gn/-   no/-   no/no  no/no  gn/-
certificates:dashboard                in/in  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   no/no  no/no  ok/-
certificates:agency_report_new        in/in  no/no  no/no  no/no  no/no  no/no  ok/ok  ok/ok  no/no  no/no  ok/ok
certificates:api_certificates         tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-
certificates:api_certificate          tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-
certificates:api_certificate_pdf      tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-
certificates:api_verify               tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-   tk/-
certificates:api_schema               ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
certificates:api_docs                 ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
exams:index                           in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
exams:start                           in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
exams:take                            in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
exams:save                            in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
exams:state                           in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
exams:submit                          in/in  -/ok   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no   -/no
exams:result                          in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-   no/-
exams:marking_list                    in/in  no/no  no/no  ok/-   ok/-   no/no  no/no  no/no  no/no  no/no  ok/-
exams:mark                            in/in  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  ok/ok
exams:bank_home                       in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
exams:bank                            in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
exams:item_new                        in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
exams:item_edit                       in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
exams:export_csv                      in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
exams:export_qti                      in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
exams:import_csv                      in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
exams:import_qti                      in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
exams:analysis                        in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
exams:accommodations                  in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   no/no  ok/-
exams:accommodation                   in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/ok  no/no  ok/ok
exams:accommodation_withdraw          in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   no/no  -/ok
exams:sittings                        in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/ok  no/no  ok/ok
exams:sitting                         in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   no/no  ok/-
exams:sitting_seat                    in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   no/no  -/ok
exams:seat_remove                     in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   no/no  -/ok
exams:sitting_cancel                  in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   no/no  -/ok
judging:queue                         in/in  no/no  no/no  ok/-   ok/-   no/no  no/no  no/no  no/no  no/no  ok/-
judging:allocation                    in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/ok  no/no  ok/ok
judging:screen                        in/in  no/no  no/no  ok/-   no/-   no/no  no/no  no/no  no/no  no/no  no/-
judging:claim                         in/in  no/no  no/no  -/ok   -/ok   no/no  no/no  no/no  no/no  no/no  -/ok
judging:take                          in/in  no/no  no/no  -/ok   -/no   no/no  no/no  no/no  no/no  no/no  -/no
judging:judge                         in/in  no/no  no/no  -/ok   -/no   no/no  no/no  no/no  no/no  no/no  -/no
judging:mark_essay                    in/in  no/no  no/no  -/ok   -/no   no/no  no/no  no/no  no/no  no/no  -/no
judging:confirm                       in/in  no/no  no/no  -/ok   -/no   no/no  no/no  no/no  no/no  no/no  -/no
judging:request_evidence              in/in  no/no  no/no  -/ok   -/no   no/no  no/no  no/no  no/no  no/no  -/no
judging:moderation                    in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-
judging:settle                        in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok
judging:amend                         in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok
judging:agreement                     in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   ok/-
judging:impartiality                  in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   ok/-
judging:impartiality_overrides_csv    in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   ok/-
judging:impartiality_declarations_csv in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   ok/-
authoring:index                       in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
authoring:revision_open               in/in  no/no  no/no  no/no  no/no  -/ok   no/no  no/no  no/no  no/no  -/ok
authoring:revision                    in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
authoring:rubric                      in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
authoring:changes                     in/in  no/no  no/no  no/no  no/no  ok/-   no/no  no/no  no/no  no/no  ok/-
authoring:publish                     in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
authoring:definition                  in/in  no/no  no/no  no/no  no/no  ok/ok  no/no  no/no  no/no  no/no  ok/ok
appeals:desk                          in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  ok/-   ok/-   ok/-
appeals:lodge                         in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
appeals:complain                      in/in  ok/ok  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no
appeals:detail                        in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   ok/-   ok/-   ok/-
appeals:assign                        in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok   -/ok
appeals:decide                        in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/no
appeals:document                      in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   ok/-   ok/-   ok/-
appeals:complaint                     in/in  ok/-   no/-   no/-   no/-   no/-   no/-   no/-   ok/-   ok/-   ok/-
appeals:acknowledge                   in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok   -/ok
appeals:answer                        in/in  no/no  no/no  no/no  no/no  no/no  no/no  no/no  -/ok   -/ok   -/ok
privacy:overview                      in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
privacy:export                        in/in  ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-   ok/-
privacy:request_erasure               in/in  -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok   -/ok
"""
# fmt: on

# Django's admin checks each model's permissions itself (tests/competency/test_revisions.py covers the
# standards editor); the matrix checks that the admin as a whole is closed to everyone but staff.
ADMIN_ROW = {"anon": "in", "cand": "in", "other": "in", "assr": "in", "oassr": "in", "std": "ok", "hr": "in",
             "ohr": "in", "coord": "in", "mod": "in", "admin": "ok"}


def _table() -> dict[str, dict[str, tuple[str, str]]]:
    rows = {}
    for line in MATRIX.strip().splitlines()[1:]:
        name, *cells = line.split()
        assert len(cells) == len(ROLES), f"row {name} has {len(cells)} cells"
        rows[name] = {role: tuple(cell.split("/")) for role, cell in zip(ROLES, cells)}
    return rows


def _url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def test_every_url_of_the_project_has_a_row():
    names = {name for name, _ in _url_names() if not (name or "").startswith("admin:")}
    assert None not in names, "every URL pattern needs a name to have a row"
    assert sorted(names - set(_table())) == [], "URLs without a row in the permission matrix"
    assert sorted(set(_table()) - names) == [], "rows for URLs that no longer exist"


def _classify(response, method: str) -> str:
    status = response.status_code
    if status == 405:
        return "-"
    if status == 401:
        return "tk"
    if status == 410:
        return "gn"
    if status == 404:
        return "no"
    if status == 403:
        return "fb"
    if status in (301, 302) and re.search(r"/(accounts|admin)/login/", response.get("Location", "")):
        return "in"
    if status < 400 or status in (400, 409, 413):
        return "ok"
    return f"HTTP {status}"


def test_every_role_gets_exactly_what_the_table_says(client, world):
    table = _table()
    mismatches = []
    for name, pattern in _url_names():
        if name.startswith("admin:") or name not in table:
            continue  # a missing row fails test_every_url_of_the_project_has_a_row
        url = reverse(name, kwargs=world.kwargs_for(name, pattern))
        for role in ROLES:
            for method, expected in zip(("GET", "POST"), table[name][role]):
                got = world.request(client, role, method, url)
                if got != expected:
                    mismatches.append(f"{name:36} {role:6} {method:4} expected {expected:3} got {got}")
    assert mismatches == [], "\n" + "\n".join(mismatches)


def test_the_admin_is_closed_to_all_but_staff(client, world):
    mismatches = []
    for url in (reverse("admin:index"), reverse("admin:competency_unit_changelist")):
        for role, expected in ADMIN_ROW.items():
            got = world.request(client, role, "GET", url)
            if got != expected:
                mismatches.append(f"{url} {role} expected {expected} got {got}")
    assert mismatches == []


def _placeholder(converter):
    """Any value of the right shape: the gate answers before a view looks anything up."""
    if converter.regex == "[0-9]+":
        return 1
    if "[0-9a-f]{8}" in converter.regex:
        return "00000000-0000-0000-0000-000000000000"
    return "x"


def test_staff_who_owe_the_second_factor_reach_nothing_but_its_pages(assessor):
    from django.test import Client

    from accounts.two_factor import OPEN_BEFORE_SECOND_FACTOR

    # A plain client: its force_login is a password sign-in that has not passed the second factor yet.
    client = Client()
    client.force_login(assessor)
    enrol = reverse("accounts:two_factor_enrol")
    names = [(name, pattern) for name, pattern in _url_names() if not name.startswith("admin:")]
    names.append(("admin:index", None))
    not_stopped = []
    for name, pattern in names:
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        kwargs = {key: _placeholder(conv) for key, conv in pattern.pattern.converters.items()} if pattern else {}
        url = reverse(name, kwargs=kwargs)
        for method in ("GET", "POST"):
            with transaction.atomic():
                response = client.get(url) if method == "GET" else client.post(url, {})
                transaction.set_rollback(True)
            if not (response.status_code == 302 and response["Location"].startswith(enrol)):
                not_stopped.append(f"{name} {method} {response.status_code}")
    assert not_stopped == []
    assert client.get(enrol).status_code == 200


class World:
    """One real object of every kind, owned by `cand`, assessed by `assr`, in the agency of `hr`."""

    def __init__(self, people: dict, objects: dict):
        self.people = people
        self.objects = objects

    def kwargs_for(self, name: str, pattern: URLPattern) -> dict:
        wanted = set(pattern.pattern.converters)
        kwargs = dict(self.objects["by_url"].get(name, {}))
        for key in wanted - kwargs.keys():
            kwargs[key] = self.objects["defaults"][key]
        return {key: kwargs[key] for key in wanted}

    def request(self, client, role: str, method: str, url: str) -> str:
        client.logout()
        if role != "anon":
            client.force_login(self.people[role])
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
        return _classify(response, method)


@pytest.fixture
def world(unit, candidate, other_candidate, assessor, other_assessor, standards_administrator, coordinator,
          moderator, superuser, db, settings):
    from django.core.cache import caches

    # The matrix asks the verification pages far more often than a person may; throttling is tested elsewhere.
    settings.CERTIFICATE_VERIFY_LIMIT_PER_MINUTE = 100_000
    caches["throttle"].clear()
    from accounts.roles import Role
    from assessments.models import Allocation
    from assessments.services import case_enrol, case_submit
    from evidence.services import evidence_item_create
    from judging.models import Decision, Disagreement, Judgment
    from tests.factories import UserFactory
    from tests.samples import pdf_upload

    hr = UserFactory(username="hr-same", department=candidate.department, roles=[Role.HR_OFFICER])
    other_hr = UserFactory(username="hr-other", department=other_candidate.department, roles=[Role.HR_OFFICER])
    people = {"cand": candidate, "other": other_candidate, "assr": assessor, "oassr": other_assessor,
              "std": standards_administrator, "hr": hr, "ohr": other_hr, "coord": coordinator, "mod": moderator,
              "admin": superuser}

    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    criterion = case.unit.criteria.get(code="DL201.01")
    item = evidence_item_create(case=case, by=candidate, title="แผน", kind="performance", uploads=[pdf_upload()],
                                mappings={criterion.pk: "แสดงกระบวนงาน"})
    evidence_file = item.files.get()
    draft_case = case_enrol(candidate=other_candidate, unit_code="DG-EJJM-026")
    case_submit(case=case, by=candidate, summary="ส่ง")
    Allocation.objects.create(case=case, assessor=assessor, assigned_by=superuser)

    # A decision and a disagreement for the moderator's pages.
    first = Judgment.objects.create(case=case, round=case.round, criterion=criterion, assessor=assessor,
                                    score=2, verdict="competent", marking="first")
    second = Judgment.objects.create(case=case, round=case.round, criterion=criterion, assessor=other_assessor,
                                     score=1, verdict="not_yet_competent", marking="second")
    decision = Decision.objects.create(case=case, round=case.round, outcome="competent", summary="ผ่าน",
                                       confirmed_by=assessor, status="awaiting_moderation")
    disagreement = Disagreement.objects.create(case=case, round=case.round, criterion=criterion, first=first,
                                               second=second)
    # other_assessor may claim other_candidate's submitted case from the pool.
    claimable = draft_case
    evidence_item_create(case=claimable, by=other_candidate, title="x", kind="performance",
                         uploads=[pdf_upload(marker="claim")], mappings={criterion.pk: "y"})
    case_submit(case=claimable, by=other_candidate, summary="ส่ง")

    defaults = {
        "case_id": case.pk, "item_id": item.pk, "file_id": evidence_file.pk, "criterion_id": criterion.pk,
        "decision_id": decision.pk, "disagreement_id": disagreement.pk, "code": "DG-EJJM-026",
        "revision_number": 1, "unit_id": unit.pk, "uidb64": "MQ", "token": "set-password", "provider": "thaid",
    }
    by_url = {"judging:claim": {"case_id": claimable.pk}}
    # The candidate's own edit pages are tried on a draft case of theirs in a second unit.
    from competency.services import unit_publish, unit_revision_create

    second_unit = unit_revision_create(unit=unit, by=standards_administrator)
    second_unit.code = "DG-TEST-999"
    second_unit.save()
    unit_publish(unit=second_unit, by=standards_administrator)
    editable = case_enrol(candidate=candidate, unit_code="DG-TEST-999")
    editable_item = evidence_item_create(case=editable, by=candidate, title="ร่าง", kind="performance",
                                         uploads=[pdf_upload(marker="draft")],
                                         mappings={editable.unit.criteria.get(code="DL201.01").pk: "ร่าง"})
    for name in ("assessments:case_submit", "evidence:item_create", "evidence:item_edit", "evidence:files_add",
                 "evidence:item_delete", "evidence:file_replace"):
        by_url[name] = {"case_id": editable.pk, "item_id": editable_item.pk,
                        "file_id": editable_item.files.get().pk}
    from blueprints.models import BlueprintRender
    from blueprints.services import blueprint_create

    blueprint = blueprint_create(owner=candidate, title="พิมพ์เขียว")
    render = BlueprintRender.objects.create(blueprint=blueprint, case=case, requested_by=candidate, status="failed")
    defaults.update(blueprint_id=blueprint.pk, kind="gaps", render_id=render.pk)

    from exams.models import DefinitionRule, Item
    from exams.services import answer_save, attempt_start, attempt_submit, seed_bank_load
    from tests.exams.factories import definition_for

    seed_bank_load(unit=unit)
    definition = definition_for(unit, code="matrix", kinds=[DefinitionRule.Kind.ESSAY])
    attempt = attempt_start(case=case, definition=definition)
    essay = attempt.answers.get()
    answer_save(attempt=attempt, item_version_id=essay.item_version_id, value="คำตอบ")
    attempt_submit(attempt=attempt)
    defaults.update(definition_id=definition.pk, attempt_id=attempt.pk, answer_id=essay.pk)
    from exams.services import accommodation_grant

    granted = accommodation_grant(case=case, definition=definition, by=coordinator, reason="อ่านช้า", extra_minutes=10)
    defaults.update(accommodation_id=granted.pk)
    # A sitting of the exam tomorrow, with cand's case seated in it, for the coordinator's sittings pages.
    from datetime import timedelta

    from django.utils import timezone

    from exams.services import sitting_schedule, sitting_seat

    sitting = sitting_schedule(definition=definition, name_th="รอบเช้า", opens_at=timezone.now() + timedelta(days=1),
                               admission_minutes=10, by=coordinator)
    sitting_seat(sitting=sitting, cases=[case], by=coordinator)
    defaults.update(sitting_id=sitting.pk, seat_id=sitting.seats.get().pk)
    # A certified case of cand's in a third unit (one open case per unit), for the certificate pages.
    from assessments.models import AssessmentCase
    from certificates.models import Certificate
    from certificates.services import (
        bulk_download_request,
        certificate_issue,
        certificate_render,
        report_render,
        result_report_request,
    )

    third_unit = unit_revision_create(unit=unit, by=standards_administrator)
    third_unit.code = "DG-TEST-998"
    third_unit.save()
    unit_publish(unit=third_unit, by=standards_administrator)
    certified = AssessmentCase.objects.create(candidate=candidate, unit=third_unit, unit_code=third_unit.code,
                                              state=AssessmentCase.State.COMPETENT)
    Decision.objects.create(case=certified, round=1, outcome="competent", summary="ผ่าน", exam_passed=True,
                            confirmed_by=assessor, status="released")
    certificate = certificate_issue(case=certified, by=superuser)
    report = result_report_request(case=certified, by=candidate)
    # Rendered here, as the worker would, so the PDF links have something to serve.
    certificate_render(certificate_id=certificate.pk)
    report_render(report_id=report.pk)
    bulk = bulk_download_request(by=hr, certificates=Certificate.objects.filter(pk=certificate.pk))
    defaults.update(certificate_id=certificate.pk, report_id=report.pk, bulk_id=bulk.pk,
                    number=certificate.number, fmt="csv")
    for name in ("certificates:verify", "certificates:credential_status", "certificates:api_verify"):
        by_url[name] = {"code": certificate.code}
    by_url["certificates:result_report_create"] = {"case_id": certified.pk}
    by_url["certificates:status_list"] = {"purpose": "revocation", "number": 0}

    # A decision of cand's released not yet competent (a closed case may share the unit), appealed with a
    # document and given to mod as panel member; and a complaint about the process.
    from django.core.files.base import ContentFile

    from appeals.models import Appeal, AppealDocument, Complaint
    from tests.samples import pdf_bytes

    appealed = AssessmentCase.objects.create(candidate=candidate, unit=unit, unit_code=unit.code,
                                             state=AssessmentCase.State.NOT_YET_COMPETENT)
    appealed_decision = Decision.objects.create(case=appealed, round=1, outcome="not_yet_competent", summary="ไม่ผ่าน",
                                                exam_passed=True, confirmed_by=assessor, status="released",
                                                released_at=timezone.now())
    appeal = Appeal.objects.create(case=appealed, decision=appealed_decision, grounds="ขออุทธรณ์", lodged_by=candidate,
                                   panel_member=moderator, assigned_by=coordinator, status="with_panel")
    document = AppealDocument(appeal=appeal, original_name="แนบ.pdf", content_type="application/pdf",
                              extension=".pdf", size=10, sha256="0" * 64)
    document.file.save("upload", ContentFile(pdf_bytes(marker="appeal")), save=True)
    complaint = Complaint.objects.create(case=case, text="รอนานเกินไป", raised_by=candidate)
    defaults.update(appeal_id=appeal.pk, document_id=document.pk, complaint_id=complaint.pk)

    exam_item = Item.objects.first()
    for name in ("exams:item_edit",):
        by_url[name] = {"item_id": exam_item.pk}
    return World(people, {"defaults": defaults, "by_url": by_url})
