"""Property-based checks that whatever a person types or uploads never causes a server error or a half write."""
import json
import re
import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency.case import CaseImportError, case_document, case_import
from competency.models import Element, PerformanceCriterion, Unit, UnitStatement
from evidence.models import EvidenceFile, EvidenceItem
from tests.samples import pdf_upload

pytestmark = pytest.mark.django_db

UUID_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
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


def _fresh_identifiers(document):
    """The same document with every UUID replaced consistently, and its own unit code: a new unit to import."""
    mapping: dict[str, str] = {}

    def walk(value):
        if isinstance(value, dict):
            return {key: walk(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [walk(inner) for inner in value]
        if isinstance(value, str):
            return UUID_PATTERN.sub(lambda m: mapping.setdefault(m.group(0), str(uuid.uuid4())), value)
        return value

    fresh = walk(document)
    fresh["CFDocument"]["extensions"]["dg_portal"]["code"] = f"FUZZ-{uuid.uuid4().hex[:8]}"
    return fresh


@pytest.fixture
def exported(unit):
    return case_document(unit, base_uri="http://testserver/standards/")


@FUZZ
@given(mutations=st.lists(_mutations(), min_size=1, max_size=4))
def test_a_damaged_case_file_imports_whole_or_not_at_all(exported, mutations):
    document = _fresh_identifiers(exported)
    for mutation in mutations:
        target = document[mutation["path"]]
        if isinstance(target, list):
            target = target[mutation["index"] % len(target)]
        target[mutation["field"]] = mutation["value"]
    document = json.loads(json.dumps(document, default=str))
    counts = [m.objects.count() for m in (Unit, Element, PerformanceCriterion, UnitStatement)]
    try:
        imported = case_import(document)
    except CaseImportError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        assert [m.objects.count() for m in (Unit, Element, PerformanceCriterion, UnitStatement)] == counts
    else:
        assert Unit.objects.count() == counts[0] + 1
        assert PerformanceCriterion.objects.count() == counts[2] + imported.criteria.count()
        imported.delete()


@pytest.mark.parametrize("path, field", [("CFDocument", "adoptionStatus"), ("CFItems", "CFItemType")])
def test_a_list_where_the_case_file_names_a_type_is_a_problem_not_a_crash(exported, path, field):
    # Found by the fuzzing above: a list there was looked up in a dict and raised TypeError, a 500 in the view.
    document = _fresh_identifiers(exported)
    target = document[path] if path == "CFDocument" else document[path][0]
    target[field] = ["Adopted"]
    with pytest.raises(CaseImportError) as refused:
        case_import(document)
    assert any(field in problem for problem in refused.value.errors)
