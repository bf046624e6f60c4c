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
    if (
      typeof text === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      args.length === 2 &&
      !text.startsWith(UNPREPARED) &&
      !text.endsWith(UNPREPARED)
    ) {
      const name = createHash('sha1').update(text).digest('base64url');
      if (this.prepared.has(name) || this.prepared.size < STATEMENTS_PER_CONNECTION) {
        this.prepared.add(name);
        return (super.query as unknown as (config: pg.QueryConfig) => never)({ name, text, values });
      }
    }
    return (super.query as unknown as (...a: unknown[]) => never)(...args);
  }
}
