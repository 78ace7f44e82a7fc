"""How fast the Project Creation Assistant turns answers into a dated plan: a project with six
partner schools (Argentina, India, Ukraine, Italy, the United States and Bangladesh, each with
its real weekend — Friday and Saturday in Bangladesh, Sunday only in India — and one term break)
planned over 12 weeks, and the same for a single exchange (0 weeks) and 4 weeks.

    uv run python benchmarks/plan.py [--runs N] [--weeks W ...]

Prints one JSON object per run, one per line. Two one-off costs of a process are timed apart,
before the runs (on the first line of each duration): loading the template library
(library_seconds) and the `holidays` package's first use, which imports its country and
calendar modules (holidays_seconds, measured with a country none of the schools is in). The
first run then builds the six schools' public-holiday tables (cold: true); later runs find them
cached, as a web process that has planned before does.

    seconds      generate_plan() only: choosing the template and dating the plan
    activities   activities in the plan (sessions and milestones: likewise)
    cold         true on the first run of the process (holiday tables built during it)

Target: under 0.1 s per plan.
"""

import argparse
import json
import time
from datetime import date

from orbis.core.plans.generator import generate_plan
from orbis.core.plans.library import library
from orbis.core.plans.types import PlanRequest
from orbis.core.schooldays import SchoolCalendar, public_holidays

DEFAULT_WEEKS = (12, 0, 4)
START = date(2026, 9, 14)
SCHOOLS = (
    SchoolCalendar("Rosario", "AR", (5, 6), None, ((date(2026, 10, 12), date(2026, 10, 16)),)),
    SchoolCalendar("Delhi", "IN", (6,), None, ((date(2026, 10, 19), date(2026, 10, 23)),)),
    SchoolCalendar("Lviv", "UA", (5, 6), None, ((date(2026, 10, 26), date(2026, 11, 1)),)),
    SchoolCalendar("Torino", "IT", (5, 6), None, ((date(2026, 11, 2), date(2026, 11, 3)),)),
    SchoolCalendar("Austin", "US", (5, 6), "TX", ((date(2026, 11, 23), date(2026, 11, 27)),)),
    SchoolCalendar("Dhaka", "BD", (4, 5), None, ((date(2026, 12, 14), date(2026, 12, 17)),)),
)


def request(weeks: int) -> PlanRequest:
    return PlanRequest(
        age_min=11,
        age_max=13,
        subject="geography",
        competencies=("intercultural-communication", "collaboration"),
        sdgs=(4, 13),
        weeks=weeks,
        mode="live",
        languages=("en",),
        start=START,
        calendars=SCHOOLS,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Plans per duration (default 5).")
    parser.add_argument(
        "--weeks", type=int, action="append", help="Duration in weeks; repeat for several."
    )
    args = parser.parse_args()

    began = time.perf_counter()
    templates = library()
    library_seconds = time.perf_counter() - began
    began = time.perf_counter()
    public_holidays("DE", None, 2000)
    holidays_seconds = time.perf_counter() - began

    cold = True
    for weeks in args.weeks or DEFAULT_WEEKS:
        for run in range(args.runs):
            began = time.perf_counter()
            plan = generate_plan(request(weeks), templates)
            seconds = time.perf_counter() - began
            figures = {
                "benchmark": "plan",
                "weeks": weeks,
                "schools": len(SCHOOLS),
                "run": run + 1,
                "seconds": round(seconds, 4),
                "activities": sum(len(phase.activities) for phase in plan.phases),
                "sessions": len(plan.sessions),
                "milestones": len(plan.milestones),
                "template": plan.template,
                "starts": plan.starts.isoformat(),
                "ends": plan.ends.isoformat(),
                "cold": cold,
            }
            if run == 0:
                figures["library_seconds"] = round(library_seconds, 4)
                figures["holidays_seconds"] = round(holidays_seconds, 4)
                figures["templates"] = len(templates)
            print(json.dumps(figures), flush=True)
            cold = False


if __name__ == "__main__":
    main()
