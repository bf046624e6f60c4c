import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AccessDenied, FACILITY_ROLES, NATION, territoryContains, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { appendToLedger } from '../integrity/ledger.repository';
import { findTerritory } from '../territory/territory.repository';
import { territoryLevel } from '../territory/territory.rules';
import { hashPassword } from './password';
import { findUserById, findUserByUsername, listUsersWithin, loadAssignments } from './people.repository';
import type { CreateUserInput } from './people.schema';

function toUser(
  user: { id: string; username: string; display_name: string; locale: string; active: boolean; created_at: Date },
  roles: Access['assignments'],
) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    locale: user.locale,
    active: user.active,
    createdAt: new Date(user.created_at).toISOString(),
    roles: [...roles],
  };
}

export async function listUsers(db: Db, access: Access) {
  access.require('users.read');
  const users = await listUsersWithin(db, access.territoriesFor('users.read'), 500);
  const roles = await loadAssignments(
    db,
    users.map((u) => u.id),
  );
  return users.map((u) => toUser(u, roles.get(u.id) ?? []));
}

/** A user, visible only when one of their roles lies in the reader's territory (else 404). */
export async function getUser(db: Db, access: Access, id: string) {
  access.require('users.read');
  const user = await findUserById(db, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const roles = (await loadAssignments(db, [id])).get(id) ?? [];
  const visible = id === access.userId || roles.some((r) => access.canAt('users.read', r.territoryCode));
  if (!visible) throw new AccessDenied('USER_NOT_FOUND', 'user outside scope');
  return toUser(user, roles);
}

/** Where each requested role would be held, checked against the reference data. */
export async function placeRoles(db: Db, roles: CreateUserInput['roles']) {
  const placed = [];
  for (const [index, r] of roles.entries()) {
    const field = `roles.${index}`;
    if (FACILITY_ROLES.has(r.role)) {
      if (!r.facilityId || r.territoryCode)
        throw fieldError(
          'INVALID_ROLE_SCOPE',
          `${field}.facilityId`,
          `The role ${r.role} is held at a facility: give facilityId only`,
        );
      const facility = await db
        .selectFrom('facilities')
        .select(['id', 'parish_code'])
        .where('id', '=', r.facilityId)
        .executeTakeFirst();
      if (!facility) throw fieldError('UNKNOWN_FACILITY', `${field}.facilityId`, 'There is no such facility');
      placed.push({ role: r.role, facilityId: facility.id, territoryCode: null, at: facility.parish_code });
    } else {
      if (!r.territoryCode || r.facilityId)
        throw fieldError(
          'INVALID_ROLE_SCOPE',
          `${field}.territoryCode`,
          `The role ${r.role} is held over a territory: give territoryCode only`,
        );
      if (r.role === 'national_admin' && r.territoryCode !== NATION)
        throw fieldError(
          'INVALID_ROLE_SCOPE',
          `${field}.territoryCode`,
          'A national administrator is scoped to the nation, VE',
        );
      const level = territoryLevel(r.territoryCode);
      if (!level || !(await findTerritory(db, r.territoryCode, level)))
        throw fieldError(
          'UNKNOWN_TERRITORY',
          `${field}.territoryCode`,
          `There is no territory with code ${r.territoryCode}`,
        );
      placed.push({ role: r.role, facilityId: null, territoryCode: r.territoryCode, at: r.territoryCode });
    }
  }
  return placed;
}

/** Creates a user with their roles; each role must lie within the creator's own territory. */
export async function createUser(db: Db, access: Access, input: CreateUserInput) {
  access.require('users.manage');
  const roles = await placeRoles(db, input.roles);
  for (const role of roles) {
    const allowed = access.territoriesFor('users.manage').some((scope) => territoryContains(scope, role.at));
    if (!allowed) throw new AccessDenied('NOT_PERMITTED', 'role outside scope');
  }
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  await db.transaction().execute(async (tx) => {
    if (await findUserByUsername(tx, input.username))
      throw fieldError('DUPLICATE_USERNAME', 'username', `The username ${input.username} is taken`);
    await insertUserWithRoles(tx, access.userId, {
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      locale: input.locale,
      roles,
    });
  });
  return getUser(db, access, id);
}

/** Inserts a user and their role assignments, all on the ledger. Also used by the CLI and the demo. */
export async function insertUserWithRoles(
  tx: Db,
  actor: string,
  user: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    locale: string;
    roles: { role: string; facilityId: string | null; territoryCode: string | null }[];
  },
) {
  const now = new Date();
  await tx
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      locale: user.locale,
      active: true,
      created_at: now,
    })
    .execute();
  await appendToLedger(tx, actor, 'create', 'users', user.id);
  for (const role of user.roles) {
    const roleId = newId();
    await tx
      .insertInto('role_assignments')
      .values({
        id: roleId,
        user_id: user.id,
        role: role.role,
        facility_id: role.facilityId,
        territory_code: role.territoryCode,
        created_at: now,
        created_by: actor,
      })
      .execute();
    await appendToLedger(tx, actor, 'create', 'role_assignments', roleId);
  }
}
