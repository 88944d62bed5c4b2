/**
 * Every French message a citizen can read about their input, in one place,
 * shared by the forms (in the browser) and the functions (on the server).
 */
export const fr = {
  required: "Ce champ est obligatoire.",
  payload: "Le contenu envoyé n'est pas un formulaire valide : rechargez la page puis réessayez.",
  pseudonym: {
    tooShort: "Votre pseudonyme doit compter au moins 2 caractères.",
    tooLong: "Votre pseudonyme ne doit pas dépasser 40 caractères.",
    invalid: "Votre pseudonyme ne peut pas contenir d'adresse électronique ni de lien.",
  },
  profile: "Choisissez le profil qui vous correspond le mieux.",
  postalCode: "Indiquez un code postal à 5 chiffres, par exemple 23000.",
  unknownPostalCode: "Ce code postal ne correspond à aucune commune. Vérifiez-le.",
  commune: "Choisissez votre commune dans la liste.",
  communeNotInPostalCode: "Cette commune ne correspond pas au code postal indiqué.",
  body: {
    tooShort: (min: number) => `Votre texte doit compter au moins ${min} caractères.`,
    tooLong: (max: number) => `Votre texte ne doit pas dépasser ${max} caractères.`,
  },
  email: "Indiquez une adresse électronique valide, par exemple nom@exemple.fr, ou laissez ce champ vide.",
  consentRequired: "Cochez la case pour accepter d'être recontacté, ou laissez l'adresse électronique vide.",
  theme: "Ce thème n'existe pas dans la consultation.",
  question: "Cette question n'existe pas dans ce thème.",
  stance: "Indiquez si vous êtes d'accord, pas d'accord, ou si vous posez une question.",
  parent: "La contribution à laquelle vous répondez est introuvable.",
  initiative: {
    name: "Indiquez le nom du lieu ou du projet (2 à 120 caractères).",
    kind: "Choisissez le type de lieu.",
    description: (min: number, max: number) => `Décrivez le lieu en ${min} à ${max} caractères.`,
    website: "Indiquez une adresse web complète, commençant par https://, ou laissez ce champ vide.",
    openingYear: (max: number) => `Indiquez une année d'ouverture entre 1990 et ${max}, ou laissez ce champ vide.`,
  },
  reaction: "Choisissez « Je soutiens » ou « Je ne suis pas d'accord ».",
  flagReason: "Choisissez la raison du signalement.",
  flagDetails: "Votre précision ne doit pas dépasser 500 caractères.",
  token: "Votre navigateur n'a pas fourni d'identifiant valide. Rechargez la page puis réessayez.",
  honeypot: "Envoi refusé : un champ qui doit rester vide a été rempli.",
} as const;
