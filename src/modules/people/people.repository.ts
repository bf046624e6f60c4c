import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { NATION, type Assignment, type Role } from '../../server/access';
import { territoryNames } from '../territory/territory.repository';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user's role assignments; a facility role is placed at its facility's parish. */
export async function loadAssignments(db: Db, userIds: string[]): Promise<Map<string, Assignment[]>> {
  const byUser = new Map<string, Assignment[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('role_assignments as a')
    .leftJoin('facilities as f', 'f.id', 'a.facility_id')
    .select([
      'a.id',
      'a.user_id',
      'a.role',
      'a.facility_id',
      'a.territory_code',
      'f.parish_code',
      'f.name as facility_name',
      'f.kind as facility_kind',
    ])
    .where('a.user_id', 'in', userIds)
    .orderBy('a.created_at')
    .execute();
  const names = await territoryNames(db, [...new Set(rows.map((row) => row.territory_code ?? row.parish_code!))]);
  for (const row of rows) {
    const territoryCode = row.territory_code ?? row.parish_code!;
    byUser.get(row.user_id)!.push({
      id: row.id,
      role: row.role as Role,
      facilityId: row.facility_id,
      territoryCode,
      territoryName: names.get(territoryCode) ?? territoryCode,
      facilityName: row.facility_name,
      facilityKind: row.facility_kind,
    });
  }
  return byUser;
}

/** Users with at least one assignment inside one of the given territories, by username. */
export async function listUsersWithin(db: Db, scopes: string[], limit: number) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'locale', 'active', 'created_at'])
    .orderBy('username')
    .limit(limit);
  if (!scopes.includes(NATION)) {
    if (scopes.length === 0) return [];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as a')
          .leftJoin('facilities as f', 'f.id', 'a.facility_id')
          .select(sql`1`.as('one'))
          .whereRef('a.user_id', '=', 'users.id')
          .where((inner) =>
            inner.or(
              scopes.flatMap((scope) => [
                inner(sql`coalesce(a.territory_code, f.parish_code)`, '=', scope),
                inner(sql`coalesce(a.territory_code, f.parish_code)`, 'like', `${scope}-%`),
              ]),
            ),
          ),
      ),
    );
  }
  return query.execute();
}

export async function createSession(
  db: Db,
  userId: string,
  hours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db
    .insertInto('sessions')
    .values({ token_hash: hashSecret(token), user_id: userId, created_at: now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function findSessionUser(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select('user_id')
    .where('token_hash', '=', hashSecret(token))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row?.user_id;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute();
}

export async function findApiTokenUser(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();
  return row?.user_id;
}

export async function updateUserLocale(db: Db, userId: string, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
