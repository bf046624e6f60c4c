import { sql } from 'kysely';
import type { Db } from './database';
import { isUuid } from './ids';

interface Waiting<V> {
  key: string;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * One lookup's queue on one database: at most one query in flight, the keys that come meanwhile
 * wait for the next. A query leaves once the event loop has finished what it was doing, so the
 * keys of every request handled in that turn go in it.
 */
class Gatherer<V> {
  private waiting: Waiting<V>[] = [];
  private busy = false;

  constructor(
    private readonly db: Db,
    private readonly load: (db: Db, keys: string[]) => Promise<Map<string, V>>,
  ) {}

  find(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.send());
      }
    });
  }

  private async send() {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        const found = await this.load(this.db, [...new Set(batch.map((w) => w.key))]);
        for (const w of batch) w.resolve(found.get(w.key));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.busy = false;
  }
}

/**
 * A lookup by key that gathers the keys asked for at the same moment into one query. A key that
 * finds no query of this lookup in flight goes as soon as the event loop has finished its current
 * turn, with the keys other requests asked for in that turn, so one request at a time waits for
 * nothing; keys that come while a query is in flight go together in the next, so sixteen requests
 * at once cost the database two or three queries instead of sixteen. Inside a transaction a key
 * is looked up at once, in it. `load` answers the keys it was given, by key; a key it leaves out
 * is not found.
 */
export function gatheredLookup<V>(
  load: (db: Db, keys: string[]) => Promise<Map<string, V>>,
): (db: Db, key: string) => Promise<V | undefined> {
  const gatherers = new WeakMap<Db, Gatherer<V>>();
  return (db, key) => {
    if (db.isTransaction) return load(db, [key]).then((found) => found.get(key));
    let gatherer = gatherers.get(db);
    if (!gatherer) gatherers.set(db, (gatherer = new Gatherer(db, load)));
    return gatherer.find(key);
  };
}

/**
 * A gathered lookup of rows by their UUID `id`: `load` is given only well-formed ids (an id that
 * is not a UUID names nothing and is never sent, where it would fail the others' query) and
 * returns the rows it found.
 */
export function gatheredByUuid<R extends { id: string }>(
  load: (db: Db, ids: string[]) => Promise<R[]>,
): (db: Db, id: string) => Promise<R | undefined> {
  return gatheredLookup(async (db, ids) => {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length === 0 ? [] : await load(db, wellFormed);
    return new Map(rows.map((row) => [row.id, row]));
  });
}

/**
 * The keys of one gathered query, to compare with: `key = ${anyKey(keys, 'uuid')}`. The array is
 * read through a subquery on purpose. An array the planner can see has a length it estimates from,
 * so a batch of two keys looks cheaper than the plan for any batch, and PostgreSQL plans the
 * prepared statement again at every call (for the session lookup, four times the cost of running
 * it). Behind a subquery every batch looks like ten keys: one plan per connection, an index scan.
 */
export function anyKey(keys: readonly string[], type: 'uuid' | 'text') {
  return sql`ANY(ARRAY(SELECT unnest(${keys}::${sql.raw(type)}[])))`;
}
