// The Node flags Adentro runs with, by database (docs/decisions/0005-embedded-database.md).
//
// On the embedded database the whole server, PostgreSQL included, must stay within 300 MB, so V8's
// young generation is kept at 2 MB a semi-space instead of growing to 16: `npm start`, the
// `adentro` script and this directory's `adentro.js` start Node that way. On a PostgreSQL server
// the database's memory is not the process's, and collecting the young generation eight times as
// often cost a fifth of the encounters a second and a quarter of a post's worklist's time, so there
// it keeps V8's own size. `--expose-gc` lets the demo population's load ask for a full collection
// after each post it writes.

/** The flags for each database. */
export const NODE_FLAGS = {
  pglite: ['--max-semi-space-size=2', '--expose-gc'],
  postgresql: ['--max-semi-space-size=16', '--expose-gc'],
};

/** The flags for the database that `env` names. */
export function nodeFlags(env) {
  return NODE_FLAGS[env.ADENTRO_DATABASE_URL ? 'postgresql' : 'pglite'];
}

const name = (flag) => flag.split('=')[0];

/** Whether a Node started with `execArgv` runs with `flags`: for each, the last one of its name wins. */
export function runsWith(execArgv, flags) {
  return flags.every((flag) => execArgv.filter((given) => name(given) === name(flag)).at(-1) === flag);
}
