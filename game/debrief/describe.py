"""One line per event for the debrief's event list: who did what, in French or English.

`TEMPLATES[lang][event type]` holds the sentence; `WORDS[lang]` the small words filled into it
(verdicts, the server, the trainer, quotes). French is the default and the reference.
"""

from __future__ import annotations

from typing import Any, Callable

from ..core.events import Event
from ..core.state import State
from ..core.views import subject_proposal

TEMPLATES: dict[str, dict[str, str]] = {
    "fr": {
        "session_opened": "Ouverture de la session",
        "participant_joined": "{who} rejoint la session",
        "participant_renamed": "{who} change de nom : {name}",
        "persona_chosen": "{who} choisit le personnage {persona}",
        "expectation_written": "{who} écrit ses attentes : « {text} »",
        "project_reacted": "{who} réagit au projet {project} ({reaction})",
        "project_commented": "{who} commente le projet {project} : « {text} »",
        "note_added": "{who} pose une note ({kind}) sur {space} : « {text} »",
        "note_edited": "{who} modifie une note : « {text} »",
        "note_removed": "{who} retire une note",
        "resource_added": "{who} propose un service sur {space} : {service}",
        "resource_removed": "{who} retire un service",
        "cafe_note_added": "{who} écrit à la table {table} : « {text} »",
        "cafe_rotated": "Rotation des tables du world café ({rotation})",
        "groups_formed": "Formation de {n} groupes",
        "member_moved": "{participant} change de groupe",
        "draft_placed": "{who} place {use} sur {space} (maquette {group})",
        "draft_cleared": "{who} retire l'usage de {space} (maquette {group})",
        "spotlight_set": "Projecteur sur {group}",
        "argument_added": "{who} argumente ({stance}) : « {text} »",
        "proposal_made": "{who} propose « {title} »",
        "proposal_withdrawn": "{who} retire la proposition {proposal}",
        "proposals_merged": "Fusion en « {title} »",
        "amendment_made": "{who} amende {proposal} : « {text} »",
        "amendment_decided": "Amendement {amendment} {accepted}",
        "round_opened": "Tour de consentement n°{number} sur {subject}",
        "position_taken": "{who} : {option}{reason}",
        "round_closed": "Fin du tour sur {subject} : {result}",
        "schema_placed": "{who} place {use} sur {space} en année {year}",
        "schema_removed": "{who} retire {space} du schéma",
        "plan_item_added": "{who} ajoute une action : « {what} »",
        "plan_item_edited": "{who} modifie l'action « {what} »",
        "plan_item_removed": "{who} retire une action",
        "plan_items_finalised": "Plan final : {n} actions retenues",
        "rule_added": "{who} ajoute la règle {rule}",
        "rule_removed": "{who} retire une règle",
        "evaluation_submitted": "{who} remplit l'évaluation",
        "phase_changed": "Phase : {phase}",
        "timer_set": "Minuteur réglé",
        "lock_set": "Session {lock}",
    },
    "en": {
        "session_opened": "Session opened",
        "participant_joined": "{who} joins the session",
        "participant_renamed": "{who} changes name: {name}",
        "persona_chosen": "{who} chooses the character {persona}",
        "expectation_written": "{who} writes their expectations: “{text}”",
        "project_reacted": "{who} reacts to the project {project} ({reaction})",
        "project_commented": "{who} comments on the project {project}: “{text}”",
        "note_added": "{who} pins a note ({kind}) on {space}: “{text}”",
        "note_edited": "{who} edits a note: “{text}”",
        "note_removed": "{who} removes a note",
        "resource_added": "{who} proposes a service on {space}: {service}",
        "resource_removed": "{who} removes a service",
        "cafe_note_added": "{who} writes at the table {table}: “{text}”",
        "cafe_rotated": "World café tables rotate ({rotation})",
        "groups_formed": "{n} groups formed",
        "member_moved": "{participant} changes group",
        "draft_placed": "{who} places {use} on {space} (draft of {group})",
        "draft_cleared": "{who} removes the use of {space} (draft of {group})",
        "spotlight_set": "Spotlight on {group}",
        "argument_added": "{who} argues ({stance}): “{text}”",
        "proposal_made": "{who} proposes “{title}”",
        "proposal_withdrawn": "{who} withdraws the proposal {proposal}",
        "proposals_merged": "Merged into “{title}”",
        "amendment_made": "{who} amends {proposal}: “{text}”",
        "amendment_decided": "Amendment {amendment} {accepted}",
        "round_opened": "Consent round {number} on {subject}",
        "position_taken": "{who}: {option}{reason}",
        "round_closed": "End of the round on {subject}: {result}",
        "schema_placed": "{who} places {use} on {space} in year {year}",
        "schema_removed": "{who} removes {space} from the schéma directeur",
        "plan_item_added": "{who} adds an action: “{what}”",
        "plan_item_edited": "{who} edits the action “{what}”",
        "plan_item_removed": "{who} removes an action",
        "plan_items_finalised": "Final plan: {n} actions kept",
        "rule_added": "{who} adds the rule {rule}",
        "rule_removed": "{who} removes a rule",
        "evaluation_submitted": "{who} fills in the evaluation",
        "phase_changed": "Phase: {phase}",
        "timer_set": "Timer set",
        "lock_set": "Session {lock}",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "server": "Serveur", "trainer": "Animateur·rice", "nobody": "personne",
        "adopted": "adoptée", "not_adopted": "non adoptée", "accepted": "accepté", "rejected": "refusé",
        "locked": "verrouillée", "unlocked": "déverrouillée", "quote": "« {} »", "reason": " — « {} »",
        "charter": "la charte de gestion", "final_plan": "le plan d'action final",
    },
    "en": {
        "server": "Server", "trainer": "Trainer", "nobody": "nobody",
        "adopted": "adopted", "not_adopted": "not adopted", "accepted": "accepted", "rejected": "rejected",
        "locked": "locked", "unlocked": "unlocked", "quote": "“{}”", "reason": " — “{}”",
        "charter": "the management charter", "final_plan": "the final action plan",
    },
}

