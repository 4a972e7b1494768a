"""The people of an exam day, for locust: candidates, assessors, HR officers and anonymous visitors.

Run through bench/exam_day_load.py, which seeds the accounts and hands them over in EXAM_DAY_SEED; every user
works only through the portal's pages and the requests their scripts make, and writes down what the server
acknowledged (EXAM_DAY_RECORD) so the database can be checked after the run."""
import hashlib
import hmac
import io
import json
import os
import random
import re
import struct
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser
from locust_cookies import set_cookie

SEED = json.loads(open(os.environ["EXAM_DAY_SEED"]).read())
RECORD = {"answers": {}, "submitted": [], "started": [], "judgments": {}, "sections": {}, "uploads": [],
          "renders": [], "render_seconds": [], "form_sign_ins": 0, "session_sign_ins": 0, "waited": [],
          "started_times": []}
_accounts = {role: iter(SEED[role]) for role in ("candidates", "assessors", "hr")}
_uploaders = SEED["uploaders"]
_renderers = SEED["renderers"]
_visitor_numbers = iter(range(1, 255))
_run = {"ends_at": None}

WORDS = ["ข้อมูล", "กระบวนงาน", "บุคลากร", "เทคโนโลยี", "ยุทธศาสตร์", "บริการ", "G2G", "blueprint", "ดิจิทัล"]


@events.test_start.add_listener
def _started(environment, **_kwargs):
    _run["ends_at"] = time.time() + (environment.parsed_options.run_time or 180)


@events.quitting.add_listener
def _write_record(environment, **_kwargs):
    with open(os.environ["EXAM_DAY_RECORD"], "w") as handle:
        json.dump(RECORD, handle)


class Forms(HTMLParser):
    """The forms of a page: action, attributes and the fields a browser would send (plus every choice offered)."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict] = []
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "attrs": attrs, "fields": {}, "choices": {}})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            form, name, kind = self.forms[-1], attrs["name"], attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                form["choices"].setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form["fields"][name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                form["fields"][name] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _totp(key_hex: str) -> str:
    """The authenticator app's current code (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits)."""
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return str((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 10**6).zfill(6)


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


class PortalUser(FastHttpUser):
    """A browser's worth of one person: cookies kept, redirects not followed. FastHttpUser (geventhttpclient) costs
    the shared cores a fraction of what python-requests does, which leaves that CPU to the server being measured."""

    abstract = True
    totp_key = ""

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == name), "")

    def set_cookie(self, name: str, value: str) -> None:
        set_cookie(self.client, self.host, name, value)

    def post(self, url: str, *, name: str, expect: tuple[int, ...] = (302,), **kwargs):
        headers = {"X-CSRFToken": self.cookie("csrftoken"), **kwargs.pop("headers", {})}
        if isinstance(kwargs.get("data"), dict) and "files" not in kwargs:  # a field may repeat, as a browser sends it
            kwargs["data"] = urlencode(kwargs["data"], doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with self.client.post(url, name=name, headers=headers, allow_redirects=False, catch_response=True,
                              **kwargs) as response:
            if response.status_code in expect:
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]!r}")
            return response

    def sign_in(self, username: str) -> None:
        self.client.get("/accounts/login/", name="sign-in: form")
        response = self.post("/accounts/login/", name="sign-in: submit (Argon2)",
                             data={"username": username, "password": SEED["password"], "next": "",
                                   "csrfmiddlewaretoken": self.cookie("csrftoken")})
        if response.status_code != 302:
            raise StopUser()
        if self.totp_key:  # staff pass the second factor with their authenticator app
            self.client.get("/accounts/two-factor/verify/", name="sign-in: second factor form")
            response = self.post("/accounts/two-factor/verify/", name="sign-in: second factor code",
                                 data={"code": _totp(self.totp_key), "csrfmiddlewaretoken": self.cookie("csrftoken")})
            if response.status_code != 302:
                raise StopUser()
        RECORD["form_sign_ins"] += 1


