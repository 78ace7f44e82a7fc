"""The stable codes shared by the core and the Django side, defined once.

These are what the database stores and what the pure core computes with; the translated labels
live on the Django side (orbis/vocabulary.py). Order matters: it is the order of choices in
forms and the order the demo-world generators draw from.
"""

# How deep a partnership goes: a single exchange, a shared project, a joint product.
APPROACHES = ("connect", "collaborate", "create")

# How two classes meet: live sessions and the board, or the board only.
EXCHANGE_MODES = ("live", "async")

# The template modes each exchange mode takes: "live" means live sessions *and* asynchronous
# exchange, so a template made for the board only fits it too; "async" takes no live session.
MODES_ACCEPTED = {"live": ("live", "async"), "async": ("async",)}

# Common European Framework of Reference levels (a class's English).
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

# The United Nations' 17 Sustainable Development Goals, by number.
SDGS = range(1, 18)

# Subject slugs; "primary" is a primary class that learns everything with one teacher.
PRIMARY = "primary"
SUBJECTS = (
    "languages",
    "english",
    "literature",
    "mathematics",
    "science",
    "biology",
    "chemistry",
    "physics",
    "geography",
    "history",
    "social-studies",
    "citizenship",
    "arts",
    "music",
    "physical-education",
    "technology",
    "economics",
    "religion-ethics",
    "environment",
    PRIMARY,
)
# Every subject a secondary class may teach.
SECONDARY_SUBJECTS = tuple(code for code in SUBJECTS if code != PRIMARY)

# A classroom's join code: no 0/O, 1/I/L, since children read it from a board and type it.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8
# A student's secret word: two consonant-vowel syllables, then a number from 10 to 99.
SECRET_CONSONANTS = "bdfgkmnprstvz"
SECRET_VOWELS = "aeiou"
