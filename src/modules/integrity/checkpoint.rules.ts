import { createPrivateKey, createPublicKey, hash, sign, verify, type KeyObject } from 'node:crypto';

/** The head of one lane at the moment of a checkpoint: its last entry's number and hash. */
export interface LaneHead {
  lane: number;
  seq: number;
  hash: string;
}

/**
 * What a checkpoint states: the heads of every lane, the number of entries, and the Merkle root
 * over the lane heads. Each lane's head hash commits to everything before it in the lane, so the
 * root commits to the whole ledger as it stood.
 */
export interface CheckpointStatement {
  version: 1;
  at: string;
  entries: number;
  lanes: LaneHead[];
  root: string;
}

export interface SignedCheckpoint {
  statement: CheckpointStatement;
  /** Ed25519 signature over `statementText(statement)`, base64. */
  signature: string;
  /** The installation's public key, SPKI PEM, so a reader can check the signature offline. */
  publicKey: string;
}

const sha256 = (...parts: Buffer[]) => Buffer.from(hash('sha256', Buffer.concat(parts), 'buffer'));

/**
 * The Merkle tree hash of RFC 6962 §2.1: a leaf is SHA-256(0x00 ‖ data), an inner node
 * SHA-256(0x01 ‖ left ‖ right), the left subtree holding the largest power of two below n leaves.
 */
export function merkleRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0]!);
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return sha256(Buffer.from([1]), merkleRoot(leaves.slice(0, split)), merkleRoot(leaves.slice(split)));
}

/** The leaf of a lane head: its lane, sequence number and hash as one line of text. */
function laneLeaf(head: LaneHead): Buffer {
  return Buffer.from(`${head.lane}:${head.seq}:${head.hash}`, 'utf8');
}

export function laneRoot(lanes: LaneHead[]): string {
  return merkleRoot([...lanes].sort((a, b) => a.lane - b.lane).map(laneLeaf)).toString('hex');
}

/** The exact text that is signed: the statement's fields in a fixed order, as JSON. */
export function statementText(s: CheckpointStatement): string {
  return JSON.stringify({
    version: s.version,
    at: s.at,
    entries: s.entries,
    lanes: [...s.lanes].sort((a, b) => a.lane - b.lane).map((l) => ({ lane: l.lane, seq: l.seq, hash: l.hash })),
    root: s.root,
  });
}

export function signCheckpoint(statement: CheckpointStatement, privateKeyPem: string): SignedCheckpoint {
  const key = createPrivateKey(privateKeyPem);
  return {
    statement,
    signature: sign(null, Buffer.from(statementText(statement)), key).toString('base64'),
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Why a checkpoint cannot be trusted, or null: a signature that does not match, a root that does
 * not match its lanes, or (when `trustedKey` is given) a key other than the installation's.
 */
export function checkpointProblem(checkpoint: SignedCheckpoint, trustedKey?: KeyObject): string | null {
  const { statement } = checkpoint;
  if (statement?.version !== 1 || !Array.isArray(statement.lanes)) return 'it is not a version 1 checkpoint';
  if (laneRoot(statement.lanes) !== statement.root) return 'its root does not match the lane heads it lists';
  let key: KeyObject;
  try {
    key = createPublicKey(checkpoint.publicKey);
  } catch {
    return 'its public key cannot be read';
  }
  if (trustedKey && !key.equals(trustedKey)) return 'it was signed with another key than the one you trust';
  const valid = verify(
    null,
    Buffer.from(statementText(statement)),
    key,
    Buffer.from(checkpoint.signature ?? '', 'base64'),
  );
  return valid ? null : 'its signature does not match its content';
}
