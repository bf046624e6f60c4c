import type { Db } from '../../db/database';
import { Access, type Actor } from '../../server/access';
import { AppError } from '../../server/errors';
import { LoginThrottle } from './login-throttle.rules';
import { decoyHash, verifyPassword } from './password';
import {
  createSession,
  deleteSession,
  findActiveUserById,
  findApiTokenUser,
  findSessionUser,
  findUserByUsername,
  hashSecret,
  updateUserLocale,
  type ActiveUser,
  type CredentialUser,
} from './people.repository';
import { forgetCredentials, rememberedAccess } from './credential-cache';
import { appendToLedger } from '../integrity/ledger.repository';

const throttle = new LoginThrottle();

/** Checks a username and password and opens a session. Failed attempts are rate limited. */
export async function login(
  db: Db,
  input: { username: string; password: string; address: string; sessionHours: number },
) {
  const wait = throttle.retryAfter(input.address, input.username, Date.now());
  if (wait > 0)
    throw Object.assign(
      new AppError('TOO_MANY_ATTEMPTS', `Too many failed logins; try again in ${Math.ceil(wait / 60)} minutes`),
      { retryAfter: wait },
    );
  const user = await findUserByUsername(db, input.username);
  const valid = user
    ? await verifyPassword(user.password_hash, input.password)
    : await verifyPassword(await decoyHash(), input.password);
  if (!user || !valid || !user.active) {
    throttle.recordFailure(input.address, input.username, Date.now());
    throw new AppError('INVALID_CREDENTIALS');
  }
  throttle.recordSuccess(input.address, input.username);
  const session = await createSession(db, user.id, input.sessionHours);
  return { ...session, access: (await accessForUser(db, user.id))! };
}

export async function logout(db: Db, token: string) {
  await deleteSession(db, token);
  forgetCredentials(db);
}

function toAccess(user: ActiveUser | undefined): Access | undefined {
  if (!user) return undefined;
  const actor: Actor = { id: user.id, username: user.username, displayName: user.display_name, locale: user.locale };
  return new Access(actor, user.assignments);
}

/** The Access of an active user, or undefined. */
export async function accessForUser(db: Db, userId: string): Promise<Access | undefined> {
  return toAccess(await findActiveUserById(db, userId));
}

/** What a credential's user looked up by `find` may do, and until when the credential holds. */
async function credentialAccess(find: Promise<CredentialUser | undefined>) {
  const user = await find;
  return user && { access: toAccess(user)!, expiresAt: user.expires_at && new Date(user.expires_at) };
}

/** The Access a session token opens, or undefined. Looked up at most every few seconds. */
export function accessForSession(db: Db, token: string): Promise<Access | undefined> {
  const hash = hashSecret(token);
  return rememberedAccess(db, `session:${hash}`, () => credentialAccess(findSessionUser(db, hash)));
}

/** The Access an API token opens, or undefined. Looked up at most every few seconds. */
export function accessForApiToken(db: Db, token: string): Promise<Access | undefined> {
  const hash = hashSecret(token);
  return rememberedAccess(db, `token:${hash}`, () => credentialAccess(findApiTokenUser(db, hash)));
}

export function describeAccess(access: Access) {
  return {
    ...access.actor,
    permissions: access.permissions(),
    roles: [...access.assignments],
  };
}

/** Saves the language the user chose for the interface. */
export async function changeOwnLocale(db: Db, access: Access, locale: string) {
  await db.transaction().execute(async (tx) => {
    await updateUserLocale(tx, access.userId, locale);
    await appendToLedger(tx, access.userId, 'update', 'users', access.userId);
  });
  forgetCredentials(db);
  return describeAccess((await accessForUser(db, access.userId))!);
}
