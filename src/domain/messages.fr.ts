/**
 * Every French message a citizen can read about their input, in one place,
 * shared by the forms (in the browser) and the functions (on the server).
 */
// One wording for a refused second reaction or flag, whether the browser
// already knows it (no request) or the server says it (409).
const ALREADY_REACTED = "Vous avez déjà réagi à cette contribution : une seule réaction est possible par personne.";
const ALREADY_FLAGGED = "Vous avez déjà signalé cette contribution. Merci, l'équipe de modération en est informée.";

export const fr = {
  required: "Ce champ est obligatoire.",
  invalidCharacters:
    "Ce texte contient un caractère invalide (caractère nul ou mal encodé) : retirez-le puis réessayez.",
  contactConsentType: "Indiquez si vous acceptez d'être recontacté (case à cocher).",
  payload: "Le contenu envoyé n'est pas un formulaire valide : rechargez la page puis réessayez.",
  pseudonym: {
    tooShort: "Votre pseudonyme doit compter au moins 2 caractères.",
    tooLong: "Votre pseudonyme ne doit pas dépasser 40 caractères.",
    invalid: "Votre pseudonyme ne peut pas contenir d'adresse électronique ni de lien.",
    invisible:
      "Votre pseudonyme ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : choisissez-en un fait de lettres ou de chiffres.",
    bidi: "Votre pseudonyme contient un caractère invisible qui modifie le sens d'affichage du texte (contrôle de direction) : retirez-le puis réessayez.",
  },
  profile: "Choisissez le profil qui vous correspond le mieux.",
  postalCode: "Indiquez un code postal à 5 chiffres, par exemple 23000.",
  unknownPostalCode: "Ce code postal ne correspond à aucune commune. Vérifiez-le.",
  commune: "Choisissez votre commune dans la liste.",
  communeNotInPostalCode: "Cette commune ne correspond pas au code postal indiqué.",
  body: {
    tooShort: (min: number) => `Votre texte doit compter au moins ${min} caractères.`,
    tooLong: (max: number) => `Votre texte ne doit pas dépasser ${max} caractères.`,
    invisible:
      "Votre texte ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : écrivez-le avec des lettres ou des chiffres.",
  },
  email: "Indiquez une adresse électronique valide, par exemple nom@exemple.fr, ou laissez ce champ vide.",
  consentRequired: "Cochez la case pour accepter d'être recontacté, ou laissez l'adresse électronique vide.",
  theme: "Ce thème n'existe pas dans la consultation.",
  question: "Cette question n'existe pas dans ce thème.",
  stance: "Indiquez si vous êtes d'accord, pas d'accord, ou si vous posez une question.",
  parent: "La contribution à laquelle vous répondez est introuvable.",
  initiative: {
    name: "Indiquez le nom du lieu ou du projet (2 à 120 caractères).",
    nameInvisible:
      "Le nom du lieu ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : indiquez-le avec des lettres ou des chiffres.",
    nameBidi:
      "Le nom du lieu contient un caractère invisible qui modifie le sens d'affichage du texte (contrôle de direction) : retirez-le puis réessayez.",
    kind: "Choisissez le type de lieu.",
    description: (min: number, max: number) => `Décrivez le lieu en ${min} à ${max} caractères.`,
    descriptionInvisible:
      "La description ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : décrivez le lieu avec des lettres ou des chiffres.",
    website: "Indiquez une adresse web complète, commençant par https://, ou laissez ce champ vide.",
    websiteCredentials:
      "N'indiquez ni identifiant ni mot de passe dans l'adresse web (la partie « nom:motdepasse@ ») : donnez l'adresse publique du site, par exemple https://www.exemple.fr.",
    openingYear: (max: number) => `Indiquez une année d'ouverture entre 1990 et ${max}, ou laissez ce champ vide.`,
  },
  reaction: "Choisissez « Je soutiens » ou « Je ne suis pas d'accord ».",
  flagReason: "Choisissez la raison du signalement.",
  flagDetails: "Votre précision ne doit pas dépasser 500 caractères.",
  flagDetailsInvisible:
    "Votre précision ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : écrivez-la avec des lettres ou des chiffres, ou laissez ce champ vide.",
  token: "Votre navigateur n'a pas fourni d'identifiant valide. Rechargez la page puis réessayez.",
  honeypot: "Envoi refusé : un champ qui doit rester vide a été rempli.",
  /** Closed questions (src/domain/choice-answer.schema.ts). */
  choice: {
    notClosed: "Cette question attend une réponse écrite, pas un choix.",
    single: "Choisissez une réponse.",
    multiple: "Cochez au moins une réponse.",
    unknownOption: "Une des réponses choisies n'existe pas pour cette question : rechargez la page puis réessayez.",
    scale: (min: number, max: number) => `Choisissez une valeur de ${min} à ${max}.`,
    otherText: (min: number, max: number) => `Précisez votre réponse « Autre » en ${min} à ${max} caractères.`,
    otherTextInvisible:
      "Votre précision ne contient aucun caractère visible (seulement des espaces ou des caractères invisibles) : écrivez-la avec des lettres ou des chiffres.",
    otherTextUnexpected: "Une précision n'est attendue qu'avec la réponse « Autre » : cochez-la ou videz ce champ.",
  },
  /** Answers of the API as a whole, shown in the form's status area. */
  api: {
    invalidInput: "Certains champs sont à corriger.",
    invalidJson: "Le contenu envoyé n'est pas lisible (JSON invalide).",
    unsupportedMediaType:
      "Le contenu doit être envoyé au format JSON, encodé en UTF-8 (Content-Type: application/json; charset=utf-8).",
    invalidEncoding: "Le contenu envoyé n'est pas du texte UTF-8 valide : rechargez la page puis réessayez.",
    payloadTooLarge: (maxKb: number) => `Le contenu envoyé est trop volumineux (${maxKb} Ko au maximum).`,
    idempotencyKey: "L'en-tête Idempotency-Key doit être un identifiant UUID.",
    methodNotAllowed: "Cette action n'est pas disponible à cette adresse.",
    unknownRoute: "Cette adresse ne correspond à aucun service de l'API : vérifiez le chemin demandé.",
    invalidHost: "L'adresse du site indiquée dans la requête (en-tête Host) n'est pas valide.",
    badRequest: "La requête est mal formée et n'a pas pu être lue : rechargez la page puis réessayez.",
    headersTooLarge: "Les en-têtes de la requête sont trop volumineux : effacez les cookies du site puis réessayez.",
    requestTimeout:
      "La requête est arrivée trop lentement et a été interrompue : vérifiez votre connexion puis réessayez.",
    upcoming: "La consultation n'est pas encore ouverte : revenez à partir de sa date d'ouverture.",
    closed: "La consultation est close : les contributions ne sont plus reçues.",
    duplicate: "Vous avez déjà envoyé ce texte : il n'a pas été enregistré une seconde fois.",
    duplicateChoice: "Vous avez déjà répondu à cette question sous ce pseudonyme : votre première réponse est comptée.",
    duplicateInitiative: "Vous avez déjà signalé ce lieu dans cette commune.",
    rateLimited: (seconds: number) =>
      `Vous avez fait beaucoup d'envois en peu de temps. Réessayez dans ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""} : votre texte est conservé.`,
    contributionNotFound: "Cette contribution est introuvable ou n'est pas publiée.",
    parentNotFound: "La contribution à laquelle vous répondez est introuvable ou n'est pas publiée.",
    alreadyReacted: ALREADY_REACTED,
    networkLimit: (limit: number) =>
      `${limit} réactions à cette contribution sont déjà venues de votre réseau (même adresse internet) : c'est le maximum, pour qu'une même personne ne puisse pas compter plusieurs fois. Les autres contributions restent ouvertes à vos réactions.`,
    alreadyFlagged: ALREADY_FLAGGED,
    changedReplay:
      "Une première version de ce texte a déjà été reçue et attend sa relecture ; votre modification ne l'a pas remplacée. Envoyez-la de nouveau pour qu'elle soit enregistrée elle aussi.",
    unavailable:
      "Le service d'enregistrement est momentanément indisponible. Votre texte est conservé : réessayez dans quelques instants.",
    internal: "Une erreur inattendue est survenue. Votre texte n'a pas été perdu : réessayez dans un instant.",
  },
} as const;

