#!/usr/bin/env python3
"""Kepu benchmark harness: the app next to the raw engines it wraps, measured side by side.

Started by run.sh (which builds the classpath and installs wrk). Python standard library only.
See README.md in this folder for the method and how to read the ratios.
"""

import argparse
import base64
import datetime
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PARTICIPANT_KEY = "dev-only-participant-key-0123456789abcdef"  # src/test/resources/application-dev.yaml
VENUE_KEY = "k2=dev-only-venue-key-current-0123456789abcdef"  # the same file: the key id that signs
DEV_PASSWORD = os.environ.get("KEPU_DEV_ADMIN_PASSWORD", "kepu-dev-admin")
# the app's clock during the run: inside the 2026 Science Popularization Month demo edition, so that the
# check-in activities the harness publishes are open (check-in opens 30 min before the start)
APP_NOW = datetime.datetime(2026, 9, 12, 4, 0, 0, tzinfo=datetime.timezone.utc)  # 12:00 +08:00

SCENARIOS = ["search-uncached", "search-hot", "checkin", "feedback-write", "overload", "indexing", "stats-summary"]
# hooks for scenarios other engineers own: named here so the runner and the results table know them
SEPARATE = {
    "sse-viewers": "its own command, infra/bench/sse/run.sh 10000 5 (a Java client holding the streams; figures in "
                   "the README): >= 10,000 streams, <= 16 KB heap each, broadcast p99 <= 250 ms",
}

TEXTS = ["人工智能", "大模型", "量子科技", "航空航天", "北斗导航", "生物多样性", "数字生活", "新能源汽车",
         "防范电信诈骗", "气象科普", "食品安全", "机器人", "少儿编程", "无人机", "科学实验", "天文观测",
         "科学家精神", "健康生活方式", "心理健康", "急救技能", "中医药文化", "应急安全", "防灾减灾", "消防安全",
         "地震避险", "防溺水", "节水护水", "碳达峰碳中和", "低碳生活", "垃圾分类", "智慧农业", "乡村振兴",
         "智能制造", "新材料", "科普", "展览", "讲座", "科技馆", "rengongzhineng", "kepu", "hangtian"]
REGIONS = ["11", "31", "34", "3402", "340207", "44", "4401", "51", "5101", "64", "6405", "640502", "42", "4201",
           "33", "3301", "32", "3201", "37", "3701", "61", "6101", "50", "12", "21", "2101", "43", "4301"]
PLACES = [(39.90, 116.40), (31.23, 121.47), (31.37, 118.40), (30.57, 104.07), (23.13, 113.26), (30.59, 114.31),
          (37.50, 105.19), (34.34, 108.94), (29.56, 106.55), (36.07, 120.38), (38.04, 114.51), (26.07, 119.30),
          (45.80, 126.53), (25.04, 102.71), (22.82, 108.32), (43.82, 125.32), (36.06, 103.83), (28.23, 112.94)]
CATEGORIES = ["GRASSROOTS", "CAMPUS", "SCIENCE_MUSEUM", "EXPERT_LECTURE", "HEALTH", "EMERGENCY", "WATER",
              "CARBON_NEUTRALITY", "YOUTH_STEM", "EXHIBITION", "COMPETITION", "TRAINING"]
AUDIENCES = ["GENERAL_PUBLIC", "YOUTH", "CHILDREN_AND_PARENTS", "FARMERS", "COMMUNITY_RESIDENTS", "ELDERLY"]
FORMATS = ["ONSITE", "ONLINE", "HYBRID"]


def log(*parts):
    print("[bench %s]" % time.strftime("%H:%M:%S"), *parts, flush=True)


# ---------------------------------------------------------------- statistics

def ratio_stats(ratios, seed=11):
    """Median ratio over rounds, min-max, and a bootstrap 95% CI of the median."""
    ratios = [r for r in ratios if r is not None]
    if not ratios:
        return {"median": None}
    rnd = random.Random(seed)
    boots = sorted(statistics.median(rnd.choices(ratios, k=len(ratios))) for _ in range(2000))
    return {"median": round(statistics.median(ratios), 3), "min": round(min(ratios), 3),
            "max": round(max(ratios), 3), "ci95": [round(boots[50], 3), round(boots[1949], 3)],
            "rounds": len(ratios)}


def med(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 2) if values else None


# ---------------------------------------------------------------- HTTP helpers

def http(method, url, body=None, headers=None, timeout=30):
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw and raw[:1] in (b"{", b"[") else raw)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw


