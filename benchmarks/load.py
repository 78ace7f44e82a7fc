"""Load test: the key pages of the production server under concurrent signed-in teachers.

    uv run python benchmarks/load.py [--teachers 10000] [--projects 5000] [--posts 200000]
                                     [--users 50] [--seconds 60] [--think 1.0] [--reuse]
    scripts/with-postgres uv run python benchmarks/load.py ...      # the same on PostgreSQL

Seeds a world (benchmarks/load_world.py: `orbis seed` teachers and classrooms, then projects,
memberships, posts and notifications in bulk) in the database DATABASE_URL names, or else in
a SQLite file under var/bench/ named after the sizes. --reuse keeps the rows already there
(seeding is the slow part); without it the database is emptied first.

Then starts the production server (ORBIS_ENV=production, gunicorn) on loopback and drives it
with --users simulated teachers, each signed in as a different teacher through a session
written straight to the session store (no Argon2 login in the loop). Each user loops: pick a
key page by weight (dashboard, partner search, project list, project page, board, session
scheduling), GET it, wait a random think time of 0.5–1.5 × --think seconds. Any answer but
200 counts as an error.

Prints ONE JSON line: parameters, sizes, and three phases: "pages" (the users with think
time: latency at that load; per page under "pages"), "pages_saturated" (no think time:
capacity) and "trivial" (/healthz, or a static file if there is none, no think time);
pages_to_trivial_ratio = pages_saturated rps / trivial rps.
The load generator is threads + http.client, in this process: on a 2-core machine it takes
CPU from the server, as any local load tool would.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {  # name: weight
    "dashboard": 20,
    "partner_search": 10,
    "project_list": 20,
    "project_page": 20,
    "board": 20,
    "session_scheduling": 10,
}
PROJECT_LIST_QUERIES = ["", "?page=2", "?language=en", "?sdg=13", "?q=water", "?age=10"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=10000)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=200000)
    parser.add_argument("--classrooms", type=int, help="Default: twice --teachers.")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--saturation-seconds",
        type=float,
        default=None,
        help="Length of the no-think-time phases (default: a quarter of --seconds, 5 s min).",
    )
    parser.add_argument("--think", type=float, default=1.0, help="Mean think time, seconds.")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers.")
    parser.add_argument("--threads", type=int, default=None, help="gunicorn threads per worker.")
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        choices=sorted(PAGES),
        help="Leave a key page out of the mix (repeatable): what the others cost alone.",
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--reuse", action="store_true", help="Keep the seeded database.")
    parser.add_argument("--seed-only", action="store_true", help="Seed, print the sizes, stop.")
    return parser.parse_args()


def configure(args) -> dict:
    """The environment of this process and the server: production settings, loopback."""
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL")
    if not url:
        name = f"load-{args.teachers}-{args.projects}-{args.posts}.sqlite3"
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                (var / (name + suffix)).unlink(missing_ok=True)
        url = f"sqlite:///{var / name}"
    env = {
        "DJANGO_SETTINGS_MODULE": "orbis.settings",
        "ORBIS_ENV": "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "STATIC_ROOT": str(var / "static"),
        "LOG_LEVEL": "WARNING",
        # As deploy/orbis.env.example: each process keeps its connection (PostgreSQL's
        # connection start costs more than most pages' queries).
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60"),
        "ORBIS_VAR_DIR": os.environ.get("ORBIS_VAR_DIR") or str(var),
    }
    os.environ.update(env)
    return env


def prepare(args) -> dict:
    """Migrate, seed and sign the users in; returns what the load needs."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.load_world import counts, ensure_world

    call_command("migrate", verbosity=0, interactive=False)
    if not args.reuse and connection.vendor != "sqlite" and counts()["teachers"]:
        call_command("flush", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    started = time.perf_counter()
    world = ensure_world(
        teachers=args.teachers,
        classrooms=args.classrooms,
        projects=args.projects,
        posts=args.posts,
        log=lambda text: print(f"# {text}", file=sys.stderr),
    )
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "world": world,
        "seed_seconds": round(seeded, 1),
        "database": connection.vendor,
        "users": sign_in(args.users),
        "cookie_name": settings.SESSION_COOKIE_NAME,
    }


