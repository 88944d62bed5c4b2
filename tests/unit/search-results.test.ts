/**
 * The search page's processResult: Pagefind's results, as its search
 * returned them for the built site (the excerpts below are copied from
 * it), lose the title repeated under the title.
 */
import { describe, expect, it } from "vitest";
import { type ResultData, withoutRepeatedTitles, withoutTitle } from "../../src/domain/search-results";

const permalink = "/contributions/00000000-0000-4000-8000-000000000022/";
const release =
  "Lancement de la consultation publique nationale « Mission Coworking : Territoires, Travail, Numérique »";

describe("withoutTitle", () => {
  it("cuts the title a heading's excerpt starts with, and the full stop Pagefind adds after it", () => {
    expect(
      withoutTitle(
        "La <mark>mission.</mark> Une <mark>mission</mark> gouvernementale pour comprendre",
        "La mission",
        "page",
      ),
    ).toBe("Une <mark>mission</mark> gouvernementale pour comprendre");
  });

  it("cuts a title that ends with its own punctuation, where it is (after a line above the h1)", () => {
    expect(
      withoutTitle(
        `Communiqué de presse — 12 avril 2018. <mark>Lancement</mark> de la consultation publique nationale « Mission Coworking : Territoires, Travail, Numérique » Patrick Levy-Waitz invite`,
        release,
        "page",
      ),
    ).toBe("Communiqué de presse — 12 avril 2018. Patrick Levy-Waitz invite");
  });

  it("cuts the end of a title when the excerpt starts inside it, and its start when it ends inside it", () => {
    expect(
      withoutTitle(
        "conduit la <mark>mission.</mark> La <mark>mission</mark> a été confiée",
        "Qui conduit la mission",
        "heading",
      ),
    ).toBe("La <mark>mission</mark> a été confiée");
    expect(
      withoutTitle(
        "Communiqué de presse — 12 avril 2018. <mark>Lancement</mark> de la consultation publique nationale « Mission",
        release,
        "page",
      ),
    ).toBe("Communiqué de presse — 12 avril 2018.");
  });

  it("keeps the title's words when they are a sentence, not the heading", () => {
    const excerpt = "Depuis janvier, La mission a été confiée à Patrick Levy-Waitz";
    expect(withoutTitle(excerpt, "La mission", "page")).toBe(excerpt);
    expect(withoutTitle(excerpt, "Qui conduit La mission", "page")).toBe(excerpt);
    // Under a heading, only where the heading is: at the start.
    expect(withoutTitle(excerpt, "La mission", "heading")).toBe(excerpt);
  });

  it("cuts a heading Pagefind left without a full stop (its markup ends with a space or an element)", () => {
    const reply = "Réponse de Coworker <mark>rennais</mark> Pas d'accord Usager d'un tiers-lieu";
    expect(withoutTitle(reply, "Réponse de Coworker rennais", "heading")).toBe("Pas d'accord Usager d'un tiers-lieu");
    // In a page's excerpt, the same words without the full stop may be a sentence: they stay.
    expect(withoutTitle(reply, "Réponse de Coworker rennais", "page")).toBe(reply);
  });

  it("reads the words as text: escaped characters and no-break spaces", () => {
    expect(
      withoutTitle("Recherche &amp; développement. Un <mark>atelier</mark>", "Recherche &\u00a0développement", "page"),
    ).toBe("Un <mark>atelier</mark>");
  });
});

describe("withoutRepeatedTitles", () => {
  it("takes the part under a permalink's h1 for the page's start: its title once, its excerpt without it", () => {
    const result: ResultData = {
      url: permalink,
      meta: { title: "Contribution de Chargée de mission ESS" },
      excerpt:
        "Réponse à la question « Comment mesurer ? » Contribution de <mark>Chargée</mark> de mission ESS. Association, acteur de",
      sub_results: [
        {
          url: `${permalink}#titre-contribution`,
          title: "Contribution de Chargée de mission ESS",
          excerpt: "Contribution de <mark>Chargée</mark> de mission ESS. Association, acteur de l'économie sociale",
          locations: [12],
        },
        {
          url: `${permalink}#reponses`,
          title: "Réponses (1)",
          excerpt: "Réponses (1). Cécile <mark>Chargée</mark> de projet",
          locations: [40],
        },
      ],
    };
    const shown = withoutRepeatedTitles(result);
    // Pagefind's UI prints the page's excerpt when its first part is the page itself, and the others nested.
    expect(shown.sub_results?.map((part) => part.url)).toEqual([permalink, `${permalink}#reponses`]);
    expect(shown.excerpt).toBe("Association, acteur de l'économie sociale");
    expect(shown.sub_results?.[1]?.excerpt).toBe("Cécile <mark>Chargée</mark> de projet");
  });

  it("keeps the page's own start when it matched, dropping the part under the h1", () => {
    const shown = withoutRepeatedTitles({
      url: "/",
      meta: { title: "Mission Coworking" },
      excerpt: "Mission <mark>Coworking.</mark> Une consultation",
      sub_results: [
        { url: "/", title: "Mission Coworking", excerpt: "Mission <mark>Coworking.</mark> Une consultation" },
        { url: "/#titre-consultation", title: "Mission Coworking", excerpt: "Mission <mark>Coworking.</mark> Une" },
        {
          url: "/#participer",
          title: "Comment participer",
          excerpt: "Comment participer. Lisez le <mark>coworking</mark>",
        },
      ],
    });
    expect(shown.sub_results?.map((part) => part.url)).toEqual(["/", "/#participer"]);
    expect(shown.excerpt).toBe("Une consultation");
    expect(shown.sub_results?.[1]?.excerpt).toBe("Lisez le <mark>coworking</mark>");
  });

  it("leaves a result with nothing repeated as it was, other fields included", () => {
    const result = {
      url: "/agenda/",
      meta: { title: "Agenda des visites de terrain" },
      excerpt: "juin 2018. le 12 avril 2018 Visite de la <mark>REcyclerie</mark>",
      sub_results: [{ url: "/agenda/", title: "Agenda des visites de terrain", excerpt: "juin 2018." }],
      word_count: 120,
    };
    expect(withoutRepeatedTitles(result)).toEqual(result);
  });
});
