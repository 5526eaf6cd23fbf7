"""The debrief's own words, French first, English second."""

from __future__ import annotations

from datetime import datetime

STRINGS: dict[str, tuple[str, str]] = {
    # roles
    "resident": ("Habitant·e", "Resident"),
    "caretaker": ("Gardien·ne / agent", "Caretaker"),
    "manager": ("Gestionnaire / bailleur", "Manager"),
    "no_role": ("Sans personnage", "No character"),
    # consent
    "adopted": ("adoptée", "adopted"),
    "not_adopted": ("non adoptée", "not adopted"),
    "open": ("en cours", "open"),
    "round": ("Tour", "Round"),
    "charter": ("Charte de gestion", "Management charter"),
    "final_plan": ("Plan d'action final", "Final action plan"),
    "met": ("atteint", "met"),
    "not_met": ("non atteint", "not met"),
    "unjudged": ("à discuter", "to discuss"),
    # viewer
    "play": ("Lecture", "Play"),
    "pause": ("Pause", "Pause"),
    "next_event": ("Événement suivant", "Next event"),
    "speed": ("Vitesse", "Speed"),
    "tab_events": ("Journal", "Log"),
    "tab_plan": ("Plan", "Plan"),
    "tab_participation": ("Participation", "Participation"),
    "tab_consent": ("Consentement", "Consent"),
    "tab_indicators": ("Indicateurs", "Indicators"),
    "tab_expectations": ("Attentes", "Expect."),  # the tab is 68 px wide
    "tab_objectives": ("Objectifs", "Goals"),  # the tab is 72 px wide: "Objectives" is cut
    "tab_notes": ("Notes", "Notes"),
    "add_note": ("Ajouter", "Add"),
    "note_placeholder": ("Note de débriefing à cet instant…", "Debrief note at this moment…"),
    "note_saved": ("Note enregistrée", "Note saved"),
    "event_of": ("événement {i} / {n}", "event {i} / {n}"),
    "nobody": ("Personne", "Nobody"),
    "heard": ("entendu·e", "heard"),
    "silent": ("peu entendu·e", "barely heard"),
    "expectation": ("Attente", "Expectation"),
    "evaluation": ("Évaluation", "Evaluation"),
    "no_answer": ("pas de réponse", "no answer"),
    "plan_sim": ("Simulation du plan à cet instant (fin d'année 3)", "Simulation of the plan at this moment (end of year 3)"),
    "curve": ("Au fil de la session", "Over the session"),
    "workload": ("Charge de travail des agents", "Caretakers' workload"),
    "charges": ("Charges locatives / ménage / mois", "Service charges / household / month"),
    "budget": ("Investissement engagé", "Investment committed"),
    "reasons": ("Raisons", "Reasons"),
    "trainer": ("Animateur·rice", "Trainer"),
    "server": ("Serveur", "Server"),
    "caption": ("Îlot — débriefing {room}", "Îlot — debrief {room}"),
    "prev_phase": ("Phase précédente", "Previous phase"),
    "next_phase": ("Phase suivante", "Next phase"),
    # the map's legend and the simulation box
    "force": ("force", "strength"),
    "probleme": ("problème", "problem"),
    "idee": ("idée", "idea"),
    "year_n": ("année {year}", "year {year}"),
    "adopted_not_placed": ("adopté, pas encore placé", "adopted, not placed yet"),
    "year_short": ("A{year}", "Y{year}"),  # on the map, after the use's icon
    "hours_per_week": ("{needed} h / {avail} h par semaine", "{needed} h / {avail} h per week"),
    # Plan tab
    "p_open": ("ouverte", "open"),
    "p_adopted": ("adoptée", "adopted"),
    "p_withdrawn": ("retirée", "withdrawn"),
    "p_merged": ("fusionnée", "merged"),
    "proposals_n": ("Propositions ({n})", "Proposals ({n})"),
    "uses_n": ("{n} usage(s)", "{n} use(s)"),
    "schema_n": ("Schéma directeur ({n} espaces)", "Schéma directeur ({n} spaces)"),
    "schema_line": ("Année {year} : {use} — {space}", "Year {year}: {use} — {space}"),
    "draft_plan": ("Plan d'action (brouillons)", "Action plan (drafts)"),
    "actions_n": ("{title} ({n} actions)", "{title} ({n} actions)"),
    "plan_adopted": (" — adopté", " — adopted"),
    "quarter": ("T{q}", "Q{q}"),
    "experiment": (" · expérimentation", " · experiment"),
    "payer_bailleur": ("bailleur", "landlord"),
    "payer_charges": ("charges", "service charges"),
    "charter_n": ("Charte ({n} règles)", "Charter ({n} rules)"),
    "charter_adopted": (" — adoptée", " — adopted"),
    # Participation tab
    "by_role": ("Par rôle (prises de parole · positions · actions)",
                "By role (contributions · positions · actions)"),
    "by_persona": ("Par personnage", "By character"),
    "quiet": ("Peu entendu·es", "Barely heard"),
    # Consent tab
    "reason_line": ("  {name} ({option}) : « {reason} »", "  {name} ({option}): “{reason}”"),
    "no_round": ("Pas encore de tour de consentement.", "No consent round yet."),
    # Indicators tab
    "curve_note": ("Valeur en fin d'année 3 du plan tel qu'il était à chaque instant.",
                   "Value at the end of year 3 of the plan as it stood at each moment."),
    # Notes tab
    "no_notes": ("Aucune note : écrivez-en une ci-dessous, elle sera datée de l'instant affiché.",
                 "No notes yet: write one below, it will be dated at the moment shown."),
    # svg.py
    "map_year": ("Année {year}", "Year {year}"),
    "map_tip": ("{space} : {use} (année {year})", "{space}: {use} (year {year})"),
}


def tr(key: str, lang: str = "fr", **kw: object) -> str:
    pair = STRINGS.get(key)
    text = key if pair is None else pair[1 if lang == "en" else 0]
    return text.format(**kw) if kw else text


def colon(lang: str = "fr") -> str:
    """What goes between a label and its value: ' : ' in French, ': ' in English."""
    return ": " if lang == "en" else " : "


def clock(t: float, start: float, lang: str = "fr") -> str:
    """'J1 09:45' in French, 'D1 09:45' in English (day counted from the session's first day,
    local time)."""
    d0 = datetime.fromtimestamp(start).date()
    dt = datetime.fromtimestamp(t)
    return f"{'D' if lang == 'en' else 'J'}{(dt.date() - d0).days + 1} {dt:%H:%M}"


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_time(t: float, lang: str = "fr") -> str:
    """'26/11/2026 09:45' in French, '26 Nov 2026 09:45' in English (local time)."""
    dt = datetime.fromtimestamp(t)
    if lang == "en":
        return f"{dt.day} {MONTHS_EN[dt.month - 1]} {dt.year} {dt:%H:%M}"
    return f"{dt:%d/%m/%Y %H:%M}"


def euros(x: float, lang: str = "fr", cents: bool = False, sign: bool = False) -> str:
    """'1 234 €' in French (narrow no-break space), '€1,234' in English; `cents` keeps two
    decimals, `sign` writes '+' before a positive amount."""
    text = f"{x:{'+' if sign else ''},.{2 if cents else 0}f}"
    minus, digits = (text[0], text[1:]) if text[0] in "+-" else ("", text)
    if lang == "en":
        return f"{minus}€{digits}"
    return f"{minus}{digits} €".replace(",", "\u202f")
