/**
 * Everything the moderation island says to the mission team, in one place,
 * next to the shared vocabulary of src/domain/moderation.ts (reasons and
 * the messages the admin functions send too). Plain, precise French: a
 * moderator must always know what happened and what to do next.
 */
import type { QueueStatus, SubjectType } from "./admin-api";

/** "1 contribution", "3 initiatives": 0 and 1 are singular in French. */
const count = (value: number, one: string, many: string) => `${value} ${value <= 1 ? one : many}`;

/** Both subject nouns are feminine, so one agreement serves both. */
const nouns: Record<SubjectType, { one: string; many: string }> = {
  contribution: { one: "contribution", many: "contributions" },
  initiative: { one: "initiative", many: "initiatives" },
};

/** "3 contributions", with the noun of the subject type. */
export function subjectCount(type: SubjectType, value: number): string {
  return count(value, nouns[type].one, nouns[type].many);
}

/** Feminine agreement: "publiée", "publiées". */
const agree = (value: number, word: string) => (value <= 1 ? word : `${word}s`);

/** The queue states, as the moderators read them (tabs, headings, status lines). */
export const statusLabels: Record<QueueStatus, string> = {
  pending: "En attente",
  flagged: "Signalées",
  published: "Publiées",
  rejected: "Rejetées",
};

/** The state of one item (feminine: a contribution, an initiative). */
export const itemStatusLabels: Record<"pending" | "published" | "rejected", string> = {
  pending: "En attente de modération",
  published: "Publiée",
  rejected: "Rejetée",
};

