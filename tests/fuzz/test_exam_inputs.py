"""Property-based checks that what candidates send and authors upload to the exams never breaks or half-writes."""
import csv
import io
import json
import re
import warnings
import zipfile
from xml.sax.saxutils import escape as xml_escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assessments.services import case_enrol
from exams import bank_csv, qti
from exams.content import ChoiceContent, ItemContent
from exams.models import CHOICE_TYPES, Answer, Choice, DefinitionRule, Item, ItemType, ItemVersion
from exams.selectors import bank_items, content_of
from exams.services import MAX_ESSAY, MAX_SHORT_ANSWER, BankImportError, bank_import, seed_bank_load
from tests.exams.factories import definition_for, start

pytestmark = pytest.mark.django_db

# No example database: the checkout is shared, and failures are reported with the example that broke.
FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
# Thai, Latin, digits, punctuation, control characters and the odd emoji: what people paste from anywhere.
text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F64F, blacklist_categories=("Cs",)),
               max_size=300)
# A JSON "\ud800" escape reaches Python as a lone surrogate, which no database encoding can store.
surrogates = st.text(alphabet=st.characters(categories=("Cs",)), min_size=1, max_size=3)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | text | surrogates
any_json = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=12)


@pytest.fixture
def bank(unit):
    seed_bank_load(unit=unit)
    return unit


# --- Saving answers -----------------------------------------------------------------------------------------


@pytest.fixture
def attempts(bank, case, other_candidate):
    """The candidate's attempt with one item of every type, and another candidate's attempt on the same exam."""
    definition = definition_for(bank, code="fuzz", shuffle_choices=True, kinds=[
        DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.MULTIPLE_CHOICE, DefinitionRule.Kind.TRUE_FALSE,
        DefinitionRule.Kind.SHORT_ANSWER, DefinitionRule.Kind.ESSAY])
    theirs = case_enrol(candidate=other_candidate, unit_code=bank.code)
    return start(case, definition, seed=3), start(theirs, definition, seed=4)


def _answers(attempt) -> list[Answer]:
    return list(attempt.answers.select_related("item_version").order_by("position"))


def _snapshot() -> dict[int, tuple]:
    """Every stored answer of every attempt, as JSON text so that True and 1 never compare equal."""
    return {pk: (json.dumps(response), saved_at, score)
            for pk, response, saved_at, score in Answer.objects.values_list("pk", "response", "saved_at", "score")}


REFUSED = object()


def _should_store(answer: Answer, value):
    """What the exam page's rules say a save of `value` stores: choice positions become choice ids."""
    if value is None or (isinstance(value, (str, list)) and not value):
        return None
    kind = answer.item_version.item_type
    positions = range(len(answer.choice_order))
    if kind == ItemType.SINGLE_CHOICE:
        return answer.choice_order[value] if type(value) is int and value in positions else REFUSED
    if kind == ItemType.MULTIPLE_CHOICE:
        if (isinstance(value, list) and all(type(v) is int and v in positions for v in value)
                and len(set(value)) == len(value)):
            return sorted(answer.choice_order[v] for v in value)
        return REFUSED
    if kind == ItemType.TRUE_FALSE:
        return value if isinstance(value, bool) else REFUSED
    limit = MAX_ESSAY if kind == ItemType.ESSAY else MAX_SHORT_ANSWER
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        return REFUSED
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return REFUSED
    return value


