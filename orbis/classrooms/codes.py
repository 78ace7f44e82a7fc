"""Join codes: a classroom's code that its students type to join. Short, easy to read aloud,
hard to guess."""

import re
import secrets

from orbis.core.codes import JOIN_CODE_ALPHABET as CODE_ALPHABET
from orbis.core.codes import JOIN_CODE_LENGTH as CODE_LENGTH


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a person typed ("abcd-efgh ") as stored ("ABCDEFGH")."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code
