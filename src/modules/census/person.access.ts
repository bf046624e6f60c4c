import { sql, type Selectable } from 'kysely';
import { isEmbedded, type Db } from '../../db/database';
import { anyKey, gatheredByUuid } from '../../db/gathered-lookup';
import type { PersonTable } from '../../db/schema';
import { Access, AccessDenied, type Permission } from '../../server/access';
import { AppError } from '../../server/errors';

export type PersonRow = Selectable<PersonTable>;

/** A person's row as read, with the row's version (`xmin`, which changes with every update). */
interface ReadPerson {
  id: string;
  row: PersonRow;
  version: string;
}

/**
 * How many persons a PostgreSQL server's process keeps as last read, for writes that rest on them
 * (`findPersonToWrite`): a few posts' worth of people opened and cared for in the last while.
 */
const RECENT_PERSONS = 2_048;
const recent = new WeakMap<Db, Map<string, ReadPerson>>();

/**
 * Whether persons read from this database are kept: only a PostgreSQL server's, outside a
 * transaction. There a read is a round trip that costs both processes more than the query;
 * the embedded database reads a person for the price of a call, and what it read inside a
 * transaction may never be committed.
 */
function keepsPersons(db: Db): boolean {
  return !isEmbedded(db) && !db.isTransaction;
}

function recentPersons(db: Db): Map<string, ReadPerson> {
  let persons = recent.get(db);
  if (!persons) recent.set(db, (persons = new Map()));
  return persons;
}

function remember(db: Db, read: ReadPerson) {
  const persons = recentPersons(db);
  persons.delete(read.id);
  persons.set(read.id, read);
  if (persons.size > RECENT_PERSONS) persons.delete(persons.keys().next().value!);
}

/**
 * Persons by id, those of requests that arrive together in one query; an id that is not a UUID
 * names nobody. On a server each person read is kept, with the row's version, for
 * `findPersonToWrite`.
 */
const readPersons = gatheredByUuid(async (db, ids): Promise<ReadPerson[]> => {
  const rows = await db
    .selectFrom('persons')
    .selectAll()
    .select(sql<string>`xmin::text`.as('row_version'))
    .where(sql<boolean>`id = ${anyKey(ids, 'uuid')}`)
    .execute();
  return rows.map(({ row_version, ...row }) => {
    const read = { id: row.id, row, version: row_version };
    if (keepsPersons(db)) remember(db, read);
    return read;
  });
});

async function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  return (await readPersons(db, id))?.row;
}

/**
 * The person for a write of the caller's care team that rests on the person's row (their post,
 * birth date, sex, vital status) without changing it. On a PostgreSQL server the row comes from
 * the persons last read when it is among them, so that a doctor who opened a record and then
 * writes to it costs the database no second read, and `version` is the version it was read at: the
 * write must name it in `unchanged` (`writeLedgeredTogether`), and fails if the person changed
 * since. On that failure, call again with `fresh` and check the write anew. Elsewhere the person is
 * read afresh and `version` is undefined: there is nothing to compare. 404 outside the care team,
 * as `findPersonForCareTeam`.
 */
export async function findPersonToWrite(
  db: Db,
  access: Access,
  personId: string,
  permission: Permission,
  fresh = false,
): Promise<{ person: PersonRow; version?: string }> {
  const kept = keepsPersons(db);
  const known = kept && !fresh ? recentPersons(db).get(personId) : undefined;
  const read = known ?? (await readPersons(db, personId));
  if (!read) throw new AppError('PERSON_NOT_FOUND');
  access.requireAtFacility(permission, read.row.facility_id, 'PERSON_NOT_FOUND');
  return kept ? { person: read.row, version: read.version } : { person: read.row };
}

/**
 * The person, when the caller is on the care team of the person's post and holds the permission
 * there, or — for reading — when the caller's facility has the person in its care (a referral
 * received, from the moment it was sent; an exam asked of it; an emergency attended: DESIGN §3.5);
 * otherwise 404, as if the person did not exist (the refusal is logged).
 */
