"""Join codes as people read them aloud on a call: 8 characters from an alphabet without
look-alikes (no 0/O, 1/I/L, U), shown as ABCD-EFGH. Shared by the server and the clients."""

from __future__ import annotations

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise(code: str) -> str:
    """What a person typed → the stored form: upper case, no dashes or spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_LOOKALIKE)


def show(code: str) -> str:
    """ABCDEFGH (or already ABCD-EFGH) → ABCD-EFGH (groups of four)."""
    code = code.replace("-", "")
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
