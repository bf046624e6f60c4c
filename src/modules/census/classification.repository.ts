import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ClassificationTable } from '../../db/schema';
import { writeLedgered } from '../integrity/ledger.repository';

/** Which of these CIE-10 codes the reference table knows. */
export async function findKnownDiagnoses(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('icd10').select(['code', 'title_es']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.title_es]));
}

export async function insertClassification(tx: Db, actor: string, row: Insertable<ClassificationTable>) {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'classifications',
    tx.insertInto('classifications').values(row).returningAll(),
  );
  return written!;
}

/** A person's classifications, newest first, with who made each. */
export async function listClassifications(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('classifications as c')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('c.classified_by')))
    .selectAll('c')
    .select('u.display_name')
    .where('c.person_id', 'in', personIds)
    .orderBy('c.classified_on', 'desc')
    .orderBy('c.recorded_at', 'desc')
    .execute();
}
export type ClassificationListRow = Awaited<ReturnType<typeof listClassifications>>[number];
