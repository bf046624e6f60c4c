import { mkdirSync } from 'node:fs';
import type { Config } from '../config';
import { openStorage, type Storage } from '../db/database';

/** Opens the configured database, creating the embedded data directory when needed. */
export async function openConfiguredStorage(config: Config): Promise<Storage> {
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
  return openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export function describeStorage(config: Config): string {
  if (!config.databaseUrl) return `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}
