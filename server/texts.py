"""French sentences the bots write: plausible, varied, clearly from a training session.

This is content, not interface: the bots play participants of a French training, so what they
write (notes, proposals, reasons, names) is in French whatever the language of anyone's screen,
like what a real participant types. It is not in the text catalogues (game/text) on purpose.
"""

NAMES = ["Awa", "Bruno", "Chloé", "Driss", "Élodie", "Fabrice", "Gwen", "Hugo", "Inès", "Jules",
         "Karine", "Léo", "Maëlle", "Nordine", "Océane", "Patrice", "Rachida", "Samuel",
         "Thérèse", "Ugo", "Valérie", "Wassim", "Yasmine", "Zoé"]

EXPECTATIONS = [
    "Comprendre les contraintes des gardiens au quotidien.",
    "Repartir avec des méthodes pour animer une concertation avec les habitants.",
    "Savoir construire un plan d'action réaliste avec les charges locatives.",
    "Voir comment on décide à plusieurs sans que ce soit toujours le bailleur qui tranche.",
    "Échanger avec des collègues d'autres sites.",
]

COMMENTS = [
    "On pourrait tester ça chez nous, mais qui garde les clés ?",
    "Très inspirant, surtout l'implication de l'amicale des locataires.",
    "Je me demande combien ça a coûté en charges pour les habitants.",
    "Le lien avec la GUP me paraît essentiel.",
]

NOTES = {  # the interface shows the space with each note: the text does not repeat it
    "force": ["Les habitants s'y croisent volontiers.",
              "Bien entretenu grâce au gardien.",
              "De la place, de la lumière, un vrai potentiel."],
    "probleme": ["Encombrants déposés chaque semaine.",
                 "Sentiment d'insécurité le soir.",
                 "Personne ne sait qui a les clés."],
    "idee": ["Pourquoi pas une occupation temporaire ?",
             "En faire un lieu pour les enfants l'été.",
             "Confier l'ouverture à un référent habitant."],
}

RESOURCES = [
    "Peut être ouvert par un référent de l'amicale.",
    "Demande un passage d'entretien par semaine.",
    "À condition que les charges n'augmentent pas trop.",
]

CAFE = [
    "On reprend l'idée de la table précédente : un planning d'ouverture partagé.",
    "Il faut d'abord régler la question des clés avant de lancer quoi que ce soit.",
    "Les gardiens ne peuvent pas tout porter : qui d'autre s'engage ?",
    "Essayer trois mois, puis faire le point avec les habitants.",
]

WHY = [
    "Ça répond à un problème relevé pendant l'état des lieux.",
    "Peu coûteux et facile à tester.",
    "Les habitants l'ont demandé à plusieurs reprises.",
    "Ça soulage le travail des gardiens à terme.",
]

ARGUMENTS = [
    "Pour : ça crée du lien entre les bâtiments.",
    "Contre : l'entretien va retomber sur le gardien.",
    "Question : qui paie le fonctionnement la deuxième année ?",
    "Pour : c'est réversible si l'expérimentation ne marche pas.",
]

TITLES = ["Rendre la cour aux habitants", "Un local partagé et géré ensemble",
          "Moins d'encombrants, plus d'usages", "Un îlot plus vert", "Tester avant de décider"]

AMENDMENTS = ["Commencer par une expérimentation de six mois.",
              "Ajouter un temps de bilan avec l'amicale.",
              "Réduire l'investissement de la première année."]

REASONS = ["Les charges vont trop augmenter pour les ménages modestes.",
           "Je ne vois pas qui assurera l'entretien.",
           "Il manque un bilan prévu avec les habitants.",
           "Ça me convient si on l'évalue au bout d'un an."]

PLAN_ITEMS = ["Réunion de lancement avec l'amicale des locataires",
              "Définir qui détient les clés et les horaires d'ouverture",
              "Nettoyage et remise en état avant ouverture",
              "Bilan de l'expérimentation avec les habitants",
              "Former les agents de proximité au nouvel usage"]

CRITERIA = ["Fréquentation mesurée chaque mois.", "Moins de signalements d'encombrants.",
            "Avis de l'amicale au bilan.", ""]

RULE_NOTES = ["Affiché dans le hall.", "À revoir après six mois.", ""]

EVALUATIONS = ["Très utile de jouer un autre rôle.", "Le temps de délibération était court.",
               "Je vais réutiliser le world café sur mon site."]
