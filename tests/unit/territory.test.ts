import { describe, expect, it } from "vitest";
import { classifyTerritory, communeIndexPath, territoryTypes } from "../../src/domain/territory";
import { communeIndexes, communesForPostalCode, territoryFor } from "../../src/server/territory";

// Expected values below were read from @etalab/decoupage-administratif 6.0.0 (2026 data).

describe("territory classification", () => {
  it("puts the thresholds at 2,000 and 20,000 inhabitants", () => {
    expect(classifyTerritory({ population: 0, inMetropole: false })).toBe("rural");
    expect(classifyTerritory({ population: 1_999, inMetropole: false })).toBe("rural");
    expect(classifyTerritory({ population: 2_000, inMetropole: false })).toBe("small-town");
    expect(classifyTerritory({ population: 19_999, inMetropole: false })).toBe("small-town");
    expect(classifyTerritory({ population: 20_000, inMetropole: false })).toBe("medium-town");
  });

  it("keeps a large city outside any métropole a medium town", () => {
    expect(classifyTerritory({ population: 166_687, inMetropole: false })).toBe("medium-town");
  });

  it("makes every member of a métropole a metropolis, whatever its size", () => {
    expect(classifyTerritory({ population: 300, inMetropole: true })).toBe("metropolis");
    expect(classifyTerritory({ population: 2_103_778, inMetropole: true })).toBe("metropolis");
    expect(classifyTerritory({ population: null, inMetropole: true })).toBe("metropolis");
  });

  it("treats an unknown population outside a métropole as rural", () => {
    expect(classifyTerritory({ population: null, inMetropole: false })).toBe("rural");
  });

  it("labels each type in French", () => {
    expect(territoryTypes).toEqual({
      rural: "Commune rurale",
      "small-town": "Petite ville",
      "medium-town": "Ville moyenne",
      metropolis: "Métropole",
    });
  });
});

describe("communes of a postal code", () => {
  it("finds Guéret for 23000, with its département, région and population", () => {
    expect(communesForPostalCode("23000")).toContainEqual({
      code: "23096",
      name: "Guéret",
      postalCode: "23000",
      departement: { code: "23", name: "Creuse" },
      region: { code: "75", name: "Nouvelle-Aquitaine" },
      population: 12_955,
      territoryType: "small-town",
    });
  });

  it("returns every commune sharing a postal code, sorted in French order", () => {
    // 23000 is shared by 15 communes; accents and articles sort as a French reader expects.
    expect(communesForPostalCode("23000").map((commune) => commune.name)).toEqual([
      "Anzême",
      "Guéret",
      "La Brionne",
      "La Chapelle-Taillefert",
      "La Saunière",
      "Peyrabout",
      "Saint-Christophe",
      "Saint-Éloi",
      "Saint-Fiel",
      "Saint-Laurent",
      "Saint-Léger-le-Guérétois",
      "Saint-Sulpice-le-Guérétois",
      "Saint-Victor-en-Marche",
      "Sainte-Feyre",
      "Savennes",
    ]);
    // The apostrophe of L'Abergement-Clémenciat is not a letter: it sorts under L.
    expect(communesForPostalCode("01400").map((commune) => commune.code)).toEqual([
      "01084",
      "01093",
      "01113",
      "01146",
      "01001",
      "01272",
      "01328",
      "01356",
      "01393",
      "01412",
    ]);
  });

  it("gives the whole city for an arrondissement's postal code of Paris, Lyon or Marseille", () => {
    expect(communesForPostalCode("75011")).toEqual([
      {
        code: "75056",
        name: "Paris",
        postalCode: "75011",
        departement: { code: "75", name: "Paris" },
        region: { code: "11", name: "Île-de-France" },
        population: 2_103_778,
        territoryType: "metropolis",
      },
    ]);
    expect(communesForPostalCode("69005").map(({ code, territoryType }) => ({ code, territoryType }))).toEqual([
      { code: "69123", territoryType: "metropolis" },
    ]);
    expect(communesForPostalCode("13008").map(({ code, territoryType }) => ({ code, territoryType }))).toEqual([
      { code: "13055", territoryType: "metropolis" },
    ]);
  });

  it("works in Corsica, with 2A/2B commune codes under 20xxx postal codes", () => {
    expect(communesForPostalCode("20090")).toEqual([
      {
        code: "2A004",
        name: "Ajaccio",
        postalCode: "20090",
        departement: { code: "2A", name: "Corse-du-Sud" },
        region: { code: "94", name: "Corse" },
        population: 76_320,
        territoryType: "medium-town",
      },
    ]);
    expect(communesForPostalCode("20200").map(({ code, territoryType }) => ({ code, territoryType }))).toEqual([
      { code: "2B033", territoryType: "medium-town" },
      { code: "2B305", territoryType: "small-town" },
      { code: "2B309", territoryType: "rural" },
      { code: "2B353", territoryType: "small-town" },
    ]);
  });

  it("works overseas, in a département and in a collectivity", () => {
    expect(communesForPostalCode("97100")).toEqual([
      {
        code: "97105",
        name: "Basse-Terre",
        postalCode: "97100",
        departement: { code: "971", name: "Guadeloupe" },
        region: { code: "01", name: "Guadeloupe" },
        population: 9_417,
        territoryType: "small-town",
      },
    ]);
    expect(communesForPostalCode("97500").map(({ name, departement }) => [name, departement.code])).toEqual([
      ["Miquelon-Langlade", "975"],
      ["Saint-Pierre", "975"],
    ]);
  });

  it("keeps a commune without population, as null", () => {
    expect(communesForPostalCode("98799")).toEqual([
      {
        code: "98901",
        name: "Île de Clipperton",
        postalCode: "98799",
        departement: { code: "989", name: "Île de Clipperton" },
        region: { code: "989", name: "Île de Clipperton" },
        population: null,
        territoryType: "rural",
      },
    ]);
  });

  it("finds nothing for a postal code no commune has", () => {
    expect(communesForPostalCode("00000")).toEqual([]);
    expect(communesForPostalCode("23999")).toEqual([]);
    expect(communesForPostalCode("")).toEqual([]);
  });

  it("hands out copies: changing a result does not change the next one", () => {
    const [first] = communesForPostalCode("23000");
    first!.departement.name = "Changed";
    expect(communesForPostalCode("23000")[0]!.departement.name).toBe("Creuse");
  });
});

