"""One line per event for the debrief's event list: who did what, in the Lang's language.

The sentence of an event type is the message `event.<type>` (debrief.po; a test checks that
every event type has one in both languages). The coded words filled into it (note kinds,
stances, reactions, statuses, subjects) are the shared `term.*` words; names come from the
final state (participants) and the scenario, as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ilot.game.text import N_, Lang

from ..core.events import Event
from ..core.state import State
from ..core.views import subject_proposal
from .words import cut, verdict

# event data keys that hold a scenario id, and the kind of thing each names
_NAMED = {"space": "space", "use": "use", "persona": "persona", "project": "project",
          "table": "theme", "rule": "rule"}
# event data keys that hold a code, and the kind of its shared word (term.<kind>.<code>)
_CODED = {"kind": "note_kind", "stance": "stance", "reaction": "reaction"}
# participants' own texts and titles, shown in quotes
_QUOTED = ("text", "title", "what")
# event types whose sentence has a plural form, and what is counted
_COUNTED = {"groups_formed": "groups", "plan_items_finalised": "items"}
# consent round subjects that are not proposals
SUBJECTS = {"charter": N_("term.subject.charter"), "final_plan": N_("term.subject.final_plan")}


def describe(event: Event, state: State, lang: Lang) -> str:
    """A short sentence for `event`, naming things as the final state knows them."""
    key = f"event.{event.type}"
    if not lang.has(key):
        return event.type
    sc = state.scenario
    d: dict[str, Any] = dict(event.data)
    names = _Names(state, lang)
    values: dict[str, Any] = {k: v for k, v in d.items() if isinstance(v, (str, int, float))}
    values["who"] = names.person(event.by)
    for k, kind in _NAMED.items():
        if k in d:
            values[k] = names.lookup(kind, d[k])
    if isinstance(d.get("persona"), str):  # a created character, too
        p = state.persona(d["persona"])
        values["persona"] = p.name if p is not None else values["persona"]
    for k in ("character", "into"):  # a created character, by its name
        ch = state.characters.get(d[k]) if isinstance(d.get(k), str) else None
        if ch is not None:
            values[k] = ch.name
    if event.type == "character_reviewed":
        values["status"] = lang.t(f"term.character_status.{d.get('status')}")
    if event.type == "persona_pool_set":
        values["pool"] = lang.t(N_("debrief.pool_on") if d.get("scenario")
                                else N_("debrief.pool_off"))
    for k, kind in _CODED.items():
        if isinstance(d.get(k), str):
            term = f"term.{kind}.{d[k]}"
            values[k] = lang.t(term) if lang.has(term) else d[k]
    if "participant" in d:
        values["participant"] = names.person(d["participant"])
    if isinstance(d.get("participants"), list):  # the queue a trainer emptied
        values["participants"] = lang.join(names.person(p) for p in d["participants"])
    if "group" in d:
        g = state.groups.get(d["group"]) if d["group"] else None
        values["group"] = lang.group(g.number) if g else (d["group"] or lang.t("debrief.no_one"))
    if "subject" in d:
        values["subject"] = subject_title(state, d["subject"], lang)
    if event.type == "phase_changed":
        i = d.get("phase", 0)
        values["phase"] = sc.phases[i].title if 0 <= i < len(sc.phases) else str(i)
    if event.type == "round_closed":
        values["result"] = verdict(lang, d.get("adopted"), d.get("subject", ""))
    if event.type == "amendment_decided":
        values["accepted"] = (lang.t("term.amendment_status.accepted") if d.get("accepted")
                              else lang.t("term.amendment_status.rejected"))
    if event.type == "lock_set":
        values["lock"] = lang.t("debrief.locked") if d.get("locked") else lang.t("debrief.unlocked")
    if event.type == "playback_set" and not d.get("playing"):  # paused, stepped, reset
        key = N_("debrief.playback_paused")
    if "experience" in d:  # a participant's experience card, by its title
        values["experience"] = names.experience(d["experience"])
    if event.type == "experience_pinned" and not d.get("pinned"):
        key = N_("debrief.experience_unpinned")
    if event.type == "invitation_shown":
        values["shown"] = (lang.t("debrief.invitation_on") if d.get("shown")
                           else lang.t("debrief.invitation_off"))
    for k in _QUOTED:
        if k in values:
            values[k] = lang.quote(cut(str(values[k]), 70) if k == "text" else str(values[k]))
    if event.type == "position_taken":
        opt = sc.index("option").get(d.get("option", ""))
        values["option"] = opt.label if opt else "?"
        if d.get("reason"):
            key = N_("debrief.position_with_reason")
            values["reason"] = lang.quote(str(d["reason"]))
    for k, v in values.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            values[k] = lang.num(v, 2)
    if event.type in _COUNTED:
        count = len(d.get(_COUNTED[event.type], []))
        text = lang.n(key, count, **{k: v for k, v in values.items() if k != "n"})
    else:
        # a log from another version may lack a field: its place shows "?", never an error
        text = lang.t(key).format_map(_Default(values))
    return text


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class _Names:
    def __init__(self, state: State, lang: Lang):
        self.state = state
        self.lang = lang

    def person(self, pid: str) -> str:
        if not pid:
            return self.lang.t("term.actor.server")
        if pid == "trainer":
            return self.lang.t("term.actor.trainer")
        p = self.state.participants.get(pid)
        return p.name if p else pid

    def lookup(self, section: str, key: Any) -> str:
        if key is None:
            return "—"
        obj = self.state.scenario.index(section).get(key)
        if obj is None and section == "project":  # a participant's experience card
            return self.experience(str(key))
        if obj is None and section == "space":  # a space played as parts (a card names it)
            obj = next((s for s in self.state.scenario.spaces if s.id == key), None)
        if obj is None:
            return str(key)
        for attr in ("name", "title", "label"):
            if hasattr(obj, attr):
                return str(getattr(obj, attr))
        return str(key)

    def experience(self, xid: str) -> str:
        """An experience card's title in quotes, as the final state has it (or: removed)."""
        x = self.state.experiences.get(xid)
        return self.lang.quote(x.title) if x else self.lang.t("debrief.experience_gone")


def subject_title(state: State, subject: str, lang: Lang) -> str:
    """A consent round's subject: the proposal's title in quotes, or the charter / the final plan."""
    pid, title = subject_proposal(state, subject)
    if pid is not None:
        return lang.quote(title)
    return lang.t(SUBJECTS[subject]) if subject in SUBJECTS else subject


Describer = Callable[[Event, State], str]
