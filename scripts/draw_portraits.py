"""Draw the 24 character portraits of assets/portraits/ (p01.png … p24.png), with pygame only.

    python scripts/draw_portraits.py            # redraw them all into assets/portraits/
    python scripts/draw_portraits.py --out DIR  # somewhere else (to compare)
    python scripts/draw_portraits.py --sheet contact.png   # also a contact sheet of all 24

Flat, friendly busts on a soft round background, no text: varied skin tones, hair, ages,
glasses, headscarf, cap, work jacket… Each one is drawn at 4× and smooth-scaled to 128×128,
so its edges are soft. The drawing is deterministic: the same script gives the same pictures.
They are the Îlot project's own work, released under CC0 1.0 (see assets/portraits/LICENCE.md).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # after the prompt is hidden

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "portraits"
SIZE = 128
K = 4  # supersampling
S = SIZE * K

Colour = tuple[int, int, int]

SKINS: list[Colour] = [(255, 224, 196), (241, 194, 160), (224, 172, 128), (198, 134, 90),
                       (160, 100, 62), (112, 70, 44), (236, 188, 150), (92, 58, 38)]
HAIRS: dict[str, Colour] = {"black": (34, 28, 26), "brown": (92, 58, 34), "chestnut": (140, 78, 40),
                            "blond": (222, 186, 112), "red": (186, 82, 40), "grey": (170, 170, 172),
                            "white": (232, 230, 226), "dark": (58, 40, 30)}
BACKS: list[Colour] = [(207, 228, 242), (252, 226, 206), (222, 240, 214), (240, 224, 244),
                       (252, 242, 200), (214, 236, 236), (246, 214, 214), (228, 228, 246)]


@dataclass(frozen=True)
class Look:
    skin: int  # index in SKINS
    hair: str  # a style: short, long, bun, curly, afro, bald, ponytail, bob, crop, none
    hair_colour: str
    top: Colour  # clothes
    back: int  # index in BACKS
    top_kind: str = "sweater"  # sweater, shirt, jacket (work jacket, hi-vis), blazer, hoodie
    glasses: bool = False
    scarf: Colour | None = None  # a headscarf of this colour (covers the hair)
    cap: Colour | None = None
    beard: str = ""  # "", "beard", "moustache", "stubble"
    old: bool = False  # a few lines on the face
    earrings: bool = False


LOOKS: list[Look] = [
    Look(0, "bob", "blond", (70, 120, 190), 0, glasses=True, old=True),
    Look(5, "crop", "black", (232, 120, 40), 1, top_kind="jacket", beard="stubble"),
    Look(3, "long", "black", (170, 60, 90), 2, earrings=True),
    Look(1, "none", "brown", (60, 140, 110), 3, scarf=(120, 70, 150)),
    Look(2, "short", "grey", (90, 90, 110), 4, top_kind="blazer", glasses=True, beard="moustache", old=True),
    Look(6, "ponytail", "red", (110, 170, 90), 5, top_kind="hoodie"),
    Look(4, "afro", "black", (240, 190, 60), 6, earrings=True),
    Look(0, "bald", "white", (140, 110, 80), 7, top_kind="shirt", glasses=True, beard="beard", old=True),
    Look(7, "curly", "black", (60, 90, 150), 0, top_kind="jacket"),
    Look(2, "bun", "dark", (200, 90, 70), 1, glasses=True),
    Look(1, "short", "brown", (40, 60, 90), 2, top_kind="blazer"),
    Look(3, "none", "black", (30, 110, 140), 3, scarf=(220, 150, 60), glasses=True),
    Look(6, "crop", "chestnut", (90, 150, 200), 4, cap=(200, 60, 50), top_kind="hoodie", beard="beard"),
    Look(5, "bun", "black", (150, 60, 130), 5, earrings=True, old=True),
    Look(0, "long", "chestnut", (230, 140, 160), 6),
    Look(4, "short", "black", (232, 120, 40), 7, top_kind="jacket", glasses=True, beard="moustache"),
    Look(1, "bob", "white", (120, 150, 110), 0, old=True, earrings=True),
    Look(2, "crop", "dark", (60, 60, 70), 1, cap=(40, 90, 160), top_kind="jacket", beard="stubble"),
    Look(7, "ponytail", "black", (100, 180, 170), 2, glasses=True),
    Look(3, "short", "grey", (170, 120, 70), 3, top_kind="shirt", beard="beard", old=True),
    Look(6, "curly", "blond", (200, 80, 80), 4, top_kind="hoodie"),
    Look(2, "none", "black", (50, 70, 60), 5, scarf=(60, 120, 190), old=True),
    Look(5, "bald", "black", (80, 110, 170), 6, top_kind="blazer", glasses=True),
    Look(0, "short", "red", (140, 170, 60), 7, beard="beard"),
]


def shade(c: Colour, f: float) -> Colour:
    """Darker (f < 1) or lighter (f > 1) version of a colour."""
    if f <= 1:
        return (int(c[0] * f), int(c[1] * f), int(c[2] * f))
    return tuple(int(v + (255 - v) * (f - 1)) for v in c)  # type: ignore[return-value]


def r(x: float, y: float, w: float, h: float) -> pygame.Rect:
    """A rectangle in 128-pixel units, at the drawing's scale."""
    return pygame.Rect(round(x * K), round(y * K), round(w * K), round(h * K))