/** "1 caractère", "2 caractères": French plural for a count (0 and 1 are singular). */
const plural = (count: number, one: string, many: string) => `${count} ${count <= 1 ? one : many}`;

/**
 * Everything the forms (src/islands/) say besides validation messages:
 * labels, hints, statuses and the outcome of a send. Kept next to the
 * validation messages so the whole French voice of the forms reads in one file.
 */
export const frForms = {
  optional: "(facultatif)",
  /** Said once at the top of each form: the fields without « (facultatif) » must be filled. */
  requiredNote: "Tous les champs sont obligatoires, sauf ceux marqués « (facultatif) ».",
  errorPrefix: "Erreur : ",
  summaryTitle: (count: number) =>
    count === 1 ? "Le formulaire contient une erreur" : `Le formulaire contient ${count} erreurs`,
  hydrating: "Chargement du formulaire…",
  fields: {
    answerBody: "Votre réponse",
    answerBodyHint: (min: number, max: number) =>
      `De ${min} à ${max} caractères : une expérience vécue, un obstacle, une idée, une proposition. N'y mettez pas de données personnelles.`,
    replyForm: "Répondre à cette contribution",
    replyBody: "Votre réponse",
    replyBodyHint: (min: number, max: number) => `De ${min} à ${max} caractères. Restez courtois.`,
    stance: "Votre position",
    pseudonym: "Pseudonyme",
    pseudonymHint: "Il sera publié avec votre texte. Ni adresse électronique ni lien.",
    profile: "Vous êtes",
    profilePlaceholder: "Choisissez dans la liste",
    postalCode: "Code postal",
    postalCodeHint: "5 chiffres, par exemple 23000. Il sert à trouver votre commune.",
    commune: "Commune",
    communePlaceholder: "Choisissez votre commune",
    email: "Adresse électronique",
    emailHint:
      "Elle ne sera jamais publiée. Indiquez-la seulement si vous acceptez que l'équipe de la consultation vous recontacte.",
    consent: "J'accepte que l'équipe de la consultation me recontacte à cette adresse au sujet de ma contribution.",
    consentHint: "Obligatoire si vous indiquez une adresse électronique.",
    honeypot: "Ne remplissez pas ce champ",
    initiativeName: "Nom du lieu ou du projet",
    initiativeKind: "Type de lieu",
    initiativeKindPlaceholder: "Choisissez dans la liste",
    initiativeDescription: "Description",
    initiativeDescriptionHint: (min: number, max: number) =>
      `De ${min} à ${max} caractères : ce qu'on y fait, pour qui, depuis quand.`,
    initiativeUrl: "Site web",
    initiativeUrlHint: "Adresse complète, par exemple https://www.exemple.fr",
    initiativeOpeningYear: "Année d'ouverture",
    initiativeOpeningYearHint: "Par exemple 2016.",
    initiativeForm: "Faire connaître un lieu ou un projet",
    initiativeWhere: "Où se trouve le lieu ?",
    choiceOther: "Autre",
    choiceOtherText: "Précisez",
    choiceOtherTextHint: (min: number, max: number) =>
      `De ${min} à ${max} caractères. Cette précision sera relue par l'équipe de la consultation et n'est pas publiée sur le site.`,
    choiceMultipleHint: "Plusieurs réponses possibles.",
    choicePseudonymHint:
      "Il n'est jamais publié : il sert seulement à ne pas compter deux fois la même réponse. Ni adresse électronique ni lien.",
    aboutYou: "À propos de vous",
  },
  counter: {
    status: (count: number, max: number) => `${plural(count, "caractère", "caractères")} sur ${max}`,
    minimum: (min: number) => `minimum ${min}`,
    minReached: "Longueur minimale atteinte.",
    belowMin: (missing: number) => `Il manque ${plural(missing, "caractère", "caractères")} pour atteindre le minimum.`,
    remaining: (left: number) => `Il reste ${plural(left, "caractère", "caractères")}.`,
    full: "Vous avez atteint la limite de caractères.",
    over: (excess: number) => `Votre texte dépasse la limite de ${plural(excess, "caractère", "caractères")}.`,
  },
  commune: {
    loading: "Recherche des communes de ce code postal…",
    found: (name: string) => `Votre commune : ${name}.`,
    several: (count: number) => `${count} communes ont ce code postal : choisissez la vôtre dans la liste.`,
    unavailable:
      "La liste des communes n'a pas pu être chargée. Vérifiez votre connexion puis cliquez sur «\u00a0Réessayer la recherche\u00a0».",
    retry: "Réessayer la recherche",
    stillLoading:
      "La liste des communes est en cours de chargement : patientez un instant puis renvoyez le formulaire.",
  },
  submit: {
    answer: "Envoyer ma réponse",
    reply: "Envoyer ma réponse",
    initiative: "Proposer ce lieu",
    flag: "Envoyer le signalement",
    choice: "Envoyer ma réponse",
  },
  sending: "Envoi en cours…",
  retry: "Réessayer",
  /** The thanks after a form is received, one per form: an initiative is not « votre contribution ». */
  success: {
    answer:
      "Merci ! Votre contribution a bien été reçue. Elle sera publiée après relecture par l'équipe de la consultation.",
    reply: "Merci ! Votre réponse a bien été reçue. Elle sera publiée après relecture par l'équipe de la consultation.",
    initiative:
      "Merci ! Votre initiative a bien été reçue. Elle sera publiée après relecture par l'équipe de la consultation, dans l'annuaire des initiatives.",
    choice:
      "Merci ! Votre réponse a bien été enregistrée. Elle comptera dans les résultats de cette question à la prochaine mise à jour du site.",
  },
  /** The button that brings back an empty form, one per form. */
  writeAnother: {
    answer: "Écrire une autre contribution",
    reply: "Écrire une autre réponse",
    initiative: "Proposer un autre lieu",
  },
  draft: {
    restored: (savedAt: string) =>
      `Nous avons retrouvé le brouillon que vous aviez commencé (enregistré le ${savedAt}) : vous pouvez reprendre où vous en étiez.`,
    discard: "Effacer le brouillon",
    discarded: "Le brouillon a été effacé.",
    kept: "Ce que vous saisissez est enregistré sur cet appareil au fil de la saisie, jusqu'à ce que l'équipe de la consultation l'ait bien reçu.",
    unavailable:
      "Votre navigateur ne permet pas de conserver un brouillon sur cet appareil : gardez une copie de votre texte avant d'envoyer.",
  },
  failure: {
    network: "L'envoi a échoué : la connexion avec le serveur n'a pas pu être établie.",
    offline: "L'envoi a échoué : votre appareil semble hors ligne.",
    timeout: "Le serveur n'a pas répondu à temps.",
    unavailable: "Le service est momentanément indisponible.",
    rateLimited: (wait: string) => `Vous avez fait beaucoup d'envois en peu de temps : merci de patienter ${wait}.`,
    someMinutes: "quelques minutes",
    textKept:
      "Votre texte est conservé sur cet appareil : vous pouvez réessayer sans risque qu'il soit enregistré deux fois.",
    retryDraft: "Cliquez sur «\u00a0Réessayer\u00a0» quand vous le souhaitez.",
    retryAction: "Réessayez dans un instant.",
    consultationClosed: "La consultation est close : les contributions ne sont plus reçues.",
    consultationNotOpen: fr.api.upcoming,
    duplicate: "Vous avez déjà envoyé ce texte : il est en attente de relecture.",
    notFound: "Ce contenu est introuvable : il a peut-être été retiré. Rechargez la page.",
    tooLarge: "Votre envoi est trop volumineux : raccourcissez votre texte puis renvoyez-le.",
    unsupported: "Le formulaire a été envoyé dans un format inattendu : rechargez la page puis réessayez.",
    refused: "Votre envoi a été refusé : rechargez la page puis réessayez.",
    invalid: "Votre envoi contient des erreurs : corrigez-les puis renvoyez-le.",
  },
  wait: {
    seconds: (count: number) => plural(count, "seconde", "secondes"),
    minutes: (count: number) => plural(count, "minute", "minutes"),
    hours: (count: number) => plural(count, "heure", "heures"),
  },
  reactions: {
    groupLabel: "Réagir à cette contribution",
    recorded: {
      support: "Merci, votre soutien a été enregistré.",
      disagree: "Merci, votre désaccord a été enregistré.",
    },
    alreadyReacted: ALREADY_REACTED,
  },
  flags: {
    open: "Signaler un abus",
    /** Under a contribution a synthesis cites: its author may contest how it is summarised. */
    openCited: "Signaler un abus ou un résumé inexact",
    reason: "Pourquoi signalez-vous cette contribution ?",
    details: "Précisions",
    detailsHint: "500 caractères au plus. Elles ne sont lues que par l'équipe de modération.",
    cancel: "Annuler",
    sent: "Merci, votre signalement a été transmis à l'équipe de modération.",
    alreadyFlagged: ALREADY_FLAGGED,
  },
} as const;
