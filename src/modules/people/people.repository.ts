import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { anyKey, gatheredLookup } from '../../db/gathered-lookup';
import { NATION, type Assignment } from '../../server/access';

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

/**
 * The role assignments of the user `userId` refers to, oldest first, as one JSON array: a facility
 * role is placed at its facility's parish, and every place carries its name.
 */
function assignmentsOf(userId: ReturnType<typeof sql.ref>) {
  return sql<Assignment[]>`coalesce((
    SELECT json_agg(json_build_object(
             'id', a.id, 'role', a.role, 'facilityId', a.facility_id, 'facilityName', f.name,
             'facilityKind', f.kind,
             'territoryCode', place.code,
             'territoryName', coalesce(CASE WHEN place.code = ${NATION} THEN 'Venezuela' END,
                                       (SELECT name FROM states WHERE code = place.code),
                                       (SELECT name FROM municipalities WHERE code = place.code),
                                       (SELECT name FROM parishes WHERE code = place.code),
                                       place.code))
           ORDER BY a.created_at)
    FROM role_assignments a
    LEFT JOIN facilities f ON f.id = a.facility_id
    CROSS JOIN LATERAL (SELECT coalesce(a.territory_code, f.parish_code) AS code) place
    WHERE a.user_id = ${userId}), '[]'::json)`;
}

/** Users' role assignments, by user id. */
export async function loadAssignments(db: Db, userIds: string[]): Promise<Map<string, Assignment[]>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<{ id: string; assignments: Assignment[] }>`
    SELECT u.id, ${assignmentsOf(sql.ref('u.id'))} AS assignments
    FROM users u WHERE u.id IN (${sql.join(userIds)})`.execute(db);
  const byUser = new Map<string, Assignment[]>(userIds.map((id) => [id, []]));
  for (const row of rows) byUser.set(row.id, row.assignments);
  return byUser;
}

export interface ActiveUser {
  id: string;
  username: string;
  display_name: string;
  locale: string;
  assignments: Assignment[];
}

/** An `ActiveUser`'s columns, of the users table as `u`. */
const ACTIVE_USER = sql`u.id, u.username, u.display_name, u.locale, ${assignmentsOf(sql.ref('u.id'))} AS assignments`;

/** The active user of this id, with their assignments. */
export async function findActiveUserById(db: Db, id: string): Promise<ActiveUser | undefined> {
  const { rows } = await sql<ActiveUser>`SELECT ${ACTIVE_USER} FROM users u WHERE u.active AND u.id = ${id}`.execute(
    db,
  );
  return rows[0];
}

/** The active user a credential opens, and when the credential expires (never: null). */
export type CredentialUser = ActiveUser & { expires_at: Date | null };

/**
 * The active user whose live session opens with the token of this hash (`hashSecret`). The
 * sessions of requests that arrive together are looked up in one query.
 */
export const findSessionUser: (db: Db, tokenHash: string) => Promise<CredentialUser | undefined> = gatheredLookup(
  async (db, tokenHashes) => {
    const { rows } = await sql<CredentialUser & { token_hash: string }>`
    SELECT s.token_hash, s.expires_at, ${ACTIVE_USER}
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${anyKey(tokenHashes, 'text')} AND s.expires_at > ${new Date()} AND u.active`.execute(db);
    return new Map(rows.map(({ token_hash, ...user }) => [token_hash, user]));
  },
);

/** The active user whose unrevoked, unexpired API token has this hash (`hashSecret`). */
export async function findApiTokenUser(db: Db, tokenHash: string): Promise<CredentialUser | undefined> {
  const { rows } = await sql<CredentialUser>`
    SELECT t.expires_at, ${ACTIVE_USER}
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL
      AND (t.expires_at IS NULL OR t.expires_at > ${new Date()}) AND u.active`.execute(db);
  return rows[0];
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

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute();
}

export async function updateUserLocale(db: Db, userId: string, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}
