import { consultation } from "./domain/consultation";

/** Site-wide settings for the layout and feeds. */
export const siteName = consultation.shortName;

/** Main navigation, in reading order. */
export const mainNav = [
  { href: "/", label: "Accueil" },
  { href: "/mission/", label: "La mission" },
  { href: "/themes/", label: "Les thèmes" },
  { href: "/initiatives/", label: "Les initiatives" },
  { href: "/synthese/", label: "La synthèse" },
  { href: "/agenda/", label: "Agenda" },
  { href: "/presse/", label: "Presse" },
] as const;

/** The search page, where every search form sends its query (?q=). */
export const searchPath = "/recherche/";

/** Footer links to the pages every public site owes its visitors. */
export const footerNav = [
  { href: "/plan-du-site/", label: "Plan du site" },
  { href: "/accessibilite/", label: "Accessibilité : non conforme" },
  { href: "/mentions-legales/", label: "Mentions légales" },
  { href: "/donnees-personnelles/", label: "Données personnelles" },
  { href: "/donnees/", label: "Données ouvertes" },
  { href: "/presse/rss.xml", label: "Flux RSS des communiqués" },
  { href: "/contributions/rss.xml", label: "Flux RSS des contributions" },
  { href: "/agenda.ics", label: "Agenda (iCalendar)" },
] as const;

/** Default image for link previews (Open Graph, Twitter), 1200×630. */
export const socialImage = {
  path: "/og-image.png",
  width: 1200,
  height: 630,
  alt: `${consultation.name} : consultation publique nationale`,
};
