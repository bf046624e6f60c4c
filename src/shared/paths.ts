import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding Adentro's package.json, found by walking up from this file, so that shipped
 * data and the built web app are found both from the sources and from the bundled server.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'adentro') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find Adentro's package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);
