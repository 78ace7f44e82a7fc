"""The vocabularies the generator draws from: subject titles, nicknames, interests.

The codes themselves (subjects, approaches, CEFR levels) are shared: see orbis/core/codes.py.
"""

from orbis.core.codes import SUBJECTS

SUBJECT_TITLES = {
    "languages": "Languages",
    "english": "English",
    "literature": "Literature",
    "mathematics": "Mathematics",
    "science": "Science",
    "biology": "Biology",
    "chemistry": "Chemistry",
    "physics": "Physics",
    "geography": "Geography",
    "history": "History",
    "social-studies": "Social Studies",
    "citizenship": "Citizenship",
    "arts": "Arts",
    "music": "Music",
    "physical-education": "PE",
    "technology": "Computing",
    "economics": "Economics",
    "religion-ethics": "Ethics",
    "environment": "Environmental Studies",
    "primary": "Class",
}
assert tuple(SUBJECT_TITLES) == SUBJECTS, "a title for every subject code, in the same order"
# What a primary class learns beside everything else (also drawn by orbis.core.matching.synthetic).
PRIMARY_EXTRAS = ("arts", "music", "environment", "english", "science", "geography")
# Windows in which a class could meet live: a double lesson up to a morning.
_PERIOD_MINUTES = (60, 80, 90, 100, 120, 150, 180)

NICKNAMES = (
    "Puma",
    "Condor",
    "Jaguar",
    "Quetzal",
    "Lynx",
    "Otter",
    "Falcon",
    "Heron",
    "Ibis",
    "Koala",
    "Panda",
    "Orca",
    "Tiger",
    "Yak",
    "Zebra",
    "Fox",
    "Owl",
    "Kiwi",
    "Lemur",
    "Toucan",
    "Bison",
    "Gecko",
    "Macaw",
    "Hornbill",
    "Tapir",
    "Walrus",
    "Wombat",
    "Narwhal",
    "Ocelot",
    "Pelican",
    "Alpaca",
    "Beaver",
    "Dolphin",
    "Eagle",
    "Flamingo",
    "Gazelle",
    "Hedgehog",
    "Iguana",
    "Jackal",
    "Kestrel",
    "Llama",
    "Manatee",
    "Newt",
    "Okapi",
    "Penguin",
    "Raven",
)

_INTERESTS = (
    "My students would love to compare daily life with a class far away.",
    "We are looking for a partner class to run a shared project on water and climate.",
    "We like writing letters and recording short videos for partner classes.",
    "I want my students to practise English with children who also learn it.",
    "We would like to map local plants and animals together with another school.",
    "My class wants to swap recipes, games and songs with a class abroad.",
    "We are keen on joint maths challenges built on real data from both towns.",
    "I am looking for a long-term partner for a year-long exchange.",
)
