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

/** The CIE-10 entries among these codes, in one query. */
export async function findIcd10Codes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('icd10')
    .select(['code', 'title_es', 'sex', 'maternal'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
}
