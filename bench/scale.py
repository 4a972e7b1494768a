"""A large, realistic data set for benchmarks: agencies, people, cases in every state, evidence, judgments, certificates.

Rows go in with PostgreSQL's COPY inside one transaction, ids taken from each table's own sequence, so the data
obey every constraint, later inserts by the portal continue after them, and a failed run leaves nothing behind."""
import datetime
import io
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, models, transaction

from accounts.models import Department, Ministry, User
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase
from certificates.codes import ALPHABET, LENGTH
from certificates.models import Certificate, CertificateCounter
from certificates.services import status_list_positions_reserve
from competency.models import PerformanceCriterion, Unit
from core.dates import buddhist_year
from evidence.models import EvidenceFile, EvidenceItem, EvidenceMapping
from judging.models import Decision, Judgment, Verdict

State = AssessmentCase.State
# The accounts a benchmark signs in as; they alone get a usable password (the demo password).
KNOWN_ACCOUNTS = {
    "candidate": "scale-candidate",
    "assessor": "scale-assessor",
    "standards": "scale-standards",
    "hr": "scale-hr",
    "admin": "scale-admin",
}
# Cases other than the certified ones, by share. A candidate holds one open case per unit, so open states stay
# under the number of candidates; the rest are earlier rounds that ended not yet competent.
PIPELINE_STATES = (
    (State.DRAFT, 0.10),
    (State.SUBMITTED, 0.10),
    (State.UNDER_ASSESSMENT, 0.10),
    (State.MORE_EVIDENCE_REQUESTED, 0.06),
    (State.RESUBMITTED, 0.04),
    (State.COMPETENT, 0.04),
    (State.NOT_YET_COMPETENT, 0.56),
)
JUDGED_STATES = (State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED, State.COMPETENT, State.NOT_YET_COMPETENT,
                 State.CERTIFIED)
ALLOCATED_STATES = (State.UNDER_ASSESSMENT, *JUDGED_STATES)
ACTIVE_ALLOCATION_STATES = (State.UNDER_ASSESSMENT, State.MORE_EVIDENCE_REQUESTED, State.RESUBMITTED, State.COMPETENT)
# Each item's files: a quarter were replaced once, so they have a first version kept beside the current one.
REPLACED_SHARE = 0.25

