import {
  FACILITY_KINDS,
  FACILITY_STATUSES,
  type FacilityKind,
  type FacilityStatus,
} from '../../../modules/facilities/facility.rules';

/** The facility list's filters, kept in the URL so that a filtered page can be linked and shared. */
export interface FacilitySearch {
  territory?: string;
  tier?: number;
  kind?: FacilityKind;
  status?: FacilityStatus;
  q?: string;
  page?: number;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

function positiveInteger(value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}

/** Reads the filters from the URL, dropping whatever is not a valid value rather than failing. */
export function validateFacilitySearch(raw: Record<string, unknown>): FacilitySearch {
  const territory =
    typeof raw.territory === 'string' && /^VE(-[A-Z](-\d{2}){0,2})?$/.test(raw.territory) ? raw.territory : undefined;
  const q = typeof raw.q === 'string' && raw.q.trim() ? raw.q.trim().slice(0, 100) : undefined;
  const page = positiveInteger(raw.page);
  const search: FacilitySearch = {
    territory,
    tier: positiveInteger(raw.tier, 4),
    kind: oneOf(FACILITY_KINDS, raw.kind),
    status: oneOf(FACILITY_STATUSES, raw.status),
    q,
    page: page && page > 1 ? page : undefined,
  };
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as FacilitySearch;
}
