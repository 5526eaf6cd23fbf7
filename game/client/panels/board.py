"""The trainer's group board: one column per group, a name button per member; drag a name onto
another column to move that person (`move_member`). The pick-list stays as an alternative."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from ilot.game.palette import BLUE, WHITE

from ..fonts import font, wrap

if TYPE_CHECKING:
    from ..widgets import Form, Panel

DRAG_MIN = 6  # pixels the pointer must travel before a press becomes a drag


class GroupBoard:
    """The console's overlay (parts.Overlay) in its groups tab."""

    def __init__(self, panel: Panel, form: Form, height: int):
        self.panel = panel
        self.ctx = ctx = panel.ctx
        self.columns: list[tuple[str | None, UIPanel]] = []
        self.members: dict[UIButton, tuple[str, str | None]] = {}  # button -> (participant, group)
        self.drag: dict[str, Any] | None = None
        s, m = panel.state, panel.model
        cols: list[tuple[str | None, str, list[str]]] = [
            (g.id, ctx.lang.group(g.number) + (" *" if g.id == s.spotlight else ""), list(g.members))
            for g in s.groups.values()]
        free = [p for p in s.participants if s.group_of(p) is None]
        if free:
            cols.append((None, ctx.lang.t("ui.no_group"), free))
        if not cols:
            return
        gap = 4
        col_w = (form.w - 12 - gap * (len(cols) - 1)) // len(cols)
        most = max(1, max(len(c[2]) for c in cols))
        row_h = max(18, min(26, (height - 30) // most))
        f = font(12)
        for i, (gid, title, members) in enumerate(cols):
            rect = pygame.Rect(form.x + i * (col_w + gap), form.y, col_w, height)
            col = UIPanel(rect, manager=ctx.ui, container=form.container, object_id="#card")
            UILabel(pygame.Rect(2, 2, col_w - 8, 22), wrap(title, font(13, bold=True), col_w - 12,
                                                          max_lines=1)[0],
                    ctx.ui, container=col, object_id="#label")
            for j, pid in enumerate(members):
                name = m.name_of(pid)
                b = UIButton(pygame.Rect(2, 26 + j * row_h, col_w - 8, row_h - 2),
                             wrap(name, f, col_w - 16, max_lines=1)[0], ctx.ui,
                             container=col, tool_tip_text=name, object_id="#member")
                self.members[b] = (pid, gid)
                panel.keys[b] = f"member:{pid}"
            self.columns.append((gid, col))
        form.y += height + form.GAP

    def column_at(self, pos: tuple[int, int]) -> tuple[bool, str | None]:
        for gid, col in self.columns:
            if col.get_abs_rect().collidepoint(pos):
                return True, gid
        return False, None

    def on_mouse(self, event: pygame.event.Event) -> bool:
        """Press on a name, move, release on a column. True when the board used the event."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for b, (pid, gid) in self.members.items():
                if b.get_abs_rect().collidepoint(event.pos):
                    self.drag = {"pid": pid, "from": gid, "start": event.pos, "pos": event.pos,
                                 "moved": False}
                    return True
        elif event.type == pygame.MOUSEMOTION and self.drag is not None:
            self.drag["pos"] = event.pos
            sx, sy = self.drag["start"]
            if abs(event.pos[0] - sx) + abs(event.pos[1] - sy) >= DRAG_MIN:
                self.drag["moved"] = True
            return True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.drag is not None:
            drag, self.drag = self.drag, None
            hit, gid = self.column_at(event.pos)
            if hit and gid is not None and gid != drag["from"]:
                self.panel.act({"type": "move_member", "participant": drag["pid"], "group": gid})
            elif not drag["moved"]:  # a plain click picks the person in the pick-list below
                self.panel.sel["dd:who"] = drag["pid"]
                self.panel.rebuild()
            return True
        return False

    def draw(self, target: pygame.Surface) -> None:
        """The name under the pointer while dragging."""
        if self.drag is None or not self.drag["moved"]:
            return
        img = font(13, bold=True).render(self.ctx.model.name_of(self.drag["pid"]), True,
                                         WHITE)
        r = img.get_rect(midleft=(self.drag["pos"][0] + 12, self.drag["pos"][1]))
        if r.right > target.get_width() - 8:  # near the right edge: on the pointer's left
            r.midright = (self.drag["pos"][0] - 12, self.drag["pos"][1])
        pygame.draw.rect(target, BLUE, r.inflate(12, 6), border_radius=5)
        target.blit(img, r)
