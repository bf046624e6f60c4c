import type { Command } from 'commander';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/setup';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty } from '../modules/demo/demo.service';
import { buildApp } from '../server/app';
import { runDemo } from './demo';
import { describeStorage, openConfiguredStorage } from './storage';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('start the server (migrates first; loads the demo network into an empty database)')
    .option('--no-demo', 'do not load the demo network into an empty database')
    .action(async (options: { demo: boolean }) => {
      const started = performance.now();
      const config = loadConfig();
      const storage = await openConfiguredStorage(config);
      await prepareDatabase(storage.db);
      const demoLoaded = options.demo && (await isDatabaseEmpty(storage.db));
      if (demoLoaded) await runDemo(storage.db);
      const app = await buildApp(config, storage);
      const address = await app.listen({ host: config.host, port: config.port });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`\nAdentro is running at ${address.replace('127.0.0.1', 'localhost')} (ready in ${seconds} s)`);
      console.log(`Database: ${describeStorage(config)}`);
      console.log(`API documentation: ${address}/api/docs`);
      if (demoLoaded || (await hasDemoUsers(storage))) {
        console.log(`\nDemo logins (password "${DEMO_PASSWORD}" for all):`);
        for (const login of DEMO_LOGINS) console.log(`  ${login.username.padEnd(14)} ${login.description}`);
      }
      const shutdown = async () => {
        await app.close();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}

async function hasDemoUsers(storage: { db: import('../db/database').Db }) {
  const first = DEMO_LOGINS[0];
  if (!first) return false;
  return (
    (await storage.db.selectFrom('users').select('id').where('username', '=', first.username).executeTakeFirst()) !==
    undefined
  );
}
