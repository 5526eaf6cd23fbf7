"""French sentences the bots write: plausible, varied, clearly from a training session.

This is content, not interface: the bots play participants of a French training, so what they
write (notes, proposals, reasons, names) is in French whatever the language of anyone's screen,
like what a real participant types. It is not in the text catalogues (game/text) on purpose.

Most kinds of text are made of two parts (a fact and a detail, a point and its consequence),
so that a bot has hundreds of sentences to draw from and never needs to repeat one (`Voice`).
Arguments are written for their stance: the stance is shown next to an argument by the
interface, so the text never names it (no « Pour : » at its start, and none of the words
« pour », « contre » or « question » in it).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import product

NAMES = ["Awa", "Bruno", "Chloé", "Driss", "Élodie", "Fabrice", "Gwen", "Hugo", "Inès", "Jules",
         "Karine", "Léo", "Maëlle", "Nordine", "Océane", "Patrice", "Rachida", "Samuel",
         "Thérèse", "Ugo", "Valérie", "Wassim", "Yasmine", "Zoé"]


def pairs(heads: Sequence[str], tails: Sequence[str], sep: str = " ") -> list[str]:
    """Every head followed by every tail: the sentences of a two-part pool."""
    return [f"{h}{sep}{t}" for h, t in product(heads, tails)]


EXPECTATIONS = [
    "Comprendre les contraintes des gardiens au quotidien.",
    "Repartir avec des méthodes pour animer une concertation avec les habitants.",
    "Savoir construire un plan d'action réaliste avec les charges locatives.",
    "Voir comment on décide à plusieurs sans que ce soit toujours le bailleur qui tranche.",
    "Échanger avec des collègues d'autres sites.",
    "Trouver des idées pour réactiver une salle commune fermée depuis des années.",
    "Apprendre à monter une expérimentation et à l'évaluer honnêtement.",
    "Mieux travailler avec l'amicale des locataires.",
    "Comprendre comment la GUP peut s'appuyer sur les habitants.",
    "Voir ce que deviennent les métiers de la proximité dans ces projets.",
    "Savoir expliquer aux locataires ce qui pèse sur leurs charges.",
    "Prendre du recul sur nos pratiques de gestion des espaces communs.",
    "Découvrir le world café et le consentement, que je n'ai jamais pratiqués.",
    "Ramener un projet concret à mon équipe lundi.",
    "Entendre le point de vue des habitants sans le filtre des réclamations.",
    "Réfléchir aux règles d'usage : qui ouvre, qui ferme, qui nettoie.",
    "Comprendre pourquoi certains projets marchent et d'autres s'essoufflent.",
    "Construire un schéma directeur qui tienne plus d'un an.",
]

_COMMENT_HEADS = [
    "Très inspirant, surtout l'implication de l'amicale.",
    "On a tenté quelque chose de proche sur notre résidence.",
    "Ça me parle beaucoup.",
    "J'aime l'idée de commencer petit.",
    "Le montage paraît solide.",
    "Belle démarche, mais le contexte n'est pas le nôtre.",
    "Le rôle du gardien y est central, c'est intéressant.",
    "Ça montre qu'une occupation temporaire peut durer.",
]
_COMMENT_TAILS = [
    "Qui garde les clés, au quotidien ?",
    "Combien ça a coûté en charges pour les habitants ?",
    "Le lien avec la GUP me paraît essentiel.",
    "Il faudrait savoir ce qu'il en reste cinq ans après.",
    "Comment ont-ils associé les locataires les plus isolés ?",
    "Je me demande qui a porté le projet la deuxième année.",
    "On pourrait s'en inspirer pour notre salle commune.",
    "L'évaluation a-t-elle été partagée avec l'amicale ?",
    "Le temps des agents a-t-il été compté ?",
    "J'aimerais voir le règlement d'usage qu'ils ont écrit.",
]
COMMENTS = pairs(_COMMENT_HEADS, _COMMENT_TAILS)

# projects of their own the bots share as experience cards (projets inspirants), as the action's
# fields; each within its limits (title and where 80, carried_by 120, worked and did_not 600)
EXPERIENCES: list[dict[str, object]] = [
    {"title": "Un jardin partagé au pied des tours", "where": "Montreuil, cité des Grands-Pêchers",
     "carried_by": "L'amicale des locataires, avec le gardien et le centre social",
     "worked": "Un bac par cage d'escalier et un tour d'arrosage affiché dans le hall ; la fête "
               "des récoltes a fait venir des familles qu'on ne voyait jamais.",
     "did_not": "Le local à outils : personne ne voulait garder la clé, il est resté fermé six "
                "mois.",
     "figures": ["40 foyers inscrits", "12 bacs"]},
    {"title": "Le local vélos rouvert", "where": "Villeurbanne, quartier des Buers",
     "carried_by": "Le bailleur, à la demande du conseil de concertation locative",
     "worked": "Des arceaux neufs et un accès par badge : les vélos sont sortis des "
               "appartements et des paliers.",
     "did_not": "Les vols la première année, tant que la porte fermait mal.",
     "figures": ["60 badges distribués", "2 vols depuis"]},
    {"title": "Une fête des voisins qui dure toute l'année", "where": "Rennes, Maurepas",
     "carried_by": "Trois habitantes et l'agent de proximité",
     "worked": "Un repas par saison dans la cour, chacun apporte un plat ; les nouveaux "
               "arrivants sont invités personnellement.",
     "did_not": "Trouver des tables et des chaises sans passer par la mairie à chaque fois.",
     "figures": ["80 personnes en juin"]},
    {"title": "La salle commune confiée à l'amicale", "where": "Saint-Denis, cité Floréal",
     "carried_by": "L'amicale, avec une convention d'occupation signée par le bailleur",
     "worked": "Un planning sur la porte et un cahier de réservation : aide aux devoirs, "
               "anniversaires, permanences de l'amicale.",
     "did_not": "Le ménage après les fêtes, tant que la règle n'était pas écrite.",
     "figures": ["5 soirs par semaine", "0 € de charges en plus"]},
    {"title": "Un composteur collectif géré par les habitants", "where": "Lille, Moulins",
     "carried_by": "Des habitants volontaires, formés par la métropole",
     "worked": "Deux référents par bâtiment et une permanence le samedi matin ; moins de sacs "
               "au local poubelles.",
     "did_not": "Les mauvais dépôts au début, et l'hiver où plus personne ne venait.",
     "figures": ["30 % de déchets en moins"]},
    {"title": "Des gardiens qui animent un atelier bricolage", "where": "Grenoble, Villeneuve",
     "carried_by": "L'équipe de proximité du bailleur",
     "worked": "Un atelier le mercredi dans une cave réaménagée : petites réparations, prêt "
               "d'outils, et des relations apaisées avec les jeunes.",
     "did_not": "Le temps des gardiens n'était pas compté : ils l'ont pris sur l'entretien.",
     "figures": ["2 heures par semaine", "15 habitués"]},
    {"title": "Un toit-terrasse ouvert l'été", "where": "Marseille, Belsunce",
     "carried_by": "Une association de quartier et le bailleur",
     "worked": "Une ouverture encadrée les soirs d'été, avec des bancs et des bacs à plantes.",
     "did_not": "L'assurance et la sécurité ont retardé l'ouverture d'un an.",
     "figures": ["3 soirs par semaine en juillet"]},
    {"title": "Une boîte à livres dans le hall", "where": "Nantes, Bellevue",
     "carried_by": "Une locataire retraitée, avec l'accord du gardien",
     "worked": "Une étagère de récupération : les livres tournent, les enfants s'y arrêtent.",
     "did_not": "Rien de grave ; quelques cartons déposés qu'il faut enlever.",
     "figures": []},
]

# the interface shows the space with each note: the text does not repeat it
NOTES = {
    "force": pairs([
        "Les habitants s'y croisent volontiers",
        "Bien entretenu grâce au gardien",
        "De la place et de la lumière",
        "Les enfants s'y retrouvent",
        "Un lieu que tout le monde connaît",
        "L'amicale y organise déjà des choses",
        "Facile d'accès, y compris en fauteuil",
        "Calme et agréable",
        "Les voisins s'y rendent service",
        "Un potentiel réel",
        "Les anciens y ont leurs habitudes",
        "Bien visible depuis la loge",
    ], [
        "en fin de journée.", "le week-end.", "dès les beaux jours.", "depuis des années.",
        "malgré le peu d'équipements.", "quand il fait beau.", "le mercredi après-midi.",
        "presque tous les jours.",
    ]),
    "probleme": pairs([
        "Encombrants déposés",
        "Sentiment d'insécurité",
        "Éclairage en panne",
        "Personne ne sait qui a les clés",
        "Odeurs et sacs au sol",
        "Porte forcée, accès non contrôlé",
        "Regroupements bruyants",
        "Tags et dégradations",
        "Humidité et peinture qui s'écaille",
        "Nettoyage insuffisant",
        "Espace fermé et inutilisé",
        "Conflits d'usage entre voisins",
    ], [
        "chaque semaine.", "le soir.", "depuis l'hiver.", "malgré les signalements.",
        "surtout le week-end.", "depuis le départ de l'ancien gardien.", "en été.",
        "sans que personne ne réagisse.",
    ]),
    "idee": pairs([
        "Pourquoi pas une occupation temporaire",
        "En faire un lieu pour les enfants",
        "Confier l'ouverture à un référent habitant",
        "Y installer des bancs et un point d'eau",
        "Un jardin partagé avec l'amicale",
        "Ouvrir le lieu aux associations du quartier",
        "Tester un atelier de réparation de vélos",
        "Y tenir une permanence du bailleur",
        "Un local de stockage partagé",
        "Organiser un chantier participatif de remise en peinture",
        "Un composteur collectif",
        "Des horaires d'ouverture affichés",
    ], [
        "l'été ?", "pendant six mois ?", "le samedi matin ?", "avec un bilan au bout d'un an ?",
        "en commençant petit ?", "avec les jeunes de la résidence ?",
        "si l'entretien est partagé ?", "à l'essai ?",
    ]),
}

RESOURCES = pairs([
    "Peut être ouvert par un référent de l'amicale.",
    "Demande un passage d'entretien par semaine.",
    "Demande un vrai ménage après chaque usage.",
    "Il faut un jeu de clés à la loge.",
    "Une association du quartier pourrait l'animer.",
    "Les agents de proximité pourraient en assurer le suivi.",
    "L'investissement est modeste, le fonctionnement moins.",
    "Un règlement d'usage affiché éviterait les conflits.",
    "Le gardien est prêt à s'en occuper si on lui retire une autre tâche.",
    "Les habitants pourraient s'organiser avec un planning.",
], [
    "À condition que les charges n'augmentent pas trop.",
    "À tester sur quelques mois.",
    "Le bailleur devrait porter l'investissement.",
    "À discuter avec l'amicale.",
    "Il faudra compter les heures des agents.",
    "C'est ce que demandent les familles.",
])

CAFE = pairs([
    "On reprend l'idée de la table précédente :",
    "Pour compléter ce qui est écrit :",
    "Notre groupe ajoute :",
    "D'accord avec la note d'avant, et en plus :",
    "Une nuance par rapport à ce qui précède :",
    "Ce qui ressort chez nous :",
    "Point de vigilance :",
    "Ce que les gardiens de la table ont dit :",
], [
    "un planning d'ouverture partagé.",
    "il faut d'abord régler la question des clés.",
    "les gardiens ne peuvent pas tout porter seuls.",
    "essayer trois mois, puis faire le point avec les habitants.",
    "associer les jeunes dès le départ.",
    "afficher clairement qui fait quoi.",
    "un référent par bâtiment.",
    "prévoir le ménage dans les charges, mais le dire.",
    "ne pas oublier les personnes âgées.",
    "un bilan partagé avec l'amicale.",
    "commencer par un lieu, pas par tous.",
    "le bailleur doit s'engager sur l'entretien.",
])

WHY = pairs([
    "Ça répond à un problème relevé pendant l'état des lieux.",
    "Peu coûteux et facile à tester.",
    "Les habitants l'ont demandé à plusieurs reprises.",
    "Ça soulage le travail des gardiens à terme.",
    "L'espace est inutilisé aujourd'hui.",
    "Ça crée du lien entre les bâtiments.",
    "Les enfants n'ont nulle part où aller.",
    "Ça limite les dépôts sauvages.",
    "C'est réversible si ça ne marche pas.",
    "Un projet de ce type a bien marché ailleurs.",
], [
    "", "Notre personnage y tient beaucoup.", "On en a parlé au world café.",
    "L'amicale est partante.", "Il faudra en suivre le coût.",
], sep=" ")
WHY = [w.strip() for w in WHY]

# One pool per stance, matching it. The texts never name the stance (see the module's doc).
ARGUMENTS = {
    "pour": pairs([
        "Ça crée du lien entre les bâtiments",
        "C'est réversible si l'expérimentation ne marche pas",
        "L'espace est enfin utilisé",
        "Les familles attendent ce genre de lieu",
        "Le coût reste raisonnable",
        "Ça valorise le travail du gardien",
        "L'amicale est prête à s'impliquer",
        "Ça répond à ce que montrait l'état des lieux",
        "On peut commencer vite",
        "Les jeunes y trouveront leur place",
    ], [
        " et c'est ce qui manque aujourd'hui.", " : bonne idée.", ", je suis convaincu.",
        ", ça vaut la peine d'essayer.", " et les charges bougent peu.",
        ", c'est un vrai progrès.",
    ], sep=""),
    "contre": pairs([
        "L'entretien va retomber sur le gardien",
        "Les charges vont peser sur les ménages modestes",
        "Le bruit sous les fenêtres sera un problème",
        "Personne n'est chargé d'ouvrir et de fermer",
        "L'investissement est trop lourd la première année",
        "Ça risque de déplacer les regroupements ailleurs",
        "Le lieu est trop humide sans travaux",
        "On multiplie les clés et les badges",
        "Rien ne dit qui paiera le fonctionnement",
        "Les personnes âgées n'y trouveront pas leur compte",
    ], [
        ", je reste réservé.", ", ça me gêne.", " : il faut revoir ce point.",
        ", je ne suis pas convaincu.", " ; je crains que ça ne tienne pas.",
        ", c'est un vrai risque.",
    ], sep=""),
    "question": pairs([
        "", "Concrètement, ", "Dans les faits, ", "Et au bout d'un an, ", "Sur la durée, ",
    ], [
        "qui paie le fonctionnement la deuxième année ?",
        "qui garde les clés ?",
        "combien d'heures d'entretien par semaine ?",
        "comment les habitants seront-ils associés ?",
        "que se passe-t-il si l'expérimentation échoue ?",
        "qui fait le bilan, et avec qui ?",
        "est-ce que ça entre dans le budget ?",
        "les charges augmentent de combien ?",
        "quels horaires d'ouverture ?",
        "le gardien a-t-il été consulté ?",
    ], sep=""),
}
ARGUMENTS["question"] = [a[:1].upper() + a[1:] for a in ARGUMENTS["question"]]

TITLES = [
    "Rendre la cour aux habitants", "Un local partagé et géré ensemble",
    "Moins d'encombrants, plus d'usages", "Un îlot plus vert", "Tester avant de décider",
    "Des pieds d'immeuble vivants", "La salle commune rouverte", "Un îlot où l'on se croise",
    "Des espaces confiés aux habitants", "Priorité aux enfants et aux anciens",
    "Des usages sobres en charges", "Un projet porté avec l'amicale",
    "Des caves remises en service", "Le jardin d'abord", "Un îlot plus sûr le soir",
    "Petits pas, grands effets", "Des lieux ouverts, des règles claires",
    "Un coin pour chacun", "Réparer avant de construire", "Le projet de notre îlot",
]

AMENDMENTS = pairs([
    "Commencer par une expérimentation de six mois",
    "Ajouter un temps de bilan avec l'amicale",
    "Réduire l'investissement de la première année",
    "Prévoir un référent habitant par bâtiment",
    "Limiter les horaires d'ouverture en soirée",
    "Confier le ménage à une entreprise plutôt qu'au gardien",
    "Associer les jeunes à l'aménagement",
    "Reporter les travaux à la deuxième année",
], [
    ".", ", pour rassurer tout le monde.", ", pour ne pas alourdir les charges.",
    ", pour que le gardien ne soit pas seul.", ", comme dit pendant le world café.",
], sep="")

REASONS = pairs([
    "Les charges vont trop augmenter pour les ménages modestes.",
    "Je ne vois pas qui assurera l'entretien.",
    "Il manque un bilan prévu avec les habitants.",
    "Ça me convient si on l'évalue au bout d'un an.",
    "Le bruit le soir reste un vrai sujet.",
    "L'investissement dépasse ce que le bailleur peut porter.",
    "Les horaires ne sont pas définis.",
    "Le gardien n'a pas été consulté.",
    "Rien n'est prévu pour les personnes âgées.",
    "Je préfère une expérimentation d'abord.",
], [
    "", "Je suis prêt à revoir ma position après un amendement.",
    "C'est un point essentiel pour mon personnage.", "On en a déjà parlé ce matin.",
])
REASONS = [r.strip() for r in REASONS]

PLAN_ITEMS = pairs([
    "Réunion de lancement du projet",
    "Définir qui détient les clés et les horaires d'ouverture",
    "Nettoyage et remise en état avant ouverture",
    "Bilan de l'expérimentation avec les habitants",
    "Former les agents de proximité au nouvel usage",
    "Rédiger le règlement d'usage avec les habitants",
    "Installer l'éclairage et une serrure à badge",
    "Recruter un médiateur à mi-temps",
    "Chantier participatif de peinture",
    "Convention d'occupation avec une association",
    "Affichage des règles dans les halls",
    "Point mensuel entre gardiens et amicale",
    "Enquête de satisfaction auprès des locataires",
    "Achat de mobilier et de matériel",
    "Diagnostic technique de l'humidité",
], [
    "", "(avec l'amicale)", "(pilotage bailleur)", "(avant l'été)",
    "(sur deux trimestres)", "(avec les gardiens)",
])
PLAN_ITEMS = [p.strip() for p in PLAN_ITEMS]

CRITERIA = ["Fréquentation mesurée chaque mois.", "Moins de signalements d'encombrants.",
            "Avis de l'amicale au bilan.", "Nombre de réservations de la salle.",
            "Baisse des réclamations sur la propreté.", "Heures d'entretien réellement passées.",
            "Satisfaction des habitants à six mois.", "Nombre d'habitants impliqués.", ""]

RULE_NOTES = ["Affiché dans le hall.", "À revoir après six mois.", "Validé avec l'amicale.",
              "Le gardien tient le registre.", "Rappelé à chaque assemblée de l'amicale.",
              "Avec une clé de secours à la loge.", ""]

# questions to the intervention's speaker (an outside talk)
QUESTIONS = [
    "Comment avez-vous convaincu le bailleur de rouvrir les locaux ?",
    "Qui tient les clés, au quotidien ?",
    "Combien coûte l'animation, et qui la paie ?",
    "Comment les gardiens ont-ils été associés dès le début ?",
    "Que feriez-vous autrement si c'était à refaire ?",
    "Comment avez-vous fait venir les habitants qui ne viennent jamais ?",
    "Les charges ont-elles augmenté ?",
    "Combien de temps entre l'idée et l'ouverture ?",
]

EVALUATIONS = [
    "Très utile de jouer un autre rôle.", "Le temps de délibération était court.",
    "Je vais réutiliser le world café sur mon site.",
    "Le consentement change vraiment la façon de décider.",
    "J'ai compris ce que vivent les gardiens.", "Un peu long le premier jour, riche le second.",
    "Le simulateur rend les choix concrets.", "J'aurais aimé plus de temps sur le plan d'action.",
    "Les échanges entre sites étaient précieux.", "Je repars avec un projet pour ma résidence.",
    "Les charges locatives, enfin expliquées.", "Bonne dynamique de groupe à distance.",
]

# « qui suis-je »: a bot's organisation and sentence, by its real-life role
ORGANISATIONS = {
    "tenant": ["Amicale des locataires des Marronniers", "Association des locataires du Clos",
               "CNL du quartier", "Conseil citoyen des Hauts-de-Ville"],
    "field_staff": ["Paris Habitat", "Régie de quartier Nord", "Habitat 77",
                    "Office public de l'habitat de Rennes"],
    "manager": ["Paris Habitat", "Habitat 77", "Foyer Rémois", "Action Logement Services"],
    "other": ["Régie de quartier Nord", "Centre social des Lilas", "Ville de Montreuil",
              "Bureau d'études Quartiers & Usages"],
}
WHOAMI = {
    "tenant": ["J'habite l'îlot depuis quinze ans et je préside l'amicale.",
               "Locataire au bâtiment C, je m'occupe du jardin partagé.",
               "Je suis arrivée il y a deux ans, avec mes trois enfants.",
               "Je représente les locataires au conseil de concertation.",
               "Retraité, je connais tous les voisins de mon escalier.",
               "Je vis au rez-de-chaussée, juste à côté du local vélos.",
               "Mère de famille, je cherche un endroit pour les ados."],
    "field_staff": ["Gardien depuis dix ans, je connais chaque hall.",
                    "Chargée de médiation, je suis sur le terrain tous les jours.",
                    "Agent d'entretien, je vois ce que deviennent les locaux communs.",
                    "Je coordonne l'équipe de proximité de trois résidences.",
                    "Gardienne, je loge sur place depuis six ans.",
                    "Agent de médiation le soir et le week-end.",
                    "Technicien de patrimoine, je suis les petites réparations."],
    "manager": ["Responsable d'agence, je décide des travaux et du budget.",
                "Cheffe de projet renouvellement urbain.",
                "Je pilote la gestion locative de 2 000 logements.",
                "Directeur de la proximité, je viens écouter le terrain.",
                "Responsable de la concertation locative au siège.",
                "Chargé de gestion sociale et urbaine de proximité.",
                "Je prépare le plan stratégique de patrimoine."],
    "other": ["Je travaille à la régie de quartier sur l'insertion.",
              "Animatrice au centre social, je connais bien les familles.",
              "Chargé de mission politique de la ville.",
              "Sociologue, j'accompagne des concertations.",
              "Architecte, je travaille sur les espaces extérieurs.",
              "Éducateur de rue, je connais bien les jeunes du quartier.",
              "Bénévole d'une association de jardinage."],
}


class Voice:
    """What one bot has already written: `say` picks a sentence it never wrote before (None when
    the pool is used up: the bot then writes something else, or nothing)."""

    def __init__(self, rng: random.Random | None = None):
        self.rng = rng or random.Random()
        self.said: set[str] = set()

    def say(self, pool: Sequence[str], *, allow_empty: bool = False) -> str | None:
        fresh = [s for s in pool if s not in self.said and (s or allow_empty)]
        if not fresh:
            return None
        text = self.rng.choice(fresh)
        if text:
            self.said.add(text)
        return text

    def has_said(self, text: str) -> bool:
        return text in self.said
