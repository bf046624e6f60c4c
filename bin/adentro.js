#!/usr/bin/env -S node --max-semi-space-size=2 --expose-gc
// Runs the bundled server (dist/server, built at install) when it is at least as new as every
// source file; otherwise runs the TypeScript sources directly, so a change is never run stale.
// Node must run with the flags of the database in use (node-flags.js): the line above gives the
// embedded database's; on a PostgreSQL server, or when started without them, this starts Node
// again with the right ones and waits for it, passing on its exit and the signals that stop it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeFlags, runsWith } from './node-flags.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist/server/adentro.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs this command again in a Node started with `flags`, and ends as it ends. */
function relaunch(flags) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Ctrl-C reaches both processes; a SIGTERM sent to this one alone is passed on.
  const ignore = () => {};
  const passOn = (signal) => child.kill(signal);
  process.on('SIGINT', ignore);
  process.on('SIGTERM', passOn);
  process.on('SIGHUP', passOn);
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.off('SIGINT', ignore).off('SIGTERM', passOn).off('SIGHUP', passOn);
    process.kill(process.pid, signal);
  });
}

const flags = nodeFlags(process.env);
if (!runsWith(process.execArgv, flags)) {
  relaunch(flags);
} else if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, 'src'))) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/adentro.ts');
}
