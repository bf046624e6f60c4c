import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';

/**
 * The installation's Ed25519 key for signing ledger checkpoints, as a PKCS#8 PEM file readable by
 * its owner only. It is created on first use and kept outside the database: whoever can rewrite
 * the database must not also be able to sign a new history.
 */
export function loadOrCreateSigningKey(path: string): { privateKeyPem: string; created: boolean } {
  if (existsSync(path)) return { privateKeyPem: readFileSync(path, 'utf8'), created: false };
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  return { privateKeyPem: pem, created: true };
}
