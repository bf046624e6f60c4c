/** The PostgreSQL error a statement failed with when one of its constraints refused a row. */
const CODES = { unique: '23505', check: '23514' } as const;

/**
 * True when `error` is the database refusing a row by the named constraint: a unique key already
 * taken, or a check that does not hold. Both engines report the constraint's name.
 */
export function isViolationOf(error: unknown, kind: keyof typeof CODES, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === CODES[kind] && e.constraint === constraint;
}
