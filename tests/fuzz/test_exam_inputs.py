"""Property-based checks that what candidates send and authors upload to the exams never causes an error or a half write."""
import csv
import datetime
import io
import json
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assessments.services import case_enrol
from exams import bank_csv, qti
from exams.content import ChoiceContent, ItemContent
from exams.models import CHOICE_TYPES, Answer, Choice, DefinitionRule, ExamDefinition, Item, ItemType, ItemVersion
from exams.selectors import bank_items, content_of
from exams.services import MAX_ESSAY, MAX_SHORT_ANSWER, BankImportError, attempt_start, bank_import, seed_bank_load

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
any_json = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                        max_leaves=12)


@pytest.fixture
def bank(unit):
    seed_bank_load(unit=unit)
    return unit


# --- Saving answers -----------------------------------------------------------------------------------------


@pytest.fixture
def attempts(bank, case, other_candidate):
    """The candidate's attempt with one item of every type, and another candidate's attempt on the same exam."""
    definition = ExamDefinition.objects.create(
        unit=bank, code="fuzz", title_th="ข้อสอบทดสอบ", item_count=5, time_limit_minutes=30, pass_mark_percent=60,
        opens_at=timezone.now() - datetime.timedelta(days=1), shuffle_items=False, shuffle_choices=True,
    )
    for order, kind in enumerate([DefinitionRule.Kind.SINGLE_CHOICE, DefinitionRule.Kind.MULTIPLE_CHOICE,
                                  DefinitionRule.Kind.TRUE_FALSE, DefinitionRule.Kind.SHORT_ANSWER,
                                  DefinitionRule.Kind.ESSAY], start=1):
        definition.rules.create(order=order, kind=kind, count=1)
    theirs = case_enrol(candidate=other_candidate, unit_code=bank.code)
    return (attempt_start(case=case, definition=definition, rng=random.Random(3)),
            attempt_start(case=theirs, definition=definition, rng=random.Random(4)))


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


@settings(FUZZ, max_examples=100)
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
        list(ItemVersion.criteria.through.objects.order_by("pk").values_list("itemversion_id", "performancecriterion_id")),
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


def _import_and_check(client, raw: bytes, *, parse, view: str, through: str) -> None:
    """The file goes in whole or not at all: a refusal lists its problems and leaves the bank as it was."""
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
            return
        assert _bank_state() == state
        body = response.content.decode()
        assert 'id="import-errors"' in body
        if not errors:
            with pytest.raises(BankImportError) as refused:
                bank_import(unit=Item.objects.first().unit, entries=entries, by=None)
            errors = refused.value.messages
        for error in errors:
            assert escape(error) in body
        return
    entries, errors = parse(raw)
    if errors:
        event("the file could not be read")
        assert all(isinstance(e, str) and e for e in errors)
        return
    try:
        bank_import(unit=Item.objects.first().unit, entries=entries, by=None)
    except BankImportError as exc:
        event("the items were refused")
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        assert _bank_state() == state
    else:
        event("imported")
        _assert_imported_whole(entries, codes, len(state[0]))


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


byte_mutations = _sometimes(st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace", "truncate"]),
                                               st.integers(0, 10**7), st.binary(min_size=1, max_size=8)),
                                     min_size=1, max_size=3))
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