describe("territory of a commune for a postal code", () => {
  it("returns the commune when it has that postal code", () => {
    expect(territoryFor("23096", "23000")?.name).toBe("Guéret");
    expect(territoryFor("2A004", "20000")?.name).toBe("Ajaccio");
  });

  it("refuses a commune that does not have that postal code", () => {
    expect(territoryFor("23096", "23200")).toBeUndefined();
    expect(territoryFor("23096", "00000")).toBeUndefined();
    expect(territoryFor("99999", "23000")).toBeUndefined();
  });

  it("refuses an arrondissement's code: the commune is the city", () => {
    expect(territoryFor("75111", "75011")).toBeUndefined();
    expect(territoryFor("75056", "75011")?.territoryType).toBe("metropolis");
  });
});

describe("static commune index for the browser", () => {
  const indexes = communeIndexes();

  it("has one part per two-digit prefix, Corsica (20) and overseas (97, 98) included", () => {
    const prefixes = indexes.map((index) => index.prefix);
    expect(prefixes).toHaveLength(97);
    expect(prefixes).toEqual([...prefixes].sort());
    expect(prefixes).toEqual(expect.arrayContaining(["01", "20", "23", "75", "97", "98"]));
    expect(prefixes).not.toContain("96");
  });

  it("lists under each prefix only its postal codes, with the communes of the server lookup", () => {
    for (const { prefix, communes } of indexes) {
      for (const postalCode of Object.keys(communes)) expect(postalCode.startsWith(prefix)).toBe(true);
    }
    const creuse = indexes.find((index) => index.prefix === "23")?.communes;
    expect(creuse?.["23000"]).toEqual(communesForPostalCode("23000").map(({ code, name }) => ({ code, nom: name })));
    expect(creuse?.["23000"]?.[1]).toEqual({ code: "23096", nom: "Guéret" });
  });

  it("names the file a browser fetches for a postal code", () => {
    expect(communeIndexPath("23000")).toBe("/communes/23.json");
    expect(communeIndexPath("20090")).toBe("/communes/20.json");
    expect(communeIndexPath("97100")).toBe("/communes/97.json");
  });
});
