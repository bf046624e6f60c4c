import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * How many distinct statements one connection keeps prepared. The application has a few hundred
 * query shapes; a shape that varies without end (an IN list of every length) stops being prepared
 * once the budget is spent, and runs as before.
 */
const STATEMENTS_PER_CONNECTION = 1_000;

/**
 * A statement whose text begins or ends with this is never prepared: its text is not going to come
 * again, or its best plan depends on its values (a name search), so a plan kept for any values
 * would serve some of them badly.
 */
export const UNPREPARED = '/* unprepared */';

/**
 * Whether a statement is worth preparing: it has parameters (a statement without any is a
 * migration, or several statements in one text) and is not marked `UNPREPARED`.
 */
export function worthPreparing(text: string, values: readonly unknown[]): boolean {
  return values.length > 0 && !text.startsWith(UNPREPARED) && !text.endsWith(UNPREPARED);
}

/** Whether one more statement may be prepared on a connection that holds `held` of them. */
export function roomToPrepare(held: number): boolean {
  return held < STATEMENTS_PER_CONNECTION;
}

/**
 * A PostgreSQL connection that prepares every parameterised statement once and then only binds and
 * executes it. Without this, the server parses, analyses and plans the same text on every request,
 * which on a busy server costs more than many of the queries themselves. A statement is named by
 * the hash of its text, so the same text reuses the same prepared statement on this connection.
 * Statements without parameters (migrations, several statements in one text) run unprepared.
 */
export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();

  // pg's query() is heavily overloaded; only the (text, values) form kysely uses is rewritten.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2 && worthPreparing(text, values)) {
      const name = createHash('sha1').update(text).digest('base64url');
      if (this.prepared.has(name) || roomToPrepare(this.prepared.size)) {
        this.prepared.add(name);
        return (super.query as unknown as (config: pg.QueryConfig) => never)({ name, text, values });
      }
    }
    return (super.query as unknown as (...a: unknown[]) => never)(...args);
  }
}
