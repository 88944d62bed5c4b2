import { consultation, features } from "./domain/consultation";
import type { Features } from "./domain/consultation.schema";
import { pageTexts } from "./domain/page-texts";

/** Site-wide settings for the layout and feeds. */
export const siteName = consultation.shortName;

/**
 * The paths (a folder or a file of dist/) each optional part of the site owns:
 * when the content switches a part off (`features`), they are not built
 * (src/integrations/content-folder.ts), not in the sitemap and not linked.
 */
export const featureRoutes: Record<keyof Features, string[]> = {
  initiatives: ["/initiatives/"],
  visits: ["/agenda/", "/agenda.ics"],
};

/** The paths of the parts this consultation switches off. */
export const switchedOffRoutes: string[] = Object.entries(featureRoutes).flatMap(([feature, routes]) =>
  features[feature as keyof Features] ? [] : routes,
);

/** Whether a path or URL (`/agenda/`, `https://…/initiatives/x/`) belongs to a switched-off part. */
export function isSwitchedOff(pathOrUrl: string): boolean {
  const path = URL.canParse(pathOrUrl) ? new URL(pathOrUrl).pathname : pathOrUrl;
  return switchedOffRoutes.some((route) => (route.endsWith("/") ? path.startsWith(route) : path === route));
}

/** Main navigation, in reading order, without the parts the consultation switches off. */
export const mainNav = [
  { href: "/", label: "Accueil" },
  { href: "/mission/", label: "La mission" },
  { href: "/themes/", label: "Les thèmes" },
  { href: "/initiatives/", label: "Les initiatives" },
  { href: "/synthese/", label: "La synthèse" },
  { href: "/agenda/", label: "Agenda" },
  { href: "/presse/", label: "Presse" },
].filter((link) => !isSwitchedOff(link.href));

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
].filter((link) => !isSwitchedOff(link.href));

/** Default image for link previews (Open Graph, Twitter), 1200×630. */
export const socialImage = {
  path: "/og-image.png",
  width: 1200,
  height: 630,
  alt: pageTexts.socialImageAlt,
};