/** Every sentence of the moderation island, grouped by the part that says it. */
export const frModeration = {
  loadingApp: "Chargement de l'espace de modération…",
  unreachable: "L'espace de modération n'a pas pu joindre le serveur.",
  retryLoad: "Réessayer",
  signIn: {
    title: "Connexion",
    intro: "Cet espace est réservé à l'équipe de modération de la consultation.",
    token: "Jeton de modération",
    tokenHint:
      "Le serveur l'affiche dans son terminal au démarrage ; il est aussi enregistré dans le fichier .data/moderator-token à la racine du projet. Copiez-le en entier.",
    tokenRequired: "Collez le jeton de modération.",
    tokenRejected: "Ce jeton n'est pas reconnu : copiez-le à nouveau, en entier et sans espace, puis réessayez.",
    email: "Adresse électronique",
    emailInvalid: "Indiquez votre adresse électronique, par exemple nom@exemple.fr.",
    password: "Mot de passe",
    passwordRequired: "Indiquez votre mot de passe.",
    submit: "Se connecter",
    sending: "Connexion en cours…",
    sessionNote: "La session ne dure que le temps de cet onglet : elle n'est pas gardée après sa fermeture.",
    expired:
      "Votre session a expiré ou n'est plus reconnue : reconnectez-vous. Ce que vous aviez saisi est conservé tant que vous restez sur cette page.",
    expiredOnLoad: "Votre session a expiré : reconnectez-vous.",
    signedOut: "Vous êtes déconnecté de l'espace de modération.",
  },
  session: {
    /** Short: it sits in the page header, beside the sign-out. */
    signedInAs: (name: string) => `Session : ${name}`,
    signOut: "Se déconnecter",
  },
  rebuild: {
    button: "Mettre à jour le site maintenant",
    sending: "Demande de mise à jour du site en cours…",
  },
  queues: {
    title: "Files de modération",
    groups: { contribution: "Contributions", initiative: "Initiatives" } satisfies Record<SubjectType, string>,
    heading: (type: SubjectType, status: QueueStatus) =>
      `${type === "contribution" ? "Contributions" : "Initiatives"} ${statusLabels[status].toLowerCase()}`,
    countUnknown: "…",
    loading: "Chargement de la file…",
    empty: "Aucun élément dans cette file.",
    more: "Charger les suivants",
    loadingMore: "Chargement des éléments suivants…",
    added: (type: SubjectType, added: number, shown: number) =>
      added === 0
        ? "Aucun élément de plus : vous êtes à la fin de la file."
        : `${subjectCount(type, added)} ${agree(added, "ajoutée")}, ${shown} en tout.`,
    end: "Fin de la file.",
  },
  item: {
    answerTitle: (pseudonym: string) => `Contribution de ${pseudonym}`,
    replyTitle: (pseudonym: string) => `Réponse de ${pseudonym}`,
    answerSubject: (pseudonym: string) => `la contribution de ${pseudonym}`,
    replySubject: (pseudonym: string) => `la réponse de ${pseudonym}`,
    initiativeSubject: (name: string) => `l'initiative « ${name} »`,
    question: "Question",
    unknownQuestion: (id: string) => `Question inconnue du contenu (${id})`,
    theme: "Thème",
    unknownTheme: (id: string) => `Thème inconnu du contenu (${id})`,
    stance: "Position",
    parent: "En réponse à",
    parentMissing: "Texte de la contribution d'origine indisponible.",
    text: "Texte",
    description: "Description",
    kind: "Type de lieu",
    website: "Site web",
    openingYear: "Année d'ouverture",
    author: "Auteur",
    territory: "Territoire",
    received: "Reçue",
    status: "État",
    moderatedOn: (date: string) => `le ${date}`,
    previousReason: "Raison de la décision précédente",
    flags: "Signalements",
    openFlags: (value: number) => count(value, "signalement ouvert", "signalements ouverts"),
    fromNetworks: (flags: number, networks: number) =>
      ` venu${flags > 1 ? "s" : ""} de ${count(networks, "réseau distinct", "réseaux distincts")}`,
    reactions: "Réactions",
    reactionsFrom: (reactions: number, networks: number) =>
      `${count(reactions, "réaction", "réactions")} venant de ${count(networks, "réseau distinct", "réseaux distincts")}`,
    keptAfterFlags: (date: string) =>
      ` — maintenue après signalements le ${date} : de nouveaux signalements la placent ici sans la masquer`,
    retained: "Retenue pour la synthèse",
    synthesis: "Synthèse",
    select: "Sélectionner",
    publish: "Publier",
    keepPublished: "Maintenir la publication",
    reject: "Rejeter",
    retain: "Retenir pour la synthèse",
    /** Followed, for screen readers, by « de la contribution de Camille »; the link opens in the same tab. */
    publicPage: "Page publique",
  },
  bulk: {
    title: "Actions sur plusieurs éléments",
    selectAll: "Tout sélectionner sur cette page",
    selected: (type: SubjectType, value: number) =>
      value === 0 ? "Aucun élément sélectionné." : `${subjectCount(type, value)} ${agree(value, "sélectionnée")}.`,
    publish: "Publier la sélection",
    reject: "Rejeter la sélection",
    subject: (type: SubjectType, value: number) =>
      value === 0
        ? `aucune ${nouns[type].one} sélectionnée`
        : value === 1
          ? `la ${nouns[type].one} sélectionnée`
          : `les ${value} ${nouns[type].many} sélectionnées`,
  },
  filters: {
    title: "Filtrer la file",
    theme: "Filtrer par thème",
    anyTheme: "Tous les thèmes",
    question: "Filtrer par question",
    anyQuestion: "Toutes les questions",
    profile: "Filtrer par profil",
    anyProfile: "Tous les profils",
    territoryType: "Filtrer par type de territoire",
    anyTerritoryType: "Tous les types",
    category: "Filtrer par catégorie de codage",
    categoryHint: "Les contributions codées dans cette catégorie, entières ou par un extrait.",
    anyCategory: "Toutes, codées ou non",
    text: "Mots recherchés",
    textHint: "Dans le texte, le pseudonyme et la commune, sans tenir compte des majuscules ni des accents.",
    apply: "Appliquer les filtres",
    clear: "Afficher toute la file",
    active: (summary: string) => `File filtrée : ${summary}. Le nombre entre parenthèses compte toute la file.`,
    applied: (summary: string) => `Filtres appliqués : ${summary}.`,
    cleared: "Filtres effacés : toute la file est affichée.",
    emptyFiltered: "Aucun élément de cette file ne correspond aux filtres.",
  },
  keyboard: {
    title: "Raccourcis clavier",
    intro:
      "Ils ne fonctionnent que lorsque le focus est dans la file, et jamais pendant une saisie. Tout reste faisable avec Tab et Entrée.",
    enable: "Activer les raccourcis clavier d'une seule touche",
    keys: [
      ["j", "élément suivant"],
      ["k", "élément précédent"],
      ["p", "publier l'élément où se trouve le focus, puis passer au suivant"],
      ["r", "rejeter l'élément : ouvre le formulaire, le focus sur la liste des raisons"],
      ["Entrée", "dans la liste des raisons : confirmer le rejet, puis passer au suivant"],
      ["Échap", "fermer le formulaire de rejet sans rien changer"],
    ] as const,
    noItem: "Placez d'abord le focus sur un élément de la file (touches j et k).",
    cannotPublish: "Cet élément ne peut pas être publié depuis cette file.",
    cannotReject: "Cet élément est déjà rejeté.",
    on: "Raccourcis clavier activés.",
    off: "Raccourcis clavier désactivés.",
  },
  reject: {
    legend: "Raison du rejet",
    text: "Précision",
    textHint:
      "Facultative, sauf pour « Autre raison ». 500 caractères au plus. Elle est enregistrée avec la décision dans le journal de modération.",
    confirm: "Confirmer le rejet",
    cancel: "Annuler",
    formLabel: (subject: string) => `Rejeter ${subject}`,
  },
  decision: {
    sending: "Enregistrement de la décision…",
    published: (type: SubjectType, value: number) => `${subjectCount(type, value)} ${agree(value, "publiée")}.`,
    rejected: (type: SubjectType, value: number) => `${subjectCount(type, value)} ${agree(value, "rejetée")}.`,
    alreadyDone: (type: SubjectType, value: number) =>
      `${subjectCount(type, value)} déjà ${agree(value, "traitée")} par ailleurs : ${value <= 1 ? "retirée" : "retirées"} de la liste sans changement.`,
    flagsClosed: (value: number) =>
      `Signalements classés pour ${count(value, "contribution déjà publiée", "contributions déjà publiées")}.`,
    none: "Aucune décision enregistrée.",
  },
  retained: {
    on: (subject: string) => `${capitalize(subject)} est retenue pour la synthèse.`,
    off: (subject: string) => `${capitalize(subject)} n'est plus retenue pour la synthèse.`,
    notPublished: "Cette contribution n'est plus publiée : elle ne peut pas être retenue. Rechargez la file.",
  },
  synthesis: {
    title: "Synthèses par thème",
    intro:
      "La synthèse d'un thème est publiée sur la page du thème lors de la prochaine mise à jour du site. Les contributions retenues vous aident à la rédiger.",
    loading: "Chargement des synthèses…",
    theme: "Thème",
    body: (theme: string) => `Synthèse du thème « ${theme} »`,
    help: "Mise en forme en Markdown : paragraphes séparés par une ligne vide, **gras**, *italique*, listes commençant par « - » ou « 1. », liens [texte](https://exemple.fr), intertitres commençant par « # » ou « ## ». Le HTML n'est pas interprété : il s'affiche tel quel.",
    never: "Pas encore de synthèse enregistrée pour ce thème.",
    savedAt: (date: string) => `Dernier enregistrement : le ${date}.`,
    unsaved: "Modifications non enregistrées.",
    save: "Enregistrer",
    saveSubject: (theme: string) => `la synthèse du thème « ${theme} »`,
    saving: "Enregistrement de la synthèse…",
    saved: (date: string) => `Synthèse enregistrée le ${date}.`,
    textKept: "Votre texte est conservé sur cette page : vous pouvez réessayer.",
    /** Followed, for screen readers, by the theme's title. */
    publicPage: "Page publique du thème",
  },
  failure: {
    network: "Le serveur n'a pas pu être joint (problème de connexion).",
    offline: "Votre appareil semble hors ligne.",
    timeout: "Le serveur n'a pas répondu à temps.",
    storeUnavailable: "La base de données est momentanément indisponible.",
    unavailable: (status: number) => `Le service de modération a rencontré une erreur (code ${status}).`,
    malformed:
      "La réponse du serveur est illisible : rechargez la page ; si cela se reproduit, prévenez l'équipe technique.",
    invalid: "La demande contient des erreurs : corrigez-les puis réessayez.",
    refused: (status: number) => `La demande a été refusée par le serveur (code ${status}).`,
    unauthorized: "Votre session a expiré ou n'est plus reconnue : reconnectez-vous, puis recommencez.",
    retryLoad: "Réessayez dans un instant.",
    retrySave: "Rien n'est perdu de ce que vous avez saisi : réessayez dans un instant.",
    retryDecision: "Vous pouvez réessayer sans risque : une décision déjà enregistrée n'est pas appliquée deux fois.",
  },
} as const;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
