"""Exchange modes: "live" is live sessions *and* asynchronous exchange (the default), so the
assistant offers it the templates made for the board only too; "async" takes no live session."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from orbis.core.codes import EXCHANGE_MODES
from orbis.core.plans.fit import fits_mode
from orbis.core.plans.generator import choose_template, generate_plan, rank_templates
from orbis.core.plans.types import Reason

from .test_plan_generator import LIBRARY, request, requests


@given(st.sets(st.sampled_from(EXCHANGE_MODES), min_size=1))
def test_live_takes_every_template_async_only_the_board_ones(modes):
    assert fits_mode("live", tuple(modes))
    assert fits_mode("async", tuple(modes)) == ("async" in modes)


def test_a_live_project_gets_the_fitting_asynchronous_template():
    # water-watch is asynchronous only, and the one Collaborate template for 4 weeks.
    candidates = rank_templates(request(weeks=4, approach="collaborate", mode="live"), LIBRARY)
    assert [c.template.key for c in candidates] == ["water-watch"]
    assert candidates[0].relaxed == frozenset()  # no filter relaxed to reach it
    assert Reason("mode", "async") in candidates[0].reasons  # "works without live sessions"
    plan = generate_plan(request(weeks=4, approach="collaborate", mode="live"), LIBRARY)
    assert plan.template == "water-watch" and plan.sessions == []


def test_the_best_fit_wins_whatever_its_mode():
    # Ages, subject and goals that suit water-watch best: a live project is now given it.
    answers = dict(weeks=6, subject="science", sdgs=(6, 14), age_min=14, age_max=16)
    assert choose_template(request(mode="async", **answers), LIBRARY)[0].key == "water-watch"
    assert choose_template(request(mode="live", **answers), LIBRARY)[0].key == "water-watch"


@settings(deadline=None, max_examples=60)
@given(requests())
def test_a_live_project_is_offered_every_template_an_asynchronous_one_is(req):
    live = rank_templates(dataclasses.replace(req, mode="live"), LIBRARY)
    board = rank_templates(dataclasses.replace(req, mode="async"), LIBRARY)
    # Every template has a mode, so a live project never needs the mode filter relaxed alone.
    assert not live or live[0].relaxed != {"mode"}
    if board and not board[0].relaxed:
        assert not live[0].relaxed
        assert {c.template.key for c in board} <= {c.template.key for c in live}
