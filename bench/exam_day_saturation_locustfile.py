"""Candidates saving answers back to back, no pause (bench/exam_day_load.py's saturation phase): how many saves per
second the server can answer, through the portal's save or through the floor (bench/floor.py), whichever
SATURATION_TARGET names. Each user is a prepared candidate with an open attempt (SATURATION_SEED)."""
import json
import os
import random

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser
from locust_cookies import set_cookie

SEED = json.loads(open(os.environ["SATURATION_SEED"]).read())
FLOOR = os.environ["SATURATION_TARGET"] == "floor"
_people = iter(SEED)


class SavingCandidate(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.person = next(_people)
        self.rng = random.Random(self.person["session"])
        set_cookie(self.client, self.host, "sessionid", self.person["session"])
        set_cookie(self.client, self.host, "csrftoken", self.person["csrf"])

    @task
    def save(self):
        item = self.rng.choice(self.person["essays"])
        url = "/floor/answers/" if FLOOR else f"/exams/attempts/{self.person['attempt']}/answers/"
        with self.client.post(url, name="save", json={"item": item, "value": f"คำตอบ {self.rng.random()}"},
                              headers={"X-CSRFToken": self.person["csrf"]}, catch_response=True) as response:
            if response.status_code != 200 or not response.json().get("saved"):
                response.failure(f"{response.status_code}: {response.text[:200]!r}")
