/**
 * The population index summed afresh from the installed
 * @etalab/decoupage-administratif: what scripts/write-population-index.ts
 * writes and tests/unit/population.test.ts compares with the shipped file.
 * Kept apart from population.ts because it reads the whole communes data
 * (src/server/territory.ts), which the summary function must not ship.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import { aggregatePopulation, POPULATION_SOURCE, type PopulationIndex } from "./population";
import { currentCommunes } from "./territory";

const PACKAGE = "@etalab/decoupage-administratif";

/** Every current commune's inhabitants, summed by kind of territory and by région (about 0.3 s, mostly reading the data). */
export function populationIndexFromPackage(): PopulationIndex {
  const { version } = z
    .object({ version: z.string() })
    .parse(
      JSON.parse(
        readFileSync(createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/package.json"), "utf8"),
      ),
    );
  return aggregatePopulation(currentCommunes(), { package: PACKAGE, version, population: POPULATION_SOURCE });
}