def _expected_save(body: bytes, mine: dict[int, Answer]):
    """(answer, what it should then hold), or None when the request must be refused and change nothing."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict) or "item" not in payload:
        return None
    try:
        # The page sends the id as a number; anything int() reads as a whole number names the same item.
        item_id = int(payload["item"])
    except (ValueError, TypeError, OverflowError):
        return None
    answer = mine.get(item_id)
    if answer is None:
        return None
    stored = _should_store(answer, payload.get("value"))
    return None if stored is REFUSED else (answer, stored)


def _post_save_and_check(client, attempt, body: bytes, mine: dict[int, Answer]):
    expected = _expected_save(body, mine)
    before = _snapshot()

    response = client.post(reverse("exams:save", args=[attempt.pk]), data=body, content_type="application/json")

    after = _snapshot()
    if expected is None:
        assert response.status_code == 400, response.content
        assert response.json()["error"]
        assert after == before
        return
    answer, stored = expected
    assert response.status_code == 200, response.content
    assert response.json()["saved"] is True
    assert after[answer.pk][0] == json.dumps(stored)
    assert after[answer.pk][1] is not None and after[answer.pk][1] != before[answer.pk][1]
    assert {pk: row for pk, row in after.items() if pk != answer.pk} == {
        pk: row for pk, row in before.items() if pk != answer.pk}
    if isinstance(stored, str):
        # Whatever was typed is shown back on the exam page the next time it opens.
        page = client.get(reverse("exams:take", args=[attempt.pk]))
        assert page.status_code == 200
        assert escape(stored) in page.content.decode()


def _value_for(answer: Answer):
    """Values close to what the page sends for this item, and the edges around them."""
    size = len(answer.choice_order)
    kind = answer.item_version.item_type
    limit = MAX_ESSAY if kind == ItemType.ESSAY else MAX_SHORT_ANSWER
    return st.one_of(
        st.integers(-2, size + 1),
        st.lists(st.integers(-1, size), max_size=size + 1),
        st.lists(st.integers(0, max(size - 1, 0)) | any_json, min_size=1, max_size=3),
        st.booleans(),
        text,
        st.tuples(text, surrogates | st.just("\x00"), text).map("".join),
        st.sampled_from([limit, limit + 1]).map(lambda n: "ก" * n),
        any_json,
    )


@st.composite
def _payloads(draw, mine: list[Answer], theirs: list[Answer], elsewhere: list[int]):
    """A save request's body: mostly the page's shape for one of the candidate's items, with any value."""
    target = draw(st.sampled_from(mine))
    where = draw(st.sampled_from(["mine"] * 6 + ["mine as text", "another attempt's", "not drawn", "any", "odd"]))
    item = {
        "mine": st.just(target.item_version_id),
        "mine as text": st.just(f" {target.item_version_id}"),
        "another attempt's": st.sampled_from([a.item_version_id for a in theirs]),
        "not drawn": st.sampled_from(elsewhere or [0]),
        "any": st.integers() | any_json,
        "odd": st.sampled_from([2**31, 2**63, 10**30, -1, 0, 1e999, -1e999, float("nan"), 1.5, True, "", "1e3"]),
    }[where]
    payload = {"item": draw(item), "value": draw(_value_for(target))}
    shape = draw(st.sampled_from(["page"] * 6 + ["no value", "no item", "extra keys", "other json"]))
    if shape == "no value":
        del payload["value"]
    elif shape == "no item":
        del payload["item"]
    elif shape == "extra keys":
        payload |= draw(st.dictionaries(text, any_json, max_size=3))
    elif shape == "other json":
        payload = draw(any_json)
    return json.dumps(payload).encode()


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_a_saved_answer_is_exactly_what_was_sent_or_nothing_changes(client, candidate, attempts, data):
    mine, theirs = (_answers(attempt) for attempt in attempts)
    drawn = {a.item_version_id for a in mine + theirs}
    elsewhere = list(ItemVersion.objects.exclude(pk__in=drawn).values_list("pk", flat=True)[:5])
    body = data.draw(_payloads(mine, theirs, elsewhere))
    client.force_login(candidate)
    _post_save_and_check(client, attempts[0], body, {a.item_version_id: a for a in mine})