def sign_in(count: int) -> list[dict]:
    """`count` teachers who own a project with partners, each with a fresh session."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from orbis.accounts.models import User
    from orbis.projects.models import Membership

    owners = (
        Membership.objects.filter(role="owner", project__status__in=["open", "running"])
        .order_by("project_id")
        .values_list("classroom__teacher_id", flat=True)
    )
    teacher_ids = list(dict.fromkeys(owners[: count * 4]))[:count]
    store = import_module(settings.SESSION_ENGINE).SessionStore
    users = []
    for teacher in User.objects.filter(pk__in=teacher_ids).order_by("pk"):
        session = store()
        session[SESSION_KEY] = str(teacher.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = teacher.get_session_auth_hash()
        session.create()
        tokens = list(
            Membership.objects.filter(classroom__teacher=teacher)
            .order_by("project_id")
            .values_list("project__token", flat=True)
        )
        users.append({"session": session.session_key, "tokens": tokens})
    if len(users) < count:
        raise SystemExit(f"only {len(users)} teachers own a project: seed more projects")
    return users


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, env: dict) -> tuple[subprocess.Popen, int, str]:
    """`orbis serve --production` (gunicorn, sized by WEB_CONCURRENCY and WEB_THREADS), its
    output (the access log) in var/bench/server.log."""
    from django.conf import settings

    port = args.port or free_port()
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        env["WEB_THREADS"] = str(args.threads)
    workers = args.workers or settings.WEB_CONCURRENCY
    threads = args.threads or settings.WEB_THREADS
    orbis = Path(sys.executable).with_name("orbis")
    command = [str(orbis), "serve", "--production", "--no-collectstatic", f"127.0.0.1:{port}"]
    log = open(ROOT / "var" / "bench" / "server.log", "w")  # noqa: SIM115 (open while it runs)
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    text = f"orbis serve --production: gunicorn, {workers} workers x {threads} threads"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, port, text
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("the server did not start in 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class User(threading.Thread):
    """One simulated teacher: a keep-alive connection (reopened when the server closes it)."""

    def __init__(self, port, headers, choose, stop_at, think, seed):
        super().__init__(daemon=True)
        self.port, self.headers, self.choose = port, headers, choose
        self.stop_at, self.think = stop_at, think
        self.rng = random.Random(seed)
        self.samples: list[tuple[str, float, int]] = []  # (page, seconds, status or 0)

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while time.monotonic() < self.stop_at:
            page, path = self.choose(self.rng)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=self.headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
            self.samples.append((page, time.perf_counter() - started, status))
            if self.think:
                time.sleep(self.think * self.rng.uniform(0.5, 1.5))
        conn.close()


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def summary(samples) -> dict:
    times = sorted(seconds for _p, seconds, _s in samples)
    errors = [status for _p, _t, status in samples if status != 200]
    return {
        "requests": len(samples),
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
        "p50_ms": round(percentile(times, 0.50) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "p99_ms": round(percentile(times, 0.99) * 1000, 1),
        "max_ms": round(times[-1] * 1000, 1) if times else 0.0,
    }


def drive(port, users, cookie_name, choose, seconds, think) -> dict:
    stop_at = time.monotonic() + seconds
    threads = [
        User(
            port,
            {
                "Cookie": f"{cookie_name}={user['session']}",
                "Host": "127.0.0.1",
                # As behind the TLS proxy production runs behind: no redirect to https.
                "X-Forwarded-Proto": "https",
                "Accept-Language": "en",
            },
            lambda rng, user=user: choose(rng, user),
            stop_at,
            think,
            seed=number,
        )
        for number, user in enumerate(users)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    samples = [sample for thread in threads for sample in thread.samples]
    result = {"seconds": round(elapsed, 1), "rps": round(len(samples) / elapsed, 1)}
    result.update(summary(samples))
    pages = sorted({page for page, _t, _s in samples})
    if len(pages) > 1:
        result["pages"] = {page: summary([s for s in samples if s[0] == page]) for page in pages}
    return result


def choose_page(rng: random.Random, user: dict, mix: dict) -> tuple[str, str]:
    page = rng.choices(list(mix), weights=list(mix.values()))[0]
    token = rng.choice(user["tokens"])
    path = {
        "dashboard": "/dashboard/",
        "partner_search": "/partners/",
        "project_list": "/projects/" + rng.choice(PROJECT_LIST_QUERIES),
        "project_page": f"/projects/{token}/",
        "board": f"/board/{token}/",
        "session_scheduling": f"/live/{token}/new/",
    }[page]
    return page, path


def trivial_path(port: int) -> str:
    """The health endpoint if the server has one, else a static file (whitenoise)."""
    for path in ("/healthz", "/healthz/", "/health/"):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return path
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
    return "/static/orbis/css/orbis.css"


def main() -> None:
    args = parse_args()
    env = configure(args)
    prepared = prepare(args)
    if args.seed_only:
        prepared.pop("users")
        print(json.dumps({"benchmark": "load", "phase": "seed", **prepared}))
        return
    # The server must not share this process's connections: close them before forking it.
    from django.db import connections

    connections.close_all()
    saturation = args.saturation_seconds or max(5.0, args.seconds / 4)
    server, port, server_text = start_server(args, env)
    try:
        base = {
            "benchmark": "load",
            "database": prepared["database"],
            "server": server_text,
            "cpus": os.cpu_count(),
            "world": prepared["world"],
            "seed_seconds": prepared["seed_seconds"],
            "users": args.users,
        }
        users, cookie = prepared["users"], prepared["cookie_name"]
        mix = {page: weight for page, weight in PAGES.items() if page not in args.without}
        base["mix"] = mix

        def choose(rng, user):
            return choose_page(rng, user, mix)

        # Warm up: every worker imports and renders once before the clock starts.
        drive(port, users, cookie, choose, 3, 0)
        line = {**base, "think_s": args.think}
        line["pages"] = drive(port, users, cookie, choose, args.seconds, args.think)
        line["pages_saturated"] = drive(port, users, cookie, choose, saturation, 0)
        path = trivial_path(port)
        line["trivial"] = {
            "path": path,
            **drive(port, users, cookie, lambda rng, user: ("trivial", path), saturation, 0),
        }
        trivial_rps = line["trivial"]["rps"]
        line["pages_to_trivial_ratio"] = (
            round(line["pages_saturated"]["rps"] / trivial_rps, 3) if trivial_rps else None
        )
        print(json.dumps(line), flush=True)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
