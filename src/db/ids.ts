import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the operating system a few kilobytes at a time: asking for sixteen at a
 * time, once per id, cost about 5 µs an id, more than all the rest of making it (a write of an
 * encounter makes three).
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolAt = POOL_SIZE;

function randomBytes(n: number): Buffer {
  if (poolAt + n > POOL_SIZE) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The millisecond of the last id made, and a counter that orders the ids made within it. */
let lastMs = -1;
let counter = 0;
/** The counter's bits (31): drawn at random at each new millisecond, with its top bit clear. */
const COUNTER_BITS = 31;

/**
 * A new record id: UUIDv7 (RFC 9562), time-ordered, made where the record is made (DESIGN §3.6).
 * Its 48-bit Unix millisecond is followed by a 31-bit counter that starts at a random value each
 * millisecond and counts up within it (RFC 9562 §6.2, method 1), so ids made by one process sort
 * in the order they were made; the remaining 43 bits are random.
 */
export function newId(): string {
  const random = randomBytes(10);
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = random.readUInt32BE(0) >>> (32 - COUNTER_BITS + 1);
  } else {
    ms = lastMs;
    counter++;
    // Ids made faster than 2^30 a millisecond: borrow the next millisecond rather than repeat.
    if (counter >= 2 ** COUNTER_BITS) {
      ms = ++lastMs;
      counter = random.readUInt32BE(0) >>> (32 - COUNTER_BITS + 1);
    }
  }
  const high = Math.floor(ms / 2 ** 16);
  const low = ms % 2 ** 16;
  return (
    HEX[(high >>> 24) & 0xff]! +
    HEX[(high >>> 16) & 0xff]! +
    HEX[(high >>> 8) & 0xff]! +
    HEX[high & 0xff]! +
    '-' +
    HEX[(low >>> 8) & 0xff]! +
    HEX[low & 0xff]! +
    '-' +
    HEX[0x70 | ((counter >>> 27) & 0x0f)]! +
    HEX[(counter >>> 19) & 0xff]! +
    '-' +
    HEX[0x80 | ((counter >>> 13) & 0x3f)]! +
    HEX[(counter >>> 5) & 0xff]! +
    '-' +
    HEX[((counter << 3) & 0xf8) | (random[4]! & 0x07)]! +
    HEX[random[5]!]! +
    HEX[random[6]!]! +
    HEX[random[7]!]! +
    HEX[random[8]!]! +
    HEX[random[9]!]!
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a record id the database can look up (any UUID, not only ours). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