def _malformed_bodies():
    page = json.dumps({"item": 1, "value": [0, 1]}).encode()
    return st.one_of(
        st.binary(max_size=200),
        st.integers(1, 200_000).map(lambda depth: b"[" * depth + b"]" * depth),
        st.integers(1, 200_000).map(lambda depth: b'{"item": 1, "value": ' + b"[" * depth),
        st.sampled_from([b"", b"null", b"item=1&value=0", b'{"item": 1e999}', b'{"item": NaN}', b'{"item": "1',
                         b'{"item": ' + b"9" * 5000 + b"}", b"\xff\xfe{\x00", b'{"item": 1, "value": "\\ud800"}',
                         b'{"item": 1, "value": "\\u0000"}']),
        st.tuples(st.integers(0, len(page)), st.binary(min_size=1, max_size=4)).map(
            lambda cut: page[:cut[0]] + cut[1] + page[cut[0] + 1:]),
    )


@FUZZ
@given(body=_malformed_bodies(), aim=st.integers(0, 4))
def test_a_malformed_save_request_is_refused_and_changes_nothing(client, candidate, attempts, body, aim):
    mine = _answers(attempts[0])
    # Byte-damaged page requests sometimes still name an item: point them at this candidate's items.
    body = body.replace(b'"item": 1,', f'"item": {mine[aim].item_version_id},'.encode())
    client.force_login(candidate)
    _post_save_and_check(client, attempts[0], body, {a.item_version_id: a for a in mine})


@settings(FUZZ, max_examples=20)
@given(data=st.data())
def test_another_candidate_can_never_save_into_my_attempt(client, other_candidate, attempts, data):
    mine, theirs = (_answers(attempt) for attempt in attempts)
    body = data.draw(_payloads(mine, theirs, []))
    client.force_login(other_candidate)
    before = _snapshot()
    response = client.post(reverse("exams:save", args=[attempts[0].pk]), data=body, content_type="application/json")
    assert response.status_code == 404
    assert _snapshot() == before


# --- Importing the bank -------------------------------------------------------------------------------------


def _bank_state() -> tuple:
    """Everything an import may write, to show that a refused one wrote none of it."""
    return (
        list(Item.objects.order_by("pk").values_list("pk", "code", "status", "difficulty")),
        list(ItemVersion.objects.order_by("pk").values_list(
            "pk", "item_id", "number", "is_current", "item_type", "stem_th", "stem_en", "points", "answer_true",
            "accepted_answers", "rubric")),
        list(Choice.objects.order_by("pk").values_list("pk", "version_id", "order", "text_th", "text_en",
                                                       "is_correct")),
        list(ItemVersion.criteria.through.objects.order_by("pk").values_list("itemversion_id",
                                                                             "performancecriterion_id")),
        list(ItemVersion.knowledge_areas.through.objects.order_by("pk").values_list("itemversion_id",
                                                                                    "unitstatement_id")),
    )


def _as_stored(content: ItemContent) -> ItemContent:
    """The content as the bank keeps it: trimmed text, only the fields the item's type uses, tags as a set."""
    kind = content.item_type
    return ItemContent(
        item_type=kind, stem_th=content.stem_th.strip(), stem_en=content.stem_en.strip(), points=content.points,
        choices=tuple(ChoiceContent(c.text_th.strip(), c.text_en.strip(), c.is_correct) for c in content.choices)
        if kind in CHOICE_TYPES else (),
        answer_true=content.answer_true if kind == ItemType.TRUE_FALSE else None,
        accepted_answers=tuple(a.strip() for a in content.accepted_answers if a.strip())
        if kind == ItemType.SHORT_ANSWER else (),
        rubric=content.rubric if kind == ItemType.ESSAY else (),
        criterion_codes=tuple(sorted(set(content.criterion_codes))),
        knowledge_keys=tuple(sorted(set(content.knowledge_keys))),
    )


def _assert_imported_whole(entries, codes_before: set[str], items_before: int) -> None:
    stored = {item.code: item for item in bank_items(unit_code="DG-EJJM-026")}
    assert len(stored) == items_before + len({e.code for e in entries} - codes_before)
    for entry in entries:
        item = stored[entry.code]
        assert (item.status, item.difficulty) == (entry.status, entry.difficulty)
        assert content_of(item.current) == _as_stored(entry.content)