def ell(s: pygame.Surface, c: Colour, x: float, y: float, w: float, h: float) -> None:
    pygame.draw.ellipse(s, c, r(x, y, w, h))


def poly(s: pygame.Surface, c: Colour, pts: list[tuple[float, float]]) -> None:
    pygame.draw.polygon(s, c, [(x * K, y * K) for x, y in pts])


def line(s: pygame.Surface, c: Colour, a: tuple[float, float], b: tuple[float, float], w: float) -> None:
    pygame.draw.line(s, c, (a[0] * K, a[1] * K), (b[0] * K, b[1] * K), max(1, round(w * K)))


def arc(s: pygame.Surface, c: Colour, rect: tuple[float, float, float, float], a0: float, a1: float,
        w: float) -> None:
    pygame.draw.arc(s, c, r(*rect), a0, a1, max(1, round(w * K)))


# ----- the parts, back to front ---------------------------------------------------------------

def draw_back_hair(s: pygame.Surface, look: Look, hc: Colour) -> None:
    """Hair that falls behind the shoulders or the neck."""
    if look.scarf is not None:
        return
    if look.hair == "long":
        poly(s, hc, [(36, 44), (92, 44), (98, 104), (30, 104)])
        ell(s, hc, 34, 24, 60, 50)
    elif look.hair == "bob":
        ell(s, hc, 36, 26, 56, 58)
        s.fill(hc, r(36, 52, 56, 28))
    elif look.hair == "afro":
        ell(s, hc, 24, 10, 80, 74)
    elif look.hair == "curly":
        for cx, cy in [(40, 40), (88, 40), (38, 56), (90, 56), (46, 28), (82, 28), (64, 22)]:
            ell(s, hc, cx - 12, cy - 12, 24, 24)
    elif look.hair == "ponytail":
        ell(s, hc, 82, 44, 18, 40)


def draw_body(s: pygame.Surface, look: Look, skin: Colour) -> None:
    top = look.top
    # the neck, then the shoulders as a wide rounded block
    s.fill(shade(skin, 0.88), r(55, 70, 18, 22))
    ell(s, top, 18, 86, 92, 70)
    s.fill(top, r(18, 112, 92, 20))
    if look.top_kind == "jacket":  # a work jacket: collar, zip, hi-vis stripes
        line(s, shade(top, 0.7), (64, 92), (64, 128), 2)
        for y in (108, 116):
            s.fill((235, 235, 225), r(19, y, 90, 3))
        poly(s, shade(top, 0.8), [(50, 86), (64, 98), (78, 86), (74, 84), (64, 92), (54, 84)])
    elif look.top_kind == "blazer":  # a jacket over a light shirt, lapels
        poly(s, (236, 238, 242), [(54, 86), (74, 86), (68, 128), (60, 128)])
        poly(s, shade(top, 0.75), [(54, 86), (64, 106), (58, 128), (50, 128), (46, 92)])
        poly(s, shade(top, 0.75), [(74, 86), (64, 106), (70, 128), (78, 128), (82, 92)])
    elif look.top_kind == "shirt":  # a collared shirt
        poly(s, shade(top, 1.35), [(52, 86), (64, 98), (58, 102)])
        poly(s, shade(top, 1.35), [(76, 86), (64, 98), (70, 102)])
        for y in (104, 112, 120):
            ell(s, shade(top, 0.6), 63, y, 2.5, 2.5)
    elif look.top_kind == "hoodie":  # a hood behind the neck and two strings
        arc(s, shade(top, 0.75), (46, 80, 36, 20), 3.3, 6.1, 4)
        line(s, (240, 240, 240), (58, 94), (57, 108), 1.5)
        line(s, (240, 240, 240), (70, 94), (71, 108), 1.5)
    else:  # a round-necked sweater
        arc(s, shade(top, 0.75), (52, 82, 24, 14), 3.4, 6.0, 2.5)


