/** The Node flags for each database (see node-flags.js). */
export const NODE_FLAGS: Readonly<Record<'pglite' | 'postgresql', readonly string[]>>;
/** The Node flags for the database that `env` names (see node-flags.js). */
export function nodeFlags(env: Record<string, string | undefined>): readonly string[];
/** Whether a Node started with `execArgv` runs with `flags`: for each, the last one of its name wins. */
export function runsWith(execArgv: readonly string[], flags: readonly string[]): boolean;
