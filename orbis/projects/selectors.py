"""Reads for the project listing, a teacher's projects and a project's open requests."""

from django.db.models import Case, Count, Q, QuerySet, Value, When

from orbis.partners.selectors import _json_has, _json_has_number

from .models import JoinRequest, Membership, Project


def listed_projects() -> QuerySet[Project]:
    return Project.objects.filter(
        visibility=Project.Visibility.PUBLIC,
        status__in=[Project.Status.OPEN, Project.Status.RUNNING, Project.Status.COMPLETED],
    ).select_related("owner__school")


# What a project's card in the listing shows (projects/project_list.html); the plan, the
# assistant's answers and the owner's account stay unread. A field the card starts to show
# must be added here, or each card asks for it in a query of its own.
CARD_FIELDS = (
    "token",
    "title",
    "central_question",
    "approach",
    "project_type",
    "age_min",
    "age_max",
    "start_date",
    "status",
    "max_partners",
    "owner__school__country",
)


def _listing_order(found: QuerySet[Project]) -> QuerySet[Project]:
    open_first = Case(When(status=Project.Status.OPEN, then=Value(0)), default=Value(1))
    return found.order_by(open_first, "start_date", "pk")


def shown_page(window: QuerySet[Project]) -> QuerySet[Project]:
    """The projects of one page of project_search (the paginator's slice of it), in its order,
    each with `partners`: how many classrooms besides the owner's take part. One query: the
    slice picks the page's ids (filtered and sorted in project_listing_idx alone), and only
    those projects are joined and their partners counted; counting every listed project
    before the sort cost most of the listing's time."""
    found = (
        Project.objects.filter(pk__in=window.values("pk"))
        .select_related("owner__school")
        .only(*CARD_FIELDS)
        .annotate(partners=Count("memberships", filter=~Q(memberships__role=Membership.Role.OWNER)))
    )
    return _listing_order(found)


def project_search(filters: dict) -> QuerySet[Project]:
    """Listed projects matching the listing's filters; open ones first, soonest first."""
    found = listed_projects()
    words = (filters.get("q") or "").split()
    for word in words[:8]:
        found = found.filter(
            Q(title__icontains=word)
            | Q(central_question__icontains=word)
            | Q(summary__icontains=word)
        )
    if filters.get("approach"):
        found = found.filter(approach=filters["approach"])
    if filters.get("sdg"):
        found = found.filter(_json_has_number("sdgs", filters["sdg"]))
    if filters.get("age") is not None:
        found = found.filter(age_min__lte=filters["age"], age_max__gte=filters["age"])
    if filters.get("language"):
        found = found.filter(_json_has("languages", filters["language"]))
    if filters.get("subject"):
        found = found.filter(_json_has("subjects", filters["subject"]))
    if filters.get("starts_after"):
        found = found.filter(start_date__gte=filters["starts_after"])
    return _listing_order(found)


def open_requests_for(project: Project):
    return project.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "classroom__teacher__school"
    )


def projects_of(user) -> QuerySet[Project]:
    # One subquery, the union of her projects and her classrooms' memberships: each side uses
    # its index. (A join needs DISTINCT, and "owner OR id IN (...)" makes PostgreSQL scan every
    # project.)
    owned = Project.objects.filter(owner=user).order_by().values("pk")
    theirs = Membership.objects.filter(classroom__teacher=user).order_by().values("project_id")
    return Project.objects.filter(pk__in=owned.union(theirs)).order_by("-updated_at")