# Codes the French sentences show as they are (note kinds, stances, reactions), named in English.
CODES_EN: dict[str, dict[str, str]] = {
    "kind": {"force": "strength", "probleme": "problem", "idee": "idea"},
    "stance": {"pour": "for", "contre": "against", "question": "question"},
    "reaction": {"inspire": "inspiring", "question": "question", "doute": "doubtful"},
}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


# event data keys that hold a scenario id, and the kind of thing each names
_NAMED = {"space": "space", "use": "use", "persona": "persona", "project": "project",
          "table": "theme", "rule": "rule"}


def describe(event: Event, state: State, lang: str = "fr") -> str:
    """A short sentence for `event` (French by default), naming things as the final state knows them."""
    lang = _lang(lang)
    w = WORDS[lang]
    sc = state.scenario
    d: dict[str, Any] = dict(event.data)
    names = _Names(state, lang)
    fmt = TEMPLATES[lang].get(event.type, event.type)
    values: dict[str, Any] = {k: v for k, v in d.items() if isinstance(v, (str, int, float))}
    values["who"] = names.person(event.by)
    for key, kind in _NAMED.items():
        if key in d:
            values[key] = names.lookup(kind, d[key])
    if "participant" in d:
        values["participant"] = names.person(d["participant"])
    if "group" in d:
        g = state.groups.get(d["group"]) if d["group"] else None
        values["group"] = g.name if g else (d["group"] or w["nobody"])
    if "subject" in d:
        values["subject"] = subject_title(state, d["subject"], lang)
    if event.type == "groups_formed":
        values["n"] = len(d.get("groups", []))
    if event.type == "plan_items_finalised":
        values["n"] = len(d.get("items", []))
    if event.type == "phase_changed":
        i = d.get("phase", 0)
        values["phase"] = sc.phases[i].title if 0 <= i < len(sc.phases) else str(i)
    if event.type == "position_taken":
        opt = sc.index("option").get(d.get("option", ""))
        values["option"] = opt.label if opt else "?"
        values["reason"] = w["reason"].format(d["reason"]) if d.get("reason") else ""
    if event.type == "round_closed":
        values["result"] = w["adopted" if d.get("adopted") else "not_adopted"]
    if event.type == "amendment_decided":
        values["accepted"] = w["accepted" if d.get("accepted") else "rejected"]
    if event.type == "lock_set":
        values["lock"] = w["locked" if d.get("locked") else "unlocked"]
    if lang == "en":
        for key, codes in CODES_EN.items():
            if isinstance(values.get(key), str):
                values[key] = codes.get(values[key], values[key])
    if "text" in values:
        values["text"] = _cut(str(values["text"]), 70)
    try:
        return fmt.format_map(_Default(values))
    except (ValueError, IndexError):
        return event.type


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _cut(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class _Names:
    def __init__(self, state: State, lang: str = "fr"):
        self.state = state
        self.words = WORDS[_lang(lang)]

    def person(self, pid: str) -> str:
        if not pid:
            return self.words["server"]
        if pid == "trainer":
            return self.words["trainer"]
        p = self.state.participants.get(pid)
        return p.name if p else pid

    def lookup(self, section: str, key: Any) -> str:
        if key is None:
            return "—"
        obj = self.state.scenario.index(section).get(key)
        if obj is None:
            return str(key)
        for attr in ("name", "title", "label"):
            if hasattr(obj, attr):
                return str(getattr(obj, attr))
        return str(key)


def subject_title(state: State, subject: str, lang: str = "fr") -> str:
    """A consent round's subject: the proposal's title in quotes, or the charter / the final plan."""
    w = WORDS[_lang(lang)]
    pid, title = subject_proposal(state, subject)
    if pid is not None:
        return w["quote"].format(title)
    return w.get(subject, subject) if subject in ("charter", "final_plan") else subject


Describer = Callable[[Event, State], str]
