import { loadReferenceData } from '../modules/territory/reference-data';
import type { Db } from './database';
import { migrateToLatest } from './migrate';

/** Migrates the schema and loads the shipped reference data if it is missing. */
export async function prepareDatabase(db: Db): Promise<{ migrations: string[]; referenceDataLoaded: boolean }> {
  const migrations = await migrateToLatest(db);
  const { loaded } = await loadReferenceData(db);
  return { migrations, referenceDataLoaded: loaded };
}
