import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ReferralEventTable, ReferralStatus, ReferralTable } from '../../db/schema.referrals';
import { writeLedgered } from '../integrity/ledger.repository';

export type ReferralRow = Selectable<ReferralTable>;
export type ReferralEventRow = Selectable<ReferralEventTable>;

/** A referral with the names a list shows: person, facilities, referring professional, service, diagnosis. */
function referralsWithNames(db: Db) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('facilities as ff', 'ff.id', 'r.from_facility_id')
    .innerJoin('facilities as tf', 'tf.id', 'r.to_facility_id')
    .innerJoin('service_catalog as s', 's.code', 'r.service_code')
    .innerJoin('icd10 as d', 'd.code', 'r.icd10_code')
    .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('r.referred_by')))
    .selectAll('r')
    .select([
      'p.first_names',
      'p.last_names',
      'p.sex',
      'p.birth_date',
      'ff.name as from_name',
      'ff.kind as from_kind',
      'ff.tier as from_tier',
      'tf.name as to_name',
      'tf.kind as to_kind',
      'tf.tier as to_tier',
      's.name_es as service_name',
      'd.title_es as icd10_title',
      'u.display_name as referred_by_name',
    ]);
}
export type ReferralListRow = Awaited<ReturnType<ReturnType<typeof referralsWithNames>['execute']>>[number];

export async function findReferralWithNames(db: Db, id: string): Promise<ReferralListRow | undefined> {
  return referralsWithNames(db).where('r.id', '=', id).executeTakeFirst();
}

/**
 * Referrals to or from a facility, newest first. With `statuses`, only those; the index on
 * (facility, status, sent_at) answers this without reading the rest of the network's referrals.
 */
export async function listReferrals(
  db: Db,
  side: 'to' | 'from',
  facilityId: string,
  statuses: readonly ReferralStatus[] | null,
  limit: number,
): Promise<ReferralListRow[]> {
  // The page is chosen from the index alone, then only its rows are joined to their names.
  let page = db
    .selectFrom('referrals')
    .select('id')
    .where(side === 'to' ? 'to_facility_id' : 'from_facility_id', '=', facilityId);
  if (statuses) page = page.where('status', 'in', statuses);
  return referralsWithNames(db)
    .where('r.id', 'in', page.orderBy('sent_at', 'desc').limit(limit))
    .orderBy('r.sent_at', 'desc')
    .execute();
}

export async function listReferralsOfPerson(db: Db, personId: string): Promise<ReferralListRow[]> {
  return referralsWithNames(db).where('r.person_id', '=', personId).orderBy('r.sent_at').execute();
}

export async function lockReferral(tx: Db, id: string): Promise<ReferralRow | undefined> {
  return tx.selectFrom('referrals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listEvents(db: Db, referralId: string) {
  return (
    db
      .selectFrom('referral_events as e')
      .leftJoin('users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('e.by_user')))
      .selectAll('e')
      .select('u.display_name as by_name')
      .where('e.referral_id', '=', referralId)
      // Steps taken at the same instant (received with accepted) keep the order they were made in: ids are UUIDv7.
      .orderBy('e.at')
      .orderBy('e.id')
      .execute()
  );
}

export async function insertReferral(tx: Db, actor: string, row: Insertable<ReferralTable>) {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'referrals',
    tx.insertInto('referrals').values(row).returningAll(),
  );
  return written!;
}

export async function insertEvents(tx: Db, actor: string, rows: Insertable<ReferralEventTable>[]) {
  return writeLedgered(
    tx,
    actor,
    'create',
    'referral_events',
    tx.insertInto('referral_events').values(rows).returningAll(),
  );
}

export async function updateStatus(tx: Db, actor: string, id: string, status: ReferralStatus, at: Date) {
  await writeLedgered(
    tx,
    actor,
    'update',
    'referrals',
    tx.updateTable('referrals').set({ status, status_at: at }).where('id', '=', id).returningAll(),
  );
}

/** The facility a referral goes to, with what decides whether it can take it. */
export async function findFacilityForReferral(db: Db, id: string) {
  return db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'tier', 'status', 'services', 'state_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}
