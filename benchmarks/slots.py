"""How fast the live-session slot finder proposes times: 30 classrooms in 20 time zones, from
the Americas to East Asia and Oceania, each with its school's real weekend (Friday and Saturday
in Bangladesh and Egypt, Sunday only in India), its country's public holidays and one term
break, available on school days 08:00–15:00 local with a morning break and a lunch break (some
classes on fewer days or shorter hours), searched over 12 weeks that cross the autumn
daylight-saving changes of Europe and North America and the spring change of the south.

    uv run python benchmarks/slots.py [--runs N] [--weeks W]

Prints one JSON object per run, one per line. The `holidays` package's first use, which imports
its country modules, is timed apart before the runs (holidays_seconds, on the first line, with a
country none of the schools is in). The first run then builds the public-holiday tables of the
schools' countries (cold: true); later runs find them cached, as a web process that has proposed
times before does.

    seconds    find_slots() only, wall clock (cpu_seconds: this process's CPU time in it, the
               figure to compare when other processes share the cores)
    peak_mb    process peak RSS after the run
    best       ranked slots returned; top_attendees: classes in the best one
    covering   sessions of the covering; isolated: classes that can meet no class abroad

Target: under 0.2 s per run.
"""

import argparse
import json
import resource
import sys
import time
from datetime import date, timedelta

from orbis.core.schooldays import SchoolCalendar, public_holidays
from orbis.core.slots import ClassSchedule, SlotRequest, find_slots
from orbis.core.timetable import Period

START = date(2026, 9, 14)
# (country, zone, weekend days); 20 zones.
SCHOOLS = (
    ("AR", "America/Argentina/Buenos_Aires", (5, 6)),
    ("BR", "America/Sao_Paulo", (5, 6)),
    ("CL", "America/Santiago", (5, 6)),
    ("MX", "America/Mexico_City", (5, 6)),
    ("US", "America/New_York", (5, 6)),
    ("US", "America/Chicago", (5, 6)),
    ("CA", "America/Toronto", (5, 6)),
    ("PE", "America/Lima", (5, 6)),
    ("GB", "Europe/London", (5, 6)),
    ("IT", "Europe/Rome", (5, 6)),
    ("UA", "Europe/Kyiv", (5, 6)),
    ("EG", "Africa/Cairo", (4, 5)),
    ("KE", "Africa/Nairobi", (5, 6)),
    ("NG", "Africa/Lagos", (5, 6)),
    ("IN", "Asia/Kolkata", (6,)),
    ("BD", "Asia/Dhaka", (4, 5)),
    ("NP", "Asia/Kathmandu", (5,)),
    ("ID", "Asia/Jakarta", (5, 6)),
    ("JP", "Asia/Tokyo", (5, 6)),
    ("AU", "Australia/Sydney", (5, 6)),
)
SCHOOL_DAY = ((8 * 60, 10 * 60), (10 * 60 + 20, 12 * 60), (12 * 60 + 45, 15 * 60))


def classes(weeks: int) -> tuple[ClassSchedule, ...]:
    found = []
    for k in range(30):
        country, zone, weekend = SCHOOLS[k % len(SCHOOLS)]
        school_days = [day for day in range(7) if day not in weekend]
        if k >= len(SCHOOLS):  # the second class of a school: three days, shorter hours
            school_days = school_days[k % 2 :: 2] or school_days
        day = SCHOOL_DAY if k < len(SCHOOLS) else SCHOOL_DAY[:2]
        periods = tuple(Period(d, start, end) for d in school_days for start, end in day)
        term_break = START + timedelta(days=7 * (k % weeks) + 3 * (k % 2))
        calendar = SchoolCalendar(
            f"School {k}", country, weekend, None, ((term_break, term_break + timedelta(4)),)
        )
        found.append(ClassSchedule(str(k), f"Class {k}", country, zone, periods, calendar))
    return tuple(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Runs (default 5).")
    parser.add_argument("--weeks", type=int, default=12, help="Window in weeks (default 12).")
    args = parser.parse_args()

    schedules = classes(args.weeks)
    request = SlotRequest(
        classes=schedules,
        first_day=START,
        last_day=START + timedelta(days=7 * args.weeks - 1),
        minutes=45,
    )
    began = time.perf_counter()
    public_holidays("DE", None, 2000)  # the package's first use imports its country modules
    holidays_seconds = time.perf_counter() - began
    for run in range(args.runs):
        began, cpu = time.perf_counter(), time.process_time()
        proposal = find_slots(request)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, B on macOS
        print(
            json.dumps(
                {
                    "benchmark": "slots",
                    "classrooms": len(schedules),
                    "time_zones": len({c.time_zone for c in schedules}),
                    "weeks": args.weeks,
                    "run": run + 1,
                    "seconds": round(seconds, 4),
                    "cpu_seconds": round(cpu, 4),
                    "peak_mb": round(
                        (peak if sys.platform == "darwin" else peak * 1024) / 2**20, 1
                    ),
                    "best": len(proposal.best),
                    "top_attendees": len(proposal.best[0].attendees) if proposal.best else 0,
                    "covering": len(proposal.covering),
                    "isolated": len(proposal.isolated),
                    "compromises": len(proposal.compromises),
                    "cold": run == 0,
                    **({"holidays_seconds": round(holidays_seconds, 4)} if run == 0 else {}),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
