"""The hand-curated default teachers, in order: the story teachers, then the rest by region."""

from orbis.core.world.curated_americas import CURATED_AMERICAS
from orbis.core.world.curated_asia_oceania import CURATED_ASIA_OCEANIA
from orbis.core.world.curated_europe_africa import CURATED_EUROPE_AFRICA
from orbis.core.world.specs import _Curated, _room, _teacher

# The teachers of our product stories first (Gisel, Jhansi, Olenka), then the rest by region.
CURATED: tuple[_Curated, ...] = (
    _teacher(
        "Gisel Crespo",
        "AR",
        "Rosario",
        "Escuela N° 1340 Juana Azurduy",
        "es en",
        "Primary teacher in Rosario. My classes study rivers, climate and how our city uses the "
        "Paraná; we love comparing notes with classes on other continents.",
        _room(
            "6th grade B",
            "6º B",
            (11, 12),
            28,
            "geography social-studies",
            (6, 13),
            periods=((1, "07:40-09:00, 13:00-14:10"), (3, "07:40-09:00, 14:30-15:50")),
            nicknames=("Puma", "Condor", "Carpincho", "Hornero"),
            english_level="A2",
        ),
        _room(
            "7th grade A",
            "7º A",
            (12, 13),
            26,
            "geography english",
            (11, 13, 15),
            "collaborate create",
        ),
    ),
    _teacher(
        "Jhansi Reddy",
        "IN",
        "Hyderabad",
        "Sri Vidya Niketan High School",
        "en te hi",
        "I teach science and English to middle-schoolers in Hyderabad. We want to run joint "
        "experiments on water and air quality with classes abroad.",
        _room(
            "Class 7 Science",
            "Class 7-A",
            (12, 13),
            38,
            "science environment",
            (3, 6, 11),
            periods=((1, "12:30-14:00, 15:40-17:00"), (3, "12:30-13:30, 15:40-17:00")),
            nicknames=("Tiger", "Peacock", "Mango"),
            english_level="B1",
        ),
        _room(
            "Class 9 English",
            "Class 9-C",
            (14, 15),
            42,
            "english literature",
            (4, 5, 10),
            "connect create",
        ),
    ),
    _teacher(
        "Olenka Kovalenko",
        "UA",
        "Lviv",
        "Lviv Lyceum No. 73",
        "uk en pl",
        "English and history teacher in Lviv. My students want to tell their own stories and "
        "hear how young people elsewhere live and learn.",
        _room(
            "Form 8-B English",
            "8-B",
            (13, 14),
            27,
            "english history",
            (4, 16),
            "connect create",
            periods=((1, "09:30-10:50, 12:40-14:00"), (3, "09:00-10:20, 12:40-14:00")),
            nicknames=("Stork", "Lynx", "Sunflower"),
            english_level="B1",
        ),
        _room(
            "Form 10-A History",
            "10-A",
            (15, 16),
            25,
            "history citizenship",
            (10, 16),
            "collaborate",
            exchange_mode="async",
        ),
    ),
    *CURATED_AMERICAS,
    *CURATED_EUROPE_AFRICA,
    *CURATED_ASIA_OCEANIA,
)
