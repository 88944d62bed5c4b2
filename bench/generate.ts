/**
 * Realistic French consultation data, generated into an embedded database:
 * answers spread over the themes and questions of src/content/consultation.json,
 * replies with a stance, reactions, initiatives and one synthesis per theme,
 * all published, sent and published across the consultation window, from real
 * communes (@etalab/decoupage-administratif, through src/server/territory.ts)
 * spread over the régions and the four kinds of territory. For benchmarks and
 * demonstrations; deterministic for a given --seed.
 *
 *   npx tsx bench/generate.ts --count 1000 --data-dir .data/demo/pglite
 *   npx tsx bench/generate.ts --count 200 --replies 0 --theme ancrage-territorial --data-dir .data/budgets/pglite
 *
 * Options: --count (contributions: answers + replies, default 1000), --replies
 * (share of replies, 0.15), --reactions (mean per contribution, 3),
 * --initiatives (default count / 20), --theme (only this theme; repeatable),
 * --pending and --rejected (shares left pending or rejected, 0), --seed (2018),
 * --reset (empty the folder first). A new folder is migrated without the
 * demonstration seed, so that it holds exactly what was generated.
 *
 * Rows go in through SQL in batches (jsonb_to_recordset), not through the
 * API: 100,000 contributions take seconds, not minutes.
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { consultation, themes } from "../src/domain/consultation";
import type { InitiativeKind, Profile, Stance } from "../src/domain/contribution.schema";
import type { CommuneTerritory, TerritoryType } from "../src/domain/territory";
import { releaseFolderLock, takeFolderLock } from "../src/server/store/folder-lock";
import { migrate } from "../src/server/store/migrate";
import { pgliteTarget } from "../src/server/store/migration-targets";
import { supabaseDir } from "../src/server/store/open-store";
import { communeIndexes, communesForPostalCode } from "../src/server/territory";

export interface GenerateOptions {
  /** Contributions to write: answers and replies together. */
  count: number;
  /** Share of the contributions that are replies to a published answer (0 to 1). */
  replies?: number;
  /** Mean reactions per published contribution (a few get many, most get few). */
  reactions?: number;
  /** Initiatives to write (default: count / 20). */
  initiatives?: number;
  /** Restrict the answers to these theme ids (default: every theme). */
  themeIds?: string[];
  /** Shares of contributions left pending or rejected; the rest is published. */
  pending?: number;
  rejected?: number;
  /** Write one synthesis per theme (default true). */
  syntheses?: boolean;
  /** Seed of the pseudo-random generator: the same seed gives the same data. */
  seed?: number;
}

export interface GenerateReport {
  answers: number;
  replies: number;
  published: number;
  reactions: number;
  initiatives: number;
  syntheses: number;
  seconds: number;
}

// ---------------------------------------------------------------------------
// Pseudo-random generator (mulberry32): small, fast, reproducible.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick from an empty list");
  return items[Math.floor(random() * items.length)] as T;
}

/** Picks a key by weight: { a: 3, b: 1 } gives a three times out of four. */
function weighted<K extends string>(random: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let draw = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [key, weight] of entries) {
    draw -= weight;
    if (draw < 0) return key;
  }
  return (entries.at(-1) as [K, number])[0];
}

/** A version 4 UUID drawn from the seeded generator. */
function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(random() * 4)] as string;
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------------------
// Communes: real ones, by kind of territory and région.

type CommunePools = Map<TerritoryType, Map<string, CommuneTerritory[]>>;

let pools: CommunePools | undefined;

/** Every inhabited current commune (with its first postal code), grouped by kind of territory, then by région. */
function communePools(): CommunePools {
  if (pools) return pools;
  const byType: CommunePools = new Map();
  const seen = new Set<string>();
  for (const { communes } of communeIndexes()) {
    for (const postalCode of Object.keys(communes)) {
      for (const commune of communesForPostalCode(postalCode)) {
        // Uninhabited territories (Clipperton, the TAAF districts) have no participants.
        if (seen.has(commune.code) || !commune.population) continue;
        seen.add(commune.code);
        const byRegion = byType.get(commune.territoryType) ?? new Map<string, CommuneTerritory[]>();
        byType.set(commune.territoryType, byRegion);
        const list = byRegion.get(commune.region.code) ?? [];
        list.push(commune);
        byRegion.set(commune.region.code, list);
      }
    }
  }
  pools = byType;
  return byType;
}

