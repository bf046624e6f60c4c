import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { territoryContains } from '../../server/access';
import {
  containsPattern,
  normalizeForSearch,
  parentTerritory,
  territoryLevel,
  territoryLineage,
} from './territory.rules';

describe('territory codes', () => {
  it('tells the level from the shape of the code', () => {
    expect(territoryLevel('VE')).toBe('nation');
    expect(territoryLevel('VE-Z')).toBe('state');
    expect(territoryLevel('VE-A-01')).toBe('municipality');
    expect(territoryLevel('VE-A-01-22')).toBe('parish');
    for (const bad of ['', 've-a', 'VE-AA', 'VE-A-1', 'VE-A-01-2', 'VE-A-01-22-01', 'VEN'])
      expect(territoryLevel(bad)).toBeNull();
  });

  it('lists the lineage from the nation down', () => {
    expect(territoryLineage('VE-A-01-22')).toEqual(['VE', 'VE-A', 'VE-A-01', 'VE-A-01-22']);
    expect(parentTerritory('VE-A-01')).toBe('VE-A');
    expect(parentTerritory('VE')).toBeNull();
  });

  it('nests scopes by code without confusing neighbours', () => {
    expect(territoryContains('VE', 'VE-V-09-01')).toBe(true);
    expect(territoryContains('VE-A-01', 'VE-A-01-22')).toBe(true);
    expect(territoryContains('VE-A-01-2', 'VE-A-01-22')).toBe(false);
    expect(territoryContains('VE-A', 'VE-AB')).toBe(false);
    const code = fc.tuple(
      fc.constantFrom('A', 'B', 'V'),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 30 }),
    );
    fc.assert(
      fc.property(code, ([state, m, p]) => {
        const parish = `VE-${state}-${String(m).padStart(2, '0')}-${String(p).padStart(2, '0')}`;
        return territoryLineage(parish).every((ancestor) => territoryContains(ancestor, parish));
      }),
    );
  });
});

describe('search normalization', () => {
  it('ignores accents, case and extra spaces', () => {
    expect(normalizeForSearch('  Mérida   ÑIRGUA  ')).toBe('merida nirgua');
    expect(normalizeForSearch('Sucre (Catia)')).toBe(normalizeForSearch('SUCRE (CATÍA)'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeForSearch(normalizeForSearch(s)) === normalizeForSearch(s)));
  });

  it('escapes LIKE wildcards typed by the user', () => {
    expect(containsPattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });
});