def _import_and_check(client, raw: bytes, *, parse, view: str, through: str) -> str:
    """The file goes in whole or not at all: a refusal lists its problems and leaves the bank as it was.

    Returns what the author was told."""
    state = _bank_state()
    codes = set(Item.objects.values_list("code", flat=True))
    if through == "view":
        response = client.post(reverse(view, args=["DG-EJJM-026"]),
                               {"file": SimpleUploadedFile("upload", raw, content_type="application/octet-stream")})
        assert response.status_code in (302, 400), response.status_code
        entries, errors = parse(raw)
        event(f"view answered {response.status_code}")
        if response.status_code == 302:
            assert errors == []
            _assert_imported_whole(entries, codes, len(state[0]))
            return ""
        assert _bank_state() == state
        body = response.content.decode()
        if not raw:
            assert response.context["form"].errors["file"]  # the form says the file is empty
            return body
        assert 'id="import-errors"' in body
        if not errors:
            with pytest.raises(BankImportError) as refused:
                bank_import(unit=Item.objects.first().unit, entries=entries, by=None)
            errors = refused.value.messages
        for error in errors:
            assert escape(error) in body
        return body
    entries, errors = parse(raw)
    if errors:
        event("the file could not be read")
        assert all(isinstance(e, str) and e for e in errors)
        return "\n".join(errors)
    try:
        bank_import(unit=Item.objects.first().unit, entries=entries, by=None)
    except BankImportError as exc:
        event("the items were refused")
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        assert _bank_state() == state
        return "\n".join(exc.messages)
    event("imported")
    _assert_imported_whole(entries, codes, len(state[0]))
    return ""


def _apply_bytes(raw: bytes, mutations) -> bytes:
    for op, at, chunk in mutations:
        at %= len(raw) + 1
        if op == "insert":
            raw = raw[:at] + chunk + raw[at:]
        elif op == "delete":
            raw = raw[:at] + raw[at + len(chunk) + 1:]
        elif op == "replace":
            raw = raw[:at] + chunk + raw[at + len(chunk):]
        else:
            raw = raw[:at]
    return raw


def _sometimes(strategy, *, one_in: int = 4):
    """The strategy's value in one example of `one_in`, otherwise nothing: most files are only slightly wrong."""
    return st.integers(1, one_in).flatmap(lambda n: strategy if n == 1 else st.just([]))


byte_edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace", "truncate"]), st.integers(0, 10**7),
                                st.binary(min_size=1, max_size=8)), min_size=1, max_size=3)
byte_mutations = _sometimes(byte_edits)
new_codes = st.integers(0, 10**6).map(lambda n: f"FZ-{n}")
TYPES = ["single_choice", "multiple_choice", "true_false", "short_answer", "essay", "matching", ""]
# For each kind of cell, the values at and just past what the bank can hold.
CELL_EDGES = {
    "code": ["", " ", "A" * 40, "A" * 41, "a\x00b", "EA-01", "AI-02"],
    "status": ["approved", "draft", "retired", "Approved", ""],
    "difficulty": ["easy", "hard", "HARD", ""],
    "type": TYPES,
    "points": ["1", "2.5", "999.99", "1000", "1e5", "0.01", "0.001", "1.005", "0", "-1", "NaN", "Infinity",
               "1e999999", "0x10", " 2 ", ""],
    "criteria": ["DL201.01", "DL201.01|DL201.01", "DL201.01|DL999.99", "", "|", "dl201.01"],
    "knowledge_areas": ["K1|R1", "K99", "", "K1\x00"],
    "stem_th": ["", " ", "ก" * 20_000, "a\x00b", "<script>alert(1)</script>"],
    "choice1_th": ["x" * 1000, "x" * 1001, "ก" * 1001, "", " ", "a\x00b"],
    "choice2_en": ["x" * 1001, "", "b"],
    "choice6_th": ["ฉ", "x" * 1001],
    "correct": ["1", "1|2", "7", "0|1|2|3|4|5|6", "true", "FALSE", "yes", "", "|"],
    "accepted_answers": ["", "ก|ข", " | ", "a\x00b", "x" * 600],
    "rubric": ["2 | ดี | good\n0 | ไม่ดี | poor", "1 | ก\n1 | ข", "x | y", "1 | ก\n0 | \x00", "", "\n\n"],
}
EDGE_CELLS = [(column, value) for column, values in CELL_EDGES.items() for value in values]
cells = st.one_of(st.sampled_from(sorted({value for _column, value in EDGE_CELLS})), text, new_codes)