/** The consultation is about towns and the countryside: métropoles answer, but less. */
const territoryWeights: Record<TerritoryType, number> = {
  rural: 34,
  "small-town": 30,
  "medium-town": 20,
  metropolis: 16,
};

/**
 * A kind of territory by weight, then a région weighted by the square root of
 * its communes of that kind (every région appears, overseas collectivities
 * with a handful of communes rarely), then one of its communes.
 */
function pickCommune(random: Random): CommuneTerritory {
  const byRegion = communePools().get(weighted(random, territoryWeights));
  if (!byRegion) throw new Error("no commune data: is @etalab/decoupage-administratif installed?");
  const regions = [...byRegion.values()];
  let draw = random() * regions.reduce((sum, communes) => sum + Math.sqrt(communes.length), 0);
  for (const communes of regions) {
    draw -= Math.sqrt(communes.length);
    if (draw < 0) return pick(random, communes);
  }
  return pick(random, regions.at(-1) ?? []);
}

// ---------------------------------------------------------------------------
// People.

const firstNames = [
  "Camille",
  "Léa",
  "Manon",
  "Chloé",
  "Inès",
  "Sarah",
  "Julie",
  "Emma",
  "Anne",
  "Claire",
  "Sophie",
  "Nathalie",
  "Élodie",
  "Mathilde",
  "Agnès",
  "Yasmina",
  "Fatou",
  "Maëlle",
  "Louise",
  "Hélène",
  "Thomas",
  "Nicolas",
  "Julien",
  "Maxime",
  "Antoine",
  "Pierre",
  "Hugo",
  "Lucas",
  "Karim",
  "Mehdi",
  "Olivier",
  "Sébastien",
  "Jean-Marc",
  "Philippe",
  "François",
  "Bernard",
  "Yann",
  "Gaël",
  "Loïc",
  "Rémi",
  "Bastien",
  "Dominique",
  "Pascal",
  "Mathis",
  "Noé",
] as const;
const roles = [
  "Nomade",
  "Coworkeuse",
  "Coworker",
  "Télétravailleur",
  "Télétravailleuse",
  "Graphiste",
  "Menuisier",
  "Maraîchère",
  "Développeur",
  "Traductrice",
  "Élue",
  "Secrétaire de mairie",
  "Animatrice",
  "Indépendant",
  "Fabmanager",
  "Bibliothécaire",
  "Artisan",
  "Consultante",
  "Jeune retraité",
  "Étudiante",
] as const;

/** A plausible pseudonym: a first name with an initial, a role and a département, or a nickname. */
function pseudonym(random: Random, commune: CommuneTerritory): string {
  const first = pick(random, firstNames);
  switch (int(random, 0, 4)) {
    case 0:
      return `${first} ${String.fromCharCode(65 + int(random, 0, 25))}.`;
    case 1:
      return `${pick(random, roles)} ${commune.departement.code}`;
    case 2:
      return `${first}${int(random, 1, 99)}`;
    case 3:
      return `${pick(random, roles)} de ${commune.name}`.slice(0, 40).trim();
    default:
      return first;
  }
}

const profileWeights: Record<Profile, number> = {
  habitant: 24,
  usager: 16,
  fondateur: 9,
  "porteur-de-projet": 10,
  entrepreneur: 12,
  salarie: 11,
  collectivite: 8,
  association: 7,
  autre: 3,
};

// ---------------------------------------------------------------------------
// French text, assembled from fragments: per theme, a situation, a difficulty
// and a proposal; shared openers, links and closers.

const openers = [
  "Dans notre commune,",
  "Chez nous,",
  "Depuis deux ans,",
  "De mon expérience,",
  "Pour ma part,",
  "Ici,",
  "Dans notre intercommunalité,",
  "Concrètement,",
  "Dans les bourgs voisins,",
  "Au quotidien,",
  "À mon avis,",
  "Pour les habitants du canton,",
  "Dans la vallée,",
  "Depuis l'ouverture de notre espace,",
  "Franchement,",
] as const;
const links = [
  "Pourtant,",
  "Mais",
  "En revanche,",
  "Le problème, c'est que",
  "Du coup,",
  "Malheureusement,",
  "En pratique,",
  "Et surtout,",
  "À l'inverse,",
  "Il faut dire que",
] as const;
const proposalLeads = [
  "Il faudrait",
  "Je propose de",
  "Nous aimerions",
  "La priorité serait de",
  "Pourquoi ne pas",
  "Il serait utile de",
  "Les collectivités pourraient",
  "L'État devrait aider à",
  "Une piste simple :",
] as const;
const closers = [
  "C'est ce qui manque le plus aujourd'hui.",
  "Nous sommes prêts à en discuter avec les élus.",
  "Sans cela, les projets s'essoufflent au bout de deux ou trois ans.",
  "C'est à cette condition que le lieu tiendra dans la durée.",
  "Beaucoup d'habitants le disent autour de moi.",
  "Je serais heureux de partager notre expérience.",
  "Cela ne coûterait pas très cher et changerait beaucoup de choses.",
  "",
  "",
] as const;

