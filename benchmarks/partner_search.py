"""How fast "Find partners" ranks every classroom against one: the search index of
orbis.core.matching.search over synthetic classrooms (orbis.core.matching.synthetic: real
countries, zones, languages and timetables), built once, then searched from random classrooms
with no filter and with a filter, as the web page does.

    uv run python benchmarks/partner_search.py [--sizes 20000,100000] [--searches 200]

Prints one JSON object per size, one per line:

    build_seconds     build_index() (encode every profile; a web process pays it at its first
                      search and after a change to a classroom, school or teacher)
    search_p50_ms     search() only, no filter; p95 and max too
    filtered_p50_ms   with a language filter and a minimum weekly overlap of 60 minutes
    results_mean      classrooms returned per unfiltered search
    index_mb          memory build_index adds to the profiles it keeps (tracemalloc)
    peak_mb           process peak RSS

Target: under 10 ms per search at 20,000 classrooms (the web page's budget is 100 ms at p95
under load, for everything).
"""

import argparse
import json
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date

from orbis.core.matching import Constraints
from orbis.core.matching.search import IndexEntry, SearchFilters, build_index, search
from orbis.core.matching.synthetic import synthetic_profiles

WEEK = date(2026, 10, 5)


def entries(size: int) -> list[IndexEntry]:
    return [
        IndexEntry(
            profile=profile,
            owner=profile.id // 2,
            searchable=profile.id % 10 != 0,
            exchange_mode="live" if profile.wants_live else "async",
        )
        for profile in synthetic_profiles(size, seed=size)
    ]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(size: int, searches: int) -> dict:
    rows = entries(size)
    started = time.perf_counter()
    index = build_index(rows, WEEK)
    build = time.perf_counter() - started
    tracemalloc.start()
    held = build_index(rows, WEEK)
    index_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del held
    rng = random.Random(size)
    ids = [entry.profile.id for entry in rows]
    constraints = Constraints(age_tolerance=1, min_overlap_minutes=0, week_of=WEEK)
    narrow = SearchFilters(language="en", min_overlap=60)
    plain, filtered, found = [], [], []
    for _ in range(searches):
        mine = rng.choice(ids)
        started = time.perf_counter()
        found.append(len(search(index, mine, constraints=constraints)))
        plain.append(time.perf_counter() - started)
        started = time.perf_counter()
        search(index, mine, constraints=constraints, filters=narrow)
        filtered.append(time.perf_counter() - started)
    return {
        "benchmark": "partner_search",
        "classrooms": size,
        "indexed": index.size,
        "searches": searches,
        "build_seconds": round(build, 3),
        "search_p50_ms": round(statistics.median(plain) * 1000, 2),
        "search_p95_ms": round(percentile(plain, 0.95) * 1000, 2),
        "search_max_ms": round(max(plain) * 1000, 2),
        "filtered_p50_ms": round(statistics.median(filtered) * 1000, 2),
        "results_mean": round(statistics.mean(found), 1),
        "index_mb": round(index_mb, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()
    for size in (int(text) for text in args.sizes.split(",")):
        print(json.dumps(run(size, args.searches)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
