"""Rejections: a refused action, with a stable code and a message for the person who tried.

Codes are part of the protocol (see PROTOCOL.md); messages are French first, English second.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (français, English)
    "invalid_action": ("Action mal formée.", "Malformed action."),
    "unknown_action": ("Action inconnue.", "Unknown action."),
    "unknown_actor": ("Vous n'êtes pas inscrit·e dans cette session.", "You have not joined this session."),
    "already_joined": ("Vous avez déjà rejoint la session.", "You have already joined."),
    "forbidden_role": ("Cette action n'est pas permise pour votre rôle.", "Your role may not do this."),
    "trainer_only": ("Réservé à l'animateur·rice.", "Trainer only."),
    "spectator": ("Le mode spectateur ne permet pas d'agir.", "Spectators cannot act."),
    "no_persona": ("Choisissez d'abord un personnage.", "Choose a character first."),
    "wrong_phase": ("Pas possible dans cette phase.", "Not possible in this phase."),
    "locked": ("La session est verrouillée par l'animateur·rice.", "The trainer has locked the session."),
    "unknown_persona": ("Personnage inconnu.", "Unknown character."),
    "persona_full": ("Ce personnage est déjà pris par assez de joueurs.", "This character is taken."),
    "persona_locked": ("Le choix du personnage est définitif.", "A character, once chosen, is kept."),
    "unknown_project": ("Projet inconnu.", "Unknown project."),
    "unknown_space": ("Espace inconnu.", "Unknown space."),
    "unknown_enjeu": ("Enjeu inconnu.", "Unknown issue."),
    "unknown_note": ("Note introuvable.", "Note not found."),
    "not_author": ("Seul·e l'auteur·rice peut le faire.", "Only the author can do this."),
    "unknown_use": ("Usage inconnu.", "Unknown use."),
    "use_not_allowed": ("Cet usage ne convient pas à cet espace (type ou surface).", "This use does not fit this space."),
    "unknown_metier": ("Métier inconnu.", "Unknown job."),
    "unknown_resource": ("Ressource introuvable.", "Resource not found."),
    "unknown_table": ("Table inconnue.", "Unknown table."),
    "not_your_table": ("Vous n'êtes pas à cette table pour cette rotation.", "You are not at this table now."),
    "no_tables": ("Ce scénario n'a pas de tables de world café.", "This scenario has no café tables."),
    "no_group": ("Vous n'êtes dans aucun groupe.", "You are not in a group."),
    "unknown_group": ("Groupe inconnu.", "Unknown group."),
    "unknown_participant": ("Participant·e inconnu·e.", "Unknown participant."),
    "bad_groups": ("Répartition des groupes invalide.", "Invalid group split."),
    "unknown_proposal": ("Proposition inconnue.", "Unknown proposal."),
    "proposal_closed": ("Cette proposition n'est plus ouverte.", "This proposal is no longer open."),
    "empty_proposal": ("La proposition est vide.", "The proposal is empty."),
    "round_running": ("Un tour de consentement est en cours sur ce sujet.", "A consent round is running on this."),
    "unknown_amendment": ("Amendement inconnu.", "Unknown amendment."),
    "amendment_decided": ("Cet amendement a déjà été traité.", "This amendment was already decided."),
    "unknown_round": ("Tour de consentement inconnu.", "Unknown consent round."),
    "round_closed": ("Ce tour de consentement est clos.", "This consent round is closed."),
    "unknown_option": ("Option de consentement inconnue.", "Unknown consent option."),
    "reason_required": ("Cette position demande une raison.", "This position needs a reason."),
    "bad_subject": ("Sujet de vote invalide.", "Invalid round subject."),
    "not_adopted": ("Cet usage n'a pas été adopté pour cet espace.", "This use was not adopted for this space."),
    "not_placed": ("Rien n'est placé sur cet espace.", "Nothing is placed here."),
    "unknown_item": ("Action du plan introuvable.", "Plan item not found."),
    "unknown_lead": ("Porteur inconnu (rôle ou métier).", "Unknown lead (role or job)."),
    "not_experimentable": ("Ce scénario ne prévoit pas d'expérimentation pour cet usage.",
                           "This use cannot be run as an experiment in this scenario."),
    "hours_need_metier": ("Des heures ajoutées vont à un métier : choisissez un métier comme porteur.",
                          "Added hours go to a job: choose a job as the lead."),
    "already_adopted": ("Déjà adopté par consentement : demandez à l'animateur·rice de rouvrir.",
                        "Already adopted by consent: ask the trainer to reopen it."),
    "rule_duplicate": ("Cette règle est déjà dans la charte pour cet espace.",
                       "This rule is already in the charter for this space."),
    "unknown_rule": ("Règle inconnue.", "Unknown rule."),
    "rule_not_allowed": ("Cette règle ne s'applique pas à cet espace.", "This rule does not apply here."),
    "unknown_entry": ("Entrée de la charte introuvable.", "Charter entry not found."),
    "charter_empty": ("La charte est vide.", "The charter is empty."),
    "plan_empty": ("Le plan d'action est vide.", "The action plan is empty."),
    "unknown_question": ("Question d'évaluation inconnue.", "Unknown evaluation question."),
    "bad_phase": ("Numéro de phase invalide.", "Invalid phase number."),
    "session_full": ("La session est complète.", "The session is full."),
    "rate_limited": ("Trop d'actions, ralentissez un peu.", "Too many actions, slow down."),
}


class Rejection(Exception):
    """A refused action. `code` is stable; `message` is French; `detail` says which part."""

    def __init__(self, code: str, detail: str = ""):
        if code not in MESSAGES:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {self.message}" + (f" ({detail})" if detail else ""))

    @property
    def message(self) -> str:
        return MESSAGES[self.code][0]

    def message_in(self, lang: str) -> str:
        return MESSAGES[self.code][1 if lang == "en" else 0]