def draw_face(s: pygame.Surface, look: Look, skin: Colour, hc: Colour) -> None:
    ell(s, skin, 35, 49, 9, 14)  # ears
    ell(s, skin, 84, 49, 9, 14)
    ell(s, skin, 39, 26, 50, 56)  # the head
    if look.earrings:
        ell(s, (240, 200, 70), 36.5, 61, 5, 5)
        ell(s, (240, 200, 70), 86.5, 61, 5, 5)
    eye = (40, 34, 34)
    ell(s, eye, 52, 50, 5, 6)
    ell(s, eye, 71, 50, 5, 6)
    brow = shade(hc, 0.8) if look.hair != "bald" and look.hair_colour not in ("white", "grey") else (120, 110, 100)
    line(s, brow, (50, 45), (58, 44), 1.6)
    line(s, brow, (70, 44), (78, 45), 1.6)
    line(s, shade(skin, 0.75), (64, 54), (62, 62), 1.2)  # the nose
    ell(s, shade(skin, 1.0), 60, 60, 4, 3)
    ell(s, (236, 140, 130), 46, 59, 8, 5)  # cheeks
    ell(s, (236, 140, 130), 74, 59, 8, 5)
    if look.beard == "beard":
        poly(s, hc, [(40, 54), (43, 68), (52, 78), (64, 82), (76, 78), (85, 68), (88, 54), (82, 62),
                     (76, 70), (64, 73), (52, 70), (46, 62)])
        poly(s, hc, [(54, 65), (64, 62.5), (74, 65), (72, 67), (64, 65.5), (56, 67)])
    elif look.beard == "stubble":
        stub = shade(skin, 0.78)
        poly(s, stub, [(42, 62), (48, 74), (64, 81), (80, 74), (86, 62), (78, 70), (50, 70)])
    mouth = (150, 60, 60)
    if look.beard == "moustache":
        poly(s, hc, [(55, 65), (64, 63), (73, 65), (71, 68), (64, 66.5), (57, 68)])
    arc(s, mouth, (56, 62, 16, 9), 3.5, 5.9, 1.8)  # a smile
    if look.old:
        wrinkle = shade(skin, 0.8)
        arc(s, wrinkle, (45, 47, 8, 8), 3.6, 4.6, 0.8)
        arc(s, wrinkle, (75, 47, 8, 8), 4.8, 5.8, 0.8)
        line(s, wrinkle, (58, 38), (70, 38), 0.8)
    if look.glasses:
        frame = (50, 50, 60)
        pygame.draw.ellipse(s, frame, r(47, 46, 14, 12), round(1.6 * K))
        pygame.draw.ellipse(s, frame, r(66, 46, 14, 12), round(1.6 * K))
        line(s, frame, (61, 51), (66, 51), 1.6)
        line(s, frame, (47, 50), (41, 48), 1.4)
        line(s, frame, (80, 50), (87, 48), 1.4)


def draw_front_hair(s: pygame.Surface, look: Look, hc: Colour) -> None:
    h = look.hair
    if look.scarf is not None:
        return
    if h in ("short", "crop", "bun", "ponytail", "long", "bob", "curly"):
        # a cap of hair over the top of the head
        top = 20 if h != "crop" else 23
        ell(s, hc, 37, top, 54, 32)
        if h == "short":
            poly(s, hc, [(38, 40), (48, 28), (70, 32), (88, 40), (88, 46), (72, 36), (50, 38), (39, 48)])
        elif h == "crop":
            s.fill(hc, r(38, 34, 4, 10))
            s.fill(hc, r(86, 34, 4, 10))
        elif h in ("long", "bob"):
            poly(s, hc, [(38, 36), (64, 28), (90, 36), (90, 58), (84, 40), (60, 38), (42, 44), (38, 60)])
        elif h == "bun":
            ell(s, hc, 52, 8, 24, 20)
            poly(s, hc, [(38, 42), (64, 30), (90, 42), (84, 36), (44, 36)])
        elif h == "ponytail":
            poly(s, hc, [(38, 42), (56, 30), (90, 40), (80, 34), (46, 34)])
        elif h == "curly":
            for cx in (44, 54, 64, 74, 84):
                ell(s, hc, cx - 8, 22, 16, 16)
    elif h == "afro":
        ell(s, hc, 34, 14, 60, 30)
    elif h == "bald":
        ell(s, hc, 36, 44, 6, 10)
        ell(s, hc, 86, 44, 6, 10)