class Bench:
    def __init__(self, args):
        self.a = args
        self.date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
        self.work = os.path.join(ROOT, "target", "bench", self.date)
        os.makedirs(self.work, exist_ok=True)
        self.app = None
        self.results = {"date": self.date, "command": " ".join(sys.argv[1:]), "machine": machine(),
                        "settings": vars(args), "appJavaOpts": os.environ.get("KEPU_BENCH_JAVA_OPTS", ""),
                        "scenarios": {}}
        self.lg = ["taskset", "-c", "0"] if args.pin else []
        self.sut = ["taskset", "-c", "1"] if args.pin else []
        self.results["layout"] = ("S: load generators on cpu0; app, PostgreSQL, Redis, Elasticsearch on cpu1"
                                  if args.pin else "unpinned")

    # ------------------------------------------------------------ app lifecycle

    def start(self):
        cp = open(os.path.join(ROOT, "target", "bench-classpath.txt")).read().strip()
        self.classpath = os.path.join(ROOT, "target", "test-classes") + ":" + os.path.join(
            ROOT, "target", "classes") + ":" + cp
        offset = APP_NOW - datetime.datetime.now(datetime.timezone.utc)
        self.offset_ms = int(offset.total_seconds()) * 1000
        offset_iso = "PT%dS" % int(offset.total_seconds())
        jfr = ["-XX:StartFlightRecording=settings=profile,filename=%s" % os.path.join(self.work, "app.jfr")] \
            if self.a.jfr else []
        # e.g. KEPU_BENCH_JAVA_OPTS=-agentpath:/path/libasyncProfiler.so=start,event=cpu,file=/tmp/cpu.html
        extra = os.environ.get("KEPU_BENCH_JAVA_OPTS", "").split()
        cmd = self.sut + ["java", "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"] + jfr + extra + [
                          "-Dkepu.activity.demo-generated=%d" % self.a.scale,
                          "-Dkepu.bench.clock-offset=" + offset_iso,
                          "-Dkepu.devstack.dir=" + os.path.join(ROOT, "target", "devstack"),
                          "-Dkepu.devstack.es-start-seconds=600",
                          "-cp", self.classpath, "org.kepu.devstack.BenchApp",
                          "--server.port=0", "--kepu.checkin.rate-limits=false",
                          # every summary is computed (the stats scenario measures it uncached)
                          "--kepu.stats.cache-ttl=1ms",
                          "--management.endpoints.web.exposure.include=health,info,metrics,loggers",
                          "--logging.level.org.kepu.discovery.requests=INFO"]
        self.app_log_path = os.path.join(self.work, "app.log")
        self.app_log = open(self.app_log_path, "w")
        log("starting the dev stack and the app (%d generated activities), log: %s" % (
            self.a.scale, self.app_log_path))
        started = time.time()
        self.app = subprocess.Popen(cmd, cwd=ROOT, stdout=self.app_log, stderr=subprocess.STDOUT)
        self.stack = self.port = None
        while time.time() - started < 900:
            if self.app.poll() is not None:
                raise SystemExit("the app exited (%s); see %s" % (self.app.returncode, self.app_log_path))
            text = open(self.app_log_path, errors="replace").read()
            m = re.search(r"BENCH-STACK (\{.*\})", text)
            if m and not self.stack:
                self.stack = json.loads(m.group(1))
                log("engines:", self.stack)
            m = re.search(r"BENCH-APP \{\"port\":(\d+)\}", text)
            if m:
                self.port = int(m.group(1))
                break
            time.sleep(1)
        if not self.port:
            raise SystemExit("the app did not start within 15 min; see " + self.app_log_path)
        self.base = "http://127.0.0.1:%d" % self.port
        self.es = "http://127.0.0.1:%d" % self.stack["elasticsearch"]
        self.results["startSeconds"] = round(time.time() - started, 1)
        log("app on", self.base, "after %.0f s; waiting for the demo data and the index" % (time.time() - started))
        # the dev accounts are created in the background once the app is up (wrong guesses would be throttled)
        while "demo accounts exist" not in open(self.app_log_path, errors="replace").read():
            if time.time() - started > 900:
                raise SystemExit("the dev accounts were not created; see " + self.app_log_path)
            time.sleep(1)
        self.admin = self.token("admin")  # actuator metrics and loggers need an administrator
        self.auth = {"Authorization": "Bearer " + self.admin}
        # demo activities are published and indexed in the background after startup
        while time.time() - started < 1800:
            text = open(self.app_log_path, errors="replace").read()
            if "Demo activities:" in text or self.a.scale == 0:
                pending = self.metric("kepu.search.outbox.pending")
                count = self.es_count()
                if pending == 0 and count >= self.a.scale:
                    break
            time.sleep(2)
        self.results["dataReadySeconds"] = round(time.time() - started, 1)
        self.results["indexedActivities"] = self.es_count()
        log("%d activities searchable after %.0f s" % (self.results["indexedActivities"], time.time() - started))
        self.organizer = self.token("jiujiang-organizer")
        self.reviewer = self.token("wuhu-reviewer")

    def stop(self):
        if self.app and self.app.poll() is None:
            log("stopping the app and its engines (pid %d)" % self.app.pid)
            self.app.send_signal(signal.SIGTERM)
            try:
                self.app.wait(90)
            except subprocess.TimeoutExpired:
                self.app.kill()  # the dev stack's watchdog stops the engines
                self.app.wait(30)

    def token(self, username):
        status, body = http("POST", self.base + "/api/v1/auth/tokens",
                            {"username": username, "password": DEV_PASSWORD})
        if status != 201:
            raise SystemExit("sign-in of %s failed: %s %s" % (username, status, body))
        return body["accessToken"]

    def metric(self, name, tag=None):
        url = self.base + "/actuator/metrics/" + name + ("?tag=" + tag if tag else "")
        status, body = http("GET", url, None, self.auth)
        if status != 200:
            return None
        return body["measurements"][0]["value"]

    def es_count(self, index="activities"):
        status, body = http("GET", "%s/%s/_count" % (self.es, index))
        return body.get("count", 0) if status == 200 else 0

    def sql(self, statement):
        """One statement through psql (Debian's PostgreSQL client, like pgbench)."""
        return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", str(self.stack["postgres"]),
                               "-U", self.stack["user"], "-d", self.stack["database"], "-c", statement],
                              capture_output=True, text=True, check=True).stdout.strip()

    # ------------------------------------------------------------ load tools

    def wrk(self, url, file, mode, path="", body="", connections=16, threads=1, seconds=None, offset=0):
        seconds = seconds or self.a.duration
        cmd = self.lg + ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s",
                         "-s", os.path.join(HERE, "lua", "bench.lua"), url, "--", file, mode, path, body,
                         str(threads), str(offset)]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
        m = re.search(r"WRK-JSON (\{.*\})", out.stdout)
        if not m:
            raise RuntimeError("wrk failed: %s %s" % (out.stdout[-2000:], out.stderr[-2000:]))
        r = json.loads(m.group(1))
        r["rps"] = round(r["requests"] / (r["durationUs"] / 1e6), 1)
        r["errors"] = r["connect"] + r["read"] + r["write"] + r["timeout"]
        return r

    def java_client(self, *args):
        cmd = self.lg + ["java", "-Xmx3g", "-cp", self.classpath, os.path.join(HERE, "src", "BenchClient.java")] + [
            str(a) for a in args]
        subprocess.run(cmd, check=True, timeout=1800)

    # ------------------------------------------------------------ scenarios

    def run(self, name, fn):
        load_before = os.getloadavg()
        log("scenario", name)
        started = time.time()
        self.last_warmup = None
        try:
            result = fn()
        except Exception as e:  # one failed scenario must not lose the others' results
            log("scenario %s failed: %r" % (name, e))
            result = {"error": repr(e)}
        result["seconds"] = round(time.time() - started, 1)
        if self.last_warmup:
            result["appWarmUp"] = self.last_warmup
        result["loadavg"] = {"before": [round(x, 2) for x in load_before],
                             "after": [round(x, 2) for x in os.getloadavg()]}
        self.results["scenarios"][name] = result
        self.write()

    def search_tuples(self, count, seed=7):
        """A realistic mix: text, region, near me (radius or distance sort), facets, combinations."""
        rnd = random.Random(seed)
        seen, tuples = set(), []
        while len(tuples) < count:
            p = {}
            kind = rnd.random()
            if kind < 0.35 or rnd.random() < 0.3:
                p["q"] = rnd.choice(TEXTS)
            if kind >= 0.35 and kind < 0.6 or rnd.random() < 0.25:
                p["region"] = rnd.choice(REGIONS)
            if kind >= 0.6 and kind < 0.85:
                lat, lon = rnd.choice(PLACES)
                p["lat"] = "%.3f" % (lat + rnd.uniform(-0.2, 0.2))
                p["lon"] = "%.3f" % (lon + rnd.uniform(-0.2, 0.2))
                if rnd.random() < 0.6:
                    p["radiusKm"] = str(rnd.choice([3, 5, 10, 20, 50]))
                if rnd.random() < 0.5 or "radiusKm" not in p:
                    p["sort"] = "distance"
            if kind >= 0.85 or rnd.random() < 0.3:
                p["category"] = rnd.choice(CATEGORIES)
            if rnd.random() < 0.2:
                p["audience"] = rnd.choice(AUDIENCES)
            if rnd.random() < 0.15:
                p["format"] = rnd.choice(FORMATS)
            if rnd.random() < 0.1:
                p["sort"] = "start"
            path = "/api/v1/activities?" + urllib.parse.urlencode(p)
            if path not in seen:
                seen.add(path)
                tuples.append(path)
        return tuples

    def capture(self, paths):
        """Sends each search once through the app with the request logger on; returns the bodies it sent."""
        logger = self.base + "/actuator/loggers/org.kepu.discovery.requests"
        start = os.path.getsize(self.app_log_path)
        http("POST", logger, {"configuredLevel": "DEBUG"}, self.auth)
        totals = []
        for p in paths:
            status, body = http("GET", self.base + p)
            if status != 200:
                raise RuntimeError("search %s answered %s %s" % (p, status, body))
            totals.append(body.get("total"))
        http("POST", logger, {"configuredLevel": "INFO"}, self.auth)
        time.sleep(1)
        with open(self.app_log_path, errors="replace") as f:
            f.seek(start)
            bodies = re.findall(r"search-body (\{.*\})\s*$", f.read(), re.M)
        if len(bodies) != len(paths):
            raise RuntimeError("captured %d bodies for %d searches" % (len(bodies), len(paths)))
        # the same hits straight from Elasticsearch (both sides see the same index)
        mismatches = 0
        for body, total in list(zip(bodies, totals))[:50]:
            status, raw = http("POST", self.es + "/activities/_search?typed_keys=true", body.encode())
            if raw["hits"]["total"]["value"] != total:
                mismatches += 1
        return bodies, mismatches

    def write_lines(self, name, lines):
        path = os.path.join(self.work, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def interleave(self, arm_a, arm_b, rounds=None):
        """A/B rounds after one warm-up of each arm; returns the per-round results."""
        rounds = rounds or self.a.rounds
        if self.a.warmup:
            self.warm_up_app(arm_a)
        if self.a.raw_warmup:
            log("  warm-up %d s of the raw arm" % self.a.raw_warmup)
            arm_b(self.a.raw_warmup)
        out = []
        for k in range(rounds):
            a, b = (arm_a(None), arm_b(None)) if k % 2 == 0 else tuple(reversed((arm_b(None), arm_a(None))))
            out.append((a, b))
            log("  round %d: A %.0f/s (p99 %.1f ms), B %.0f/s (p99 %.1f ms)" % (
                k + 1, a["rps"], a.get("p99Ms", -1), b["rps"], b.get("p99Ms", -1)))
        return out

    def warm_up_app(self, arm):
        """Runs the app arm in parts until the JIT has settled: the app's compile time grew by less than
        --jit-settled of a part's wall time (at least --warmup, at most --warmup-max seconds). On one shared core
        the C2 compiler took 40-100% of it for minutes, so a fixed 20-60 s warm-up measured compilation, not the
        steady state a campaign-week instance runs in. Records the warm-up in the scenario's results."""
        part = min(self.a.warmup, 20)
        spent, parts, settled = 0, [], False
        log("  warm-up of the app: %d s parts until compilation takes < %.0f%% of a part (%d-%d s)" % (
            part, 100 * self.a.jit_settled, self.a.warmup, self.a.warmup_max))
        while spent < self.a.warmup_max:
            c0, t0 = self.metric("jvm.compilation.time"), time.time()
            arm(part)
            c1, t1 = self.metric("jvm.compilation.time"), time.time()
            spent += part
            share = (c1 - c0) / 1000 / (t1 - t0) if c0 is not None and c1 is not None else None
            parts.append(round(share, 3) if share is not None else None)
            if share is None or (spent >= self.a.warmup and share < self.a.jit_settled):
                settled = share is not None
                break
        log("  app warm-up %d s, compile share per part %s%s" % (spent, parts, "" if settled else " (not settled)"))
        self.last_warmup = {"seconds": spent, "compileSharePerPart": parts, "settled": settled}

    def search_uncached(self):
        paths = self.search_tuples(self.a.tuples)
        bodies, mismatches = self.capture(paths)
        app_file = self.write_lines("search-paths.txt", paths)
        es_file = self.write_lines("search-bodies.txt", bodies)
        c = self.a.search_connections
        requests0 = self.metric("kepu.search.cache.requests")
        misses0 = self.metric("kepu.search.cache.misses")
        rounds = self.interleave(
            lambda s: self.wrk(self.base, app_file, "get", connections=c, seconds=s),
            lambda s: self.wrk(self.es, es_file, "post", "/activities/_search?typed_keys=true", connections=c,
                               seconds=s))
        requests = self.metric("kepu.search.cache.requests") - requests0
        misses = self.metric("kepu.search.cache.misses") - misses0
        ratio = ratio_stats([a["rps"] / b["rps"] for a, b in rounds])
        overhead = [a["p99Ms"] - b["p99Ms"] for a, b in rounds]
        return {
            "what": "app GET /api/v1/activities vs the identical Elasticsearch bodies POSTed to /activities/_search",
            "searches": len(paths), "hitCountMismatches": mismatches, "connections": c,
            "cacheMissRatio": round(misses / requests, 3) if requests else None,
            "appRps": med([a["rps"] for a, _ in rounds]), "esRps": med([b["rps"] for _, b in rounds]),
            "appP99Ms": med([a["p99Ms"] for a, _ in rounds]), "esP99Ms": med([b["p99Ms"] for _, b in rounds]),
            "ratio": ratio, "p99OverheadMs": med(overhead),
            "target": "throughput >= 0.8x; p99 overhead <= 5 ms",
            "met": bool(ratio["median"] is not None and ratio["median"] >= 0.8 and med(overhead) <= 5),
            "appErrors": sum(a["errors"] + a["status"] for a, _ in rounds),
            "esErrors": sum(b["errors"] + b["status"] for _, b in rounds),
            "rawRounds": [{"app": a, "es": b} for a, b in rounds]}

    def search_hot(self):
        distinct = self.search_tuples(self.a.hot_distinct, seed=99)
        rnd = random.Random(5)
        weights = [1 / (k + 1) ** 1.1 for k in range(len(distinct))]
        paths = rnd.choices(distinct, weights=weights, k=20000)
        app_file = self.write_lines("hot-paths.txt", paths)
        ping_file = self.write_lines("ping.txt", ["/actuator/health/liveness"])
        c = self.a.hot_connections
        hit_rounds = []

        def app(seconds):
            r0, m0 = self.metric("kepu.search.cache.requests"), self.metric("kepu.search.cache.misses")
            r = self.wrk(self.base, app_file, "get", connections=c, seconds=seconds)
            r1, m1 = self.metric("kepu.search.cache.requests"), self.metric("kepu.search.cache.misses")
            if seconds is None and r1 > r0:
                hit_rounds.append(1 - (m1 - m0) / (r1 - r0))
            return r

        rounds = self.interleave(app, lambda s: self.wrk(self.base, ping_file, "get", connections=c, seconds=s))
        ratio = ratio_stats([a["rps"] / b["rps"] for a, b in rounds])
        hit = med(hit_rounds)
        return {
            "what": "app GET /api/v1/activities, Zipf(1.1) over %d searches, vs GET /actuator/health/liveness"
                    % len(distinct),
            "connections": c, "appRps": med([a["rps"] for a, _ in rounds]),
            "pingRps": med([b["rps"] for _, b in rounds]),
            "appP99Ms": med([a["p99Ms"] for a, _ in rounds]), "pingP99Ms": med([b["p99Ms"] for _, b in rounds]),
            "ratio": ratio, "cacheHitRatio": round(hit, 3) if hit is not None else None,
            "target": ">= 0.5x; cache hit ratio >= 0.9",
            "met": bool(ratio["median"] is not None and ratio["median"] >= 0.5 and hit is not None and hit >= 0.9),
            "appErrors": sum(a["errors"] + a["status"] for a, _ in rounds),
            "rawRounds": [{"app": a, "ping": b} for a, b in rounds]}

    def publish_activity(self, n):
        """An on-site activity of the 2026 demo edition, open for check-in at the app's (shifted) time."""
        campaigns = http("GET", self.base + "/api/v1/campaigns")[1]
        items = campaigns["items"] if isinstance(campaigns, dict) else campaigns
        edition = next(c for c in items if c.get("startsOn") == "2026-09-01")  # sd-2026
        body = {"title": "科普月打卡压测活动%d" % n, "campaignId": edition["id"], "regionCode": "340207",
                "venue": {"name": "鸠江区科技馆", "address": "安徽省芜湖市鸠江区", "location": {"lat": 31.37, "lon": 118.40}},
                "startsAt": "2026-09-12T12:10:00+08:00", "endsAt": "2026-09-12T23:00:00+08:00",
                "categories": ["EXHIBITION"], "audiences": ["GENERAL_PUBLIC"], "description": "压测用的打卡活动。",
                "format": "ONSITE"}
        auth = {"Authorization": "Bearer " + self.organizer}
        status, created = http("POST", self.base + "/api/v1/organizer/activities", body, auth)
        if status != 201:
            raise RuntimeError("create activity: %s %s" % (status, created))
        aid = created["id"]
        status, answer = http("POST", self.base + "/api/v1/organizer/activities/%s/submit" % aid, None, auth)
        if status != 200:
            raise RuntimeError("submit: %s %s" % (status, answer))
        status, answer = http("POST", self.base + "/api/v1/review/activities/%s/approve" % aid, None,
                              {"Authorization": "Bearer " + self.reviewer})
        if status != 200:
            raise RuntimeError("approve: %s %s" % (status, answer))
        return aid

    def venue_token(self, aid):
        status, body = http("GET", self.base + "/api/v1/organizer/activities/%s/check-in-token" % aid, None,
                            {"Authorization": "Bearer " + self.organizer})
        return body["token"]

    def checkin_cookies(self):
        path = os.path.join(self.work, "cookies.txt")
        if not os.path.exists(path):
            self.java_client("cookies", PARTICIPANT_KEY, self.a.cookies, path)
        return path

    def checkin_arm(self, seconds):
        """The app arm of the check-in scenario: a fresh activity (so every participant is new to it) and
        its venue token; rows committed per second is what counts."""
        if seconds and seconds > 20:
            # a venue token lives one to two 30 s windows: a longer warm-up goes in 20 s parts, each with a
            # fresh activity and token, so it trains the path it warms up (not token-expired answers)
            for _ in range(seconds // 20):
                self.checkin_arm(20)
            return None
        aid = self.publish_activity(int(time.time() * 1000) % 100000)
        body = json.dumps({"token": self.venue_token(aid)})
        r = self.wrk(self.base, self.checkin_cookies(), "cookie", "/api/v1/activities/%s/check-ins" % aid, body,
                     connections=self.a.checkin_connections, threads=2, seconds=seconds)
        rows = int(self.sql("SELECT count(*) FROM checkin.check_in WHERE activity_id = '%s'" % aid))
        r["durableRows"] = rows
        r["durablePerSecond"] = round(rows / (r["durationUs"] / 1e6), 1)
        r["rps"] = r["durablePerSecond"]  # what counts: rows committed (acknowledged after commit)
        return r

    def checkin(self):
        pool = 20  # spring.r2dbc.pool.max-size
        self.sql("CREATE TABLE IF NOT EXISTS bench_check_in (LIKE checkin.check_in INCLUDING ALL)")
        c = self.a.checkin_connections
        app = self.checkin_arm

        def raw(seconds):
            seconds = seconds or self.a.duration
            act = str(uuid.uuid4())
            cmd = self.lg + ["pgbench", "-n", "-M", "prepared", "-c", str(pool), "-j", "2", "-T", str(seconds),
                             "-D", "act=" + act, "-f", os.path.join(HERE, "pg", "checkin.sql"), "-r",
                             "-h", "127.0.0.1", "-p", str(self.stack["postgres"]), "-U", self.stack["user"],
                             self.stack["database"]]
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
            m = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout)
            if not m:
                raise RuntimeError("pgbench failed: " + out.stdout[-1500:] + out.stderr[-1500:])
            lat = re.search(r"latency average = ([\d.]+) ms", out.stdout)
            failed = re.search(r"number of failed transactions: (\d+)", out.stdout)
            return {"rps": float(m.group(1)), "meanMs": float(lat.group(1)) if lat else None,
                    "failed": int(failed.group(1)) if failed else 0}

        rounds = self.interleave(app, raw)
        ratio = ratio_stats([a["rps"] / b["rps"] for a, b in rounds])
        app_rate = med([a["rps"] for a, _ in rounds])
        self.checkin_max = app_rate
        return {
            "what": "POST /api/v1/activities/{id}/check-ins, a new participant each (wrk, %d connections), rows "
                    "committed per second, vs pgbench single-row INSERT ... ON CONFLICT ... RETURNING of the same "
                    "row shape, %d clients (= the R2DBC pool)" % (c, pool),
            "appDurablePerSecond": app_rate, "pgbenchTps": med([b["rps"] for _, b in rounds]),
            "appP99Ms": med([a["p99Ms"] for a, _ in rounds]), "pgbenchMeanMs": med([b["meanMs"] for _, b in rounds]),
            "non2xx": sum(a["status"] for a, _ in rounds), "socketErrors": sum(a["errors"] for a, _ in rounds),
            "acknowledged": sum(a["requests"] - a["status"] for a, _ in rounds),
            "durableRows": sum(a["durableRows"] for a, _ in rounds),
            "ratio": ratio, "target": ">= 1.0x and >= 5,000 durable check-ins/s",
            "met": bool(ratio["median"] is not None and ratio["median"] >= 1.0 and app_rate >= 5000),
            "rawRounds": [{"app": a, "pgbench": b} for a, b in rounds]}

    def feedback_write(self):
        """POST /api/v1/activities/{id}/feedback by participants who checked in (a rating, tags and a comment
        that the sensitive-word check passes), spread over activities, against the check-in scenario's app arm
        in the same run. The check-ins behind it go straight into SQL: that path is measured elsewhere."""
        activities = [self.publish_activity(90000 + i) for i in range(self.a.feedback_activities)]
        cookie_file = os.path.join(self.work, "feedback-cookies.txt")
        self.java_client("cookies", PARTICIPANT_KEY, self.a.feedback_participants, cookie_file)
        rows = os.path.join(self.work, "feedback-check-ins.csv")
        lines = os.path.join(self.work, "feedback-lines.txt")
        at = APP_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
        with open(cookie_file) as cookies, open(rows, "w") as r, open(lines, "w") as out:
            for i, cookie in enumerate(c for c in cookies.read().split("\n") if c):
                aid = activities[i % len(activities)]
                r.write("%s,%s,%s,ONSITE,%s\n" % (uuid.uuid4(), aid, participant_of(cookie), at))
                out.write("/api/v1/activities/%s/feedback %s\n" % (aid, cookie))
        self.sql("\\copy checkin.check_in (id, activity_id, participant_id, channel, checked_in_at) FROM '%s' CSV"
                 % rows)
        body = json.dumps({"rating": 5, "tags": ["INTERESTING", "CLEAR"],
                           "comment": "讲解清楚，孩子很喜欢这次科普活动。"}, ensure_ascii=False)
        feedback_rows0 = int(self.sql("SELECT count(*) FROM feedback.feedback"))
        offset = [0]

        def app(seconds):
            # each run goes on where the last one stopped: every request is a participant's first feedback
            r = self.wrk(self.base, lines, "path-cookie", body=body, connections=self.a.checkin_connections,
                         threads=2, seconds=seconds, offset=offset[0])
            offset[0] += r["requests"]
            r["rps"] = round((r["requests"] - r["status"] - r["errors"]) / (r["durationUs"] / 1e6), 1)
            return r

        rounds = self.interleave(app, self.checkin_arm)
        saved = int(self.sql("SELECT count(*) FROM feedback.feedback")) - feedback_rows0
        ratio = ratio_stats([a["rps"] / b["rps"] for a, b in rounds])
        return {
            "what": "POST /api/v1/activities/{id}/feedback (rating, tags, comment), a participant who checked in "
                    "each, over %d activities (wrk, %d connections), 2xx per second, vs the check-in scenario's "
                    "app arm (durable check-ins per second) in the same run"
                    % (len(activities), self.a.checkin_connections),
            "appPerSecond": med([a["rps"] for a, _ in rounds]),
            "checkinPerSecond": med([b["rps"] for _, b in rounds]),
            "appP99Ms": med([a["p99Ms"] for a, _ in rounds]), "checkinP99Ms": med([b["p99Ms"] for _, b in rounds]),
            "non2xx": sum(a["status"] for a, _ in rounds), "socketErrors": sum(a["errors"] for a, _ in rounds),
            "requestsSent": offset[0], "participants": self.a.feedback_participants,
            "feedbackRowsSaved": saved,
            "ratio": ratio, "target": ">= 0.8x the check-in scenario",
            "met": bool(ratio["median"] is not None and ratio["median"] >= 0.8),
            "rawRounds": [{"feedback": a, "checkin": b} for a, b in rounds]}

    def overload(self):
        maximum = getattr(self, "checkin_max", None) or self.a.overload_max
        if not maximum:
            raise RuntimeError("run the checkin scenario first or pass --overload-max")
        aid = self.publish_activity(99999)
        out = os.path.join(self.work, "overload.json")
        normal, over, after = 0.5 * maximum, 2 * maximum, 0.5 * maximum
        # the first 10 s at the normal rate only warm up: the client's JIT and its connections (opened as the
        # load needs them) made the first seconds of the normal phase refuse and wait, and that phase's p99 is
        # the yardstick of recovery
        phases = ["%.1f:%d" % (normal, 10), "%.1f:%d" % (normal, 10), "%.1f:%d" % (over, self.a.overload_seconds),
                  "%.1f:%d" % (after, 20)]
        log("  open model: %s (rate/s:seconds; the first phase warms up)" % " ".join(phases))
        self.java_client("open", self.base, aid, VENUE_KEY, self.offset_ms, PARTICIPANT_KEY, out, *phases)
        r = json.load(open(out))
        warm_p, base_p, over_p, after_p = r["phases"]
        start = 20
        end = start + self.a.overload_seconds
        per_second = r["perSecond"]
        # goodput: check-ins acknowledged per second while the overload lasts (by arrival of the answer)
        during = [s["completedOk"] for s in per_second if start <= s["t"] < end]
        goodput_rate = sum(during) / max(1, len(during))
        # recovery: first second after the overload from which every second's p99 (of the requests meant to be
        # sent then) is within 2x the normal phase's p99
        limit = max(2 * base_p["allP99Ms"], 10)
        recovery = None
        seconds = [s for s in per_second if s["t"] >= end and s["answers"] > 0]
        for i, s in enumerate(seconds):
            if all(x["allP99Ms"] <= limit for x in seconds[i:]):
                recovery = s["t"] - end
                break
        goodput = goodput_rate / maximum
        rejected_fast = over_p["rejected"] == 0 or over_p["rejectedP99Ms"] <= 5
        rows = int(self.sql("SELECT count(*) FROM checkin.check_in WHERE activity_id = '%s'" % aid))
        return {
            "what": "open-model check-ins (new participant each) at 0.5x (10 s warm-up, 10 s measured), then 2x, then "
                    "0.5x the measured maximum",
            "warmUp": warm_p,
            "maximum": maximum, "phases": r["phases"], "sent": r["sent"], "unanswered": r["unanswered"],
            "durableRows": rows, "goodputPerSecond": round(goodput_rate, 1), "goodputRatio": round(goodput, 3),
            "recoverySeconds": recovery,
            "recoveryP99LimitMs": limit,
            "target": "goodput >= 0.9x; rejected in <= 5 ms with 429/503 problem+json; normal p99 within 10 s",
            "normalP99Ms": base_p["allP99Ms"], "overloadP99Ms": over_p["allP99Ms"],
            "rejected": over_p["rejected"], "rejectedP99Ms": over_p["rejectedP99Ms"],
            "met": bool(goodput >= 0.9 and rejected_fast and recovery is not None and recovery <= 10
                        and over_p["rejected"] == over_p["rejectedProblemJson"]),
            "perSecond": r["perSecond"]}

    def export_bulks(self, index):
        """The documents of an index as _bulk bodies of 500 (the app's batch), external version 1."""
        bulks, lines = [], []
        status, page = http("POST", self.es + "/%s/_search?scroll=2m" % index, {"size": 1000, "sort": ["_doc"]})
        while page["hits"]["hits"]:
            for hit in page["hits"]["hits"]:
                lines.append(json.dumps({"index": {"_id": hit["_id"], "version": 1, "version_type": "external"}}))
                lines.append(json.dumps(hit["_source"], ensure_ascii=False))
                if len(lines) == 1000:
                    bulks.append(("\n".join(lines) + "\n").encode())
                    lines = []
            status, page = http("POST", self.es + "/_search/scroll", {"scroll": "2m", "scroll_id": page["_scroll_id"]})
        if lines:
            bulks.append(("\n".join(lines) + "\n").encode())
        return bulks

    def indexing(self):
        before = list(http("GET", self.es + "/_alias/activities")[1].keys())
        count = self.es_count()
        # the raw arm's documents: what the app indexed (exported before the rebuild, not timed)
        bulks = self.export_bulks(before[0])
        definition = open(os.path.join(ROOT, "src", "main", "resources", "search", "activities.json"), "rb").read()
        raw_index = "bench-raw-%d" % int(time.time())
        t1 = time.time()
        status, answer = http("PUT", "%s/%s" % (self.es, raw_index), definition)
        if status != 200:
            raise RuntimeError("create raw index: %s %s" % (status, answer))
        errors = 0
        for b in bulks:
            status, answer = http("POST", "%s/%s/_bulk" % (self.es, raw_index), b,
                                  {"Content-Type": "application/x-ndjson"}, timeout=120)
            errors += 1 if status != 200 or answer.get("errors") else 0
        http("POST", "%s/%s/_refresh" % (self.es, raw_index))
        raw_seconds = time.time() - t1
        raw_docs = self.es_count(raw_index)
        http("DELETE", "%s/%s" % (self.es, raw_index))
        raw_rate = raw_docs / raw_seconds
        log("  raw _bulk: %d docs in %.1f s" % (raw_docs, raw_seconds))
        # the app's rebuild, until the alias swaps (or the app logs that the rebuild failed)
        log_start = os.path.getsize(self.app_log_path)
        t0 = time.time()
        status, body = http("POST", self.base + "/api/v1/admin/search/reindex", None,
                            {"Authorization": "Bearer " + self.admin})
        if status != 202:
            raise RuntimeError("reindex: %s %s" % (status, body))
        after, failure = before, None
        while time.time() - t0 < 900:
            after = list(http("GET", self.es + "/_alias/activities")[1].keys())
            if after and after != before:
                break
            with open(self.app_log_path, errors="replace") as f:
                f.seek(log_start)
                tail = f.read()
            if "search index rebuild failed" in tail:
                cause = re.search(r"search index rebuild failed\s+(\S[^\n]*(?:\n(?!\s+at )[^\n]*){0,6})", tail)
                failure = (cause.group(1) if cause else "see the app log")[:1500]
                break
            time.sleep(0.1)
        app_seconds = time.time() - t0
        result = {
            "what": "POST /api/v1/admin/search/reindex until the alias swaps vs the same documents raw: create "
                    "index (same definition), _bulk in 500s, refresh",
            "activities": count, "rawDocs": raw_docs, "rawSeconds": round(raw_seconds, 2),
            "rawDocsPerSecond": round(raw_rate, 1), "rawBulkErrors": errors, "target": ">= 0.7x docs/s"}
        if failure:
            fresh = [i for i in http("GET", self.es + "/_cat/indices/activities-*?format=json")[1]
                     if i["index"] not in before]
            loaded = sum(int(i["docs.count"]) for i in fresh)
            log("  app rebuild FAILED after %.1f s with %d documents loaded" % (app_seconds, loaded))
            result.update({"appFailed": failure, "appSeconds": round(app_seconds, 2), "appDocsBeforeFailure": loaded,
                           "appDocsPerSecond": round(loaded / app_seconds, 1), "met": False,
                           "ratio": {"median": round(loaded / app_seconds / raw_rate, 3), "rounds": 1}})
            return result
        docs = self.es_count(after[0])
        app_rate = docs / app_seconds
        log("  app rebuild: %d docs in %.1f s (%s -> %s)" % (docs, app_seconds, before, after[0]))
        result.update({"appDocs": docs, "appSeconds": round(app_seconds, 2), "appDocsPerSecond": round(app_rate, 1),
                       "ratio": {"median": round(app_rate / raw_rate, 3), "rounds": 1},
                       "met": bool(app_rate / raw_rate >= 0.7)})
        return result

    def heap_live_kb(self):
        """The app's live heap: GC.class_histogram collects first and counts only what survives, in one step
        (a GC.run followed by GC.heap_info would also count what the export allocated in between). While a thread
        is inside a JNI critical region (the XLSX writer's zip Deflater, all the time) the JVM skips that collection
        and counts garbage too; it then logs "pre-dump GC was skipped", and such a sample is discarded (None)."""
        log_start = os.path.getsize(self.app_log_path)
        out = subprocess.run(["jcmd", str(self.app.pid), "GC.class_histogram"], capture_output=True, text=True,
                             timeout=120).stdout
        m = re.search(r"^Total\s+\d+\s+(\d+)", out, re.M)
        if not m:
            raise RuntimeError("no class histogram: " + out[-500:])
        with open(self.app_log_path, errors="replace") as f:
            f.seek(log_start)
            if "pre-dump GC was skipped" in f.read():
                self.skipped_samples = getattr(self, "skipped_samples", 0) + 1
                return None
        kb = int(m.group(1)) // 1024
        if kb > getattr(self, "histogram_peak", (0, ""))[0]:
            self.histogram_peak = (kb, "\n".join(out.splitlines()[:16]))  # the largest classes at the peak
        return kb

    def export_memory(self, url, headers):
        """Streams one export while sampling the live heap; returns rows, bytes, seconds and the peak growth."""
        self.histogram_peak = (0, "")
        self.skipped_samples = 0
        baseline = None
        while baseline is None:
            baseline = self.heap_live_kb()
        samples, done = [], []

        def sample():
            while not done:
                kb = self.heap_live_kb()
                if kb is not None:
                    samples.append(kb)

        sampler = threading.Thread(target=sample, daemon=True)
        t0 = time.time()
        sampler.start()
        size, lines, status = 0, 0, None
        req = urllib.request.Request(url, headers=headers)
        with urllib.request.urlopen(req, timeout=1800) as r:
            status = r.status
            while True:
                chunk = r.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                lines += chunk.count(b"\n")
                time.sleep(0.05)  # a slow client (~1.3 MB/s): rows must wait for it, not pile up in the app
        seconds = time.time() - t0
        done.append(True)
        sampler.join(120)
        return {"status": status, "bytes": size, "lines": lines, "seconds": round(seconds, 1),
                "heapBaselineKB": baseline, "heapPeakKB": max(samples or [baseline]),
                "heapGrowthKB": max(samples or [baseline]) - baseline, "samples": len(samples),
                "samplesDiscarded": self.skipped_samples, "largestClassesAtPeak": self.histogram_peak[1]}

    def stats_summary(self):
        """Uncached summary latency (country, a province, a city) over the data set with check-ins, and the live
        heap while a whole-country export streams (CSV and XLSX)."""
        campaigns = http("GET", self.base + "/api/v1/campaigns")[1]
        items = campaigns["items"] if isinstance(campaigns, dict) else campaigns
        edition = next(c for c in items if c.get("startsOn") == "2026-09-01")["id"]  # sd-2026
        # two check-ins per activity on average from a million participants, loaded around the outbox (as a
        # bulk import would be), then a full rebuild of the statistics through the admin API
        t0 = time.time()
        self.sql("""INSERT INTO checkin.check_in (id, activity_id, participant_id, channel, checked_in_at)
            SELECT gen_random_uuid(), a.id, ('00000000-0000-0000-0000-' || lpad(((g::bigint * 7919
              + abs(hashtext(a.id::text)::bigint)) % 1000000)::text, 12, '0'))::uuid,
              CASE WHEN g = 1 THEN 'ONLINE' ELSE 'ONSITE' END, now()
            FROM activity.activity a CROSS JOIN generate_series(0, 3) g
            WHERE a.status = 'PUBLISHED' AND (abs(hashtext(a.id::text)::bigint) + g) % 2 = 0
            ON CONFLICT DO NOTHING""")
        load_seconds = time.time() - t0
        log_start = os.path.getsize(self.app_log_path)
        t0 = time.time()
        status, body = http("POST", self.base + "/api/v1/admin/stats/rebuild", None, self.auth)
        if status != 202 or not body.get("accepted"):
            raise RuntimeError("stats rebuild: %s %s" % (status, body))
        while time.time() - t0 < 1800:
            with open(self.app_log_path, errors="replace") as f:
                f.seek(log_start)
                tail = f.read()
            if "statistics rebuilt in" in tail:
                break
            if "statistics rebuild failed" in tail:
                raise RuntimeError("stats rebuild failed; see " + self.app_log_path)
            time.sleep(1)
        rebuild_seconds = time.time() - t0
        log("  check-ins loaded in %.0f s, statistics rebuilt in %.0f s" % (load_seconds, rebuild_seconds))
        checkins = int(self.sql("SELECT count(*) FROM checkin.check_in"))
        places = {"country": "", "province": "41", "city": "4101"}
        result = {"what": "GET /api/v1/stats/summary uncached (cache TTL 1 ms), one client, sequential; export: "
                          "GET /api/v1/stats/summary.{csv,xlsx} of the whole country while the app's live heap is "
                          "sampled (jcmd GC.class_histogram, live objects only, back to back; samples whose pre-histogram GC the JVM skipped are discarded); the client reads at ~1.3 MB/s",
                  "checkIns": checkins, "checkInLoadSeconds": round(load_seconds, 1),
                  "rebuildSeconds": round(rebuild_seconds, 1), "target": "p95 <= 300 ms uncached"}
        p95s = []
        for name, code in places.items():
            url = self.base + "/api/v1/stats/summary?campaign=%s&region=%s" % (edition, code)
            for _ in range(5):  # warm-up
                http("GET", url, None, self.auth)
            millis = []
            for _ in range(self.a.stats_requests):
                t = time.perf_counter()
                status, body = http("GET", url, None, self.auth)
                millis.append((time.perf_counter() - t) * 1000)
                if status != 200:
                    raise RuntimeError("summary %s: %s %s" % (name, status, body))
            millis.sort()
            p95 = millis[int(len(millis) * 0.95) - 1]
            p95s.append(p95)
            result[name] = {"region": code or "(country)", "published": body["region"]["figures"]["published"],
                            "checkIns": body["region"]["figures"]["checkInsOnsite"]
                            + body["region"]["figures"]["checkInsOnline"], "requests": len(millis),
                            "p50Ms": round(millis[len(millis) // 2], 1), "p95Ms": round(p95, 1),
                            "maxMs": round(millis[-1], 1)}
            log("  summary %s: p50 %.0f ms, p95 %.0f ms (%d published)" % (
                name, millis[len(millis) // 2], p95, result[name]["published"]))
        for kind in ("csv", "xlsx"):
            try:
                r = self.export_memory(self.base + "/api/v1/stats/summary.%s?campaign=%s" % (kind, edition),
                                       self.auth)
            except Exception as e:  # keep the latency figures
                result["export" + kind.upper()] = {"error": repr(e)}
                log("  export %s failed: %r" % (kind, e))
                continue
            result["export" + kind.upper()] = r
            log("  export %s: %d bytes in %.0f s, live heap +%d KB (peak %d KB)" % (
                kind, r["bytes"], r["seconds"], r["heapGrowthKB"], r["heapPeakKB"]))
        result["exportedActivities"] = result["country"]["published"]
        result["met"] = bool(max(p95s) <= 300)
        return result

    # ------------------------------------------------------------ output

    def write(self):
        out = os.path.join(HERE, "results")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, self.date + ".json"), "w") as f:
            json.dump(self.results, f, indent=1, ensure_ascii=False)
        with open(os.path.join(out, self.date + ".md"), "w") as f:
            f.write(markdown(self.results))

    def main(self):
        only = self.a.only.split(",") if self.a.only else SCENARIOS
        for name in only:
            if name not in SCENARIOS and name not in SEPARATE:
                raise SystemExit("unknown scenario %s; known: %s" % (name, ", ".join(SCENARIOS + list(SEPARATE))))
        try:
            self.start()
            fns = {"search-uncached": self.search_uncached, "search-hot": self.search_hot, "checkin": self.checkin,
                   "feedback-write": self.feedback_write, "overload": self.overload, "indexing": self.indexing, "stats-summary": self.stats_summary}
            for name in SCENARIOS:
                if name in only:
                    self.run(name, fns[name])
            for name, how in SEPARATE.items():
                if name in only or not self.a.only:
                    self.results["scenarios"][name] = {"separate": how}
        finally:
            self.stop()
            self.results["machine"]["loadavgEnd"] = [round(x, 2) for x in os.getloadavg()]
            self.write()
            log("results: infra/bench/results/%s.{json,md}" % self.date)


def participant_of(cookie):
    """The participant id a signed kepu_pid cookie names (its first part: the id's 16 bytes, base64url)."""
    raw = cookie.split(".", 1)[0]
    return str(uuid.UUID(bytes=base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))))


def machine():
    model = ""
    try:
        model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    return {"cpus": os.cpu_count(), "model": model, "memGiB": round(int(mem) / 1048576, 1),
            "kernel": os.uname().release, "loadavgStart": [round(x, 2) for x in os.getloadavg()],
            "java": subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]}


def fmt(v, unit=""):
    if v is None:
        return "–"
    return ("{:,.0f}".format(v) if abs(v) >= 100 else "{:.2f}".format(v)) + unit


def markdown(r):
    m = r["machine"]
    lines = ["# Kepu benchmark %s" % r["date"], "",
             "Machine: %d × %s, %s GiB, Linux %s, %s. Load average at start %s, at end %s (the machine was shared "
             "with other builds: absolute figures are noisy, ratios are what count)." % (
                 m["cpus"], m["model"], m["memGiB"], m["kernel"], m["java"], m["loadavgStart"],
                 m.get("loadavgEnd", "–")),
             "Layout: %s. Command: `infra/bench/run.sh %s`. Activities indexed: %s." % (
                 r.get("layout"), r.get("command", ""), r.get("indexedActivities", "–")), "",
             "| scenario | app | raw baseline | ratio (median, min–max, 95% CI) | target | met |",
             "|---|---|---|---|---|---|"]
    s = r["scenarios"]

    def ratio(x):
        q = x.get("ratio") or {}
        if q.get("median") is None:
            return "–"
        if "min" in q:
            return "**%.2f×** (%.2f–%.2f, CI %.2f–%.2f, %d rounds)" % (
                q["median"], q["min"], q["max"], q["ci95"][0], q["ci95"][1], q["rounds"])
        return "**%.2f×** (1 run)" % q["median"]

    def met(x):
        return "error: " + x["error"][:80] if "error" in x else ("yes" if x.get("met") else "**no**")

    if "search-uncached" in s:
        x = s["search-uncached"]
        lines.append("| search, uncached mix | %s/s, p99 %s ms | ES %s/s, p99 %s ms | %s; p99 overhead %s ms; "
                     "miss ratio %s | ≥ 0.8×, ≤ 5 ms | %s |" % (
                         fmt(x.get("appRps")), fmt(x.get("appP99Ms")), fmt(x.get("esRps")), fmt(x.get("esP99Ms")),
                         ratio(x), fmt(x.get("p99OverheadMs")), x.get("cacheMissRatio"), met(x)))
    if "search-hot" in s:
        x = s["search-hot"]
        lines.append("| search, hot (Zipf) | %s/s, p99 %s ms | liveness %s/s, p99 %s ms | %s; hit ratio %s | "
                     "≥ 0.5×, hits ≥ 0.9 | %s |" % (
                         fmt(x.get("appRps")), fmt(x.get("appP99Ms")), fmt(x.get("pingRps")),
                         fmt(x.get("pingP99Ms")), ratio(x), x.get("cacheHitRatio"), met(x)))
    if "checkin" in s:
        x = s["checkin"]
        lines.append("| check-in, unique participants | %s durable/s, p99 %s ms | pgbench %s tps | %s | "
                     "≥ 1.0×, ≥ 5,000/s | %s |" % (
                         fmt(x.get("appDurablePerSecond")), fmt(x.get("appP99Ms")), fmt(x.get("pgbenchTps")),
                         ratio(x), met(x)))
    if "feedback-write" in s:
        x = s["feedback-write"]
        lines.append("| feedback write, one per participant | %s/s, p99 %s ms | check-in %s durable/s | %s | "
                     "≥ 0.8× | %s |" % (
                         fmt(x.get("appPerSecond")), fmt(x.get("appP99Ms")), fmt(x.get("checkinPerSecond")),
                         ratio(x), met(x)))
    if "overload" in s:
        x = s["overload"]
        over = (x.get("phases") or [{}, {}, {}])[1]
        lines.append("| overload 2× for %ss | goodput %s/s; rejected %s (p99 %s ms); ok p99 %s ms | max %s/s | "
                     "goodput **%s×**; recovery %s s | ≥ 0.9×, rejects ≤ 5 ms, ≤ 10 s | %s |" % (
                         r["settings"].get("overload_seconds"), fmt(x.get("goodputPerSecond")),
                         over.get("rejected", "–"),
                         fmt(over.get("rejectedP99Ms")), fmt(over.get("okP99Ms")), fmt(x.get("maximum")),
                         x.get("goodputRatio", "–"), x.get("recoverySeconds", "–"), met(x)))
    if "indexing" in s and s["indexing"].get("appFailed"):
        x = s["indexing"]
        lines.append("| indexing, full rebuild | **failed** after %s s with %s docs loaded (%s docs/s): %s | _bulk %s "
                     "docs/s | – | ≥ 0.7× | **no** |" % (
                         x.get("appSeconds"), x.get("appDocsBeforeFailure"), fmt(x.get("appDocsPerSecond")),
                         x["appFailed"].split("]; ")[-1].splitlines()[0][:160].replace("|", "/"),
                         fmt(x.get("rawDocsPerSecond"))))
    elif "indexing" in s:
        x = s["indexing"]
        lines.append("| indexing, full rebuild | %s docs/s (%s in %s s) | _bulk %s docs/s | %s | ≥ 0.7× | %s |" % (
            fmt(x.get("appDocsPerSecond")), x.get("appDocs", "–"), x.get("appSeconds", "–"),
            fmt(x.get("rawDocsPerSecond")), ratio(x), met(x)))
    if "stats-summary" in s and "country" in s["stats-summary"]:
        x = s["stats-summary"]
        csv, xlsx = x.get("exportCSV", {}), x.get("exportXLSX", {})
        lines.append("| statistics summary, uncached, %s check-ins | country p95 %s ms (%s published), province 41 "
                     "p95 %s ms, city 4101 p95 %s ms; whole-country export live heap +%s MB (CSV), +%s MB (XLSX) "
                     "| – | – | p95 ≤ 300 ms | %s |" % (
                         "{:,}".format(x["checkIns"]), x["country"]["p95Ms"], "{:,}".format(x["country"]["published"]),
                         x["province"]["p95Ms"], x["city"]["p95Ms"], round(csv.get("heapGrowthKB", 0) / 1024, 1),
                         round(xlsx.get("heapGrowthKB", 0) / 1024, 1), met(x)))
    elif "stats-summary" in s:
        lines.append("| statistics summary | %s | | | p95 ≤ 300 ms | **no** |" % s["stats-summary"].get("error", "")[:120])
    for name, how in SEPARATE.items():
        if name in s:
            lines.append("| %s | run separately: %s | | | | – |" % (name, how))
    lines += ["", "Each ratio is app ÷ raw per A/B round (rounds alternate ABBA…, after a warm-up of each arm, the app's until its JIT has settled); "
              "the median over rounds is reported with its spread. Raw per-round figures are in the JSON file.", ""]
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description="Kepu benchmark harness (see infra/bench/README.md)")
    p.add_argument("--scale", type=int, default=100000, help="generated published activities (default 100000)")
    p.add_argument("--only", default="", help="comma-separated scenarios: " + ", ".join(SCENARIOS))
    p.add_argument("--duration", type=int, default=10, help="seconds per measured round (default 10)")
    p.add_argument("--rounds", type=int, default=4,
                   help="A/B rounds per scenario (default 4: AB BA AB BA, each arm first as often as second)")
    p.add_argument("--warmup", type=int, default=20,
                   help="least warm-up seconds per arm before the rounds (default 20; the app's goes on until its JIT "
                        "has settled, see --jit-settled)")
    p.add_argument("--warmup-max", type=int, default=180, help="most warm-up seconds of the app arm (default 180)")
    p.add_argument("--raw-warmup", type=int, default=10,
                   help="warm-up seconds of the raw arm (an engine on its own: default 10)")
    p.add_argument("--jit-settled", type=float, default=0.1,
                   help="the app is warm when compilation took less than this share of a warm-up part (default 0.1)")
    p.add_argument("--tuples", type=int, default=1000, help="distinct searches in the uncached mix")
    p.add_argument("--hot-distinct", type=int, default=100, help="distinct searches under the Zipf mix")
    p.add_argument("--search-connections", type=int, default=16)
    p.add_argument("--hot-connections", type=int, default=64)
    p.add_argument("--checkin-connections", type=int, default=128)
    p.add_argument("--cookies", type=int, default=300000, help="participant cookies per check-in round")
    p.add_argument("--feedback-activities", type=int, default=20, help="activities the feedback is spread over")
    p.add_argument("--feedback-participants", type=int, default=600000,
                   help="participants (checked in beforehand) who each give one feedback")
    p.add_argument("--overload-seconds", type=int, default=60)
    p.add_argument("--stats-requests", type=int, default=100, help="summaries timed per region level")
    p.add_argument("--overload-max", type=float, default=0, help="check-ins/s, when the checkin scenario is skipped")
    p.add_argument("--no-pin", dest="pin", action="store_false", help="do not pin with taskset")
    p.add_argument("--jfr", action="store_true", help="record the app with JFR (target/bench/<date>/app.jfr)")
    args = p.parse_args()

    def interrupted(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)  # unwinds through main's finally: the app is stopped

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    Bench(args).main()


if __name__ == "__main__":
    main()
