import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as foundation from './migrations/20261122T1800_foundation';
import * as primaryCare from './migrations/20261122T1900_primary_care';
import * as ledgerBulk from './migrations/20261122T1950_ledger_bulk';
import * as care from './migrations/20261122T2010_care';
import * as ledgerLanes from './migrations/20261123T0000_ledger_lanes';
import * as ledgerLean from './migrations/20261123T0010_ledger_lean';
import * as ledgerCheckpoints from './migrations/20261123T0020_ledger_checkpoints';
import * as referrals from './migrations/20261123T0200_referrals';
import * as ledgerEntries from './migrations/20261123T0600_ledger_entries';
import * as medicines from './migrations/20261123T0100_medicines';
import * as personSearch from './migrations/20261123T0500_person_search';
import * as examOrders from './migrations/20261123T0700_exam_orders';
import * as demoPopulationLoad from './migrations/20261123T0800_demo_population_load';
import * as ledgerAppendInlined from './migrations/20261123T0850_ledger_append_inlined';
import * as walkInHouseholds from './migrations/20261123T0900_walk_in_households';
import * as ledgerAppendGroup from './migrations/20261123T0950_ledger_append_group';
import * as ledgerAppendOnePlace from './migrations/20261123T1000_ledger_append_one_place';
import * as ledgerAppendOneInsert from './migrations/20261123T1100_ledger_append_one_insert';
import * as personCare from './migrations/20261123T1900_person_care';
import * as personCareDoses from './migrations/20261123T2000_person_care_doses';
import * as ledgerUnchanged from './migrations/20261123T2100_ledger_unchanged';
import * as encounterPartsKeyed from './migrations/20261124T0900_encounter_parts_keyed_to_encounter';

/** Migrations in the order they landed; the name's timestamp is the order. */
const migrations: Record<string, Migration> = {
  '20261122T1800_foundation': foundation,
  '20261122T1900_primary_care': primaryCare,
  '20261122T1950_ledger_bulk': ledgerBulk,
  '20261122T2010_care': care,
  '20261123T0000_ledger_lanes': ledgerLanes,
  '20261123T0010_ledger_lean': ledgerLean,
  '20261123T0020_ledger_checkpoints': ledgerCheckpoints,
  '20261123T0200_referrals': referrals,
  '20261123T0100_medicines': medicines,
  '20261123T0500_person_search': personSearch,
  '20261123T0600_ledger_entries': ledgerEntries,
  '20261123T0700_exam_orders': examOrders,
  '20261123T0800_demo_population_load': demoPopulationLoad,
  '20261123T0850_ledger_append_inlined': ledgerAppendInlined,
  '20261123T0900_walk_in_households': walkInHouseholds,
  '20261123T0950_ledger_append_group': ledgerAppendGroup,
  '20261123T1000_ledger_append_one_place': ledgerAppendOnePlace,
  '20261123T1100_ledger_append_one_insert': ledgerAppendOneInsert,
  '20261123T1900_person_care': personCare,
  '20261123T2000_person_care_doses': personCareDoses,
  '20261123T2100_ledger_unchanged': ledgerUnchanged,
  '20261124T0900_encounter_parts_keyed_to_encounter': encounterPartsKeyed,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. Returns the names of the migrations it applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
