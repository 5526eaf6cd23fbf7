"""A read-only board of the created characters, for the personnages phase until its own
screens exist (the « charui » work replaces it in `PANELS`): the client must not fail there."""

from __future__ import annotations

from ..widgets import Form, Panel, bold, esc


class CharactersBoardPanel(Panel):
    name = "personnages"

    def signature(self) -> object:
        return tuple((c.id, c.name, c.status, tuple(c.authors))
                     for c in self.state.characters.values())

    def build(self, form: Form) -> None:
        form.textbox("box", "")

    def content(self) -> str:
        s, lang = self.state, self.lang
        shown = [c for c in s.characters.values() if c.status != "merged"]
        out = [bold(lang.t("ui.characters_board_title", n=lang.num(len(shown))))]
        if not shown:
            out.append(esc(lang.t("ui.characters_none")))
        roles = s.scenario.index("role")
        for c in shown:
            out.append(esc(lang.t("ui.character_line", name=c.name, role=roles[c.role].name,
                                  status=lang.t(f"term.character_status.{c.status}"),
                                  authors=lang.join(self.model.name_of(a) for a in c.authors))))
        return "<br>".join(out)
