"""Property-based checks that whatever a person types or uploads never causes a server error or a half write."""
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency.case import CaseImportError, case_document, case_import
from competency.models import Element, PerformanceCriterion, Unit, UnitStatement
from evidence.models import EvidenceFile, EvidenceItem
from tests.samples import pdf_upload

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Thai, Latin, digits, punctuation, control characters and the odd emoji: what people paste from anywhere.
text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F64F, blacklist_categories=("Cs",)),
               max_size=300)


@FUZZ
@given(title=text, description=text, kind=st.sampled_from(["performance", "test_result", "nonsense", ""]),
       work_date=st.one_of(st.just(""), st.dates().map(str), text), statement=text)
def test_evidence_metadata_never_breaks_the_form(client, candidate, case, title, description, kind, work_date,
                                                 statement):
    client.force_login(candidate)
    criterion = case.unit.criteria.first()
    before = (EvidenceItem.objects.count(), EvidenceFile.objects.count())
    response = client.post(reverse("evidence:item_create", args=[case.pk]), {
        "title": title, "description": description, "kind": kind, "work_date": work_date,
        f"criterion_{criterion.pk}": "on", f"statement_{criterion.pk}": statement, "files": [pdf_upload()],
    })
    assert response.status_code in (302, 400)
    after = (EvidenceItem.objects.count(), EvidenceFile.objects.count())
    if response.status_code == 400:
        assert after == before
    else:
        assert after == (before[0] + 1, before[1] + 1)
        EvidenceFile.objects.all().delete()
        EvidenceItem.objects.all().delete()


def _mutations():
    scalar = st.one_of(st.none(), st.integers(), st.booleans(), text, st.lists(st.integers(), max_size=2))
    return st.fixed_dictionaries({"path": st.sampled_from(["CFDocument", "CFItems", "CFAssociations"]),
                                  "index": st.integers(0, 50), "field": text.filter(bool) | st.sampled_from(
                                      ["identifier", "fullStatement", "humanCodingScheme", "CFItemType",
                                       "originNodeURI", "destinationNodeURI", "associationType", "title"]),
                                  "value": scalar})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(_mutations(), min_size=1, max_size=4))
def test_a_damaged_case_file_imports_whole_or_not_at_all(db, mutations):
    from django.core.management import call_command

    call_command("loaddata", "dg_ejjm_026", verbosity=0)  # afresh for every example: each one deletes it
    unit = Unit.objects.get(code="DG-EJJM-026")
    document = case_document(unit, base_uri="http://testserver/standards/")
    unit.delete()
    for mutation in mutations:
        target = document[mutation["path"]]
        if isinstance(target, list):
            target = target[mutation["index"] % len(target)]
        target[mutation["field"]] = mutation["value"]
    document = json.loads(json.dumps(document, default=str))
    try:
        imported = case_import(document)
    except CaseImportError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        assert (Unit.objects.count(), Element.objects.count(), PerformanceCriterion.objects.count(),
                UnitStatement.objects.count()) == (0, 0, 0, 0)
    else:
        assert imported.criteria.count() == PerformanceCriterion.objects.count()
        imported.delete()