@pytest.fixture
def csv_rows(bank) -> list[dict[str, str]]:
    """The bank as its own CSV export states it: the valid file every mutation starts from."""
    return list(csv.DictReader(io.StringIO(bank_csv.export_rows(bank_items(unit_code="DG-EJJM-026")).lstrip("\ufeff"))))


def _csv(rows: list[dict[str, str]], names: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([[row.get(name, "") for name in names] for row in rows])
    return out.getvalue()


@settings(FUZZ, max_examples=100)
@given(picks=st.lists(st.integers(0, 10**4), min_size=1, max_size=3), at=st.integers(0, 10),
       edge=st.sampled_from(EDGE_CELLS), fresh=st.none() | new_codes, through=st.sampled_from(["service", "view"]))
def test_a_csv_with_a_cell_at_the_edge_imports_whole_or_not_at_all(client, standards_administrator, csv_rows, picks,
                                                                  at, edge, fresh, through):
    rows = [dict(csv_rows[n % len(csv_rows)]) for n in picks]
    row = rows[at % len(rows)]
    if fresh:
        row["code"] = fresh  # a new item, so creating is tried as well as updating
    row[edge[0]] = edge[1]
    client.force_login(standards_administrator)
    _import_and_check(client, _csv(rows, bank_csv.COLUMNS).encode(), parse=bank_csv.parse, view="exams:import_csv",
                      through=through)


@FUZZ
@given(picks=st.lists(st.integers(0, 10**4), min_size=1, max_size=3),
       edits=st.lists(st.tuples(st.integers(0, 10), st.sampled_from(bank_csv.COLUMNS) | text, cells), max_size=3),
       header=_sometimes(st.lists(st.tuples(st.sampled_from(["drop", "rename", "repeat"]), st.integers(0, 100), text),
                                  min_size=1, max_size=2)),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16", "latin-1"]),
       damage=byte_mutations, through=st.sampled_from(["service", "view"]))
def test_a_damaged_csv_imports_whole_or_not_at_all(client, standards_administrator, csv_rows, picks, edits, header,
                                                   encoding, damage, through):
    rows = [dict(csv_rows[n % len(csv_rows)]) for n in picks]
    for n, column, value in edits:
        rows[n % len(rows)][column] = value
    names = list(bank_csv.COLUMNS)
    for op, n, new in header:
        n %= len(names)
        if op == "drop":
            del names[n]
        elif op == "rename":
            names[n] = new
        else:
            names.append(names[n])
    raw = _apply_bytes(_csv(rows, names).encode(encoding, errors="replace"), damage)
    client.force_login(standards_administrator)
    _import_and_check(client, raw, parse=bank_csv.parse, view="exams:import_csv", through=through)


# --- QTI 3.0 packages ---------------------------------------------------------------------------------------

XML_TEXTS = {
    # name: (which files, the text a mutation replaces)
    "identifier": ("items", r'<qti-assessment-item [^>]*?identifier="([^"]*)"'),
    "correct value": ("items", r"<qti-correct-response><qti-value>([^<]*)<"),
    "max score": ("items", r'identifier="MAXSCORE"[^>]*><qti-default-value><qti-value>([^<]*)<'),
    "cardinality": ("items", r'cardinality="([^"]*)"'),
    "choice id": ("items", r'<qti-simple-choice identifier="([^"]*)"'),
    "choice text": ("items", r'<span xml:lang="th">([^<]*)<'),
    "prompt": ("items", r'<p xml:lang="th">([^<]*)<'),
    "map key": ("items", r'map-key="([^"]*)"'),
    "href": ("manifest", r'href="([^"]*)"'),
    "resource type": ("manifest", r'type="(imsqti[^"]*)"'),
    "declared type": ("manifest", r"<lom:learningResourceType><lom:source>[^<]*</lom:source><lom:value>([^<]*)<"),
    "status": ("manifest", r"<lom:status><lom:source>[^<]*</lom:source><lom:value>([^<]*)<"),
    "difficulty": ("manifest", r"<lom:difficulty><lom:source>[^<]*</lom:source><lom:value>([^<]*)<"),
    "vocabulary": ("manifest", r"<lom:source>([^<]*)<"),
    "criterion": ("manifest", r"<csmd:label>([^<]*)<"),
    "knowledge area": ("manifest", r"<lom:id>([^<]*)<"),
}
XML_EDGES = [
    "", " ", "1000", "999.99", "0.001", "1.005", "-1", "NaN", "1e999999", "A" * 41, "C9", "TRUE", "FALSE", "multiple",
    "ordered", "x" * 1001, "ก" * 1001, "../evil.xml", "/etc/passwd", "items/../imsmanifest.xml", "imsmanifest.xml",
    "essay", "true_false", "single_choice", "short_answer", "bogus", "DL999.99", "K1", "&amp;", "<b>ก</b>",
]
XML_DROPS = [
    r"<qti-correct-response>.*?</qti-correct-response>",
    r"<qti-outcome-declaration [^>]*MAXSCORE.*?</qti-outcome-declaration>",
    r"<qti-prompt>.*?</qti-prompt>", r"<qti-simple-choice .*?</qti-simple-choice>", r"<qti-mapping .*?</qti-mapping>",
    r"<qti-response-declaration .*?</qti-response-declaration>", r"<qti-item-body>.*?</qti-item-body>",
    r"<metadata>.*?</metadata>", r"<lom:lom>.*?</lom:lom>", r"<csmd:curriculumStandardsMetadataSet>.*?"
    r"</csmd:curriculumStandardsMetadataSet>", r"<file [^>]*/>", r"<resource .*?</resource>", r"<\?xml[^>]*>",
]
NAMESPACES = [qti.QTI, qti.CP, qti.LOM, qti.CSMD]
OTHER_NAMESPACES = ["http://www.imsglobal.org/xsd/imsqti_v2p1", "http://www.imsglobal.org/xsd/imscp_v1p1", "", "urn:x"]
# Unknown names, codecs that are not text encodings, and ones expat cannot use: each fails its own way.
ENCODINGS = ["foo", "rot13", "undefined", "utf-7", "utf-16", "latin-1", "ascii", "cp874", "UTF-8"]
DOCTYPE_TRICKS = ["file", "network", "parameter", "external dtd", "internal", "laughs", "quadratic"]


def _doctype(trick: str, secret: str) -> tuple[str, str]:
    """A DTD playing an entity trick, and the reference that sets it off."""
    if trick == "file":
        return f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>', "&e;"
    if trick == "network":
        return '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/e.xml">]>', "&e;"
    if trick == "parameter":
        return f'<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>', "ก"
    if trick == "external dtd":
        return f'<!DOCTYPE x SYSTEM "file://{secret}">', "ก"
    if trick == "internal":
        return '<!DOCTYPE x [<!ENTITY e "ข้อความ">]>', "&e;"
    if trick == "laughs":
        levels = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10)]
        return f"<!DOCTYPE x [{''.join(levels)}]>", "&l9;"
    # Quadratic blow-up: one long entity, referenced many times.
    return f'<!DOCTYPE x [<!ENTITY e "{"x" * 50_000}">]>', "&e;" * 400


