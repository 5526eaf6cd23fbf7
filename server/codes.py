"""Join codes, trainer codes, seat tokens and organiser keys, and how they are stored (hashed).

Join codes are read aloud on a call: 8 characters from an alphabet without look-alikes
(no 0/O, 1/I/L, U), shown as ABCD-EFGH: 30^8 ≈ 2^39 codes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ilot.game.net.joincodes import ALPHABET, normalise, show  # noqa: F401  (re-exported)

JOIN_LEN = 8
TRAINER_LEN = 12  # ≈ 59 bits


def _random_code(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_join_code() -> str:
    return _random_code(JOIN_LEN)


def new_trainer_code() -> str:
    return _random_code(TRAINER_LEN)


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