def draw_headwear(s: pygame.Surface, look: Look, skin: Colour) -> None:
    if look.scarf is not None:
        sc = look.scarf
        # a headscarf: a hood around the face and down over the shoulders
        ell(s, sc, 30, 18, 68, 78)
        poly(s, sc, [(34, 66), (94, 66), (104, 104), (24, 104)])
        ell(s, skin, 43, 32, 42, 46)  # the face shows through the opening
        pygame.draw.ellipse(s, shade(sc, 0.8), r(42, 31, 44, 48), round(2 * K))
    if look.cap is not None:
        cap = look.cap
        ell(s, cap, 37, 18, 54, 30)
        s.fill(cap, r(37, 32, 54, 8))
        ell(s, shade(cap, 0.75), 40, 36, 48, 8)  # the peak, towards us
        ell(s, shade(cap, 1.3), 61, 17, 6, 4)


def draw(look: Look) -> pygame.Surface:
    big = pygame.Surface((S, S))
    back = BACKS[look.back]
    big.fill(shade(back, 1.25))
    ell(big, back, 4, 4, 120, 120)
    skin, hc = SKINS[look.skin], HAIRS[look.hair_colour]
    draw_back_hair(big, look, hc)
    draw_body(big, look, skin)
    draw_face(big, look, skin, hc)
    draw_front_hair(big, look, hc)
    draw_headwear(big, look, skin)
    if look.scarf is not None:
        draw_face_only(big, look, skin, hc)
    return pygame.transform.smoothscale(big, (SIZE, SIZE))


def draw_face_only(s: pygame.Surface, look: Look, skin: Colour, hc: Colour) -> None:
    """The features again, over a headscarf's opening (no ears, no hair)."""
    eye = (40, 34, 34)
    ell(s, eye, 52, 50, 5, 6)
    ell(s, eye, 71, 50, 5, 6)
    line(s, (90, 70, 60), (50, 45), (58, 44), 1.6)
    line(s, (90, 70, 60), (70, 44), (78, 45), 1.6)
    line(s, shade(skin, 0.75), (64, 54), (62, 62), 1.2)
    ell(s, (236, 140, 130), 46, 59, 8, 5)
    ell(s, (236, 140, 130), 74, 59, 8, 5)
    arc(s, (150, 60, 60), (56, 62, 16, 9), 3.5, 5.9, 1.8)
    if look.old:
        wrinkle = shade(skin, 0.8)
        arc(s, wrinkle, (45, 47, 8, 8), 3.6, 4.6, 0.8)
        arc(s, wrinkle, (75, 47, 8, 8), 4.8, 5.8, 0.8)
    if look.glasses:
        frame = (50, 50, 60)
        pygame.draw.ellipse(s, frame, r(47, 46, 14, 12), round(1.6 * K))
        pygame.draw.ellipse(s, frame, r(66, 46, 14, 12), round(1.6 * K))
        line(s, frame, (61, 51), (66, 51), 1.6)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--sheet", type=Path, help="also write a contact sheet (6×4, at 64 and 128 px)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pictures = []
    for i, look in enumerate(LOOKS, start=1):
        pic = draw(look)
        pygame.image.save(pic, str(args.out / f"p{i:02d}.png"))
        pictures.append(pic)
    if args.sheet:
        sheet = pygame.Surface((6 * 132 + 6 * 68, 4 * 132))
        sheet.fill((255, 255, 255))
        for i, pic in enumerate(pictures):
            x, y = (i % 6) * 132, (i // 6) * 132
            sheet.blit(pic, (x + 2, y + 2))
            sheet.blit(pygame.transform.smoothscale(pic, (64, 64)), (6 * 132 + (i % 6) * 68, y + 2))
        pygame.image.save(sheet, str(args.sheet))
    print(f"{len(pictures)} portraits in {args.out}")


if __name__ == "__main__":
    main()
