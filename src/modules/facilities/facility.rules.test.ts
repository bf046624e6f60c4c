import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedNextStatuses,
  canChangeStatus,
  FACILITY_STATUSES,
  KIND_TIER,
  summarizeFacilityCounts,
  type FacilityStatus,
} from './facility.rules';

const status = fc.constantFrom(...FACILITY_STATUSES);

describe('the facility lifecycle', () => {
  it('follows planned → under construction → operating ⇄ suspended → closed, with reopening', () => {
    expect(canChangeStatus('planned', 'under_construction')).toBe(true);
    expect(canChangeStatus('under_construction', 'operating')).toBe(true);
    expect(canChangeStatus('operating', 'suspended')).toBe(true);
    expect(canChangeStatus('suspended', 'operating')).toBe(true);
    expect(canChangeStatus('suspended', 'closed')).toBe(true);
    expect(canChangeStatus('closed', 'operating')).toBe(true);
  });

  it('never lets a facility open without being built, or go back to being planned', () => {
    expect(canChangeStatus('planned', 'operating')).toBe(false);
    fc.assert(fc.property(status, (from) => !canChangeStatus(from, 'planned')));
  });

  it('never treats staying in the same status as a change', () => {
    fc.assert(fc.property(status, (s) => !canChangeStatus(s, s)));
  });

  it('reaches operating from any status along allowed steps', () => {
    fc.assert(
      fc.property(status, (start) => {
        const seen = new Set<FacilityStatus>([start]);
        const queue: FacilityStatus[] = [start];
        while (queue.length) {
          for (const next of allowedNextStatuses(queue.shift()!)) {
            if (!seen.has(next)) {
              seen.add(next);
              queue.push(next);
            }
          }
        }
        return seen.has('operating');
      }),
    );
  });

  it('places every kind in its tier', () => {
    expect(KIND_TIER).toMatchObject({
      consultorio_popular: 1,
      dispensary: 1,
      cdi: 2,
      sri: 2,
      cat: 2,
      hospital: 3,
      national_hospital: 4,
    });
  });
});

describe('facility counts', () => {
  it('adds up the same total by tier, by status and by both', () => {
    const row = fc.record({ tier: fc.integer({ min: 1, max: 4 }), status, n: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(row), (rows) => {
        const counts = summarizeFacilityCounts(rows);
        const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
        return (
          sum(Object.values(counts.byTier)) === counts.total &&
          sum(Object.values(counts.byStatus)) === counts.total &&
          sum(counts.byTierAndStatus.map((c) => c.count)) === counts.total
        );
      }),
    );
  });
});
