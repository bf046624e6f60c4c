import { describe, expect, it } from 'vitest';
import type { Db } from './database';
import { gatheredLookup } from './gathered-lookup';

/** A lookup over a fixed table, and the keys of every query it was asked. */
function squares(failOn?: string) {
  const queries: string[][] = [];
  const find = gatheredLookup(async (_db, keys) => {
    queries.push(keys);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (failOn && keys.includes(failOn)) throw new Error(`cannot look up ${failOn}`);
    return new Map(keys.filter((k) => /^\d+$/.test(k)).map((k) => [k, Number(k) ** 2]));
  });
  return { find, queries };
}

/** Until the query asked for in this turn of the event loop has left (it takes 5 ms to answer). */
const out = () => new Promise((resolve) => setTimeout(resolve, 1));

// The lookup only asks the database whether it is inside a transaction; the load function is its own.
const db = { isTransaction: false } as Db;

describe('a gathered lookup', () => {
  it('gathers the keys asked in one turn into one query, and those that come while it is out into the next', async () => {
    const { find, queries } = squares();
    const first = ['2', '3', '4', '3', 'x'].map((k) => find(db, k));
    await out();
    const later = ['5', '6'].map((k) => find(db, k));
    expect(await Promise.all([...first, ...later])).toEqual([4, 9, 16, 9, undefined, 25, 36]);
    expect(queries).toEqual([
      ['2', '3', '4', 'x'],
      ['5', '6'],
    ]);
  });

  it('fails the keys of a failed query only, and goes on', async () => {
    const { find, queries } = squares('4');
    const first = find(db, '2');
    await out();
    const answers = await Promise.allSettled([first, ...['3', '4'].map((k) => find(db, k))]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await find(db, '6')).toBe(36);
    expect(queries).toEqual([['2'], ['3', '4'], ['6']]);
  });

  it('looks up at once, alone, inside a transaction', async () => {
    const { find, queries } = squares();
    const tx = { isTransaction: true } as Db;
    expect(await Promise.all([find(tx, '2'), find(tx, '3')])).toEqual([4, 9]);
    expect(queries).toEqual([['2'], ['3']]);
  });
});
