"""How long `orbis seed` takes, and how much memory: build_world and load_world timed on a
throwaway SQLite database, for 1,000 and 10,000 teachers unless --teachers says otherwise.

    uv run python benchmarks/seed.py [--teachers N ...] [--seed S]

Prints one JSON object per run, one per line. Each run is a fresh process with its own
temporary database, so its peak memory (the process's maximum resident set size, Django and
the migrations included) is its own.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = (1000, 10000)


def measure(teachers: int, seed: int) -> dict:
    """One run, in this process; the environment already points at a throwaway database."""
    import django

    django.setup()
    from django.core.management import call_command

    from orbis.core.world import build_world
    from orbis.demo.loader import DEMO_PASSWORD, load_world

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    world = build_world(teachers=teachers, seed=seed)
    built = time.perf_counter()
    report = load_world(world, password=DEMO_PASSWORD)
    loaded = time.perf_counter()
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_bytes = peak if sys.platform == "darwin" else peak * 1024
    return {
        "benchmark": "seed",
        "teachers": len(world.teachers),
        "classrooms": len(world.classrooms),
        "students": len(world.students),
        "rows_created": report.created,
        "build_seconds": round(built - started, 3),
        "load_seconds": round(loaded - built, 3),
        "peak_mb": round(peak_bytes / 2**20, 1),
    }


def run_in_fresh_process(teachers: int, seed: int) -> str:
    with tempfile.TemporaryDirectory(prefix="orbis-bench-") as var_dir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "orbis.settings",
            "ORBIS_VAR_DIR": var_dir,
            "DATABASE_URL": f"sqlite:///{Path(var_dir) / 'seed.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        }
        command = [sys.executable, __file__, "--one", str(teachers), "--seed", str(seed)]
        result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--teachers", type=int, action="append", help="World size; repeat for several runs."
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's run
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.seed)))
        return
    for teachers in args.teachers or DEFAULT_SIZES:
        print(run_in_fresh_process(teachers, args.seed), flush=True)


if __name__ == "__main__":
    main()