def _mutate_file(data: bytes, mutation, secret: str) -> bytes:
    kind, arg, n, value = mutation
    xml = data.decode("utf-8", errors="surrogateescape")
    if kind == "text":
        matches = list(re.finditer(XML_TEXTS[arg][1], xml))
        if matches:
            match = matches[n % len(matches)]
            xml = xml[:match.start(1)] + xml_escape(value, {'"': "&quot;"}) + xml[match.end(1):]
    elif kind == "drop":
        matches = list(re.finditer(arg, xml, flags=re.DOTALL))
        if matches:
            match = matches[n % len(matches)]
            xml = xml[:match.start()] + xml[match.end():]
    elif kind == "namespace":
        xml = xml.replace(NAMESPACES[n % len(NAMESPACES)], arg)
    elif kind == "encoding":
        xml = xml.replace("encoding='utf-8'", f"encoding='{arg}'")
    elif kind == "doctype":
        dtd, reference = _doctype(arg, secret)
        xml = xml.replace("?>", "?>" + dtd, 1)
        xml = re.sub(r'(<span xml:lang="th">|<p xml:lang="th">|<csmd:label>)[^<]*<',
                     lambda m: m.group(1) + reference + "<", xml, count=1)
    else:
        return _apply_bytes(data, [(kind, n, value.encode()[:8] or b"<")])
    return xml.encode("utf-8", errors="surrogateescape")