class Candidate(PortalUser):
    """Signs in, opens the written exam, saves an answer every few seconds and submits near the end."""

    fixed_count = int(os.environ.get("EXAM_DAY_CANDIDATES", "200"))
    wait_time = between(3, 6)

    def on_start(self):
        global _uploaders, _renderers
        self.account = next(_accounts["candidates"], None)
        if self.account is None:
            raise StopUser()
        self.rng = random.Random(self.account["username"])
        if self.account["session"]:
            self.set_cookie("sessionid", self.account["session"])
            self.set_cookie("csrftoken", uuid.uuid4().hex)
            RECORD["session_sign_ins"] += 1
        else:
            self.sign_in(self.account["username"])
        self.uploads = self.renders = False
        if _uploaders > 0:
            _uploaders, self.uploads = _uploaders - 1, True
        if self.account["browses"] and _renderers > 0:
            _renderers, self.renders = _renderers - 1, True
        self.submit_at = _run["ends_at"] - self.rng.uniform(10, 40)
        self.next_heartbeat = time.time() + 20
        self.next_browse = time.time() + self.rng.uniform(10, 50)
        self.attempt = None
        self.open_exam()

    def open_exam(self) -> None:
        page = self.client.get("/exams/", name="exam: list").text
        link = re.search(rf'href="(/exams/cases/{self.account["case"]}/exams/{SEED["definition"]}/)"', page)
        if not link:
            raise StopUser()
        start_page = self.client.get(link.group(1), name="exam: start page").text
        waiting = re.search(r'data-admission-in="(\d+)"', start_page)
        if waiting:  # seated in a sitting: the waiting room reloads itself at the candidate's moment
            RECORD["waited"].append(int(waiting.group(1)))
            time.sleep(int(waiting.group(1)) + self.rng.uniform(0, 0.5))
            self.client.get(link.group(1), name="exam: start page (let in)")
        response = self.post(link.group(1), name="exam: start (draw the form)",
                             data={"csrfmiddlewaretoken": self.cookie("csrftoken")})
        match = re.search(r"/exams/attempts/(\d+)/", response.headers.get("Location", ""))
        if not match:
            raise StopUser()
        self.attempt = int(match.group(1))
        RECORD["started"].append(self.attempt)
        RECORD["started_times"].append(time.time())
        RECORD["answers"][str(self.attempt)] = {}
        take = self.client.get(f"/exams/attempts/{self.attempt}/", name="exam: take page").text
        self.questions = []
        for chunk in take.split("data-question ")[1:]:
            item, kind = re.search(r'data-item="(\d+)" data-type="(\w+)"', chunk).groups()
            self.questions.append((int(item), kind, len(re.findall(r'class="form-check-input" type="(?:radio|checkbox)"',
                                                                  chunk.split("</section>")[0]))))

    def value_for(self, kind: str, choices: int):
        if kind == "single_choice":
            return self.rng.randrange(choices)
        if kind == "multiple_choice":
            return sorted(self.rng.sample(range(choices), self.rng.randint(1, choices)))
        if kind == "true_false":
            return self.rng.random() < 0.5
        return _sentence(self.rng, 3 if kind == "short_answer" else self.rng.randint(80, 300))

    @task
    def exam_day(self):
        if self.attempt is None:
            return
        now = time.time()
        if now >= self.submit_at:
            return self.submit()
        if now >= self.next_heartbeat:
            self.next_heartbeat = now + 20
            self.client.get(f"/exams/attempts/{self.attempt}/state/", name="exam: heartbeat (state)",
                            headers={"Accept": "application/json"})
        if self.account["browses"] and now >= self.next_browse:
            self.next_browse = now + self.rng.uniform(40, 80)
            self.browse()
        if self.uploads:
            self.uploads = False
            self.upload_evidence()
        self.save_answer()

    def save_answer(self) -> None:
        item, kind, choices = self.rng.choice(self.questions)
        value = self.value_for(kind, choices)
        response = self.post(f"/exams/attempts/{self.attempt}/answers/", name="exam: save answer", expect=(200,),
                             json={"item": item, "value": value}, headers={"Accept": "application/json"})
        if response.status_code == 200 and response.json().get("saved"):
            RECORD["answers"][str(self.attempt)][str(item)] = value

    def submit(self) -> None:
        response = self.post(f"/exams/attempts/{self.attempt}/submit/", name="exam: submit", expect=(200,),
                             headers={"Accept": "application/json"})
        if response.status_code == 200 and response.json().get("submitted"):
            RECORD["submitted"].append(self.attempt)
        self.client.get(f"/exams/attempts/{self.attempt}/result/", name="exam: result page")
        self.attempt = None
        raise StopUser()

    def browse(self) -> None:
        self.client.get(f"/cases/{self.account['case']}/", name="case: evidence matrix")
        index = self.client.get("/blueprints/", name="blueprint: list").text
        found = re.search(r'href="/blueprints/(\d+)/"', index)
        if not found:
            return
        blueprint = int(found.group(1))
        self.client.get(f"/blueprints/{blueprint}/", name="blueprint: overview")
        page = self.client.get(f"/blueprints/{blueprint}/sections/profile/", name="blueprint: section page").text
        form = next((f for f in Forms(page).forms if "data-autosave-url" in f["attrs"]), None)
        if form is None:
            return
        fields, session = dict(form["fields"]), uuid.uuid4().hex
        for seq in range(1, 3):
            fields["mission"] = f"{_sentence(self.rng, 20)} ({self.account['username']} {seq})"
            response = self.post(form["attrs"]["data-autosave-url"], name="blueprint: autosave section",
                                 expect=(200,), data={**fields, "editor_session": session, "editor_seq": str(seq)},
                                 headers={"Accept": "application/json", "X-Requested-With": "fetch"})
            if response.status_code != 200:
                return
            fields["revision"] = str(response.json()["revision"])
            RECORD["sections"][json.dumps([blueprint, "profile"])] = {"mission": fields["mission"]}
            time.sleep(self.rng.uniform(1, 2))
        if self.renders:
            self.renders = False
            self.request_document(blueprint)

    def request_document(self, blueprint: int) -> None:
        asked = time.time()
        response = self.post(f"/blueprints/{blueprint}/document/", name="blueprint: ask for the document",
                             data={"csrfmiddlewaretoken": self.cookie("csrftoken")})
        if response.status_code != 302:
            return
        RECORD["renders"].append(blueprint)
        # The page polls while the worker renders; the candidate keeps answering in another tab meanwhile.
        while time.time() - asked < 120 and time.time() < _run["ends_at"] - 45:
            time.sleep(3)
            status = self.client.get(f"/blueprints/{blueprint}/document/status/", name="blueprint: document status",
                                     headers={"Accept": "application/json"}).json()
            if not status["active"]:
                RECORD["render_seconds"].append(time.time() - asked)
                return
            self.save_answer()

    def upload_evidence(self) -> None:
        from pypdf import PdfWriter

        url = f"/cases/{self.account['case']}/evidence/new/"
        form = next(f for f in Forms(self.client.get(url, name="evidence: new item form").text).forms
                    if "files" in f["attrs"].get("enctype", "") or f["fields"].get("title") is not None)
        criterion = next(name for name in form["choices"] if name.startswith("criterion_"))
        title = f"รายงานผลการปฏิบัติงาน {self.account['username']}"
        writer = PdfWriter()
        for _ in range(3):
            writer.add_blank_page(width=595, height=842)
        writer.add_metadata({"/Title": title})
        pdf = io.BytesIO()
        writer.write(pdf)
        data = {**form["fields"], "title": title, "kind": "performance", "description": _sentence(self.rng, 12),
                "work_date": "2025-06-30", criterion: "on",
                criterion.replace("criterion_", "statement_"): "ใช้รายงานนี้แสดงการวิเคราะห์กระบวนงาน"}
        response = self.post(url, name="evidence: upload a PDF", data=data,
                             files={"files": ("report.pdf", pdf.getvalue(), "application/pdf")})
        if response.status_code == 302:
            RECORD["uploads"].append([self.account["case"], title])


