"""A draft portfolio can change freely; a submitted one is locked; after a request for more evidence,
the candidate adds and replaces but never deletes what was judged."""
from pathlib import Path

import pytest
from django.urls import reverse

from assessments.models import Allocation, AssessmentCase
from assessments.services import case_submit, case_transition
from evidence.models import EvidenceFile, EvidenceItem
from evidence.selectors import evidence_matrix
from evidence.services import evidence_item_create
from tests.samples import pdf_upload

State = AssessmentCase.State
pytestmark = pytest.mark.django_db


def _item(case, candidate, code="DL201.01", marker="a", title="กระบวนงานหลัก"):
    return evidence_item_create(
        case=case, by=candidate, title=title, kind="performance", uploads=[pdf_upload(marker=marker)],
        mappings={case.unit.criteria.get(code=code).pk: f"แสดง {code}"},
    )


def _edit_data(case, item, *, title, codes):
    data = {"title": title, "kind": item.kind, "description": "", "work_date": ""}
    for criterion in case.unit.criteria.filter(code__in=codes):
        data[f"criterion_{criterion.pk}"] = "on"
        data[f"statement_{criterion.pk}"] = f"แสดง {criterion.code}"
    return data


def _request_more_evidence(case, assessor):
    for target in (State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED):
        case_transition(case=case, to_state=target, by=assessor)


@pytest.fixture
def signed_in(client, candidate):
    client.force_login(candidate)
    return client


def test_a_draft_item_is_edited_and_remapped(signed_in, case, candidate):
    item = _item(case, candidate)
    response = signed_in.post(
        reverse("evidence:item_edit", args=[case.pk, item.pk]),
        _edit_data(case, item, title="กระบวนงานหลักฉบับแก้ไข", codes=["DL201.01", "DL201.02"]),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "กระบวนงานหลักฉบับแก้ไข"
    assert sorted(item.mappings.values_list("criterion__code", flat=True)) == ["DL201.01", "DL201.02"]


def test_replacing_a_file_keeps_the_old_version(signed_in, case, candidate):
    old = _item(case, candidate).files.get()
    response = signed_in.post(
        reverse("evidence:file_replace", args=[case.pk, old.pk]), {"file": pdf_upload("v2.pdf", marker="v2")}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    new = old.replaced_by
    assert (old.is_current, new.is_current, new.version) == (False, True, 2)
    assert Path(old.file.path).exists() and Path(new.file.path).exists()


def test_deleting_a_draft_item_removes_its_files(django_capture_on_commit_callbacks, signed_in, case, candidate):
    item = _item(case, candidate)
    path = Path(item.files.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("evidence:item_delete", args=[case.pk, item.pk]))
    assert response.status_code == 302
    assert not EvidenceItem.objects.exists()
    assert not path.exists()


def test_submitting_locks_the_whole_portfolio(signed_in, case, candidate):
    item = _item(case, candidate)
    evidence_file = item.files.get()
    case_submit(case=case, by=candidate, summary="ครบ")

    edit = signed_in.post(reverse("evidence:item_edit", args=[case.pk, item.pk]),
                          _edit_data(case, item, title="แก้หลังส่ง", codes=["DL201.01"]))
    delete = signed_in.post(reverse("evidence:item_delete", args=[case.pk, item.pk]))
    replace = signed_in.post(reverse("evidence:file_replace", args=[case.pk, evidence_file.pk]),
                             {"file": pdf_upload(marker="late")})
    add = signed_in.get(reverse("evidence:item_create", args=[case.pk]))

    assert [edit.status_code, delete.status_code, replace.status_code, add.status_code] == [409, 409, 409, 409]
    item.refresh_from_db()
    assert item.title == "กระบวนงานหลัก"
    assert EvidenceFile.objects.count() == 1
    page = signed_in.get(reverse("assessments:case_detail", args=[case.pk])).content.decode()
    assert 'id="portfolio-locked"' in page
    assert reverse("evidence:item_create", args=[case.pk]) not in page


def test_after_a_request_for_more_evidence_judged_items_are_kept(signed_in, case, candidate, assessor):
    judged = _item(case, candidate)
    case_submit(case=case, by=candidate, summary="รอบแรก")
    _request_more_evidence(case, assessor)

    delete = signed_in.post(reverse("evidence:item_delete", args=[case.pk, judged.pk]))
    assert delete.status_code == 409
    assert EvidenceItem.objects.filter(pk=judged.pk).exists()

    replace = signed_in.post(reverse("evidence:file_replace", args=[case.pk, judged.files.get().pk]),
                             {"file": pdf_upload(marker="better")})
    assert replace.status_code == 302

    added = _item(case, candidate, code="DL201.02", marker="new", title="บทบาทหน้าที่")
    assert added.added_in_round == 2
    assert signed_in.post(reverse("evidence:item_delete", args=[case.pk, added.pk])).status_code == 302

    resubmit = signed_in.post(reverse("assessments:case_submit", args=[case.pk]), {"summary": "รอบสอง", "confirm": "on"})
    assert resubmit.status_code == 302
    case.refresh_from_db()
    assert case.state == State.RESUBMITTED


def test_the_allocated_assessor_sees_every_version(client, case, candidate, assessor):
    old = _item(case, candidate).files.get()
    from evidence.services import evidence_file_replace

    evidence_file_replace(evidence_file=old, by=candidate, upload=pdf_upload("v2.pdf", marker="v2"))
    Allocation.objects.create(case=case, assessor=assessor)
    client.force_login(assessor)

    page = client.get(reverse("assessments:case_detail", args=[case.pk])).content.decode()

    assert reverse("evidence:file_download", args=[old.pk]) in page
    assert reverse("evidence:file_download", args=[old.replaced_by.pk]) in page
    assert reverse("evidence:item_create", args=[case.pk]) not in page


def test_the_matrix_counts_covered_criteria(case, candidate):
    _item(case, candidate, code="DL201.01", marker="1")
    _item(case, candidate, code="DL201.03", marker="2", title="ข้อมูลหลัก")
    matrix = evidence_matrix(case)
    assert (matrix.covered_count, matrix.criteria_count) == (2, 10)
    assert [c.code for c in matrix.uncovered][:2] == ["DL201.02", "DL201.04"]


def test_the_matrix_page_query_count_does_not_grow_with_items(signed_in, case, candidate, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert signed_in.get(reverse("assessments:case_detail", args=[case.pk])).status_code == 200
        return len(captured)

    _item(case, candidate, marker="first")
    with_one = queries_for_page()
    for n in range(20):
        _item(case, candidate, code=["DL201.02", "DL202.01", "DL203.02"][n % 3], marker=f"more-{n}", title=f"หลักฐาน {n}")
    assert queries_for_page() == with_one
