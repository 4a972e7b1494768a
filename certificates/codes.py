"""Verification codes: 100 random bits in Crockford's base 32, which survives being read aloud or retyped."""
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")
# Letters people mistake for digits are read as the digits; separators and spaces are dropped.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(typed: str) -> str | None:
    """The code as stored, or None when what was typed cannot be a code at all."""
    code = (typed or "").strip().upper().translate(_READ_AS)
    return code if _VALID.match(code) else None