class StaffUser(PortalUser):
    """Someone with an account of their own from the seed (`accounts` names the list), signed in through the form."""

    abstract = True
    accounts = ""

    def on_start(self):
        account = next(_accounts[self.accounts], None)
        if account is None:
            raise StopUser()
        self.username, self.totp_key = account["username"], account["totp"]
        self.rng = random.Random(self.username)
        self.sign_in(self.username)


class Assessor(StaffUser):
    """Opens the judging queue, then each allocated case's screen, and records a judgment per criterion."""

    fixed_count = int(os.environ.get("EXAM_DAY_ASSESSORS", "10"))
    wait_time = between(4, 8)
    accounts = "assessors"

    def on_start(self):
        super().on_start()
        self.pending: list[tuple[int, str, dict]] = []

    def open_case(self, case_id: int) -> None:
        # Opening the screen changes nothing; the assessor takes the case (a 409 while another holds it).
        self.post(f"/judging/cases/{case_id}/take/", name="judging: take the case", expect=(302, 409),
                  data={"declaration": "on"})
        page = self.client.get(f"/judging/cases/{case_id}/", name="judging: screen").text
        for form in Forms(page).forms:
            if re.search(r"/judging/cases/\d+/criteria/\d+/$", form["action"]):
                self.pending.append((case_id, form["action"], form))

    @task
    def judge(self):
        if not self.pending:
            queue = self.client.get("/judging/", name="judging: queue").text
            cases = sorted({int(c) for c in re.findall(r'href="/judging/cases/(\d+)/"', queue)})
            if cases:
                self.open_case(self.rng.choice(cases))
            return
        case_id, action, form = self.pending.pop(0)
        prefix = next(name.rsplit("-", 1)[0] for name in form["fields"] if name.endswith("-lease_token"))
        score = self.rng.choice(form["choices"][f"{prefix}-score"])
        comment = f"{_sentence(self.rng, 8)} ({self.username})"
        data = {**form["fields"], f"{prefix}-score": score, f"{prefix}-comment": comment}
        evidence = form["choices"].get(f"{prefix}-evidence", [])
        if evidence:
            data[f"{prefix}-evidence"] = evidence[:1]
        response = self.post(action, name="judging: record a judgment", data=data)
        if response.status_code == 302:
            criterion = int(re.search(r"/criteria/(\d+)/", action).group(1))
            RECORD["judgments"][json.dumps([case_id, criterion, self.username])] = [int(score), comment]
            if self.rng.random() < 0.3:  # the page comes back after each judgment; now and then it is reread
                self.client.get(f"/judging/cases/{case_id}/", name="judging: screen")


