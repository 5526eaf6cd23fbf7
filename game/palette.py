"""Colours that mean the same thing in every window: the client's map and side panel, the replay."""

# a note's kind: pins on the client's map, dots on the replay's map, its legend
NOTE_COLOURS = {"force": "#2e9d5b", "probleme": "#c8372d", "idee": "#e5a72b"}
# the same kinds written as text on paper: the idea's amber darkened to stay readable
NOTE_TEXT_COLOURS = {**NOTE_COLOURS, "idee": "#b8860b"}
