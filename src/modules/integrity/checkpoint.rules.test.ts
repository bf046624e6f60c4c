import { createPublicKey, generateKeyPairSync, hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointProblem, laneRoot, merkleRoot, signCheckpoint, type CheckpointStatement } from './checkpoint.rules';

const sha = (...parts: Buffer[]) => Buffer.from(hash('sha256', Buffer.concat(parts), 'buffer'));
const leaf = (d: Buffer) => sha(Buffer.from([0]), d);
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((s) => Buffer.from(s));

describe('the Merkle tree hash of RFC 6962', () => {
  it('is the hash of nothing for no leaves, and a prefixed hash for one', () => {
    expect(merkleRoot([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot([a!])).toEqual(leaf(a!));
  });

  it('splits at the largest power of two below the number of leaves', () => {
    expect(merkleRoot([a!, b!])).toEqual(node(leaf(a!), leaf(b!)));
    expect(merkleRoot([a!, b!, c!])).toEqual(node(node(leaf(a!), leaf(b!)), leaf(c!)));
    expect(merkleRoot([a!, b!, c!, d!, e!])).toEqual(
      node(node(node(leaf(a!), leaf(b!)), node(leaf(c!), leaf(d!))), leaf(e!)),
    );
  });
});

describe('a signed checkpoint', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const lanes = [
    { lane: 1, seq: 1500, hash: 'a'.repeat(64) },
    { lane: 2, seq: 1498, hash: 'b'.repeat(64) },
  ];
  const statement: CheckpointStatement = {
    version: 1,
    at: '2026-11-22T12:00:00.000Z',
    entries: 2998,
    lanes,
    root: laneRoot(lanes),
  };
  const signed = signCheckpoint(statement, pem);

  it('checks out with its own key and with the key one trusts', () => {
    expect(checkpointProblem(signed)).toBeNull();
    expect(checkpointProblem(signed, createPublicKey(privateKey))).toBeNull();
  });

  it('names a lane head changed without its root, and a root recomputed without the signature', () => {
    const moved = { ...statement, lanes: [{ ...lanes[0]!, seq: 1400 }, lanes[1]!] };
    expect(checkpointProblem({ ...signed, statement: moved })).toMatch(/root does not match/);
    const resealed = { ...moved, root: laneRoot(moved.lanes) };
    expect(checkpointProblem({ ...signed, statement: resealed })).toMatch(/signature does not match/);
  });

  it('refuses a checkpoint re-signed with another key than the trusted one', () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = signCheckpoint(statement, other);
    expect(checkpointProblem(forged)).toBeNull();
    expect(checkpointProblem(forged, createPublicKey(privateKey))).toMatch(/another key/);
  });
});
