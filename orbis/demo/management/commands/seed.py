"""`orbis seed --teachers N [--seed S]`: load a large synthetic world, for load tests and demos
of search at scale."""

import argparse
import time

from django.core.management.base import BaseCommand

from orbis.core.world import DEFAULT_SEED, build_world
from orbis.demo.loader import DEMO_PASSWORD, load_world


def _teacher_count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("the number of teachers can't be negative")
    return value


class Command(BaseCommand):
    help = (
        "Load a world of N teachers (the curated demo teachers, then synthetic ones) with their "
        "schools, classrooms and students. Loading again creates nothing new. Run `orbis migrate` "
        "first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--teachers", type=_teacher_count, required=True, help="How many teachers."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the synthetic teachers (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        world = build_world(teachers=options["teachers"], seed=options["seed"])
        built = time.perf_counter()
        report = load_world(world, password=DEMO_PASSWORD)
        loaded = time.perf_counter()
        self.stdout.write(
            f"Built a world of {len(world.teachers)} teachers, {len(world.classrooms)} classrooms "
            f"and {len(world.students)} students in {len(world.countries())} countries "
            f"in {built - started:.2f} s."
        )
        self.stdout.write(f"Loaded it in {loaded - built:.2f} s: {report.summary()}.")
        self.stdout.write(
            self.style.SUCCESS(f"Every seeded teacher logs in with the password {DEMO_PASSWORD}.")
        )
