/**
 * `npx tsx scripts/write-population-index.ts`: sums the inhabitants of every
 * current commune by kind of territory and by région, from the installed
 * @etalab/decoupage-administratif, and writes src/server/population-index.json
 * (src/server/population.ts says why an index). Run it after upgrading the
 * package: tests/unit/population.test.ts fails until then. The output is
 * deterministic: run again with the same package, the file does not change.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { populationIndexFromPackage } from "../src/server/population-source";

const target = fileURLToPath(new URL("../src/server/population-index.json", import.meta.url));
const started = performance.now();
const index = populationIndexFromPackage();
const elapsed = Math.round(performance.now() - started);

// Indented as the formatter keeps it.
const text = `${JSON.stringify(index, null, 2)}\n`;
writeFileSync(target, text);
console.log(
  `[population] ${index.communes} communes, ${index.population} inhabitants (${index.source.package} ${index.source.version}), summed in ${elapsed} ms: ${target}`,
);
