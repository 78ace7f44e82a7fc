"""The query plans of the listing and search pages, on the load test's world: is an index used?

    uv run python benchmarks/explain.py [--teachers 10000] [--projects 5000] [--posts 200000]
    scripts/with-postgres uv run python benchmarks/explain.py ...

Builds the querysets the pages run (a partner search page, the partner index's read, the
project list, board listing, notification list, the dashboard's projects) for a signed-in
teacher of the world that
benchmarks/load.py seeds (seeding what is missing, in the same database), and prints one JSON
line per query: the tables read by a full scan, the indexes used, the execution time, and
`uses_index` — whether the query's main table is read through an index. PostgreSQL: EXPLAIN
(ANALYZE, FORMAT JSON); SQLite: EXPLAIN QUERY PLAN (no timings). --plan prints the raw plans.

A full scan is not always wrong: when most rows of a table qualify (the project list shows
most projects; the board's comments table is empty in this world), the planner rightly reads
it all. Read `full_scans` with `execution_ms`.
"""

import argparse
import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import configure


def queries(teacher, project):
    """(name, main table, queryset) of what the pages run, as the views build them."""
    from django.test import RequestFactory

    from orbis.board import selectors as board
    from orbis.partners import selectors as partners
    from orbis.projects import selectors as listing
    from orbis.projects.access import viewer_for
    from orbis.projects.selectors import projects_of

    classroom = teacher.classrooms.order_by("name", "pk").first()
    request = RequestFactory().get("/")
    request.user, request.student = teacher, None
    viewer = viewer_for(request, project)
    # Partner search scores every classroom from each process's index (orbis/partners/index.py,
    # built by one full read); a page then reads its 10 classrooms by primary key.
    from datetime import date

    from orbis.classrooms.models import Classroom
    from orbis.partners.index import entries

    results = partners.partner_search(
        classroom=classroom, filters=partners.SearchFilters(), week_of=date.today()
    )
    shown = [pk for pk, _score in results.ranked[:10]]
    notifications = teacher.notifications.all()
    index_rows = Classroom.objects.filter(teacher__is_active=True, teacher__school__isnull=False)
    assert next(entries(), None) is not None
    return [
        (
            "partner_search_page",
            "classrooms_classroom",
            Classroom.objects.filter(pk__in=shown).select_related("teacher__school"),
        ),
        ("partner_index_build", "classrooms_classroom", index_rows.values_list("pk")),
        ("project_list_ids", "projects_project", listing.project_search({})[:20].values("pk")),
        (
            "project_list_page",
            "projects_project",
            listing.shown_page(listing.project_search({})[:20]),
        ),
        ("project_list_count", "projects_project", _count(listing.project_search({}))),
        (
            "project_list_sdg",
            "projects_project",
            listing.shown_page(listing.project_search({"sdg": 13})[:20]),
        ),
        (
            "project_list_filtered",
            "projects_project",
            listing.shown_page(
                listing.project_search({"language": "en", "age": 10, "q": "water"})[:20]
            ),
        ),
        (
            "board_listing",
            "board_post",
            board.board_posts(project, viewer, filters={}, since=None)[:20],
        ),
        (
            "board_listing_count",
            "board_post",
            _count(board.board_posts(project, viewer, filters={}, since=None)),
        ),
        ("notification_list", "notifications_notification", notifications[:30]),
        (
            "notification_list_unread",
            "notifications_notification",
            notifications.filter(read_at__isnull=True)[:30],
        ),
        (
            "dashboard_projects",
            "projects_project",
            projects_of(teacher).select_related("owner")[:6],
        ),
    ]


def _count(queryset):
    """The COUNT the paginator runs."""
    return SimpleNamespace(count_of=queryset)


def sql_of(queryset) -> tuple[str, tuple]:
    from django.db import connection

    if isinstance(queryset, SimpleNamespace):
        # What QuerySet.count() sends for a grouped query: the count of a subquery.
        query = queryset.count_of.query.clone()
        query.clear_ordering(force=True)
        inner_sql, params = query.get_compiler(connection=connection).as_sql()
        return f"SELECT COUNT(*) FROM ({inner_sql}) subquery", params
    return queryset.query.get_compiler(connection=connection).as_sql()


def walk(node, found):
    kind = node.get("Node Type", "")
    relation = node.get("Relation Name")
    if kind == "Seq Scan":
        found["full_scans"].add(relation)
    if "Index" in kind:
        found["indexes"].add(f"{node.get('Index Name')} ({kind})")
    if relation and ("Index" in kind or kind == "Bitmap Heap Scan"):
        found["indexed"].add(relation)
    for child in node.get("Plans", []):
        walk(child, found)


def explain_postgres(cursor, sql, params, main):
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found = {"full_scans": set(), "indexes": set(), "indexed": set()}
    walk(plan[0]["Plan"], found)
    return {
        "uses_index": main in found["indexed"] and main not in found["full_scans"],
        "full_scans": sorted(found["full_scans"]),
        "indexes": sorted(found["indexes"]),
        "execution_ms": round(plan[0]["Execution Time"], 2),
    }, plan


def explain_sqlite(cursor, sql, params, main):
    cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
    rows = [row[-1] for row in cursor.fetchall()]
    full = sorted({r.split()[1] for r in rows if r.startswith("SCAN ") and "INDEX" not in r})
    indexes = sorted({r for r in rows if "INDEX" in r})
    started = time.perf_counter()
    cursor.execute(sql, params)
    cursor.fetchall()
    elapsed = (time.perf_counter() - started) * 1000
    return {
        "uses_index": main not in full,
        "full_scans": full,
        "indexes": indexes,
        "execution_ms": round(elapsed, 2),
    }, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=10000)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=200000)
    parser.add_argument("--classrooms", type=int, help="Default: twice --teachers.")
    parser.add_argument("--plan", action="store_true", help="Print the raw plans too.")
    args = parser.parse_args()
    args.reuse = True
    configure(args)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.load_world import ensure_world
    from orbis.accounts.models import User
    from orbis.board.models import Post
    from orbis.projects.models import Project

    call_command("migrate", verbosity=0, interactive=False)
    ensure_world(
        teachers=args.teachers,
        classrooms=args.classrooms,
        projects=args.projects,
        posts=args.posts,
        log=print,
    )
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # The teacher whose project has the most posts: the board query at its heaviest.
    busiest = (
        Post.objects.values("project_id")
        .annotate(n=django.db.models.Count("pk"))
        .order_by("-n")
        .first()
    )
    project = Project.objects.get(pk=busiest["project_id"])
    owner = User.objects.get(pk=project.owner_id)
    for name, main_table, queryset in queries(owner, project):
        sql, params = sql_of(queryset)
        with connection.cursor() as cursor:
            explain = explain_postgres if postgres else explain_sqlite
            result, plan = explain(cursor, sql, params, main_table)
        line = {"benchmark": "explain", "database": connection.vendor, "query": name, **result}
        if name.startswith("board"):
            line["posts_in_project"] = busiest["n"]
        print(json.dumps(line), flush=True)
        if args.plan:
            print(json.dumps(plan, indent=1) if postgres else "\n".join(plan))


if __name__ == "__main__":
    main()
