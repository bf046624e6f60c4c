import { NATION } from '../../server/access';

export type TerritoryLevel = 'nation' | 'state' | 'municipality' | 'parish';

const LEVEL_PATTERNS: [TerritoryLevel, RegExp][] = [
  ['nation', /^VE$/],
  ['state', /^VE-[A-Z]$/],
  ['municipality', /^VE-[A-Z]-\d{2}$/],
  ['parish', /^VE-[A-Z]-\d{2}-\d{2}$/],
];

/**
 * The level of a territory code, or null when the code is not shaped like one. Codes nest:
 * VE → VE-A (ISO 3166-2 state) → VE-A-01 (municipality) → VE-A-01-22 (parish); see data/SOURCES.md.
 */
export function territoryLevel(code: string): TerritoryLevel | null {
  return LEVEL_PATTERNS.find(([, pattern]) => pattern.test(code))?.[0] ?? null;
}

/** The codes from the nation down to and including `code`. */
export function territoryLineage(code: string): string[] {
  if (code === NATION) return [NATION];
  const parts = code.split('-');
  const lineage = [NATION];
  for (let i = 2; i <= parts.length; i++) lineage.push(parts.slice(0, i).join('-'));
  return lineage;
}

export function parentTerritory(code: string): string | null {
  const lineage = territoryLineage(code);
  return lineage.length > 1 ? lineage[lineage.length - 2]! : null;
}

/** Lower case, accents removed, spaces folded: "Sucre (Catia)" and "SUCRE catia" meet here. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching names that contain the normalized query anywhere. */
export function containsPattern(query: string): string {
  return `%${normalizeForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
