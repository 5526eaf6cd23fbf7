"""Join codes, trainer codes, seat tokens and organiser keys, and how they are stored (hashed).

Join codes are read aloud on a call: 8 characters from an alphabet without look-alikes
(no 0/O, 1/I/L, U), shown as ABCD-EFGH: 30^8 ≈ 2^39 codes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
JOIN_LEN = 8
TRAINER_LEN = 12  # ≈ 59 bits
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _random_code(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_join_code() -> str:
    return _random_code(JOIN_LEN)


def new_trainer_code() -> str:
    return _random_code(TRAINER_LEN)


def normalise(code: str) -> str:
    """What a person typed → the stored form: upper case, no dashes or spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_LOOKALIKE)


def show(code: str) -> str:
    """ABCDEFGH → ABCD-EFGH (groups of four)."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_token() -> str:
    """192 random bits, URL-safe; never starting with '-', so it can follow a CLI option."""
    while True:
        token = secrets.token_urlsafe(24)
        if token[0].isalnum():
            return token


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def matches(secret: str, stored_digest: str | None) -> bool:
    return stored_digest is not None and hmac.compare_digest(digest(secret), stored_digest)
