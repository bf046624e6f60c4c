import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { normalizeForSearch } from '../territory/territory.rules';

export interface Icd10Entry {
  code: string;
  title: string;
  chapter: string;
  block: string;
  sex: 'F' | 'M' | null;
  maternal: boolean;
}

/** Escapes LIKE wildcards so that a typed "%" or "_" is matched literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * CIE-10 entries whose code starts with the query, or whose title contains every word of it,
 * ignoring accents and case (the trigram index on `search_title` serves the "contains"). Code
 * matches come first, then by code.
 */
export async function searchIcd10(db: Db, query: string, limit: number): Promise<Icd10Entry[]> {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const codePrefix = `${likeLiteral(query.trim().toUpperCase())}%`;
  const rows = await db
    .selectFrom('icd10')
    .select(['code', 'title_es', 'chapter', 'block', 'sex', 'maternal'])
    .select(sql<boolean>`code LIKE ${codePrefix}`.as('by_code'))
    .where((eb) =>
      eb.or([
        eb('code', 'like', codePrefix),
        eb.and(words.map((word) => eb('search_title', 'like', `%${likeLiteral(word)}%`))),
      ]),
    )
    .orderBy(sql`code LIKE ${codePrefix}`, 'desc')
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    title: r.title_es,
    chapter: r.chapter,
    block: r.block,
    sex: r.sex,
    maternal: r.maternal,
  }));
}

type Icd10Row = { code: string; title_es: string; sex: 'F' | 'M' | null; maternal: boolean };

/**
 * The catalogue by code, read once per database: about six hundred rows of reference data that
 * only grows (entries are ledgered, never removed), and that every consultation, referral and
 * death looks codes up in. A code missing here is looked for in the database before being called
 * unknown, so a catalogue loaded later is still seen.
 */
const catalogues = new WeakMap<Db, Promise<Map<string, Icd10Row>>>();

function catalogueOf(db: Db): Promise<Map<string, Icd10Row>> {
  let catalogue = catalogues.get(db);
  if (!catalogue) {
    catalogue = db
      .selectFrom('icd10')
      .select(['code', 'title_es', 'sex', 'maternal'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, r])));
    catalogue.catch(() => catalogues.delete(db));
    catalogues.set(db, catalogue);
  }
  return catalogue;
}

/** The CIE-10 entries among these codes. */
export async function findIcd10Codes(db: Db, codes: readonly string[]): Promise<Icd10Row[]> {
  if (codes.length === 0) return [];
  const wanted = [...new Set(codes)];
  // inside a transaction the database handle is a new one each time: no catalogue to keep
  if (db.isTransaction) return queryCodes(db, wanted);
  const catalogue = await catalogueOf(db);
  const missing = wanted.filter((code) => !catalogue.has(code));
  if (missing.length > 0) for (const row of await queryCodes(db, missing)) catalogue.set(row.code, row);
  return wanted.flatMap((code) => catalogue.get(code) ?? []);
}

function queryCodes(db: Db, codes: readonly string[]): Promise<Icd10Row[]> {
  return db.selectFrom('icd10').select(['code', 'title_es', 'sex', 'maternal']).where('code', 'in', codes).execute();
}