class HROfficer(StaffUser):
    """Pages and filters the certificate desk of their agency and looks at the dashboard."""

    fixed_count = int(os.environ.get("EXAM_DAY_HR", "3"))
    wait_time = between(3, 8)
    accounts = "hr"

    @task(4)
    def desk(self):
        params = self.rng.choice([
            {}, {"page": str(self.rng.randint(2, 8))}, {"status": "valid"}, {"status": "revoked"},
            {"status": "expired", "page": "2"}, {"name": "ทดสอบ1"}, {"issued_from": "2024-01-01", "issued_to": "2024-12-31"},
        ])
        self.client.get("/hr/certificates/", params=params, name="HR: certificate desk (filters, pages)")

    @task(1)
    def dashboard(self):
        self.client.get("/hr/dashboard/", name="HR: dashboard")


class Visitor(FastHttpUser):
    """Someone checking a certificate code, or reading the public standard, without an account."""

    fixed_count = int(os.environ.get("EXAM_DAY_VISITORS", "10"))
    wait_time = between(2, 6)

    def on_start(self):
        self.rng = random.Random()
        # Behind the load balancer each visitor has an address of their own (the verify throttle counts per address).
        self.forwarded = {"X-Forwarded-For": f"127.0.9.{next(_visitor_numbers, 254)}"}

    @task(6)
    def verify(self):
        code = self.rng.choice(SEED["codes"]) if self.rng.random() < 0.85 else uuid.uuid4().hex[:20].upper()
        self.client.get(f"/verify/{code}/", name="public: verify a certificate code", headers=self.forwarded)

    @task(2)
    def standard(self):
        self.client.get("/standards/DG-EJJM-026/", name="public: the standard DG-EJJM-026", headers=self.forwarded)

    @task(1)
    def pages(self):
        self.client.get(self.rng.choice(["/", "/standards/"]), name="public: home and list of standards",
                        headers=self.forwarded)
