import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AccessDenied, type Access } from '../../server/access';
import { AppError } from '../../server/errors';
import { writeLedgered } from '../integrity/ledger.repository';
import { forgetCredentials } from './credential-cache';
import { hashSecret, newSecret } from './people.repository';

function toToken(row: {
  id: string;
  name: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    name: row.name,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
  };
}

/** Creates a bearer token for a machine acting as the user. The secret is shown only now. */
export async function createApiToken(
  db: Db,
  access: Access,
  input: { name: string; expiresInDays?: number | undefined },
) {
  access.require('tokens.own');
  const secret = newSecret('adt_');
  const id = newId();
  const now = new Date();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const row = {
    id,
    user_id: access.userId,
    name: input.name,
    token_hash: hashSecret(secret),
    created_at: now,
    expires_at: expiresAt,
    revoked_at: null,
  };
  await db.transaction().execute(async (tx) => {
    await writeLedgered(
      tx,
      access.userId,
      'create',
      'api_tokens',
      tx.insertInto('api_tokens').values(row).returningAll(),
    );
  });
  return { ...toToken(row), token: secret };
}

export async function listApiTokens(db: Db, access: Access) {
  access.require('tokens.own');
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', access.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toToken);
}

/** Revokes one of the user's own tokens; another user's token answers 404. */
export async function revokeApiToken(db: Db, access: Access, id: string) {
  access.require('tokens.own');
  await db.transaction().execute(async (tx) => {
    const token = await tx
      .selectFrom('api_tokens')
      .select(['user_id', 'revoked_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!token) throw new AppError('TOKEN_NOT_FOUND');
    if (token.user_id !== access.userId) throw new AccessDenied('TOKEN_NOT_FOUND', 'token of another user');
    if (token.revoked_at) return;
    await writeLedgered(
      tx,
      access.userId,
      'update',
      'api_tokens',
      tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).returningAll(),
    );
  });
  forgetCredentials(db);
}
