import type { FacilityCounts } from '../territory/territory.schema';

/** Facility kinds and the tier each belongs to (DESIGN §1). */
export const KIND_TIER = {
  consultorio_popular: 1,
  clinica_popular: 1,
  dispensary: 1,
  cdi: 2,
  sri: 2,
  cat: 2,
  hospital: 3,
  national_hospital: 4,
} as const;
export type FacilityKind = keyof typeof KIND_TIER;
export const FACILITY_KINDS = Object.keys(KIND_TIER) as [FacilityKind, ...FacilityKind[]];

export const FACILITY_STATUSES = ['planned', 'under_construction', 'operating', 'suspended', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

/**
 * The lifecycle: planned → under construction → operating ⇄ suspended → closed, and a closed
 * facility may reopen. A project may also be abandoned before it opens (→ closed); see
 * docs/decisions/0002-facility-lifecycle.md.
 */
const NEXT_STATUSES: Record<FacilityStatus, readonly FacilityStatus[]> = {
  planned: ['under_construction', 'closed'],
  under_construction: ['operating', 'closed'],
  operating: ['suspended', 'closed'],
  suspended: ['operating', 'closed'],
  closed: ['operating'],
};

/** The statuses a new facility may be registered in: it may be entered at any point of its life but closed. */
export const INITIAL_STATUSES = ['planned', 'under_construction', 'operating'] as const;

export function allowedNextStatuses(from: FacilityStatus): readonly FacilityStatus[] {
  return NEXT_STATUSES[from];
}

export function canChangeStatus(from: FacilityStatus, to: FacilityStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Turns rows of (tier, status, n) into totals by tier, by status and both. */
export function summarizeFacilityCounts(rows: { tier: number; status: string; n: number }[]): FacilityCounts {
  const byTier: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0 };
  const byStatus: Record<string, number> = Object.fromEntries(FACILITY_STATUSES.map((s) => [s, 0]));
  const cells = new Map<string, { tier: number; status: string; count: number }>();
  let total = 0;
  for (const row of rows) {
    total += row.n;
    byTier[String(row.tier)] = (byTier[String(row.tier)] ?? 0) + row.n;
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    const key = `${row.tier}:${row.status}`;
    const cell = cells.get(key) ?? { tier: row.tier, status: row.status, count: 0 };
    cell.count += row.n;
    cells.set(key, cell);
  }
  const byTierAndStatus = [...cells.values()].sort((a, b) => a.tier - b.tier || a.status.localeCompare(b.status));
  return { total, byTier, byStatus, byTierAndStatus };
}
