"""Codes of the project vocabulary (labels are translated in orbis/vocabulary.py)."""

# Approaches and exchange modes are shared with classrooms: see orbis/core/codes.py.

PHASES = ("definition", "execution", "reflection", "dissemination")
COMPETENCIES = (
    "intercultural-communication",
    "collaboration",
    "critical-thinking",
    "language",
    "digital-literacy",
    "global-citizenship",
    "empathy",
)
PROJECT_TYPES = (
    "explore-cultures",
    "cultural-exchange",
    "language-exchange",
    "joint-investigation",
    "global-challenge",
    "creative-product",
)
FINAL_PRODUCTS = (
    "video",
    "report",
    "digital-poster",
    "podcast",
    "proposal",
    "presentation",
    "photo-story",
    "e-book",
    "exhibition",
)
ACTIVITY_KINDS = (
    "icebreaker",
    "preparation",
    "class-work",
    "exchange",
    "live-session",
    "feedback",
    "presentation",
    "reflection",
    "celebration",
)
LANGUAGES = ("en", "es")  # languages the template library is written in

# Weeks of time available: 0 is a single exchange of one or two hours.
DURATIONS = (0, 1, 2, 3, 4, 6, 8, 10, 12)
MAX_WEEKS = 12
# The shortest time each approach needs (Connect can be a single exchange).
MIN_WEEKS = {"connect": 0, "collaborate": 2, "create": 4}
