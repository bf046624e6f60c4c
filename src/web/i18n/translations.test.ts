import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACILITY_KINDS, FACILITY_STATUSES } from '../../modules/facilities/facility.rules';
import { ROLES } from '../../server/access';
import { ERRORS } from '../../server/errors';
import { translations, type TranslationTree as Tree } from './resources';

const { es, en } = translations;

/** Dotted keys of a translation tree, with i18next's plural suffixes folded into the base key. */
function keysOf(tree: Tree, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const nested of keysOf(value, path)) keys.add(nested);
  }
  return keys;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Keys written literally as t('a.b'), the ones a typo could break. */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(join(import.meta.dirname, '..'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g))
      keys.add(match[1]!);
  }
  return keys;
}

describe('translations', () => {
  it('say the same things in Spanish and English', () => {
    expect([...keysOf(en as Tree)].sort()).toEqual([...keysOf(es as Tree)].sort());
  });

  it('have words for every key the screens ask for', () => {
    const known = keysOf(es as Tree);
    const asked = [...literalKeys()];
    expect(asked.length).toBeGreaterThan(100);
    expect(asked.filter((key) => !known.has(key))).toEqual([]);
  });

  it('name every facility kind, status, role and error code the server knows', () => {
    const known = keysOf(es as Tree);
    const needed = [
      ...FACILITY_KINDS.map((kind) => `kind.${kind}`),
      ...FACILITY_STATUSES.flatMap((status) => [`status.${status}`, `statusForm.meaning.${status}`]),
      ...ROLES.map((role) => `role.${role}`),
      ...Object.keys(ERRORS).map((code) => `errors.codes.${code}`),
    ];
    expect(needed.filter((key) => !known.has(key))).toEqual([]);
  });
});