MINISTRIES = [
    ("กระทรวงมหาดไทย", "Ministry of Interior"), ("กระทรวงการคลัง", "Ministry of Finance"),
    ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Ministry of Digital Economy and Society"),
    ("กระทรวงศึกษาธิการ", "Ministry of Education"), ("กระทรวงสาธารณสุข", "Ministry of Public Health"),
    ("กระทรวงเกษตรและสหกรณ์", "Ministry of Agriculture and Cooperatives"),
    ("กระทรวงคมนาคม", "Ministry of Transport"), ("กระทรวงพาณิชย์", "Ministry of Commerce"),
    ("กระทรวงแรงงาน", "Ministry of Labour"), ("กระทรวงอุตสาหกรรม", "Ministry of Industry"),
    ("กระทรวงยุติธรรม", "Ministry of Justice"), ("กระทรวงวัฒนธรรม", "Ministry of Culture"),
    ("กระทรวงพลังงาน", "Ministry of Energy"), ("กระทรวงการต่างประเทศ", "Ministry of Foreign Affairs"),
    ("กระทรวงการท่องเที่ยวและกีฬา", "Ministry of Tourism and Sports"),
    ("กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Ministry of Natural Resources and Environment"),
    ("กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "Ministry of Social Development and Human Security"),
    ("กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "Ministry of Higher Education, Science, Research and Innovation"),
    ("กระทรวงกลาโหม", "Ministry of Defence"), ("สำนักนายกรัฐมนตรี", "Office of the Prime Minister"),
]
AGENCY_KINDS = [("กรม", "Department of"), ("สำนักงาน", "Office of"), ("สถาบัน", "Institute of")]
AGENCY_TOPICS = [
    ("ส่งเสริมการเรียนรู้", "Learning Promotion"), ("พัฒนาชุมชน", "Community Development"),
    ("บริหารทรัพยากรบุคคล", "Human Resource Management"), ("ตรวจสอบบัญชี", "Audit"),
    ("ส่งเสริมการค้า", "Trade Promotion"), ("การขนส่ง", "Transport"), ("ทรัพยากรน้ำ", "Water Resources"),
    ("ป่าไม้", "Forestry"), ("ปศุสัตว์", "Livestock"), ("ประมง", "Fisheries"), ("ที่ดิน", "Lands"),
    ("สรรพากรภาค", "Regional Revenue"), ("สถิติและสารสนเทศ", "Statistics and Information"),
    ("มาตรฐานฝีมือแรงงาน", "Skill Standards"), ("ควบคุมโรค", "Disease Control"),
    ("พัฒนาระบบดิจิทัล", "Digital Systems Development"), ("คุ้มครองผู้บริโภค", "Consumer Protection"),
    ("อุตุนิยมวิทยา", "Meteorology"), ("ส่งเสริมวัฒนธรรม", "Cultural Promotion"), ("พลังงานทดแทน", "Renewable Energy"),
]
MEN = [("สมชาย", "Somchai"), ("ประเสริฐ", "Prasert"), ("ธนพล", "Thanaphon"), ("กำพล", "Kamphon"),
       ("วีระ", "Weera"), ("สุรชัย", "Surachai"), ("อนุชา", "Anucha"), ("ณัฐวุฒิ", "Nattawut"),
       ("พงศกร", "Phongsakon"), ("ชัยวัฒน์", "Chaiwat"), ("ธีรเดช", "Theeradet"), ("ปิยะ", "Piya"),
       ("สุทธิพงษ์", "Sutthiphong"), ("อภิชาติ", "Aphichat"), ("เกียรติศักดิ์", "Kiattisak")]
WOMEN = [("สมหญิง", "Somying"), ("วิไล", "Wilai"), ("กมลชนก", "Kamonchanok"), ("อรุณี", "Arunee"),
         ("ศิริพร", "Siriporn"), ("น้ำฝน", "Namfon"), ("วิมลรัตน์", "Wimonrat"), ("สุภาพร", "Supaporn"),
         ("จิราพร", "Jiraporn"), ("พรทิพย์", "Pornthip"), ("ปวีณา", "Paweena"), ("รัชนี", "Ratchanee"),
         ("ณัฐธิดา", "Natthida"), ("กาญจนา", "Kanchana"), ("ดวงใจ", "Duangjai")]
SURNAMES = [("ใจดี", "Jaidee"), ("รักเรียน", "Rakrian"), ("ศรีสุข", "Srisuk"), ("มั่นคง", "Mankhong"),
            ("วงศ์ไทย", "Wongthai"), ("แสงทอง", "Saengthong"), ("บุญมา", "Boonma"), ("ทองคำ", "Thongkham"),
            ("สุขสวัสดิ์", "Suksawat"), ("เพชรรัตน์", "Phetcharat"), ("จันทร์เพ็ญ", "Chanphen"),
            ("ศรีวงศ์", "Sriwong"), ("พึ่งบุญ", "Phuengboon"), ("นาคสวัสดิ์", "Naksawat"), ("ชัยมงคล", "Chaimongkhon"),
            ("อินทร์แก้ว", "Inkaew"), ("สมบูรณ์ชัย", "Sombunchai"), ("รุ่งเรือง", "Rungrueang"),
            ("กิตติศักดิ์", "Kittisak"), ("เจริญสุข", "Charoensuk")]
POSITIONS = ["นักวิเคราะห์นโยบายและแผนปฏิบัติการ", "นักวิชาการคอมพิวเตอร์ชำนาญการ", "นักทรัพยากรบุคคลชำนาญการ",
             "นักจัดการงานทั่วไปชำนาญการ", "นักวิชาการเงินและบัญชีปฏิบัติการ", "เจ้าพนักงานธุรการชำนาญงาน"]
EVIDENCE_TITLES = ["แผนปฏิรูปกระบวนงานบริการดิจิทัล", "รายงานการวิเคราะห์ข้อมูลผู้รับบริการ",
                   "บันทึกการประชุมคณะทำงานพัฒนาระบบ", "ผังกระบวนงานก่อนและหลังปรับปรุง", "แบบสำรวจความพึงพอใจ",
                   "Digital service roadmap", "Stakeholder analysis", "ใบรับรองการอบรมหลักสูตรรัฐบาลดิจิทัล"]
FILE_TYPES = [("application/pdf", ".pdf"), ("image/png", ".png"), ("image/jpeg", ".jpg"),
              ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]


@dataclass
class Sizes:
    candidates: int = 50_000
    agencies: int = 300
    cases: int = 100_000  # other than the certified cases, which each certificate brings with it
    evidence_files: int = 1_000_000
    certificates: int = 100_000
    assessors_per_agency: int = 3
    hr_officers_per_agency: int = 1
    standards_administrators: int = 5
    second_marking_share: float = 0.05


def scale_seeded() -> bool:
    return User.objects.filter(username=KNOWN_ACCOUNTS["admin"]).exists()


# --- COPY ---------------------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return _text(json.dumps(value, ensure_ascii=False))
    return str(value)


def _columns(model: type[models.Model], *, with_id: bool) -> list[tuple[str, str, models.Field]]:
    """(attribute, column, field) of every stored field; without ids the table's identity numbers the rows."""
    return [(f.attname, f.column, f) for f in model._meta.concrete_fields if with_id or not f.primary_key]


def _copy(cursor, model: type[models.Model], rows: Iterable[dict], *, with_id: bool = True,
          batch: int = 100_000) -> int:
    """COPY the rows (dicts by attribute name) into the model's table; a missing value takes the field's default,
    and a field without one must be given."""
    columns = _columns(model, with_id=with_id)
    constant = {}
    for attname, _column, f in columns:
        if f.has_default() and not callable(f.default):
            constant[attname] = f.get_default()
        elif f.null:
            constant[attname] = None
        elif f.blank and f.empty_strings_allowed:
            constant[attname] = ""
    head = f'COPY {model._meta.db_table} ({", ".join(column for _a, column, _f in columns)}) FROM STDIN'
    count = 0
    buffer = io.StringIO()

    def flush():
        buffer.seek(0)
        cursor.copy_expert(head, buffer)
        buffer.seek(0)
        buffer.truncate()

    for row in rows:
        values = []
        for attname, _column, f in columns:
            if attname in row:
                value = row[attname]
            elif attname in constant:
                value = constant[attname]
            elif f.has_default():
                value = f.get_default()  # a callable default, called for each row
            else:
                raise ValueError(f"{model.__name__}.{attname} has no value and no default")
            values.append(_text(value))
        buffer.write("\t".join(values))
        buffer.write("\n")
        count += 1
        if count % batch == 0:
            flush()
    flush()
    return count


def _reserve_ids(cursor, model: type[models.Model], n: int) -> list[int]:
    """n ids from the table's own sequence, so rows the portal adds later never collide with these."""
    if n <= 0:
        return []
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                   [model._meta.db_table, n])
    return [row[0] for row in cursor.fetchall()]


# --- The seed -----------------------------------------------------------------------------------------------


class Seeder:
    """One run: builds rows table by table and reports (table, rows, seconds) to `report` as each is done."""

    def __init__(self, sizes: Sizes, *, seed: int = 2569, report: Callable[[str, int, float], None] | None = None):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.report = report or (lambda table, rows, seconds: None)
        self.now = datetime.datetime.now(datetime.UTC)
        self.timings: list[tuple[str, int, float]] = []

    def _timed(self, table: str, work: Callable[[], int]) -> None:
        started = time.perf_counter()
        rows = work()
        seconds = time.perf_counter() - started
        self.timings.append((table, rows, seconds))
        self.report(table, rows, seconds)

    def _moment(self, start_year: int = 2022) -> datetime.datetime:
        start = datetime.datetime(start_year, 1, 1, tzinfo=datetime.UTC)
        span = (self.now - start).total_seconds()
        return start + datetime.timedelta(seconds=self.rng.random() * span)

    def run(self) -> list[tuple[str, int, float]]:
        with transaction.atomic(), connection.cursor() as cursor:
            self.cursor = cursor
            self.unit = Unit.objects.filter(code="DG-EJJM-026", state=Unit.State.PUBLISHED).order_by(
                "-revision_number").first()
            if self.unit is None:
                raise ValueError("The unit DG-EJJM-026 is not loaded: run `manage.py load_standard` first.")
            self.criteria = list(PerformanceCriterion.objects.filter(unit=self.unit).order_by("order"))
            self._timed("accounts_department", self._agencies)
            self._timed("accounts_user", self._people)
            self._timed("accounts_user_groups", self._roles)
            self._timed("assessments_assessmentcase", self._cases)
            self._timed("assessments_allocation", self._allocations)
            self._timed("evidence_evidenceitem", self._evidence_items)
            self._timed("evidence_evidencemapping", self._evidence_mappings)
            self._timed("evidence_evidencefile", self._evidence_files)
            self._timed("judging_judgment", self._judgments)
            self._timed("judging_decision", self._decisions)
            self._timed("certificates_certificate", self._certificates)
            self._timed("analyze", self._analyze)
        return self.timings

    # Agencies and people

    def _agencies(self) -> int:
        ministries = [Ministry.objects.get_or_create(name_th=th, defaults={"name_en": en})[0] for th, en in MINISTRIES]
        names = [(kind, topic) for kind in AGENCY_KINDS for topic in AGENCY_TOPICS]
        wanted = []
        for n in range(self.sizes.agencies):
            ministry = ministries[n % len(ministries)]
            kind, topic = names[(n // len(ministries)) % len(names)]
            suffix = n // (len(ministries) * len(names))
            wanted.append(Department(
                ministry=ministry, name_th=f"{kind[0]}{topic[0]}" + (f" {suffix + 1}" if suffix else ""),
                name_en=f"{kind[1]} {topic[1]}" + (f" {suffix + 1}" if suffix else "")))
        Department.objects.bulk_create(wanted, ignore_conflicts=True)
        existing = {(d.ministry_id, d.name_th): d.pk for d in Department.objects.filter(ministry__in=ministries)}
        self.agencies = [existing[(d.ministry_id, d.name_th)] for d in wanted]
        return len(wanted)

    def _person(self, pk: int, username: str, department_id: int | None, **extra) -> dict:
        female = self.rng.random() < 0.55
        first_th, first_en = self.rng.choice(WOMEN if female else MEN)
        last_th, last_en = self.rng.choice(SURNAMES)
        prefix_th, prefix_en = (self.rng.choice([("นาง", "Mrs"), ("นางสาว", "Ms")]) if female else ("นาย", "Mr"))
        return {"id": pk, "username": username, "email": f"{username}@example.go.th", "password": self.unusable,
                "name_prefix_th": prefix_th, "first_name_th": first_th, "last_name_th": last_th,
                "name_prefix_en": prefix_en, "first_name_en": first_en, "last_name_en": last_en,
                "position": self.rng.choice(POSITIONS), "department_id": department_id, "is_active": True,
                "is_staff": False, "is_superuser": False, "date_joined": self._moment(), "last_login": None, **extra}

    def _people(self) -> int:
        # One hash for every known account and one unusable value for everyone else: hashing 50,000 passwords
        # with Argon2 would take longer than the rest of the seed.
        self.unusable = make_password(None)
        known = make_password(settings.DEMO_PASSWORD)
        s, agencies = self.sizes, self.agencies
        # Some agencies are far larger than others, as in the civil service.
        weights = [1 / (1 + (i % 40)) for i in range(len(agencies))]
        candidate_agencies = self.rng.choices(agencies, weights=weights, k=s.candidates)
        assessors = s.assessors_per_agency * len(agencies)
        officers = s.hr_officers_per_agency * len(agencies)
        total = s.candidates + assessors + officers + s.standards_administrators + 1
        ids = iter(_reserve_ids(self.cursor, User, total))
        rows = []
        self.candidates = []
        for n in range(s.candidates):
            row = self._person(next(ids), f"scale-c{n:06d}", candidate_agencies[n])
            rows.append(row)
            self.candidates.append((row["id"], row["department_id"], row))
        self.assessors = []
        for n in range(assessors):
            row = self._person(next(ids), f"scale-a{n:04d}", agencies[n % len(agencies)],
                               position="ผู้ประเมินสมรรถนะดิจิทัล")
            rows.append(row)
            self.assessors.append((row["id"], row["department_id"]))
        self.officers = []
        for n in range(officers):
            row = self._person(next(ids), f"scale-h{n:03d}", agencies[n % len(agencies)],
                               position="นักทรัพยากรบุคคลชำนาญการ")
            rows.append(row)
            self.officers.append(row["id"])
        self.standards = []
        for n in range(s.standards_administrators):
            row = self._person(next(ids), f"scale-s{n}", agencies[0], is_staff=True)
            rows.append(row)
            self.standards.append(row["id"])
        admin = self._person(next(ids), KNOWN_ACCOUNTS["admin"], agencies[0], is_staff=True, is_superuser=True)
        rows.append(admin)
        self.admin_id = admin["id"]
        # The first person of each role is the known account a benchmark signs in as.
        firsts = {"candidate": rows[0], "assessor": rows[s.candidates] if assessors else None,
                  "hr": rows[s.candidates + assessors] if officers else None,
                  "standards": rows[s.candidates + assessors + officers] if s.standards_administrators else None,
                  "admin": admin}
        for role, row in firsts.items():
            if row is not None:
                row["username"] = KNOWN_ACCOUNTS[role]
                row["email"] = f"{KNOWN_ACCOUNTS[role]}@example.go.th"
                row["password"] = known
        return _copy(self.cursor, User, rows)

    def _roles(self) -> int:
        groups = dict(Group.objects.values_list("name", "pk"))
        members = ([(pk, Role.CANDIDATE) for pk, _d, _r in self.candidates]
                   + [(pk, Role.ASSESSOR) for pk, _d in self.assessors]
                   + [(pk, Role.HR_OFFICER) for pk in self.officers]
                   + [(pk, Role.STANDARDS_ADMINISTRATOR) for pk in self.standards])
        return _copy(self.cursor, User.groups.through, ({"user_id": user, "group_id": groups[role.value]}
                                                        for user, role in members), with_id=False)

    # Cases and their assessment

    def _cases(self) -> int:
        s, rng = self.sizes, self.rng
        states = []
        for state, share in PIPELINE_STATES:
            states += [state] * round(s.cases * share)
        states = (states + [State.NOT_YET_COMPETENT] * s.cases)[:s.cases]
        rng.shuffle(states)
        open_states = [st for st in states if st in AssessmentCase.OPEN_STATES]
        if len(open_states) > s.candidates:
            raise ValueError("More open cases than candidates: a candidate holds one open case per unit.")
        # Open cases go to distinct candidates; the known candidate's is a draft with a portfolio still open.
        order = list(range(1, len(self.candidates)))
        rng.shuffle(order)
        holders = iter([0] + order)
        if State.DRAFT in open_states:
            open_states.remove(State.DRAFT)
            open_states.insert(0, State.DRAFT)
        closed = [st for st in states if st not in AssessmentCase.OPEN_STATES]
        plan = [(next(holders), st) for st in open_states]
        plan += [(rng.randrange(len(self.candidates)), st) for st in closed]
        # Each certificate's case: a candidate may have been certified again after an earlier certificate expired.
        plan += [(n % len(self.candidates), State.CERTIFIED) for n in range(s.certificates)]
        ids = _reserve_ids(self.cursor, AssessmentCase, len(plan))
        rows, self.cases = [], []
        for pk, (who, state) in zip(ids, plan):
            created = self._moment()
            submitted = None if state == State.DRAFT else created + datetime.timedelta(days=rng.randint(3, 60))
            if submitted and submitted > self.now:
                submitted = self.now
            round_number = 2 if state == State.RESUBMITTED else 1
            candidate_id, department_id, _person = self.candidates[who]
            rows.append({"id": pk, "candidate_id": candidate_id, "unit_id": self.unit.pk, "unit_code": self.unit.code,
                         "state": state.value, "round": round_number, "summary": "", "created_at": created,
                         "submitted_at": submitted, "receipt_sent_round": round_number if submitted else 0})
            self.cases.append({"id": pk, "who": who, "state": state, "round": round_number, "submitted": submitted})
        return _copy(self.cursor, AssessmentCase, rows)

    def _allocations(self) -> int:
        rng, rows = self.rng, []
        by_agency: dict[int, list[int]] = {}
        for pk, department in self.assessors:
            by_agency.setdefault(department, []).append(pk)
        pool = [pk for pk, _d in self.assessors]
        if not pool:
            return 0
        known_assessor, known_agency = self.assessors[0]
        known_has_one = False
        for case in self.cases:
            if case["state"] not in ALLOCATED_STATES:
                continue
            department = self.candidates[case["who"]][1]
            # Never an assessor of the candidate's own agency (allocation refuses it without a reason).
            first = rng.choice(pool)
            while first in by_agency.get(department, ()) and len(pool) > len(by_agency.get(department, ())):
                first = rng.choice(pool)
            # However small the data set, the known assessor has a case to judge.
            if not known_has_one and case["state"] == State.UNDER_ASSESSMENT and department != known_agency:
                first, known_has_one = known_assessor, True
            case["first"] = first
            active = case["state"] in ACTIVE_ALLOCATION_STATES
            at = case["submitted"] + datetime.timedelta(days=rng.randint(1, 10))
            rows.append({"case_id": case["id"], "assessor_id": first, "marking": "first", "assigned_by_id": self.admin_id,
                         "assigned_at": at, "active": active, "override_reason": ""})
            if case["state"] in (State.NOT_YET_COMPETENT, State.CERTIFIED) and rng.random() < self.sizes.second_marking_share:
                second = rng.choice(pool)
                if second != first:
                    case["second"] = second
                    rows.append({"case_id": case["id"], "assessor_id": second, "marking": "second",
                                 "assigned_by_id": self.admin_id, "assigned_at": at, "active": False,
                                 "override_reason": ""})
        return _copy(self.cursor, Allocation, rows, with_id=False)

    def _evidence_items(self) -> int:
        files = self.sizes.evidence_files
        items_total = round(files / (1 + REPLACED_SHARE)) if files else 0
        n_cases = len(self.cases)
        if not n_cases or not items_total:
            self.items = []
            return 0
        per_case, extra = divmod(items_total, n_cases)
        ids = iter(_reserve_ids(self.cursor, EvidenceItem, items_total))
        rng, rows, self.items = self.rng, [], []
        kinds = [EvidenceItem.Kind.PERFORMANCE] * 3 + [EvidenceItem.Kind.TRAINING_CERTIFICATE, EvidenceItem.Kind.TEST_RESULT]
        for n, case in enumerate(self.cases):
            count = per_case + (1 if n < extra else 0)
            created = case["submitted"] or self.now
            for k in range(count):
                pk = next(ids)
                at = created - datetime.timedelta(days=rng.randint(1, 30))
                rows.append({"id": pk, "case_id": case["id"], "title": f"{rng.choice(EVIDENCE_TITLES)} ({k + 1})",
                             "description": "", "kind": kinds[k % len(kinds)].value,
                             "work_date": at.date(), "added_in_round": 1, "created_at": at, "updated_at": at})
                self.items.append((pk, case, k, count, at))
        return _copy(self.cursor, EvidenceItem, rows)

    def _evidence_mappings(self) -> int:
        criteria = self.criteria

        def rows():
            # Item k of a case's n items shows every criterion whose position is k modulo n: all are covered.
            for item_id, _case, k, count, _at in self.items:
                for position, criterion in enumerate(criteria):
                    if position % count == k:
                        yield {"item_id": item_id, "criterion_id": criterion.pk,
                               "statement": f"หลักฐานนี้แสดง {criterion.code} จากงานจริงของหน่วยงาน"}

        return _copy(self.cursor, EvidenceMapping, rows(), with_id=False)

    def _evidence_files(self) -> int:
        rng, total = self.rng, self.sizes.evidence_files
        ids = iter(_reserve_ids(self.cursor, EvidenceFile, total))
        uploader = {c["id"]: self.candidates[c["who"]][0] for c in self.cases}
        extra = total - len(self.items)  # the items whose file was replaced once

        def rows():
            for n, (item_id, case, _k, _count, at) in enumerate(self.items):
                versions = 2 if n < extra else 1
                replaced = None
                for version in range(1, versions + 1):
                    pk = next(ids)
                    content_type, extension = rng.choice(FILE_TYPES)
                    yield {"id": pk, "item_id": item_id,
                           "file": f"evidence/{case['id']}/{rng.getrandbits(128):032x}{extension}",
                           "original_name": f"evidence-{item_id}-v{version}{extension}", "content_type": content_type,
                           "extension": extension, "size": rng.randint(40_000, 8_000_000),
                           "sha256": f"{rng.getrandbits(256):064x}", "version": version, "replaces_id": replaced,
                           "is_current": version == versions, "uploaded_by_id": uploader[case["id"]],
                           "uploaded_at": at + datetime.timedelta(hours=version), "purged_at": None}
                    replaced = pk

        return _copy(self.cursor, EvidenceFile, rows())

    def _judgments(self) -> int:
        rng, criteria = self.rng, self.criteria

        def rows():
            for case in self.cases:
                if "first" not in case:
                    continue
                state = case["state"]
                if state == State.UNDER_ASSESSMENT:
                    judged = criteria[:rng.randint(0, len(criteria))]
                else:
                    judged = criteria
                failing = rng.randrange(len(criteria)) if state in (
                    State.NOT_YET_COMPETENT, State.MORE_EVIDENCE_REQUESTED) else None
                at = case["submitted"] + datetime.timedelta(days=rng.randint(10, 30))
                for marking in ("first", "second"):
                    if marking not in case:
                        continue
                    for position, criterion in enumerate(judged):
                        score = rng.choice((0, 1)) if position == failing else rng.choice((2, 2, 3))
                        yield {"case_id": case["id"], "round": 1, "criterion_id": criterion.pk,
                               "assessor_id": case[marking], "marking": marking, "score": score,
                               "verdict": (Verdict.COMPETENT if score >= 2 else Verdict.NOT_YET_COMPETENT).value,
                               "comment": "หลักฐานครบถ้วนตามเกณฑ์" if score >= 2 else "ยังไม่แสดงการปฏิบัติจริง",
                               "updated_at": at}

        return _copy(self.cursor, Judgment, rows(), with_id=False)

    def _decisions(self) -> int:
        outcomes = {
            State.MORE_EVIDENCE_REQUESTED: (Decision.Outcome.MORE_EVIDENCE, Decision.Status.RELEASED),
            State.RESUBMITTED: (Decision.Outcome.MORE_EVIDENCE, Decision.Status.RELEASED),
            State.COMPETENT: (Decision.Outcome.COMPETENT, Decision.Status.AWAITING_MODERATION),
            State.NOT_YET_COMPETENT: (Decision.Outcome.NOT_YET_COMPETENT, Decision.Status.RELEASED),
            State.CERTIFIED: (Decision.Outcome.COMPETENT, Decision.Status.RELEASED),
        }
        rows = []
        for case in self.cases:
            if case["state"] not in outcomes or "first" not in case:
                continue
            outcome, status = outcomes[case["state"]]
            at = case["submitted"] + datetime.timedelta(days=31)
            released = status == Decision.Status.RELEASED
            rows.append({"case_id": case["id"], "round": 1, "outcome": outcome.value, "summary": "สรุปผลการประเมิน",
                         "exam_passed": None, "confirmed_by_id": case["first"], "confirmed_at": at,
                         "status": status.value, "released_at": at + datetime.timedelta(days=2) if released else None,
                         "released_by_id": self.admin_id if released else None, "amendment_reason": "",
                         "feedback_sent_at": at + datetime.timedelta(days=2) if released else None})
            case["released"] = at + datetime.timedelta(days=2)
        return _copy(self.cursor, Decision, rows, with_id=False)

    def _certificates(self) -> int:
        """Numbered as certificate_issue numbers them (unit code, Buddhist-Era year, six-digit sequence), after
        whatever the counters already gave, and the counters moved on so the next real issue follows these."""
        rng, unit = self.rng, self.unit
        certified = [case for case in self.cases if case["state"] == State.CERTIFIED]
        issued = []
        for case in certified:
            when = case.get("released") or case["submitted"] + datetime.timedelta(days=33)
            when = min(when, self.now)
            issued.append((when, case))
        issued.sort(key=lambda pair: pair[0])
        by_year: dict[int, int] = {}
        for when, _case in issued:
            year = buddhist_year(when.date())
            by_year[year] = by_year.get(year, 0) + 1
        start = {}
        for year, count in by_year.items():
            CertificateCounter.objects.bulk_create(
                [CertificateCounter(series=unit.code, year_be=year)], ignore_conflicts=True)
            counter = CertificateCounter.objects.select_for_update().get(series=unit.code, year_be=year)
            start[year] = counter.last_number
            counter.last_number += count
            counter.save(update_fields=["last_number"])
        validity = settings.CERTIFICATE_VALIDITY_YEARS
        achieved = [{"code": c.code, "system_id": c.system_id, "text_th": c.text_th, "text_en": c.text_en}
                    for c in self.criteria]
        ids = _reserve_ids(self.cursor, Certificate, len(issued))
        positions = status_list_positions_reserve(count=len(issued))

        def rows():
            for pk, position, (when, case) in zip(ids, positions, issued):
                day = when.date()
                year = buddhist_year(day)
                start[year] += 1
                _candidate_id, department_id, person = self.candidates[case["who"]]
                revoked = rng.random() < 0.02
                expires = day.replace(year=day.year + validity, day=28 if day.month == 2 and day.day == 29 else day.day) \
                    if validity else None
                yield {
                    "id": pk, "number": f"{unit.code}-{year}-{start[year]:06d}", "series": unit.code, "year_be": year,
                    "sequence": start[year], "code": "".join(rng.choices(ALPHABET, k=LENGTH)), "case_id": case["id"],
                    "holder_id": person["id"],
                    "holder_name_th": f"{person['name_prefix_th']}{person['first_name_th']} {person['last_name_th']}",
                    "holder_name_en": f"{person['name_prefix_en']} {person['first_name_en']} {person['last_name_en']}",
                    "department_id": department_id, "unit_id": unit.pk, "unit_code": unit.code,
                    "unit_title_th": unit.title_th, "unit_title_en": unit.title_en,
                    "unit_revision_number": unit.revision_number, "unit_revision_year_be": unit.revision_year_be,
                    "criteria": achieved, "signatory_id": None, "issued_at": when, "issued_on": day,
                    "expires_on": expires, "issued_by_id": self.admin_id,
                    "revoked_at": when + datetime.timedelta(days=90) if revoked else None,
                    "revoked_by_id": self.admin_id if revoked else None,
                    "revocation_reason": "ข้อมูลในแฟ้มสะสมผลงานไม่ถูกต้อง" if revoked else "",
                    "render_state": Certificate.RenderState.PENDING.value, "render_count": 0, "pdf": "",
                    "status_list_index": position,
                }

        return _copy(self.cursor, Certificate, rows())

    def _analyze(self) -> int:
        # Fresh statistics, or the planner would judge the new tables by their empty selves.
        tables = [m._meta.db_table for m in (User, AssessmentCase, Allocation, EvidenceItem, EvidenceMapping,
                                             EvidenceFile, Judgment, Decision, Certificate)]
        for table in tables:
            self.cursor.execute(f"ANALYZE {table}")
        return len(tables)


def scale_seed(*, sizes: Sizes, seed: int = 2569,
               report: Callable[[str, int, float], None] | None = None) -> list[tuple[str, int, float]]:
    """Add the data set to the database (PostgreSQL only); refuses when one is already there."""
    if connection.vendor != "postgresql":
        raise ValueError("The scale data set is written with PostgreSQL's COPY; this database is "
                         f"{connection.vendor}.")
    if scale_seeded():
        raise ValueError(f"This database already holds a scale data set (user {KNOWN_ACCOUNTS['admin']}).")
    return Seeder(sizes, seed=seed, report=report).run()


# --- What the data set is measured on -----------------------------------------------------------------------


@dataclass
class RolePage:
    role: str  # a key of KNOWN_ACCOUNTS, or "public" for a visitor who has not signed in
    label: str
    path: str


def role_pages() -> list[RolePage]:
    """The main pages of every role, each opened as that role's known account would open it."""
    from urllib.parse import urlencode

    from django.urls import reverse

    people = {role: User.objects.get(username=username) for role, username in KNOWN_ACCOUNTS.items()}
    own_case = (AssessmentCase.objects.filter(candidate=people["candidate"])
                .order_by(models.Case(models.When(state=State.DRAFT, then=0), default=1), "-pk").first())
    # A case still being judged, so the page shows the same parts whatever the size of the data set.
    allocated = (Allocation.objects.filter(assessor=people["assessor"], active=True,
                                           case__state=State.UNDER_ASSESSMENT)
                 .order_by("case__submitted_at", "pk").first())
    agency_certificate = (Certificate.objects.filter(department=people["hr"].department_id)
                          .order_by("-issued_on", "-pk").first())
    any_certificate = Certificate.objects.order_by("pk").first()
    unit_code = own_case.unit_code if own_case else "DG-EJJM-026"
    pages = [
        RolePage("public", "verification page", reverse("certificates:verify", args=[any_certificate.code])),
        RolePage("candidate", "home", reverse("portal:home")),
        RolePage("candidate", "my cases", reverse("assessments:case_list")),
        RolePage("candidate", "evidence matrix (own case)", reverse("assessments:case_detail", args=[own_case.pk])),
        RolePage("candidate", "my blueprints", reverse("blueprints:index")),
        RolePage("candidate", "written exam", reverse("exams:index")),
        RolePage("candidate", "my certificates", reverse("certificates:mine")),
        RolePage("candidate", "my personal data", reverse("privacy:overview")),
        RolePage("assessor", "home", reverse("portal:home")),
        RolePage("assessor", "assessment queue and pool", reverse("judging:queue")),
        RolePage("assessor", "judging screen", reverse("judging:screen", args=[allocated.case_id])),
        RolePage("assessor", "evidence matrix (allocated case)",
                 reverse("assessments:case_detail", args=[allocated.case_id])),
        RolePage("assessor", "essays to mark", reverse("exams:marking_list")),
        RolePage("standards", "home", reverse("portal:home")),
        RolePage("standards", "competency standards", reverse("competency:unit_list")),
        RolePage("standards", "unit page", reverse("competency:unit_detail", args=[unit_code])),
        RolePage("standards", "question bank", reverse("exams:bank", args=[unit_code])),
        RolePage("standards", "admin: unit revisions", reverse("admin:competency_unit_changelist")),
        RolePage("hr", "home", reverse("portal:home")),
        RolePage("hr", "HR desk", reverse("certificates:desk")),
        RolePage("hr", "HR desk, valid only", reverse("certificates:desk") + "?" + urlencode({"status": "valid"})),
        RolePage("hr", "HR desk, by name", reverse("certificates:desk") + "?" + urlencode({"name": "สมหญิง"})),
        RolePage("hr", "HR desk, one certificate", reverse("certificates:desk_detail", args=[agency_certificate.pk])),
        RolePage("hr", "agency dashboard", reverse("certificates:dashboard")),
        RolePage("admin", "home (every staff role)", reverse("portal:home")),
        RolePage("admin", "allocation", reverse("judging:allocation")),
        RolePage("admin", "moderation", reverse("judging:moderation")),
        RolePage("admin", "marker agreement", reverse("judging:agreement")),
        RolePage("admin", "HR desk, all agencies", reverse("certificates:desk")),
        RolePage("admin", "HR desk, one agency, revoked", reverse("certificates:desk") + "?" + urlencode(
            {"agency": people["hr"].department_id, "status": "revoked"})),
        RolePage("admin", "dashboard, all agencies", reverse("certificates:dashboard")),
        RolePage("admin", "admin index", reverse("admin:index")),
        RolePage("admin", "admin: users", reverse("admin:accounts_user_changelist")),
        RolePage("admin", "admin: users, search", reverse("admin:accounts_user_changelist") + "?q=scale-c00001"),
        RolePage("admin", "admin: assessment cases", reverse("admin:assessments_assessmentcase_changelist")),
        RolePage("admin", "admin: cases, submitted", reverse("admin:assessments_assessmentcase_changelist")
                 + "?state__exact=submitted"),
        RolePage("admin", "admin: evidence items", reverse("admin:evidence_evidenceitem_changelist")),
        RolePage("admin", "admin: certificates", reverse("admin:certificates_certificate_changelist")),
    ]
    return pages
