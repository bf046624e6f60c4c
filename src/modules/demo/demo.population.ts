import { normalizeForSearch } from '../territory/territory.rules';
import { apportion, randomFor } from './demo.rules';

export interface StatePlace {
  code: string;
  name: string;
  capital: string;
  population: number;
}
export interface MunicipalityPlace {
  code: string;
  stateCode: string;
  name: string;
  capital: string | null;
}
export interface ParishPlace {
  code: string;
  municipalityCode: string;
  stateCode: string;
  name: string;
}

/** Parishes of the municipality holding the state capital weigh this much more than the others. */
export const STATE_CAPITAL_WEIGHT = 2.5;

/** Spread of parish sizes: weights are log-normal with this sigma, so a few parishes are large. */
export const PARISH_SIZE_SIGMA = 0.6;

/**
 * Parishes known to be much larger than their neighbours. Sucre (Catia) is the most populous parish
 * of Caracas, and the network began there in 2003.
 */
const PARISH_WEIGHT_OVERRIDES: Record<string, number> = { 'VE-A-01-22': 2.5 };

/** Where the source names a municipality's seat differently from the state's capital. */
const CAPITAL_MUNICIPALITY_OVERRIDES: Record<string, string> = {
  'VE-I': 'VE-I-14', // Coro is the seat of Miranda, spelled "Santa Ana de Coro"
  'VE-X': 'VE-X-01', // La Guaira has one municipality, Vargas
};

/** The code of the municipality that holds the state capital, when known. */
export function capitalMunicipality(
  state: StatePlace,
  municipalities: readonly MunicipalityPlace[],
): string | undefined {
  const override = CAPITAL_MUNICIPALITY_OVERRIDES[state.code];
  if (override) return override;
  const capital = normalizeForSearch(state.capital);
  return municipalities.find(
    (m) => m.stateCode === state.code && m.capital && normalizeForSearch(m.capital) === capital,
  )?.code;
}

/**
 * Synthetic 2011 populations for every parish. The reference data has populations for states
 * only, so each state's census population is split over its parishes by weight: a seeded
 * log-normal draw per parish, times STATE_CAPITAL_WEIGHT for parishes of the capital's
 * municipality, times any override above. The parts add up to the state's census figure exactly.
 */
export function parishPopulations(
  seed: number,
  states: readonly StatePlace[],
  municipalities: readonly MunicipalityPlace[],
  parishes: readonly ParishPlace[],
): Map<string, number> {
  const capitalMunicipalities = new Set(states.map((s) => capitalMunicipality(s, municipalities)));
  const populations = new Map<string, number>();
  for (const state of states) {
    const inState = parishes.filter((p) => p.stateCode === state.code);
    const weights = inState.map((p) => {
      const random = randomFor(seed, `parish-weight:${p.code}`);
      const capital = capitalMunicipalities.has(p.municipalityCode) ? STATE_CAPITAL_WEIGHT : 1;
      return Math.exp(PARISH_SIZE_SIGMA * random.normal()) * capital * (PARISH_WEIGHT_OVERRIDES[p.code] ?? 1);
    });
    apportion(state.population, weights).forEach((population, i) => populations.set(inState[i]!.code, population));
  }
  return populations;
}
