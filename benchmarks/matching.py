"""How fast the matching engine is, how much memory it takes, and how fair its result is: a
synthetic world of N classrooms (orbis.core.matching.synthetic, drawn from the demo world's
country table) matched with the default constraints, for 10,000, 100,000 and 1,000,000
classrooms unless --classrooms says otherwise.

    uv run python benchmarks/matching.py [--classrooms N ...] [--seed S]

Prints one JSON object per run, one per line; each run is a fresh process, so its peak memory
(the process's maximum resident set size, the generated classrooms included) is its own.

    seconds             match() only          generate_seconds  building the classrooms
    peak_mb             process peak RSS      rss_before_mb     RSS when match() started
    matched_share       classrooms with at least one partner / all classrooms
    mean_score          mean score of the partnerships
    feasible_unmatched  classrooms left without a partner although a classroom with a free
                        place would be a feasible partner (the fairness pass aims at 0)
    blocked_unmatched   classrooms without a partner whose feasible partners are all full
    no_feasible_partner classrooms without any feasible partner at all (these two are
                        estimated from 20,000 of them when there are more: blocked_estimated)
    regions             per region: share of its classrooms with a partner
"""

import argparse
import gc
import json
import resource
import subprocess
import sys
import time
from collections import Counter

import numpy as np

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, bytes on macOS
    return round((peak if sys.platform == "darwin" else peak * 1024) / 2**20, 1)


SAMPLE = 20_000  # lonely classrooms checked against all classrooms (blocked_unmatched)


def _lonely_with_partner(profiles, result, constraints, among_free: bool) -> tuple[int, int]:
    """(classrooms without a partner checked, those with a feasible partner — with a free
    place when among_free), found exhaustively with the engine's exact scorer. Against all
    classrooms, a seeded sample of SAMPLE lonely classrooms is checked."""
    from orbis.core.matching.candidates import exhaustive_pairs
    from orbis.core.matching.encode import encode
    from orbis.core.matching.pair_scores import score_pairs
    from orbis.core.matching.profiles import Weights

    enc, _skipped = encode(profiles, constraints)
    index = {identifier: k for k, identifier in enumerate(enc.ids.tolist())}
    degree = np.zeros(enc.n, dtype=np.int64)
    for group in result.partnerships:
        for identifier in group:
            degree[index[identifier]] += 1
    lonely = degree == 0
    members = np.flatnonzero(degree < enc.capacity) if among_free else np.arange(enc.n)
    if not among_free and lonely.sum() > SAMPLE:
        sample = np.random.default_rng(0).choice(np.flatnonzero(lonely), SAMPLE, replace=False)
        lonely = np.zeros(enc.n, dtype=bool)
        lonely[sample] = True
    a, b = exhaustive_pairs(enc, members, constraints, lonely)
    found = np.zeros(enc.n, dtype=bool)
    for low in range(0, len(a), 1 << 21):
        x, y = a[low : low + (1 << 21)], b[low : low + (1 << 21)]
        feasible, _score = score_pairs(enc, x, y, constraints, Weights())
        found[x[feasible]] = True
        found[y[feasible]] = True
    return int(lonely.sum()), int((found & lonely).sum())


def measure(classrooms: int, seed: int) -> dict:
    from orbis.core.matching import Constraints, match
    from orbis.core.matching.synthetic import synthetic_profiles

    started = time.perf_counter()
    profiles = synthetic_profiles(classrooms, seed)
    generated = time.perf_counter()
    gc.collect()
    rss_before = _rss_mb()
    constraints = Constraints()
    began = time.perf_counter()
    result = match(profiles, constraints, seed=seed)
    seconds = time.perf_counter() - began
    peak = _rss_mb()

    partners = Counter(identifier for group in result.partnerships for identifier in group)
    region_total = Counter(p.region for p in profiles)
    region_matched = Counter(p.region for p in profiles if partners[p.id])
    lonely = classrooms - len(partners)
    _checked, free_partner = _lonely_with_partner(profiles, result, constraints, True)
    checked, any_partner = _lonely_with_partner(profiles, result, constraints, False)
    any_partner = round(any_partner * lonely / max(checked, 1))  # estimated from a sample
    return {
        "benchmark": "matching",
        "classrooms": classrooms,
        "seconds": round(seconds, 2),
        "generate_seconds": round(generated - started, 2),
        "peak_mb": peak,
        "rss_before_mb": rss_before,
        "partnerships": len(result.partnerships),
        "matched_share": round(len(partners) / classrooms, 4),
        "mean_score": round(result.total_score / max(1, len(result.scores)), 2),
        "feasible_unmatched": free_partner,
        "blocked_unmatched": any_partner - free_partner,
        "no_feasible_partner": lonely - any_partner,
        "blocked_estimated": checked < lonely,
        "skipped": len(result.skipped),
        "regions": {
            region: round(region_matched[region] / total, 4)
            for region, total in sorted(region_total.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--classrooms", type=int, action="append", help="World size; repeat for several runs."
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a child's run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.classrooms[0], args.seed)), flush=True)
        return
    for classrooms in args.classrooms or DEFAULT_SIZES:
        command = [sys.executable, __file__, "--one", "--classrooms", str(classrooms)]
        command += ["--seed", str(args.seed)]
        result = subprocess.run(command, check=True, capture_output=True, text=True)
        print(result.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