interface ThemeFragments {
  situations: readonly string[];
  difficulties: readonly string[];
  proposals: readonly string[];
}

const fragments: Record<string, ThemeFragments> = {
  "comprendre-les-tiers-lieux": {
    situations: [
      "le tiers-lieu est d'abord un endroit où l'on se croise entre métiers très différents",
      "on y vient pour travailler, mais on y reste pour le café partagé et les ateliers du soir",
      "l'accueil fait toute la différence avec un simple bureau loué à la journée",
      "les usagers proposent eux-mêmes des activités : réparation de vélos, cours de couture, initiation au code",
      "les retraités côtoient les indépendants et les lycéens qui préparent leurs examens",
      "le lieu sert aussi de point de rencontre pour les associations du territoire",
    ],
    difficulties: [
      "beaucoup de gens pensent encore que c'est réservé aux travailleurs du numérique",
      "le mot « tiers-lieu » ne parle pas à grand monde dans les villages",
      "les horaires d'ouverture ne conviennent pas toujours aux salariés",
      "il manque souvent un animateur pour faire le lien entre les usagers",
    ],
    proposals: [
      "ouvrir le lieu le samedi matin pour les familles",
      "organiser des portes ouvertes avec les écoles et le club des aînés",
      "afficher clairement les services proposés à l'entrée de la mairie",
      "former des bénévoles à l'accueil des nouveaux venus",
    ],
  },
  "ancrage-territorial": {
    situations: [
      "l'ancienne gare est vide depuis dix ans alors qu'elle est au centre du bourg",
      "la mairie a mis à disposition deux salles de l'ancienne école",
      "le projet est né d'un collectif d'habitants qui se réunissaient au café",
      "la communauté de communes soutient le lieu mais sans budget de fonctionnement",
      "les commerces du centre-bourg ferment les uns après les autres",
      "le tiers-lieu occupe une partie de la maison de services au public",
    ],
    difficulties: [
      "trouver un bâtiment aux normes coûte plus cher que prévu",
      "les habitants des hameaux ont du mal à venir sans voiture",
      "la connexion internet reste trop lente pour travailler en visioconférence",
      "les démarches administratives découragent les porteurs de projet bénévoles",
      "il faut du temps pour que la population s'approprie le lieu",
    ],
    proposals: [
      "recenser les bâtiments publics vacants et les proposer aux collectifs",
      "prévoir un transport à la demande les jours d'ouverture",
      "accompagner les communes dans la mise aux normes des locaux",
      "associer les habitants dès la conception du projet",
      "s'appuyer sur les commerces existants pour faire connaître le lieu",
    ],
  },
  "modeles-economiques": {
    situations: [
      "nos recettes viennent pour moitié des abonnements et pour moitié des formations",
      "la location de salles aux entreprises locales finance l'animation",
      "nous vivons surtout de subventions de fonctionnement renouvelées chaque année",
      "le café associatif dégage un petit bénéfice qui paie une partie du loyer",
      "les premières années ont été financées par un prêt d'honneur et du bénévolat",
    ],
    difficulties: [
      "les subventions financent l'investissement mais jamais le poste d'animateur",
      "les abonnements ne couvrent pas le loyer quand il y a peu d'usagers",
      "il est difficile de prouver l'utilité sociale du lieu aux financeurs",
      "les appels à projets changent de critères tous les ans",
    ],
    proposals: [
      "créer un fonds d'amorçage dédié aux tiers-lieux ruraux",
      "mutualiser un comptable et un chargé de communication entre plusieurs lieux",
      "reconnaître l'animation comme une mission d'intérêt général",
      "proposer des conventions pluriannuelles plutôt que des appels à projets",
      "mesurer l'impact avec des indicateurs simples et partagés",
    ],
  },
  "role-des-pouvoirs-publics": {
    situations: [
      "la région a lancé un appel à projets mais les délais étaient très courts",
      "notre maire soutient le projet, le département ne nous a jamais répondu",
      "les agents publics en télétravail pourraient venir travailler chez nous",
      "la préfecture connaît mal ces lieux et les confond avec des pépinières d'entreprises",
      "plusieurs services publics tiennent déjà des permanences dans le lieu",
    ],
    difficulties: [
      "chaque financeur demande un dossier différent pour le même projet",
      "les règles de la commande publique empêchent les administrations de louer un poste",
      "les élus changent et le soutien au projet avec eux",
      "l'État parle beaucoup de tiers-lieux sans dire qui paiera dans cinq ans",
    ],
    proposals: [
      "créer un guichet unique pour les porteurs de projet",
      "autoriser les agents publics à télétravailler dans les tiers-lieux",
      "signer des contrats de trois ans entre l'État, la région et les lieux",
      "confier aux collectivités l'animation d'un réseau départemental",
      "installer des permanences de services publics dans chaque tiers-lieu",
    ],
  },
  "travail-et-emploi": {
    situations: [
      "je travaille à distance pour une entreprise parisienne trois jours par semaine",
      "je suis graphiste indépendante et je travaillais seule dans ma cuisine",
      "le lieu accueille des salariés d'entreprises différentes qui partagent leurs contacts",
      "plusieurs usagers ont trouvé des clients grâce aux rencontres du lieu",
      "des demandeurs d'emploi viennent y préparer leurs candidatures",
    ],
    difficulties: [
      "l'isolement pèse quand on travaille seul à la maison toute la semaine",
      "les employeurs hésitent encore à payer un poste en coworking",
      "les formations restent concentrées dans les grandes villes",
      "les indépendants ont peu de temps pour s'investir dans la vie du lieu",
    ],
    proposals: [
      "faire prendre en charge le poste de travail par l'employeur",
      "organiser des formations courtes dans les tiers-lieux avec les organismes agréés",
      "créer des temps de rencontre réguliers entre indépendants",
      "proposer des bureaux aux salariés qui évitent ainsi deux heures de trajet",
    ],
  },
  "numerique-et-inclusion": {
    situations: [
      "la fibre est arrivée l'an dernier mais pas dans les hameaux",
      "beaucoup de personnes âgées viennent pour leurs démarches en ligne",
      "nous prêtons des ordinateurs aux familles qui n'en ont pas",
      "un conseiller numérique tient une permanence deux matinées par semaine",
      "le lieu est le seul endroit du canton avec une connexion correcte",
    ],
    difficulties: [
      "la dématérialisation des démarches laisse beaucoup de monde de côté",
      "les bénévoles ne sont pas formés pour accompagner les démarches sensibles",
      "le réseau mobile coupe dès qu'on sort du bourg",
      "les personnes qui en ont le plus besoin n'osent pas pousser la porte",
    ],
    proposals: [
      "financer durablement des médiateurs numériques dans les tiers-lieux",
      "installer un point d'accès aux services publics avec un agent formé",
      "accélérer le raccordement des hameaux à la fibre",
      "aller chercher les habitants avec les associations et les services sociaux",
    ],
  },
};

