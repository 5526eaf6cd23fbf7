"""French typography's no-break spaces (U+00A0 before « : », inside « », U+202F before % and
units) are drawn as spaces and never become line breaks: not in the client's own word wrap,
not in the side panels' rich text, not in pygame_gui's text boxes (header, tool tips)."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import UITextBox

from ilot.game.client import richtext
from ilot.game.client.app import THEME
from ilot.game.client.fonts import font, one_line, words, wrap
from ilot.game.text import lang_for

NBSP, NNBSP = "\u00a0", "\u202f"
GLUED = ["«" + NBSP + "oui" + NBSP + "»", "16" + NNBSP + "%", "Charges" + NBSP + ":",
         "1" + NNBSP + "500" + NBSP + "€", "0,25" + NNBSP + "h"]
TEXT = " ".join(["Le", "vote", "dit", GLUED[0], "pour", GLUED[1], "des", GLUED[2], GLUED[3],
                 "et", GLUED[4], "par", "semaine"] * 3)


def _broken(lines: list[str]) -> list[str]:
    """Lines that start or end where a no-break space should have held two parts together."""
    return [ln for ln in lines if ln.startswith(("»", "%", ":", "€", "h ", "500"))
            or ln.endswith(("«", "16", "Charges", "1", "0,25"))]


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


def test_words_split_at_ordinary_spaces_only():
    assert words("a " + GLUED[0] + "\tb\n" + GLUED[1]) == ["a", GLUED[0], "b", GLUED[1]]
    assert one_line("  x " + GLUED[2] + "   y ") == "x " + GLUED[2] + " y"
    assert richtext._words("a " + GLUED[0] + " " + GLUED[1]) == ["a ", GLUED[0] + " ", GLUED[1]]


def test_the_word_wrap_keeps_no_break_spaces_and_never_breaks_there():
    f = font(14)
    for width in range(60, 420, 7):
        lines = wrap(TEXT, f, width, max_lines=100)
        assert _broken(lines) == [], width
        assert all(g in "\n".join(lines) for g in GLUED), width  # kept, not made spaces
    # a no-break space draws as a space (not a missing-glyph box), narrow or not
    assert 0 < f.size(NNBSP)[0] <= f.size(NBSP)[0] == f.size(" ")[0]


def test_rich_text_keeps_a_glued_group_on_one_line():
    """Each paragraph line is made of whole `_words`: a group glued by no-break spaces
    moves to the next line as a whole."""
    f = richtext._font(14, False, False)
    for width in range(60, 420, 11):
        lines, line, x = [], "", 0
        for word in richtext._words(TEXT):  # the same rule as render_paragraph
            w = f.size(word)[0]
            if x + w > width and x > 0 and word.strip(" "):
                lines.append(line)
                line, x = "", 0
                word = word.lstrip(" ")
                w = f.size(word)[0]
            line += word
            x += w
        lines.append(line)
        assert _broken([ln.strip(" ") for ln in lines]) == [], width
        assert len(richtext.render_paragraph(TEXT, width, 14)) == len(lines), width


def test_pygame_gui_text_boxes_never_break_at_a_no_break_space():
    pygame.display.set_mode((500, 400))
    ui = pygame_gui.UIManager((500, 400), str(THEME))
    for width in range(120, 480, 9):
        box = UITextBox(TEXT, pygame.Rect(0, 0, width, 390), ui)
        rows = ["".join(getattr(chunk, "text", "") for chunk in row.items).strip(" ")
                for row in box.text_box_layout.layout_rows]
        assert _broken(rows) == [], (width, rows)
        box.kill()


def test_french_messages_carry_the_no_break_spaces():
    fr = lang_for("fr")
    assert fr.t("ui.space_selected", name="Cour") == "Espace" + NBSP + ": Cour"
    assert fr.t("ui.phase_next") == "Phase suivante" + NBSP + "»"
    assert fr.percent(0.16) == "16" + NNBSP + "%"
