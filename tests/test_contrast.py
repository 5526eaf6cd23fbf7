"""Readable by everyone: every text colour on its background meets WCAG 2.x contrast (4.5:1, or
3:1 for large text), whatever draws it: our own drawing (palette.TEXT_PAIRS), pygame_gui's
widgets as the client's theme.json and the replay's theme resolve them, a use's badge on any
colour a trainer writes; and no drawing module writes a colour of its own (one source)."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UILabel,
    UIPanel,
    UISelectionList,
    UITextBox,
    UITextEntryLine,
    UITooltip,
)

from ilot.game import palette as pal
from ilot.game.palette import AA, AA_LARGE, contrast, is_large, luminance

ROOT = Path(__file__).resolve().parents[1]
THEME = ROOT / "game" / "client" / "theme.json"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.json"))


# ----- the contrast function ----------------------------------------------------------------------
def test_contrast_ratio_as_wcag_defines_it():
    assert luminance("#000000") == 0 and luminance("#ffffff") == 1
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#fff") == 1
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#ffeb3b", "#ffffff") == pytest.approx(1.22, abs=0.01)  # « HE » before
    assert contrast("#2e9d5b", "#fbfaf6") == contrast("#fbfaf6", "#2e9d5b")
    assert contrast((46, 157, 91), "#fbfaf6") == contrast("#2e9d5b", "#fbfaf6")
    assert is_large(24) and is_large(18.67, bold=True)
    assert not is_large(23) and not is_large(18, bold=True)


# ----- pairs our own code draws -------------------------------------------------------------------
def test_every_registered_text_pair_is_readable():
    low = [f"{name}: {p.fg} on {p.bg} is {p.ratio:.2f}:1, needs {p.needed}:1"
           for name, p in pal.TEXT_PAIRS.items() if p.ratio < p.needed]
    assert not low, "\n".join(low)
    # the map's names are readable over the darkest a space can be, and over black
    assert pal.TEXT_PAIRS["map.name.black"].ratio >= AA


def _colour_literals(path: Path) -> list[str]:
    """Colours written in a module rather than taken from the palette: '#rrggbb' strings (not
    docstrings) and (r, g, b[, a]) tuples given to pygame's drawing, filling and rendering."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    found = []

    def rgb_tuple(node: ast.AST) -> bool:
        return (isinstance(node, ast.Tuple) and len(node.elts) in (3, 4)
                and all(isinstance(e, ast.Constant) and type(e.value) is int and 0 <= e.value <= 255
                        for e in node.elts))

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            if re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            owner = f.value.attr if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute) \
                else f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            args = node.args
            if owner == "draw":
                args = args[1:2]
            elif name == "render":
                args = args[2:]
            elif name == "fill":
                args = args[:1]
            elif name != "Color":
                args = []
            if name == "Color" and args and all(isinstance(a, ast.Constant) for a in args):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: Color{tuple(a.value for a in args)}")
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(a)}" for a in args if rgb_tuple(a)]
        elif isinstance(node, ast.Assign) and rgb_tuple(node.value) and any(
                isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_drawing_module_writes_its_own_colours():
    """Every colour the client, the replay and the report draw comes from ilot.game.palette,
    where its text pairs are registered and checked above."""
    found = [hit for folder in ("game/client", "game/debrief")
             for path in sorted((ROOT / folder).rglob("*.py")) for hit in _colour_literals(path)]
    assert not found, "name these colours in game/palette.py:\n" + "\n".join(found)


def _palette_colours() -> set[str]:
    return {v.lower() for k, v in vars(pal).items() if k.isupper() and isinstance(v, str) and v.startswith("#")}


def test_client_modules_draw_text_only_in_registered_pairs():
    """A colour a client module takes from the palette is part of a registered text pair (as
    the text or its background), or of the theme's: nothing drawn goes unchecked."""
    registered = {c.lower() for p in pal.TEXT_PAIRS.values() for c in (p.fg, p.bg)}
    themed = {c.lower() for c in _theme_colours(json.loads(THEME.read_text(encoding="utf-8")))}
    loose = []
    for path in sorted((ROOT / "game" / "client").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "ilot.game.palette":
                for alias in node.names:
                    value = getattr(pal, alias.name)
                    colours = [value] if isinstance(value, str) else list(value.values()) \
                        if isinstance(value, dict) else []
                    loose += [f"{path.relative_to(ROOT)}: {alias.name} {c}" for c in colours
                              if c.startswith("#") and c.lower() not in registered | themed]
    assert not loose, "\n".join(loose)


# ----- pygame_gui's widgets, as the theme resolves them -----------------------------------------
def _theme_colours(theme: dict) -> list[str]:
    return [v for block in theme.values() for v in block.get("colours", {}).values()]


def test_the_client_theme_speaks_the_palette():
    """theme.json holds pygame_gui's colours; each is one of the palette's named colours."""
    theme = json.loads(THEME.read_text(encoding="utf-8"))
    unnamed = sorted({c for c in _theme_colours(theme) if c.lower() not in _palette_colours()})
    assert not unnamed, f"name these in game/palette.py: {unnamed}"


def _container_bg(ui, el) -> pygame.Color:
    """What shows behind a see-through element: its container's background."""
    container = el.ui_container.get_container() if hasattr(el.ui_container, "get_container") else el.ui_container
    panel = getattr(container, "parent_element", None) or getattr(el.ui_container, "parent_element", None)
    for owner in (panel, getattr(el, "ui_container", None)):
        bg = getattr(owner, "background_colour", None)
        if isinstance(bg, pygame.Color) and bg.a:
            return bg
    return ui.get_theme().get_colour_or_gradient("dark_bg", [])


def _widget_pairs(ui) -> list[tuple[str, pygame.Color, pygame.Color]]:
    """(what, text, background) for every text state of every widget alive in `ui`."""
    theme = ui.get_theme()
    out = []

    def c(el, cid: str) -> pygame.Color:
        colour = theme.get_colour_or_gradient(cid, el.combined_element_ids)
        assert isinstance(colour, pygame.Color), (el.most_specific_combined_id, cid)  # no gradients
        return colour

    for el in ui.get_sprite_group().sprites():
        what = el.most_specific_combined_id
        if isinstance(el, UIButton):
            out += [(f"{what} {s}", c(el, f"{s}_text"), c(el, f"{s}_bg"))
                    for s in ("normal", "hovered", "disabled", "selected", "active")]
        elif isinstance(el, UILabel):
            bg = c(el, "dark_bg")
            if bg.a == 0:
                bg = _container_bg(ui, el)
            out.append((what, c(el, "normal_text"), bg))  # the client never disables a label
        elif isinstance(el, UITextEntryLine):  # its placeholder is drawn in its normal text colour
            out += [(what, c(el, "normal_text"), c(el, "dark_bg")),
                    (f"{what} selection", c(el, "selected_text"), c(el, "selected_bg")),
                    (f"{what} disabled", c(el, "disabled_text"), c(el, "disabled_dark_bg"))]
        elif isinstance(el, UITextBox):
            bg = c(el, "dark_bg")
            out += [(what, c(el, "normal_text"), bg),
                    (f"{what} selection", c(el, "selected_text"), c(el, "selected_bg"))]
            out += [(f"{what} {k}", c(el, k), bg) for k in ("link_text", "link_hover", "link_selected")]
    return out


def _low(pairs) -> list[str]:
    return [f"{what}: {pal.hex_colour(tuple(fg))} on {pal.hex_colour(tuple(bg))} is "
            f"{contrast(tuple(fg), tuple(bg)):.2f}:1" for what, fg, bg in pairs
            if contrast(tuple(fg), tuple(bg)) < AA]


# the client's object ids, where they are used (a new one must be added here to be checked)
LABELS = (("#side", "#label"), ("#side", "#hint"), ("#side", "#title"), ("#card", "#label"),
          ("#card", "#card_title"), ("#header", "#header_title"), ("#header", "#header_timer"),
          ("#banner", "#banner"))
BUTTONS = ("#button", "#selected", "#danger", "#member")
CONTAINERS = ("#side", "#card", "#header", "#richbox", "#banner")


@pytest.fixture
def ui_env():
    pygame.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.quit()


def test_every_object_id_of_the_client_is_checked():
    used = set()
    for path in (ROOT / "game" / "client").rglob("*.py"):
        used |= set(re.findall(r'object_id=(?:oid|object_id|)"?(#\w+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'"(#\w+)" if ', path.read_text(encoding="utf-8")))
    checked = {oid for _, oid in LABELS} | set(BUTTONS) | set(CONTAINERS) | {"#header_text"}
    assert used and used <= checked, used - checked
    theme = json.loads(THEME.read_text(encoding="utf-8"))
    assert {k for k in theme if k != "defaults"} <= checked | {"#text", "#big_text"}


def _build_everything(ui) -> None:
    """One of each widget the client makes, in the containers it puts them in, with a drop-down
    opened (its list's items are buttons) and a tooltip shown."""
    r = pygame.Rect(0, 0, 200, 40)
    panels = {"#side": UIPanel(pygame.Rect(0, 0, 400, 600), manager=ui, object_id="#side")}
    panels["#header"] = UIPanel(pygame.Rect(400, 0, 400, 140), manager=ui, object_id="#header")
    panels["#card"] = UIPanel(pygame.Rect(10, 300, 200, 200), manager=ui, container=panels["#side"],
                              object_id="#card")
    panels["#banner"] = UIPanel(pygame.Rect(400, 200, 300, 40), manager=ui, object_id="#banner")
    for where, oid in LABELS:
        UILabel(r, "Étiquette", ui, container=panels[where], object_id=oid)
    for oid in BUTTONS:
        UIButton(r, "Bouton", ui, container=panels["#side"], object_id=oid, tool_tip_text="Aide")
    UIButton(r, "Phase suivante »", ui, container=panels["#header"], object_id="#button")
    UITextBox("Consignes <a href='x'>lien</a>", pygame.Rect(0, 36, 380, 60), ui,
              container=panels["#header"], object_id="#header_text")
    UITextEntryLine(r, ui, container=panels["#side"], placeholder_text="Votre nom")
    UISelectionList(pygame.Rect(0, 100, 200, 80), ["a", "b", "c", "d", "e"], ui, container=panels["#side"],
                    allow_multi_select=True)
    menu = UIDropDownMenu(["un", "deux"], "un", pygame.Rect(0, 200, 200, 30), ui, container=panels["#side"],
                          expand_on_option_click=True)
    menu.current_state.finish()
    menu.current_state = menu.menu_states["expanded"]
    menu.current_state.start()
    UITooltip("Une aide", (0, 0), ui)


def test_client_widgets_as_the_theme_resolves_them(ui_env):
    ui = pygame_gui.UIManager((800, 600), str(THEME), enable_live_theme_updates=False)
    _build_everything(ui)
    pairs = _widget_pairs(ui)
    kinds = {what.split(".")[-1].split(" ")[0] for what, _, _ in pairs}
    assert {"#header_title", "#hint", "#selected", "#item_list_item", "#expand_button",
            "#header_text"} <= kinds, kinds  # the drop-down's list and button, a tooltip's box…
    assert any("tool_tip" in what for what, _, _ in pairs)
    assert not _low(pairs), "\n".join(_low(pairs))


def test_replay_widgets_as_its_theme_resolves_them(ui_env):
    ui = pygame_gui.UIManager((800, 600), pal.replay_theme(), enable_live_theme_updates=False)
    r = pygame.Rect(0, 0, 120, 30)
    UIButton(r, "Lecture", ui, tool_tip_text="Phase suivante").disable()
    UIButton(r, "Journal", ui).select()
    UITextEntryLine(pygame.Rect(0, 40, 300, 30), ui, placeholder_text="Note de débriefing")
    UITooltip("Phase suivante", (0, 0), ui)
    pairs = _widget_pairs(ui)
    assert len(pairs) >= 12
    assert not _low(pairs), "\n".join(_low(pairs))


# ----- use badges ------------------------------------------------------------------------------------
def _use_colours() -> list[tuple[str, str, str]]:
    out = []
    for path in SCENARIOS:
        for use in json.loads(path.read_text(encoding="utf-8"))["uses"]:
            out.append((path.stem, use.get("icon") or use["name"][:2], use.get("colour", "#7f8c8d")))
    return out


def _sweep() -> list[str]:
    steps = range(0, 256, 17)
    return ([pal.hex_colour((r, g, b)) for r in steps for g in steps for b in steps]
            + [pal.hex_colour((v, v, v)) for v in range(256)])


def _check_badge(colour: str, large: bool = False) -> None:
    fill, ink = pal.badge(colour, large)
    need = AA_LARGE if large else AA
    assert ink in (pal.BADGE_DARK, pal.BADGE_LIGHT)
    assert contrast(fill, ink) >= need, (colour, fill, ink)
    best = max(contrast(pal.BADGE_DARK, colour), contrast(pal.BADGE_LIGHT, colour))
    if best >= need:  # readable as it is: the use's own colour, the better of the two inks
        assert fill == colour and contrast(ink, colour) == best, colour
    else:  # shaded only as much as needed: one step less would not do
        dark = luminance(fill) < luminance(colour)
        towards = "#000000" if dark else pal.WHITE
        k = next(k for k in range(1, 101) if pal.mix(colour, towards, k / 100) == fill)
        assert contrast(pal.mix(colour, towards, (k - 1) / 100), ink) < need, colour


def test_badges_of_every_use_of_the_shipped_scenarios():
    uses = _use_colours()
    assert len(uses) >= 30 and ("ilot_des_tilleuls", "HE", "#ffeb3b") in uses
    for _, _, colour in uses:
        _check_badge(colour)
    # the cases: white on these light colours was below 3:1
    assert [code for _, code, c in uses if contrast(pal.WHITE, c) < 3] and all(
        pal.badge(c)[1] == pal.BADGE_DARK for _, _, c in uses if contrast(pal.WHITE, c) < 3)
    assert pal.badge("#ffeb3b") == ("#ffeb3b", pal.INK)  # « HE »: dark on its yellow, 12.8:1


def test_badges_over_a_sweep_of_colours():
    colours = _sweep()
    shaded = 0
    for colour in colours:
        _check_badge(colour)
        _check_badge(colour, large=True)
        shaded += pal.badge(colour)[0] != colour
    assert 0 < shaded < len(colours) // 4  # most colours are kept as the trainer wrote them


def test_markup_colours_in_the_side_panel_are_made_readable(ui_env):
    from ilot.game.client import richtext
    bg = richtext.BG
    for colour in ("#2e9d5b", "#e5892b", "#b8860b", "#ffeb3b", "#ffffff", pal.GOOD, pal.CAUTION):
        c = richtext._hex(colour)
        assert contrast((c.r, c.g, c.b), (bg.r, bg.g, bg.b)) >= AA, colour
    assert richtext._hex(pal.GOOD) == pygame.Color(pal.GOOD)  # a registered colour is kept
