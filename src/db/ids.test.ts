import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUuid, newId } from './ids';

/** The Unix millisecond a UUIDv7 carries in its first 48 bits. */
const millisecondOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes RFC 9562 version 7 UUIDs that carry the moment they were made', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(millisecondOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisecondOf(id)).toBeLessThanOrEqual(after);
  });

  it('never repeats an id and sorts them in the order they were made, many to a millisecond', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps counting within the last millisecond when the clock steps back', () => {
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 10_000);
    const later = newId();
    vi.spyOn(Date, 'now').mockReturnValue(now);
    const earlierClock = newId();
    expect(earlierClock > later).toBe(true);
    expect(millisecondOf(earlierClock)).toBe(now + 10_000);
  });

  it('draws fresh random bits for every id', () => {
    const tails = new Set(Array.from({ length: 1_000 }, () => newId().slice(-10)));
    expect(tails.size).toBe(1_000);
  });
});
