"""Helpers for the language tests of the debrief: the text of a report, the session's own data
(kept as written, so left out of the checks) and whole-word searches."""

from __future__ import annotations

import json
import re
from html import unescape

from helpers import RICH_FILE

from ilot.game.debrief.recording import Recording

# words of the debrief's French that must not show in English (and what each became)
FRENCH_WORDS = [
    "Débriefing", "Salle", "événements enregistrés", "notes sur la carte", "tours de consentement",
    "Déroulé des phases", "Début", "Durée", "Personnes actives", "Participation par rôle", "Rôle",
    "Prises de parole", "prises de parole", "Participation par personnage", "Personnage",
    "Tout le monde a-t-il été entendu", "Peu entendu·es", "Chacun·e a pris la parole",
    "Chronologie courte", "Tour de consentement", "Historique du consentement", "proposée par",
    "Positions :", "Qui", "Raison", "Amendement de", "Texte", "Décision", "Enjeux croisés",
    "partagé par tous", "un seul rôle", "au fil de la session", "Objectifs secrets révélés",
    "Joué par", "Objectif secret", "Plan final", "atteint", "non atteint", "à discuter",
    "Schéma directeur à 3 ans", "Espace", "Usage", "Année", "année", "Plan d'action final", "adopté",
    "adoptée", "non adoptée", "brouillons", "Trim.", "Pilote", "Coût", "Payé par", "Heures / sem.",
    "Expérimentation", "bailleur", "charges locatives", "Charte", "Règle", "Qui ouvre",
    "Qui nettoie", "Clés", "Horaires", "tous", "Aucune règle", "Indicateurs avant / après",
    "Investissement prévu", "dispo.", "nécessaires", "surcharge", "Indicateur", "Avant",
    "Après 3 ans", "Écart", "trimestre", "maintenu", "arrêté", "Événements survenus",
    "Attentes de l'accueil", "évaluations reçues", "moyenne sur 5", "Moyennes sur 5",
    "Notes de l'animateur·rice", "Note de l'animateur·rice", "Pas de note", "Rapport produit",
    "l'animateur·rice", "Animateur·rice", "Serveur", "rejoint la session", "choisit le personnage",
    "écrit ses attentes", "réagit au projet", "commente le projet", "pose une note", "modifie",
    "retire", "propose", "Rotation des tables", "Formation de", "change de groupe", "maquette",
    "Projecteur sur", "argumente", "Fusion en", "amende", "Amendement", "sur la charte",
    "le plan d'action final", "Fin du tour", "place", "ajoute", "retenues", "remplit l'évaluation",
    "Minuteur", "verrouillée", "Atout", "Problème", "Idée", "Inspirant", "Doute", "Pour", "Contre",
]
# the same for English words in the French report and event list
ENGLISH_WORDS = [
    "Debrief", "Room", "events recorded", "notes on the map", "consent rounds", "How the phases went",
    "Start", "End", "Duration", "Active people", "Participation by role", "Role", "Contributions",
    "contributions", "Participation by character", "Character", "Was everyone heard",
    "Barely heard", "Everyone spoke", "Short timeline", "Consent round", "Consent history",
    "proposed by", "Who", "Reason", "Amendment by", "Text", "Decision", "Crossed issues",
    "shared by all", "one role only", "over the session", "Secret objectives revealed",
    "Played by", "Secret objective", "Final plan", "met", "not met", "to discuss",
    "Space", "Use", "Year", "year", "Final action plan", "adopted", "not adopted", "drafts", "Qtr",
    "Lead", "Cost", "Paid by", "Hours / week", "Experiment", "landlord", "service charges",
    "Charter", "Rule", "Who opens", "Who cleans", "Keys", "Opening hours", "all", "No rule",
    "Indicators before / after", "Investment planned", "available", "needed", "overload",
    "Indicator", "Before", "After 3 years", "Change", "quarter by quarter", "kept", "stopped",
    "Events during the simulation", "Expectations at the welcome", "evaluations received",
    "mean out of 5", "Means out of 5", "Trainer's notes", "Trainer's note", "No debrief note",
    "Report made by", "the trainer", "Trainer", "Server", "joins the session", "chooses the character",
    "writes their expectations", "reacts to the project", "comments on the project", "pins a note",
    "edits", "removes", "proposes", "tables rotate", "groups formed", "changes group", "draft of",
    "Spotlight on", "argues", "Merged into", "amends", "Amendment", "the management charter",
    "the final action plan", "End of the round", "places", "adds", "kept", "fills in the evaluation",
    "Timer", "locked", "Strength", "Problem", "Idea", "Inspiring", "Doubtful", "For", "Against",
]


def data_text(rec: Recording) -> str:
    """Everything the session's data says (scenario, events, notes): French, kept as written."""
    events = json.dumps([e.data for e in rec.events], ensure_ascii=False)
    return " ".join([RICH_FILE.read_text(encoding="utf-8"), rec.scenario.model_dump_json(), events,
                     json.dumps(rec.notes(), ensure_ascii=False)])


def page_text(html: str) -> str:
    """The words a reader sees (and hears from a screen reader) on a page, no-break spaces plain."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', html))
    text = re.sub(r"<[^>]+>", " ", html) + " " + labels
    return unescape(text).replace("\u00a0", " ").replace("\u202f", " ")


def has_word(text: str, word: str) -> bool:
    """`word` in `text` as a whole word (not inside another one)."""
    return re.search(r"(?<![\w·'-])" + re.escape(word) + r"(?![\w·-])", text) is not None


def words_found(text: str, words: list[str], data: str) -> list[str]:
    """Which of `words` (those the session's data does not hold) appear in `text`."""
    return [w for w in checked(words, data) if has_word(text, w)]


def checked(words: list[str], data: str) -> list[str]:
    return [w for w in dict.fromkeys(words) if not has_word(data, w)]
