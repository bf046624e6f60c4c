import { afterEach, describe, expect, it, vi } from 'vitest';
import { Access } from '../../server/access';
import { CREDENTIALS_REUSED_FOR_MS, forgetCredentials, rememberedAccess } from './credential-cache';

const access = new Access({ id: 'u1', username: 'medico', displayName: 'Médica', locale: 'es' }, []);

/** A lookup that counts how often it is asked, answering `access` until `expiresAt`. */
function lookUpCounting(expiresAt: Date | null = null) {
  const lookUp = vi.fn(async () => ({ access, expiresAt }));
  return lookUp;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the access of a credential, remembered for a few seconds', () => {
  it('asks the database once within the reuse time, and again after it', async () => {
    const db = {};
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const lookUp = lookUpCounting();
    expect(await rememberedAccess(db, 'session:a', lookUp)).toBe(access);
    vi.setSystemTime(1_000_000 + CREDENTIALS_REUSED_FOR_MS - 1);
    expect(await rememberedAccess(db, 'session:a', lookUp)).toBe(access);
    expect(lookUp).toHaveBeenCalledTimes(1);
    vi.setSystemTime(1_000_000 + CREDENTIALS_REUSED_FOR_MS);
    await rememberedAccess(db, 'session:a', lookUp);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });

  it('never holds a credential past its own expiry', async () => {
    const db = {};
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const lookUp = lookUpCounting(new Date(1_000_000 + 1_000));
    await rememberedAccess(db, 'token:b', lookUp);
    vi.setSystemTime(1_000_000 + 1_000);
    await rememberedAccess(db, 'token:b', lookUp);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });

  it('does not remember a credential that opened nothing', async () => {
    const db = {};
    const lookUp = vi.fn(async () => undefined);
    expect(await rememberedAccess(db, 'session:c', lookUp)).toBeUndefined();
    expect(await rememberedAccess(db, 'session:c', lookUp)).toBeUndefined();
    expect(lookUp).toHaveBeenCalledTimes(2);
  });

  it('forgets on a change, and does not keep a lookup that was under way during it', async () => {
    const db = {};
    let answer!: (found: { access: Access; expiresAt: null }) => void;
    const slow = vi.fn(() => new Promise<{ access: Access; expiresAt: null }>((resolve) => (answer = resolve)));
    const pending = rememberedAccess(db, 'session:d', slow);
    // The session ends (a logout) while the lookup, which read it before, is still on its way.
    forgetCredentials(db);
    answer({ access, expiresAt: null });
    expect(await pending).toBe(access);
    const lookUp = lookUpCounting();
    await rememberedAccess(db, 'session:d', lookUp);
    expect(lookUp).toHaveBeenCalledTimes(1);
  });

  it('keeps each database apart', async () => {
    const lookUp = lookUpCounting();
    await rememberedAccess({}, 'session:e', lookUp);
    await rememberedAccess({}, 'session:e', lookUp);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });
});
