import { apportion, asicsForPopulation, asicTargetPopulation } from './demo.rules';

/** Where one ASIC lies and whom it serves: whole parishes, or a share of a large one. */
export interface AsicArea {
  stateCode: string;
  municipalityCode: string;
  /** The parish when the ASIC lies within one parish, else the municipality. */
  territoryCode: string;
  parts: { parishCode: string; population: number }[];
  population: number;
}

/** A parish this large (three quarters of an ASIC's population) gets ASICs of its own. */
const OWN_ASIC_SHARE = 0.75;
/** A group of small parishes closes before a parish would take it past this share of an ASIC's population. */
const OVERFULL_SHARE = 1.25;

function area(stateCode: string, municipalityCode: string, parts: AsicArea['parts']): AsicArea {
  const single = new Set(parts.map((p) => p.parishCode)).size === 1;
  return {
    stateCode,
    municipalityCode,
    territoryCode: single ? parts[0]!.parishCode : municipalityCode,
    parts,
    population: parts.reduce((sum, p) => sum + p.population, 0),
  };
}

/**
 * Divides a municipality into ASICs of about 45 thousand people. A municipality too small for two
 * gets one ASIC over all of it. Otherwise a large parish is split into ASICs of its own, and the
 * small parishes, in code order, are grouped until a group is large enough (closing early rather
 * than grow far past the target); a last group too small to stand alone joins the one before it.
 */
export function planAsicAreas(
  stateCode: string,
  municipalityCode: string,
  parishes: readonly { code: string; population: number }[],
): AsicArea[] {
  const total = parishes.reduce((sum, p) => sum + p.population, 0);
  const whole = parishes.map((p) => ({ parishCode: p.code, population: p.population }));
  if (asicsForPopulation(total) <= 1) return [area(stateCode, municipalityCode, whole)];
  if (parishes.length === 1) return splitParish(stateCode, municipalityCode, parishes[0]!);
  const threshold = asicTargetPopulation() * OWN_ASIC_SHARE;
  const areas: AsicArea[] = [];
  const groups: AsicArea['parts'][] = [];
  let group: AsicArea['parts'] = [];
  let groupPopulation = 0;
  for (const parish of parishes) {
    if (parish.population >= threshold) {
      areas.push(...splitParish(stateCode, municipalityCode, parish));
      continue;
    }
    if (group.length > 0 && groupPopulation + parish.population > asicTargetPopulation() * OVERFULL_SHARE) {
      groups.push(group);
      group = [];
      groupPopulation = 0;
    }
    group.push({ parishCode: parish.code, population: parish.population });
    groupPopulation += parish.population;
    if (groupPopulation >= threshold) {
      groups.push(group);
      group = [];
      groupPopulation = 0;
    }
  }
  if (group.length > 0) {
    if (groups.length > 0 && groupPopulation < threshold / 2) groups[groups.length - 1]!.push(...group);
    else groups.push(group);
  }
  for (const parts of groups) areas.push(area(stateCode, municipalityCode, parts));
  return areas;
}

function splitParish(
  stateCode: string,
  municipalityCode: string,
  parish: { code: string; population: number },
): AsicArea[] {
  const count = asicsForPopulation(parish.population);
  return apportion(parish.population, Array(count).fill(1)).map((population) =>
    area(stateCode, municipalityCode, [{ parishCode: parish.code, population }]),
  );
}
