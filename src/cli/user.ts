import type { Command } from 'commander';
import { loadConfig } from '../config';
import { newId } from '../db/ids';
import { prepareDatabase } from '../db/setup';
import { createUserBody } from '../modules/people/people.schema';
import { hashPassword } from '../modules/people/password';
import { findUserByUsername } from '../modules/people/people.repository';
import { insertUserWithRoles, placeRoles } from '../modules/people/user.service';
import { openConfiguredStorage } from './storage';

/** Parses "role@SCOPE": a territory code (VE, VE-A, …) or a facility code. */
function parseRole(spec: string) {
  const [role, scope] = spec.split('@');
  if (!role || !scope)
    throw new Error(
      `Give each role as role@scope, e.g. national_admin@VE or facility_clinician@VE-A-CP-0001; got "${spec}"`,
    );
  return { role, scope };
}

export function userCommand(program: Command) {
  const user = program.command('user').description('manage users');
  user
    .command('add')
    .description('create a user (the password is read from ADENTRO_PASSWORD or asked for)')
    .requiredOption('-u, --username <username>')
    .requiredOption('-n, --name <display name>')
    .requiredOption(
      '-r, --role <role@scope...>',
      'e.g. national_admin@VE, territory_coordinator@VE-A, nurse@<facility code>',
    )
    .option('-l, --locale <es|en>', 'interface language', 'es')
    .action(async (options: { username: string; name: string; role: string[]; locale: string }) => {
      const password = process.env.ADENTRO_PASSWORD ?? (await ask('Password: '));
      const storage = await openConfiguredStorage(loadConfig());
      try {
        await prepareDatabase(storage.db);
        const roles = [];
        for (const spec of options.role) {
          const { role, scope } = parseRole(spec);
          if (/^VE(-|$)/.test(scope)) {
            roles.push({ role, territoryCode: scope });
          } else {
            const facility = await storage.db
              .selectFrom('facilities')
              .select('id')
              .where('code', '=', scope)
              .executeTakeFirst();
            if (!facility) throw new Error(`There is no facility with code ${scope}`);
            roles.push({ role, facilityId: facility.id });
          }
        }
        const parsed = createUserBody.safeParse({
          username: options.username,
          displayName: options.name,
          password,
          locale: options.locale,
          roles,
        });
        if (!parsed.success)
          throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        if (await findUserByUsername(storage.db, parsed.data.username))
          throw new Error(`The username ${parsed.data.username} is taken`);
        const placed = await placeRoles(storage.db, parsed.data.roles);
        const passwordHash = await hashPassword(parsed.data.password);
        const id = newId();
        await storage.db.transaction().execute((tx) =>
          insertUserWithRoles(tx, 'cli', {
            id,
            username: parsed.data.username,
            displayName: parsed.data.displayName,
            passwordHash,
            locale: parsed.data.locale,
            roles: placed,
          }),
        );
        console.log(`Created user ${parsed.data.username} (${id}) with ${roles.length} role(s).`);
      } finally {
        await storage.close();
      }
    });
}

async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