def _patch_central_directory(raw: bytes, name: str, *, offset: int, value: bytes) -> bytes:
    """Change a field of a member's central directory record, which is what the reader trusts."""
    start = raw.find(b"PK\x01\x02")
    while start != -1:
        length = int.from_bytes(raw[start + 28:start + 30], "little")
        if raw[start + 46:start + 46 + length] == name.encode():
            return raw[:start + offset] + value + raw[start + offset + len(value):]
        start = raw.find(b"PK\x01\x02", start + 4)
    return raw


def _package(files: list[tuple[str, bytes]], zip_mutations, stored: bool) -> bytes:
    buffer, files, patches = io.BytesIO(), list(files), []
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", method) as package:
        warnings.simplefilter("ignore")  # a repeated member name is one of the mutations
        for op, n, new_name in zip_mutations:
            name = files[n % len(files)][0]
            if op == "drop":
                files = [f for f in files if f[0] != name] or files
            elif op == "rename":
                files = [(new_name if f[0] == name else f[0], f[1]) for f in files]
            elif op == "repeat":
                files.append((name, b"<x/>"))
            elif op == "directory":
                files.append(("items/", b""))
            elif op in ("encrypted", "unknown method", "bzip2 method", "lying size"):
                patches.append((op, name))
        for name, data in files:
            if name.endswith("/"):
                package.mkdir(name[:-1])
            else:
                package.writestr(name, data)
        for op, _n, _new_name in zip_mutations:
            if op in ("zeros", "lying zeros"):
                # 51 MB of zeros pack into about 50 kB: past the import's limit on what a package unpacks to.
                package.writestr("items/zeros.xml", bytes(51 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED,
                                 compresslevel=1)
                if op == "lying zeros":
                    patches.append(("lying size", "items/zeros.xml"))
    raw = buffer.getvalue()
    fields = {"encrypted": (8, b"\x01\x00"), "unknown method": (10, b"\x63\x00"), "bzip2 method": (10, b"\x0c\x00"),
              "lying size": (24, (100).to_bytes(4, "little"))}
    for op, name in patches:
        offset, value = fields[op]
        raw = _patch_central_directory(raw, name, offset=offset, value=value)
    return raw


xml_mutations = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(sorted(XML_TEXTS)), st.integers(0, 20),
              st.sampled_from(XML_EDGES) | text | new_codes),
    st.tuples(st.just("drop"), st.sampled_from(XML_DROPS), st.integers(0, 20), st.just("")),
    st.tuples(st.just("namespace"), st.sampled_from(OTHER_NAMESPACES), st.integers(0, 3), st.just("")),
    st.tuples(st.just("encoding"), st.sampled_from(ENCODINGS), st.just(0), st.just("")),
    st.tuples(st.just("doctype"), st.sampled_from(DOCTYPE_TRICKS), st.just(0), st.just("")),
    st.tuples(st.sampled_from(["insert", "delete", "replace", "truncate"]), st.just(""), st.integers(0, 10**5), text),
)
zip_mutations = _sometimes(st.lists(st.tuples(
    st.sampled_from(["drop", "rename", "repeat", "directory", "encrypted", "unknown method", "bzip2 method",
                     "lying size", "zeros", "lying zeros"]),
    st.integers(0, 10),
    st.sampled_from(["../x.xml", "/items/x.xml", "items\\x.xml", "IMSMANIFEST.XML", "items/y.xml"]),
), min_size=1, max_size=2), one_in=3)


