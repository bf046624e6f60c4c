import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canChangeStatus, FACILITY_KINDS, INITIAL_STATUSES, type FacilityStatus } from '../facilities/facility.rules';
import { territoryContains } from '../../server/access';
import { planAsicAreas } from './demo.asics';
import { HISTORY_END, HISTORY_START, planStatusHistory, type StatusStep } from './demo.history';
import { sectorNamer } from './demo.names';
import {
  apportion,
  asicsForPopulation,
  catsForState,
  hospitalsForState,
  postsForPopulation,
  randomFor,
} from './demo.rules';

function followsLifecycle(steps: StatusStep[]): boolean {
  return steps.every((step, i) => {
    const previous = steps[i - 1];
    if (!previous) return step.from === null && (INITIAL_STATUSES as readonly FacilityStatus[]).includes(step.to);
    return (
      step.from === previous.to && canChangeStatus(previous.to, step.to) && step.effectiveOn >= previous.effectiveOn
    );
  });
}

describe('planning arithmetic', () => {
  it('splits a total by weight into whole parts that add up to it, each its share rounded down or up', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const parts = apportion(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => {
            const exact = (total * weights[i]!) / sum;
            expect(part).toBeGreaterThanOrEqual(Math.floor(exact) - 1e-9);
            expect(part).toBeLessThanOrEqual(Math.ceil(exact) + 1e-9);
          });
        },
      ),
    );
  });

  it('plans a post per 250–300 families scaled by coverage, a CDI per 40–50 thousand people, a CAT and two hospitals at least per state', () => {
    expect(postsForPopulation(45_000)).toBeGreaterThanOrEqual(12);
    expect(postsForPopulation(45_000)).toBeLessThanOrEqual(15);
    expect(postsForPopulation(10)).toBe(1);
    expect(asicsForPopulation(45_000)).toBe(1);
    expect(asicsForPopulation(450_000)).toBe(10);
    expect(catsForState(146_480)).toBe(1);
    expect(catsForState(3_704_404)).toBeGreaterThan(3);
    expect(hospitalsForState(146_480)).toBe(2);
  });

  it('draws the same numbers for the same seed and key, and other numbers for another key', () => {
    const draw = (seed: number, key: string) =>
      Array.from({ length: 5 }, () => randomFor(seed, key)).map((r) => r.next());
    const a = randomFor(7, 'parish:VE-A-01-22');
    const b = randomFor(7, 'parish:VE-A-01-22');
    expect([a.next(), a.next(), a.int(1, 6)]).toEqual([b.next(), b.next(), b.int(1, 6)]);
    expect(draw(7, 'x')).not.toEqual(draw(7, 'y'));
    expect(randomFor(7, 'x').next()).not.toBe(randomFor(8, 'x').next());
  });
});

describe('ASIC areas', () => {
  it('covers every person of a municipality once, each ASIC inside the parish or municipality it names', () => {
    const parish = fc.record({ population: fc.nat(400_000) });
    fc.assert(
      fc.property(fc.array(parish, { minLength: 1, maxLength: 30 }), (drawn) => {
        const parishes = drawn.map((p, i) => ({
          code: `VE-K-03-${String(i + 1).padStart(2, '0')}`,
          population: p.population,
        }));
        const areas = planAsicAreas('VE-K', 'VE-K-03', parishes);
        const covered = new Map<string, number>();
        for (const area of areas) {
          expect(area.population).toBe(area.parts.reduce((sum, p) => sum + p.population, 0));
          for (const part of area.parts) {
            expect(territoryContains(area.territoryCode, part.parishCode)).toBe(true);
            covered.set(part.parishCode, (covered.get(part.parishCode) ?? 0) + part.population);
          }
        }
        for (const p of parishes) expect(covered.get(p.code)).toBe(p.population);
      }),
    );
  });

  it('gives a large parish ASICs of its own of 40–50 thousand people', () => {
    const areas = planAsicAreas('VE-A', 'VE-A-01', [
      { code: 'VE-A-01-21', population: 20_000 },
      { code: 'VE-A-01-22', population: 360_000 },
    ]);
    const inSucre = areas.filter((a) => a.territoryCode === 'VE-A-01-22');
    expect(inSucre).toHaveLength(8);
    for (const area of inSucre) expect(area.population).toBe(45_000);
  });
});

describe('status histories', () => {
  it('follow the facility lifecycle, dated within the demo years, for every kind and seed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FACILITY_KINDS), fc.integer(), fc.boolean(), (kind, seed, operating) => {
        const steps = planStatusHistory(kind, randomFor(seed, 'facility'), { operating });
        expect(steps.length).toBeGreaterThan(0);
        expect(followsLifecycle(steps)).toBe(true);
        for (const step of steps) {
          expect(step.effectiveOn >= HISTORY_START && step.effectiveOn <= HISTORY_END).toBe(true);
          expect(step.reason.length).toBeGreaterThan(3);
        }
        if (operating) expect(steps.at(-1)!.to).toBe('operating');
      }),
      { numRuns: 2000 },
    );
  });

  it('leave most posts operating and some planned, under construction, suspended or closed', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const last = planStatusHistory('consultorio_popular', randomFor(1, `post:${i}`)).at(-1)!.to;
      counts.set(last, (counts.get(last) ?? 0) + 1);
    }
    expect(counts.get('operating')! / 5000).toBeGreaterThan(0.8);
    for (const status of ['planned', 'under_construction', 'suspended', 'closed'])
      expect(counts.get(status)).toBeGreaterThan(25);
  });
});

describe('sector names', () => {
  it('never repeat within a parish and start with the named places of Catia in Sucre', () => {
    const next = sectorNamer('VE-A-01-22', randomFor(1, 'names'));
    const names = Array.from({ length: 300 }, () => next());
    expect(names[0]).toEqual({ name: 'Barrio Los Frailes', place: 'Los Frailes' });
    expect(new Set(names.map((n) => n.place.toLowerCase())).size).toBe(300);
  });
});
