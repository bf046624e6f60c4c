import type { Access } from '../../server/access';

/**
 * How long the answer to "whose credential is this" is reused without asking the database again.
 * Every request asks it, and one screen of the web app sends several requests at once, so without
 * this each of them waits for the same lookup. A change this server makes (a logout, a revoked
 * token, a new language) takes effect at once; one made elsewhere (another server process on the
 * same database, SQL by hand) takes effect within this time. A credential is never honoured past
 * its own expiry. Decision 0003.
 */
export const CREDENTIALS_REUSED_FOR_MS = 5_000;
/** Credentials remembered at most; past this the oldest is forgotten first. */
const MOST_REMEMBERED = 10_000;

interface Remembered {
  access: Access;
  /** Epoch milliseconds after which the answer is asked again. */
  until: number;
}

/** The access of the credentials looked up lately on one database, by credential hash. */
class CredentialCache {
  private readonly entries = new Map<string, Remembered>();
  /** Counts the clearings, so that a lookup that was under way during one is not kept. */
  generation = 0;

  find(key: string, now: number): Access | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.access;
    this.entries.delete(key);
    return undefined;
  }

  remember(key: string, access: Access, now: number, expiresAt: Date | null) {
    const until = Math.min(now + CREDENTIALS_REUSED_FOR_MS, expiresAt?.getTime() ?? Infinity);
    if (until <= now) return;
    this.entries.delete(key);
    if (this.entries.size >= MOST_REMEMBERED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { access, until });
  }

  clear() {
    this.entries.clear();
    this.generation++;
  }
}

/** Caches by database handle: what one database says of a credential says nothing of another's. */
const caches = new WeakMap<object, CredentialCache>();

function cacheOf(db: object): CredentialCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new CredentialCache()));
  return cache;
}

/**
 * The access a credential gives, from what was looked up in the last few seconds, or else from
 * `lookUp` (which answers the access and when the credential expires, or undefined for a
 * credential that opens nothing: that answer is not kept, so a credential just issued works).
 */
export async function rememberedAccess(
  db: object,
  key: string,
  lookUp: () => Promise<{ access: Access; expiresAt: Date | null } | undefined>,
): Promise<Access | undefined> {
  const cache = cacheOf(db);
  const known = cache.find(key, Date.now());
  if (known) return known;
  const generation = cache.generation;
  const found = await lookUp();
  if (!found) return undefined;
  // A lookup that read the database before a change this server made is answered, not kept.
  if (cache.generation === generation) cache.remember(key, found.access, Date.now(), found.expiresAt);
  return found.access;
}

/**
 * Forgets every credential looked up on this database: called by whatever changes what a
 * credential gives (a session ended, a token revoked, a user's details or roles changed), so that
 * this server's next request sees the change.
 */
export function forgetCredentials(db: object) {
  caches.get(db)?.clear();
}