export async function findPersonForCareTeam(
  db: Db,
  access: Access,
  personId: string,
  permission: Permission,
): Promise<PersonRow> {
  const person = await findPerson(db, personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (access.canAtFacility(permission, person.facility_id)) return person;
  if (READ_IN_CARE.has(permission) && (await inCareOfCallersFacility(db, access, person.id, permission))) return person;
  access.requireAtFacility(permission, person.facility_id, 'PERSON_NOT_FOUND');
  return person;
}

/** Permissions a facility that has the person in its care holds over the person's record: reading it. */
const READ_IN_CARE: ReadonlySet<Permission> = new Set(['census.read', 'care.read']);

/** Whether a facility where the caller holds the permission has the person in its care. */
function inCareOfCallersFacility(db: Db, access: Access, personId: string, permission: Permission) {
  return isInCareOf(db, personId, access.facilitiesFor(permission));
}

/**
 * Whether any of these facilities has the person in its care: it received a referral of the
 * person, was asked for an exam of the person, or attended the person in its emergency room. From
 * that moment the facility may read the person's record and care for them (DESIGN §3.5). The one
 * place this rule lives.
 */
export async function isInCareOf(db: Db, personId: string, facilityIds: readonly string[]): Promise<boolean> {
  if (facilityIds.length === 0) return false;
  const { rows } = await sql<{ found: number }>`
    SELECT 1 AS found FROM referrals WHERE person_id = ${personId} AND to_facility_id IN (${sql.join(facilityIds)})
    UNION ALL
    SELECT 1 FROM exam_orders WHERE person_id = ${personId} AND facility_id IN (${sql.join(facilityIds)})
    UNION ALL
    SELECT 1 FROM emergency_attentions WHERE person_id = ${personId} AND facility_id IN (${sql.join(facilityIds)})
    LIMIT 1`.execute(db);
  return rows.length > 0;
}

/** The persons these facilities have in their care (see `isInCareOf`), as a subquery of person ids. */
export function personsInCareOf(facilityIds: readonly string[]) {
  return sql<{ person_id: string }>`
    SELECT person_id FROM referrals WHERE to_facility_id IN (${sql.join(facilityIds)})
    UNION SELECT person_id FROM exam_orders WHERE facility_id IN (${sql.join(facilityIds)})
    UNION SELECT person_id FROM emergency_attentions WHERE facility_id IN (${sql.join(facilityIds)})`;
}

/**
 * The facilities whose people an emergency room may find and attend without a referral (a
 * walk-in): the posts of its own ASIC — the population it serves — and itself, where people with
 * no record are registered when they arrive. Anyone else reaches it by referral.
 */
export async function walkInCatchment(db: Db, facilityId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('facilities as f')
    .innerJoin('facilities as own', (join) => join.onRef('own.asic_id', '=', 'f.asic_id'))
    .select('f.id')
    .where('own.id', '=', facilityId)
    .execute();
  return [...new Set([facilityId, ...rows.map((r) => r.id)])];
}

/** Whether the facility's emergency room may attend the person without a referral. */
export async function mayAttendWalkIn(db: Db, person: { id: string; facility_id: string }, facilityId: string) {
  if ((await walkInCatchment(db, facilityId)).includes(person.facility_id)) return true;
  return isInCareOf(db, person.id, [facilityId]);
}

/** Throws HOUSEHOLD_NOT_FOUND unless the caller holds the permission at the household's post. */
export async function findHouseholdForCareTeam(db: Db, access: Access, householdId: string, permission: Permission) {
  const household = await db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirst();
  if (!household) throw new AppError('HOUSEHOLD_NOT_FOUND');
  access.requireAtFacility(permission, household.facility_id, 'HOUSEHOLD_NOT_FOUND');
  return household;
}

/**
 * The post, when the caller holds the permission there through a role at it. Outsiders get 404,
 * as if the post did not exist; a member of its team who lacks the permission gets 403. Both
 * refusals are logged.
 */
export async function findPostForCareTeam(db: Db, access: Access, facilityId: string, permission: Permission) {
  const post = await db
    .selectFrom('facilities as f')
    .innerJoin('parishes as p', 'p.code', 'f.parish_code')
    .select([
      'f.id',
      'f.code',
      'f.name',
      'f.kind',
      'f.state_code',
      'f.parish_code',
      'f.sector_id',
      'f.target_families',
      'p.name as parish_name',
    ])
    .where('f.id', '=', facilityId)
    .executeTakeFirst();
  if (!post) throw new AppError('FACILITY_NOT_FOUND');
  if (access.canAtFacility(permission, facilityId)) return post;
  if (access.canAtFacility('census.read', facilityId)) throw new AccessDenied('NOT_PERMITTED', `lacks ${permission}`);
  access.requireAtFacility(permission, facilityId, 'FACILITY_NOT_FOUND');
  return post;
}

/**
 * Who may read the log of who opened a person's record: the team of the person's post holding
 * reads.audit there, and auditors whose territory covers the post's parish. A facility role is
 * scoped to its facility's parish, so only territory roles count for the second rule: the team of
 * a neighbouring post in the same parish must not read this post's log.
 */
export function canReadRecordLog(access: Access, person: { facility_id: string }, parishCode: string): boolean {
  if (access.canAtFacility('reads.audit', person.facility_id)) return true;
  const territoryRoles = new Access(
    access.actor,
    access.assignments.filter((a) => a.facilityId === null),
  );
  return territoryRoles.canAt('reads.audit', parishCode);
}

/** The person and the post's parish, when the caller may read who opened the record (404 otherwise, logged). */
export async function findPersonForReadAudit(db: Db, access: Access, personId: string) {
  const person = await db
    .selectFrom('persons as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select(['p.id', 'p.facility_id', 'f.parish_code'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (!canReadRecordLog(access, person, person.parish_code)) {
    throw new AccessDenied('PERSON_NOT_FOUND', 'reads.audit outside the care team and territory');
  }
  return person;
}
