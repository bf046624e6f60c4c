import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './shared/paths';

/** Everything the process reads from its environment, in one place. */
export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  host: string;
  port: number;
  /** Public origin used by the cross-site request check; derived from the Host header when unset. */
  publicOrigin: string | undefined;
  sessionHours: number;
  /** Serve the built web app from this directory when it exists. */
  webDir: string;
  logLevel: string;
  /** Set in development only: marks the session cookie as not `Secure` so plain http works. */
  secureCookies: boolean;
  /** The installation's Ed25519 key that signs ledger checkpoints; created on first use. */
  signingKeyFile: string;
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative whole number, got "${raw}"`);
  }
  return value;
}

/** Reads the configuration from environment variables, with defaults that run on a laptop. */
export function loadConfig(overrides: Partial<Config> = {}): Config {
  const config: Config = {
    databaseUrl: process.env.ADENTRO_DATABASE_URL || undefined,
    dataDir: process.env.ADENTRO_DATA_DIR || '.adentro/data',
    host: process.env.ADENTRO_HOST || '127.0.0.1',
    port: integer('ADENTRO_PORT', 3000),
    publicOrigin: process.env.ADENTRO_PUBLIC_ORIGIN || undefined,
    sessionHours: integer('ADENTRO_SESSION_HOURS', 12),
    webDir: process.env.ADENTRO_WEB_DIR || join(PROJECT_ROOT, 'dist/web'),
    logLevel: process.env.ADENTRO_LOG_LEVEL || 'info',
    secureCookies: process.env.ADENTRO_SECURE_COOKIES === 'true',
    signingKeyFile: process.env.ADENTRO_SIGNING_KEY_FILE || '.adentro/checkpoint-signing-key.pem',
    ...overrides,
  };
  return {
    ...config,
    dataDir: config.dataDir.startsWith('memory://') ? config.dataDir : resolve(config.dataDir),
    webDir: resolve(config.webDir),
    signingKeyFile: resolve(config.signingKeyFile),
  };
}
