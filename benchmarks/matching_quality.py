"""How close the engine's total score comes to the exact optimum: random synthetic worlds of N
classrooms (each wanting one partner, so that the optimum is a maximum-weight matching) are
matched by the engine and by networkx.max_weight_matching (Edmonds' blossom algorithm, exact).

    uv run python benchmarks/matching_quality.py [--classrooms N ...] [--seeds K]

Prints one JSON object per run: classrooms, seed, edges (feasible pairs), engine_score,
optimum_score, ratio (engine / optimum), engine_seconds and optimum_seconds. The target is a
ratio of at least 0.97 on every instance of up to 2,000 classrooms.
"""

import argparse
import dataclasses
import json
import time

import networkx as nx

from orbis.core.matching import Constraints, Weights, match
from orbis.core.matching.candidates import all_pairs, scored
from orbis.core.matching.encode import encode
from orbis.core.matching.synthetic import synthetic_profiles

DEFAULT_SIZES = (200, 500, 1000, 2000)


def measure(classrooms: int, seed: int) -> dict:
    rooms = [
        dataclasses.replace(room, partners_wanted=1)
        for room in synthetic_profiles(classrooms, seed=seed)
    ]
    constraints = Constraints()
    began = time.perf_counter()
    engine_score = match(rooms, constraints, seed=seed).total_score
    engine_seconds = time.perf_counter() - began

    began = time.perf_counter()
    # Every pair, scored by the engine's vectorised scorer (the tests check it against the
    # reference `compatibility`); the exact matching is what takes the time.
    enc, _skipped = encode(rooms, constraints)
    u, v, s = scored(enc, *all_pairs(enc, constraints), constraints, Weights())
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(u.tolist(), v.tolist(), s.tolist(), strict=True))
    chosen = nx.max_weight_matching(graph)
    optimum_score = sum(graph[a][b]["weight"] for a, b in chosen)
    optimum_seconds = time.perf_counter() - began
    return {
        "benchmark": "matching_quality",
        "classrooms": classrooms,
        "seed": seed,
        "edges": graph.number_of_edges(),
        "engine_score": round(engine_score, 1),
        "optimum_score": round(optimum_score, 1),
        "ratio": round(engine_score / optimum_score, 4) if optimum_score else 1.0,
        "engine_seconds": round(engine_seconds, 2),
        "optimum_seconds": round(optimum_seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--classrooms", type=int, action="append", help="World size; repeat for several runs."
    )
    parser.add_argument("--seeds", type=int, default=3, help="Random worlds per size.")
    args = parser.parse_args()
    for classrooms in args.classrooms or DEFAULT_SIZES:
        for seed in range(1, args.seeds + 1):
            print(json.dumps(measure(classrooms, seed)), flush=True)


if __name__ == "__main__":
    main()