const genericFragments: ThemeFragments = {
  situations: ["le lieu accueille chaque semaine des usagers très différents"],
  difficulties: ["les moyens manquent pour faire vivre le lieu"],
  proposals: ["soutenir durablement ceux qui animent ces lieux"],
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Je propose de" + "organiser…" gives "Je propose d'organiser…": French elision before a vowel or a mute h. */
function elide(lead: string, text: string): string {
  return / de$/.test(lead) && /^[aeéèêiîoôuh]/i.test(text) ? `${lead.slice(0, -2)}d'${text}` : `${lead} ${text}`;
}

/** An answer of two to seven sentences, in the voice of a participant. */
function answerBody(random: Random, themeId: string): string {
  const words = fragments[themeId] ?? genericFragments;
  const sentences = [`${pick(random, openers)} ${pick(random, words.situations)}.`];
  for (let extra = int(random, 0, 2); extra > 0; extra--) {
    sentences.push(`${pick(random, links)} ${pick(random, words.difficulties)}.`);
  }
  if (random() < 0.5) sentences.push(`${capitalise(pick(random, words.situations))}.`);
  for (let extra = int(random, 1, 2); extra > 0; extra--) {
    sentences.push(`${elide(pick(random, proposalLeads), pick(random, words.proposals))}.`);
  }
  const closer = pick(random, closers);
  if (closer) sentences.push(closer);
  return sentences.join(" ");
}

const replyOpeners: Record<Stance, readonly string[]> = {
  for: ["Tout à fait d'accord :", "C'est aussi notre expérience :", "Je confirme,", "Exactement,"],
  against: ["Je ne partage pas cet avis :", "Pas tout à fait :", "Chez nous, c'est l'inverse :", "Attention,"],
  question: ["Comment avez-vous fait pour", "Qui vous a aidés pour", "Combien de temps vous a-t-il fallu pour"],
};

/** A reply of one or two sentences that takes a stance. */
function replyBody(random: Random, themeId: string, stance: Stance): string {
  const words = fragments[themeId] ?? genericFragments;
  const opener = pick(random, replyOpeners[stance]);
  if (stance === "question") return `${opener} ${pick(random, words.proposals)} ? Merci pour votre retour.`;
  const second = random() < 0.5 ? ` ${capitalise(pick(random, words.difficulties))}.` : "";
  return `${opener} ${pick(random, words.situations)}.${second}`;
}

const initiativeNames: Record<InitiativeKind, readonly string[]> = {
  coworking: ["L'Établi", "Le Bureau du bourg", "La Ruche", "Cowork'", "L'Escale"],
  "tiers-lieu": ["La Fabrique", "Le Local", "La Grange", "Le Moulin", "La Halle", "L'Atelier commun"],
  fablab: ["FabLab", "Le Labo", "Les Bidouilleurs", "L'Atelier numérique"],
  makerspace: ["L'Atelier partagé", "La Menuiserie partagée", "Le Garage solidaire"],
  "espace-numerique": ["Espace numérique", "Point numérique", "La Cyber-base"],
  autre: ["La Maison des projets", "Le Café des possibles", "La Recyclerie"],
};
const initiativeKindWeights: Record<InitiativeKind, number> = {
  coworking: 30,
  "tiers-lieu": 32,
  fablab: 12,
  makerspace: 8,
  "espace-numerique": 12,
  autre: 6,
};

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---------------------------------------------------------------------------
// Time: the consultation window, busier on weekdays, at launch and near the end.

const HOUR = 3_600_000;
const opens = Date.parse(`${consultation.opensOn}T00:00:00+02:00`);
/** Nothing is sent or published after the demonstration instant the pages are built at. */
const lastInstant = Date.parse(consultation.demoNow);
/** Hours of sending, Paris time, repeated by how often people write then (evenings first). */
const sendingHours = [8, 9, 10, 10, 11, 12, 12, 13, 14, 14, 15, 16, 17, 18, 18, 20, 20, 21, 21, 21, 22, 23];

function sentAt(random: Random): number {
  const days = Math.floor((lastInstant - opens) / (24 * HOUR));
  // Two bumps: the launch and the last fortnight.
  const u = random();
  const day =
    u < 0.15 ? int(random, 0, 4) : u < 0.35 ? int(random, Math.max(0, days - 14), days - 1) : int(random, 0, days - 1);
  // opens is midnight in Paris: the hour counts from there.
  const hour = pick(random, sendingHours);
  return Math.min(lastInstant - 3 * HOUR, opens + day * 24 * HOUR + hour * HOUR + int(random, 0, 59) * 60_000);
}

/** Moderated between twenty minutes and three days later, never after the demonstration instant. */
function publishedAfter(random: Random, sent: number): number {
  return Math.min(lastInstant - 60_000, sent + int(random, 20, 72 * 60) * 60_000);
}

const iso = (time: number) => new Date(time).toISOString();

// ---------------------------------------------------------------------------
// Writing.

interface ContributionRow {
  id: string;
  idempotency_key: string;
  theme_id: string;
  question_id: string;
  parent_id: string | null;
  stance: Stance | null;
  body: string;
  pseudonym: string;
  profile: Profile;
  postal_code: string;
  commune_code: string;
  commune_name: string;
  departement_code: string;
  departement_name: string;
  region_code: string;
  region_name: string;
  territory_type: TerritoryType;
  status: "pending" | "published" | "rejected";
  moderation_reason: string | null;
  moderated_at: string | null;
  published_at: string | null;
  author_hash: string;
  created_at: string;
  retained: boolean;
}

const contributionColumns = `id uuid, idempotency_key uuid, theme_id text, question_id text, parent_id uuid, stance text,
  body text, pseudonym text, profile text, postal_code text, commune_code text, commune_name text,
  departement_code text, departement_name text, region_code text, region_name text, territory_type text,
  status text, moderation_reason text, moderated_at timestamptz, published_at timestamptz, author_hash text,
  created_at timestamptz, retained boolean`;

/** Inserts rows of one table from JSON, `batch` at a time, in one transaction per batch. */
async function insertJson(db: PGlite, table: string, columns: string, rows: object[], batch = 2_000): Promise<void> {
  const names = columns
    .split(",")
    .map((column) => column.trim().split(/\s+/)[0])
    .join(", ");
  for (let start = 0; start < rows.length; start += batch) {
    await db.query(
      `insert into public.${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as x(${columns})`,
      [JSON.stringify(rows.slice(start, start + batch))],
    );
  }
}

/** A person: their commune, profile and pseudonym; some write several contributions. */
interface Author {
  hash: string;
  commune: CommuneTerritory;
  profile: Profile;
  pseudonym: string;
}

/** Generates the data into an open, migrated database. */
export async function generate(db: PGlite, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 2018);
  const count = Math.max(0, Math.floor(options.count));
  const replyShare = Math.min(1, Math.max(0, options.replies ?? 0.15));
  const pendingShare = options.pending ?? 0;
  const rejectedShare = options.rejected ?? 0;
  const chosenThemes = options.themeIds?.length
    ? themes.filter((theme) => options.themeIds?.includes(theme.id))
    : themes;
  if (chosenThemes.length === 0) {
    throw new Error(`unknown theme ${options.themeIds?.join(", ")}: use one of ${themes.map((t) => t.id).join(", ")}`);
  }
  // A run id keeps author and voter hashes distinct from an earlier run into the same database.
  const run = uuid(random).slice(0, 8);

  const authors: Author[] = [];
  const authorFor = (): Author => {
    // Roughly one person in four writes more than once.
    if (authors.length > 0 && random() < 0.25) return pick(random, authors);
    const commune = pickCommune(random);
    const author = {
      hash: `generated-author-${run}-${authors.length.toString().padStart(7, "0")}`,
      commune,
      profile: weighted(random, profileWeights),
      pseudonym: pseudonym(random, commune),
    };
    authors.push(author);
    return author;
  };
  const statusFor = (): ContributionRow["status"] => {
    const u = random();
    return u < pendingShare ? "pending" : u < pendingShare + rejectedShare ? "rejected" : "published";
  };
  const row = (
    author: Author,
    fields: Pick<ContributionRow, "theme_id" | "question_id" | "parent_id" | "stance" | "body">,
    sent: number,
  ): ContributionRow => {
    const status = statusFor();
    const moderated = status === "pending" ? null : publishedAfter(random, sent);
    const { commune } = author;
    return {
      id: uuid(random),
      idempotency_key: uuid(random),
      ...fields,
      pseudonym: author.pseudonym,
      profile: author.profile,
      postal_code: commune.postalCode,
      commune_code: commune.code,
      commune_name: commune.name,
      departement_code: commune.departement.code,
      departement_name: commune.departement.name,
      region_code: commune.region.code,
      region_name: commune.region.name,
      territory_type: commune.territoryType,
      status,
      moderation_reason: status === "rejected" ? "Hors sujet" : null,
      moderated_at: moderated === null ? null : iso(moderated),
      published_at: status === "published" && moderated !== null ? iso(moderated) : null,
      author_hash: author.hash,
      created_at: iso(sent),
      retained: false,
    };
  };

  const replyCount = Math.round(count * replyShare);
  const answerCount = count - replyCount;
  const answers: ContributionRow[] = [];
  for (let index = 0; index < answerCount; index++) {
    const theme = pick(random, chosenThemes);
    const question = pick(random, theme.questions);
    const answer = row(
      authorFor(),
      {
        theme_id: theme.id,
        question_id: question.id,
        parent_id: null,
        stance: null,
        body: answerBody(random, theme.id),
      },
      sentAt(random),
    );
    // The mission team retains about one published answer in fifty for its synthesis.
    answer.retained = answer.status === "published" && random() < 0.02;
    answers.push(answer);
  }

  // Replies answer a published answer, after it was published.
  const parents = answers.filter(
    (answer) => answer.status === "published" && Date.parse(answer.published_at ?? "") < lastInstant - 6 * HOUR,
  );
  const replies: ContributionRow[] = [];
  for (let index = 0; index < replyCount && parents.length > 0; index++) {
    const parent = pick(random, parents);
    const stance = weighted<Stance>(random, { for: 5, against: 3, question: 2 });
    const after = Date.parse(parent.published_at ?? "");
    const sent = Math.min(lastInstant - 4 * HOUR, after + int(random, 10, 10 * 24 * 60) * 60_000);
    replies.push(
      row(
        authorFor(),
        {
          theme_id: parent.theme_id,
          question_id: parent.question_id,
          parent_id: parent.id,
          stance,
          body: replyBody(random, parent.theme_id, stance),
        },
        sent,
      ),
    );
  }

  // Different people send the same sentence sometimes, but one person never twice (a unique index).
  const byAuthorText = new Set<string>();
  const unique = (rows: ContributionRow[]) =>
    rows.map((contribution) => {
      let key = `${contribution.author_hash}|${contribution.body}`;
      while (byAuthorText.has(key)) {
        contribution.body = `${contribution.body} ${pick(random, closers.filter(Boolean))}`;
        key = `${contribution.author_hash}|${contribution.body}`;
      }
      byAuthorText.add(key);
      return contribution;
    });

  await insertJson(db, "contributions", contributionColumns, unique(answers));
  await insertJson(db, "contributions", contributionColumns, unique(replies));

  // Reactions: most contributions get a few, some many (an exponential draw, one in twenty boosted).
  const meanReactions = options.reactions ?? 3;
  const voterPool = Math.max(2_000, count * 2);
  const reactions: { contribution_id: string; voter_hash: string; kind: string; created_at: string }[] = [];
  for (const contribution of [...answers, ...replies]) {
    if (contribution.status !== "published" || meanReactions <= 0) continue;
    const boost = random() < 0.05 ? 8 : 1;
    const howMany = Math.min(400, Math.floor(-Math.log(1 - random()) * meanReactions * boost));
    const from = int(random, 0, voterPool - 1);
    const published = Date.parse(contribution.published_at ?? "");
    const supportShare = 0.55 + random() * 0.4;
    for (let k = 0; k < howMany; k++) {
      reactions.push({
        contribution_id: contribution.id,
        voter_hash: `generated-voter-${run}-${((from + k) % voterPool).toString().padStart(7, "0")}`,
        kind: random() < supportShare ? "support" : "disagree",
        created_at: iso(
          published + int(random, 1, Math.max(2, Math.floor((lastInstant - published) / 60_000))) * 60_000,
        ),
      });
    }
  }
  await insertJson(
    db,
    "reactions",
    "contribution_id uuid, voter_hash text, kind text, created_at timestamptz",
    reactions,
    5_000,
  );

  const initiativeCount = options.initiatives ?? Math.round(count / 20);
  const initiatives: object[] = [];
  const initiativeKeys = new Set<string>();
  for (let index = 0; index < initiativeCount; index++) {
    const author = authorFor();
    const kind = weighted(random, initiativeKindWeights);
    let name = `${pick(random, initiativeNames[kind] ?? ["Lieu"])} de ${author.commune.name}`.slice(0, 120);
    if (initiativeKeys.has(`${author.hash}|${name}`)) name = `${name} ${index}`.slice(0, 120);
    initiativeKeys.add(`${author.hash}|${name}`);
    const sent = sentAt(random);
    const status = statusFor();
    const moderated = status === "pending" ? null : publishedAfter(random, sent);
    const { commune } = author;
    initiatives.push({
      id: uuid(random),
      idempotency_key: uuid(random),
      name,
      kind,
      description: `${capitalise(pick(random, (fragments["comprendre-les-tiers-lieux"] ?? genericFragments).situations))}. Ouvert depuis ${int(random, 2008, 2018)}, le lieu accueille ${int(random, 5, 80)} usagers réguliers.`,
      url: random() < 0.6 ? `https://${slug(name)}.example.org` : null,
      opening_year: random() < 0.8 ? int(random, 2005, 2018) : null,
      pseudonym: author.pseudonym,
      profile: author.profile,
      postal_code: commune.postalCode,
      commune_code: commune.code,
      commune_name: commune.name,
      departement_code: commune.departement.code,
      departement_name: commune.departement.name,
      region_code: commune.region.code,
      region_name: commune.region.name,
      territory_type: commune.territoryType,
      status,
      moderation_reason: status === "rejected" ? "Doublon" : null,
      moderated_at: moderated === null ? null : iso(moderated),
      published_at: status === "published" && moderated !== null ? iso(moderated) : null,
      author_hash: author.hash,
      created_at: iso(sent),
    });
  }
  await insertJson(
    db,
    "initiatives",
    `id uuid, idempotency_key uuid, name text, kind text, description text, url text, opening_year integer,
     pseudonym text, profile text, postal_code text, commune_code text, commune_name text, departement_code text,
     departement_name text, region_code text, region_name text, territory_type text, status text,
     moderation_reason text, moderated_at timestamptz, published_at timestamptz, author_hash text, created_at timestamptz`,
    initiatives,
  );

  let syntheses = 0;
  if (options.syntheses ?? true) {
    for (const theme of chosenThemes) {
      const words = fragments[theme.id] ?? genericFragments;
      const body = [
        `## Ce que disent les contributions`,
        "",
        `Les participants décrivent des situations variées : ${pick(random, words.situations)}, ou encore ${pick(random, words.situations)}.`,
        "",
        "## Les difficultés les plus citées",
        "",
        ...words.difficulties.slice(0, 3).map((difficulty) => `- ${capitalise(difficulty)} ;`),
        "",
        "## Les propositions retenues par la mission",
        "",
        ...words.proposals.slice(0, 3).map((proposal, index) => `${index + 1}. ${capitalise(proposal)}.`),
      ].join("\n");
      await db.query(
        `insert into public.syntheses (theme_id, body, updated_by, updated_at) values ($1, $2, 'generateur', $3)
         on conflict (theme_id) do update set body = excluded.body, updated_at = excluded.updated_at`,
        [theme.id, body, iso(lastInstant - 2 * HOUR)],
      );
      syntheses++;
    }
  }

  const all = [...answers, ...replies];
  return {
    answers: answers.length,
    replies: replies.length,
    published: all.filter((contribution) => contribution.status === "published").length,
    reactions: reactions.length,
    initiatives: initiatives.length,
    syntheses,
    seconds: (performance.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------
// A database folder: the same one-process lock as the store (src/server/store/folder-lock.ts).

/** Opens (creating and migrating, without the demonstration seed) a PGlite folder, or memory://. */
export async function openDatabase(dataDir: string): Promise<{ db: PGlite; close: () => Promise<void> }> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) {
    await mkdir(resolve(dataDir, ".."), { recursive: true });
    await takeFolderLock(dataDir);
  }
  const db = await PGlite.create(inMemory ? dataDir : resolve(dataDir));
  await migrate(pgliteTarget(db), { supabaseDir, seed: false });
  return {
    db,
    close: async () => {
      await db.close();
      if (!inMemory) await releaseFolderLock(dataDir);
    },
  };
}

/** Generates into a folder (emptied first with reset), and closes it. */
export async function generateIntoFolder(
  dataDir: string,
  options: GenerateOptions & { reset?: boolean },
): Promise<GenerateReport> {
  if (options.reset && !dataDir.startsWith("memory://") && existsSync(dataDir)) {
    await rm(dataDir, { recursive: true, force: true });
  }
  const { db, close } = await openDatabase(dataDir);
  try {
    return await generate(db, options);
  } finally {
    await close();
  }
}

export function describeReport(report: GenerateReport): string {
  return (
    `${report.answers + report.replies} contributions (${report.answers} answers, ${report.replies} replies, ` +
    `${report.published} published), ${report.reactions} reactions, ${report.initiatives} initiatives, ` +
    `${report.syntheses} syntheses in ${report.seconds.toFixed(1)} s`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1000" },
      "data-dir": { type: "string" },
      replies: { type: "string" },
      reactions: { type: "string" },
      initiatives: { type: "string" },
      theme: { type: "string", multiple: true },
      pending: { type: "string" },
      rejected: { type: "string" },
      seed: { type: "string" },
      "no-syntheses": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
    },
  });
  const dataDir = values["data-dir"];
  if (!dataDir) {
    console.error(
      "Usage: npx tsx bench/generate.ts --count 1000 --data-dir .data/demo/pglite [--reset] [--theme <id>]",
    );
    process.exit(2);
  }
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const report = await generateIntoFolder(dataDir, {
    count: Number(values.count),
    replies: number(values.replies),
    reactions: number(values.reactions),
    initiatives: number(values.initiatives),
    themeIds: values.theme,
    pending: number(values.pending),
    rejected: number(values.rejected),
    seed: number(values.seed),
    syntheses: !values["no-syntheses"],
    reset: values.reset,
  } as GenerateOptions & { reset?: boolean });
  console.log(`[generate] ${dataDir}: ${describeReport(report)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