@pytest.fixture
def objective_items(bank) -> list[Item]:
    return [item for item in bank_items(unit_code="DG-EJJM-026") if item.current.item_type != ItemType.ESSAY]


@pytest.fixture
def secret(tmp_path) -> str:
    """A file an XML external entity would read: its text must never reach the bank or the author."""
    path = tmp_path / "secret.txt"
    path.write_text("XXE-SECRET-7f3a")
    return str(path)


@settings(FUZZ, max_examples=200)
@given(picks=st.lists(st.integers(0, 10**4), min_size=1, max_size=3),
       mutations=st.lists(st.tuples(st.integers(0, 10), xml_mutations), max_size=3),
       packing=zip_mutations, stored=st.booleans(), damage=_sometimes(byte_edits, one_in=6),
       not_a_zip=_sometimes(st.binary(max_size=300), one_in=12), through=st.sampled_from(["service", "view"]))
def test_a_damaged_qti_package_imports_whole_or_not_at_all(client, standards_administrator, objective_items, secret,
                                                           picks, mutations, packing, stored, damage, not_a_zip,
                                                           through):
    chosen = list({objective_items[n % len(objective_items)].code: objective_items[n % len(objective_items)]
                   for n in picks}.values())
    package, _count = qti.export_package(chosen, unit=chosen[0].unit)
    with zipfile.ZipFile(io.BytesIO(package)) as exported:
        files = [(name, exported.read(name)) for name in exported.namelist()]
    for n, mutation in mutations:
        # Manifest mutations go to the manifest, item mutations to one of the items.
        wants = XML_TEXTS[mutation[1]][0] if mutation[0] == "text" else None
        targets = [i for i, (name, _data) in enumerate(files)
                   if wants is None or (wants == "manifest") == (name == "imsmanifest.xml")]
        index = targets[n % len(targets)]
        files[index] = (files[index][0], _mutate_file(files[index][1], mutation, secret))
    raw = not_a_zip or _apply_bytes(_package(files, packing, stored), damage)
    client.force_login(standards_administrator)

    told = _import_and_check(client, raw, parse=qti.parse, view="exams:import_qti", through=through)

    assert "XXE-SECRET" not in told
    assert not ItemVersion.objects.filter(stem_th__contains="XXE-SECRET").exists()
    assert not Choice.objects.filter(text_th__contains="XXE-SECRET").exists()


@settings(FUZZ, max_examples=20)
@given(trick=st.sampled_from(DOCTYPE_TRICKS), n=st.integers(0, 10), through=st.sampled_from(["service", "view"]))
def test_a_qti_file_with_a_dtd_is_refused_by_name(client, standards_administrator, objective_items, secret, trick, n,
                                                  through):
    package, _count = qti.export_package(objective_items[:2], unit=objective_items[0].unit)
    with zipfile.ZipFile(io.BytesIO(package)) as exported:
        files = [(name, exported.read(name)) for name in exported.namelist()]
    name, data = files[n % len(files)]
    files[n % len(files)] = (name, _mutate_file(data, ("doctype", trick, 0, ""), secret))
    client.force_login(standards_administrator)

    told = _import_and_check(client, _package(files, [], False), parse=qti.parse, view="exams:import_qti",
                             through=through)

    assert f"{name}: " in told and "DOCTYPE" in told
    assert "XXE-SECRET" not in told
