"""Secret words: a student's password, easy to read aloud and to remember, hard to guess.
(Join codes are the classroom's: orbis/classrooms/codes.py.)"""

import secrets

from orbis.core.codes import SECRET_CONSONANTS as _CONSONANTS
from orbis.core.codes import SECRET_VOWELS as _VOWELS


def new_secret_word() -> str:
    """A pronounceable word and two digits, e.g. "kemo27"."""
    syllables = "".join(secrets.choice(_CONSONANTS) + secrets.choice(_VOWELS) for _ in range(2))
    return f"{syllables}{secrets.randbelow(90) + 10}"
