"""Signed-in users on a mix of the main pages, or on the floor alone
(``bench/load.py`` starts locust with this file; BENCH_SESSIONS, BENCH_PATHS
and BENCH_COOKIE come from it)."""

import itertools
import json
import os

from locust import HttpUser, constant, task

SESSIONS = itertools.cycle(json.loads(os.environ["BENCH_SESSIONS"]))
PATHS = json.loads(os.environ["BENCH_PATHS"])
COOKIE = os.environ.get("BENCH_COOKIE", "sessionid")


class PortalUser(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client.cookies.set(COOKIE, next(SESSIONS))
        self.paths = itertools.cycle(PATHS)

    @task
    def page(self):
        path = next(self.paths)
        with self.client.get(path, name=path, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
