"""Who each shipped portrait (assets/portraits/pNN.png) looks like, as plain data: the client
matches a persona's bio to a face (client/portraits.py) and bot participants give the characters
they write a face that fits (server/bot_characters.py), without loading any picture."""

from __future__ import annotations

# who each shipped portrait looks like: (« f », « m » or « » for either, « young » < 30 ≤ « mid »
# < 60 ≤ « old »), so that a scenario persona without a `portrait` gets a likely face
LOOKS: dict[str, tuple[str, str]] = {
    "p01": ("f", "old"), "p02": ("m", "mid"), "p03": ("f", "mid"), "p04": ("f", "mid"),
    "p05": ("m", "old"), "p06": ("f", "young"), "p07": ("f", "mid"), "p08": ("m", "old"),
    "p09": ("m", "young"), "p10": ("f", "mid"), "p11": ("m", "mid"), "p12": ("f", "mid"),
    "p13": ("m", "young"), "p14": ("f", "old"), "p15": ("f", "young"), "p16": ("m", "mid"),
    "p17": ("f", "old"), "p18": ("m", "mid"), "p19": ("f", "mid"), "p20": ("m", "old"),
    "p21": ("f", "young"), "p22": ("f", "old"), "p23": ("m", "mid"), "p24": ("m", "mid"),
}
