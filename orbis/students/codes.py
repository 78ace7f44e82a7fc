"""Join codes and secret words: short, easy to read aloud, hard to guess."""

import re
import secrets

# No 0/O, 1/I/L: a code is read from a board and typed by children.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_CONSONANTS = "bdfgkmnprstvz"
_VOWELS = "aeiou"


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a person typed ("abcd-efgh ") as stored ("ABCDEFGH")."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def new_secret_word() -> str:
    """A pronounceable word and two digits, e.g. "kemo27"."""
    syllables = "".join(secrets.choice(_CONSONANTS) + secrets.choice(_VOWELS) for _ in range(2))
    return f"{syllables}{secrets.randbelow(90) + 10}"
