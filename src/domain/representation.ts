/**
 * Who answered, against who lives there: each group's share of the
 * population beside its share of the contributions, the gap between the
 * two, and whether the group is under-represented. Pure arithmetic, no
 * I/O: the populations come from src/server/population.ts, the
 * contributions from the summary computed in SQL.
 */

/**
 * A group is under-represented when its share of the contributions is below
 * two thirds of its share of the population: a third fewer voices than
 * inhabitants, a gap a reader sees, not a rounding artefact. /synthese/
 * says it in words (« aux deux tiers »): change both together.
 */
export const UNDER_REPRESENTED_RATIO = 2 / 3;

/**
 * A group is judged only when, at its share of the population, it would
 * have at least this many contributions: below that, a gap may be chance
 * alone (5 is the usual minimum expected count for comparing counts with a
 * distribution, Cochran's rule for the chi-squared test).
 */
export const MIN_EXPECTED_CONTRIBUTIONS = 5;

/** A group to compare: a kind of territory, a région. */
export interface RepresentationInput {
  /** Stable key: the territory type, the région's code. */
  key: string;
  label: string;
  /** Inhabitants (population municipale) of the group's communes. */
  population: number;
  /** Published contributions and replies from the group's communes. */
  contributions: number;
}

/** A group, compared. */
export interface RepresentationRow extends RepresentationInput {
  /** Share of all inhabitants, from 0 to 1. */
  populationShare: number;
  /** Share of all contributions and replies, from 0 to 1; 0 when there are none yet. */
  contributionShare: number;
  /**
   * Contribution share minus population share, in whole percentage points,
   * from the two shares rounded to the unit as the page writes them (so
   * that « 33 % des habitants, 12 % des contributions » reads « −21 »).
   */
  gapPoints: number;
  /** Contributions the group would have at its share of the population. */
  expectedContributions: number;
  /** Whether there are enough contributions to judge it (MIN_EXPECTED_CONTRIBUTIONS). */
  judged: boolean;
  underRepresented: boolean;
}

const percent = (share: number) => Math.round(share * 100);

/** Compares every group with its population, in the given order. */
export function compareWithPopulation<Group extends RepresentationInput>(
  groups: readonly Group[],
): (Group & RepresentationRow)[] {
  const population = groups.reduce((sum, group) => sum + group.population, 0);
  const contributions = groups.reduce((sum, group) => sum + group.contributions, 0);
  return groups.map((group) => {
    const populationShare = population > 0 ? group.population / population : 0;
    const contributionShare = contributions > 0 ? group.contributions / contributions : 0;
    const expectedContributions = populationShare * contributions;
    const judged = expectedContributions >= MIN_EXPECTED_CONTRIBUTIONS;
    return {
      ...group,
      populationShare,
      contributionShare,
      gapPoints: percent(contributionShare) - percent(populationShare),
      expectedContributions,
      judged,
      underRepresented: judged && contributionShare < UNDER_REPRESENTED_RATIO * populationShare,
    };
  });
}

/**
 * The under-represented groups, the most under-represented first: the
 * lowest ratio of contribution share to population share (the fewest
 * voices per inhabitant), then the widest gap, then the label.
 */
export function mostUnderRepresented<Row extends RepresentationRow>(rows: readonly Row[], limit = Infinity): Row[] {
  const ratio = (row: RepresentationRow) => row.contributionShare / row.populationShare;
  return rows
    .filter((row) => row.underRepresented)
    .sort((a, b) => ratio(a) - ratio(b) || a.gapPoints - b.gapPoints || a.label.localeCompare(b.label, "fr"))
    .slice(0, limit);
}
