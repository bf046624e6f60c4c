import { createTestApp, seedUser, type TestContext } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { readLedgerState } from '../integrity/ledger.repository';

/**
 * A small network for census tests: two posts in Sucre (Catia), a CDI, a post in another state,
 * and the people who work there.
 */
export interface CensusWorld {
  t: TestContext;
  admin: Client;
  /** family doctor at post A */
  doctor: Client;
  /** family doctor at post B, in the same parish */
  neighbour: Client;
  /** registrar at post A (census.merge) */
  registrar: Client;
  /** auditor over Distrito Capital */
  auditor: Client;
  /** auditor over Zulia, which does not hold post A */
  zuliaAuditor: Client;
  /** clinician at the CDI */
  cdiDoctor: Client;
  postId: string;
  otherPostId: string;
  cdiId: string;
  sectorId: string;
  foreignSectorId: string;
}

async function created(client: Client, url: string, body: unknown): Promise<string> {
  const response = await client.post(url, body);
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

export async function createCensusWorld(): Promise<CensusWorld> {
  const t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  const admin = await loginAs(t.app, 'admin');
  const facility = (code: string, name: string, kind: string, parishCode = 'VE-A-01-22') =>
    created(admin, '/api/facilities', { code, name, kind, parishCode, status: 'operating', targetFamilies: null });
  const postId = await facility('VE-A-CP-0101', 'Consultorio Popular Los Magallanes', 'consultorio_popular');
  const otherPostId = await facility('VE-A-CP-0102', 'Consultorio Popular Altavista', 'consultorio_popular');
  const cdiId = await facility('VE-A-CDI-0101', 'CDI Catia', 'cdi');
  const sectorId = await created(admin, '/api/sectors', { parishCode: 'VE-A-01-22', name: 'Los Magallanes' });
  const foreignSectorId = await created(admin, '/api/sectors', {
    parishCode: 'VE-A-01-21',
    name: 'Santa Teresa Centro',
  });
  await seedUser(t.storage, 'dra-perez', [{ role: 'facility_clinician', facilityId: postId }]);
  await seedUser(t.storage, 'dr-rojas', [{ role: 'facility_clinician', facilityId: otherPostId }]);
  await seedUser(t.storage, 'registradora', [{ role: 'registrar', facilityId: postId }]);
  await seedUser(t.storage, 'auditor-dc', [{ role: 'auditor', territoryCode: 'VE-A' }]);
  await seedUser(t.storage, 'auditor-zulia', [{ role: 'auditor', territoryCode: 'VE-V' }]);
  await seedUser(t.storage, 'dr-cdi', [{ role: 'facility_clinician', facilityId: cdiId }]);
  return {
    t,
    admin,
    doctor: await loginAs(t.app, 'dra-perez'),
    neighbour: await loginAs(t.app, 'dr-rojas'),
    registrar: await loginAs(t.app, 'registradora'),
    auditor: await loginAs(t.app, 'auditor-dc'),
    zuliaAuditor: await loginAs(t.app, 'auditor-zulia'),
    cdiDoctor: await loginAs(t.app, 'dr-cdi'),
    postId,
    otherPostId,
    cdiId,
    sectorId,
    foreignSectorId,
  };
}

let nextNationalId = 14_000_000;
/** A national id nobody else in the test run holds. */
export function freshNationalId(): string {
  nextNationalId += 1;
  return `V-${nextNationalId}`;
}

/** A valid household of four: a couple, a child and a grandmother. */
export function householdOfFour(overrides: Record<string, unknown> = {}) {
  return {
    address: 'Calle Real de Los Magallanes, casa 14',
    waterSource: 'piped_inside',
    sanitation: 'sewer',
    electricity: 'grid',
    floor: 'tile_or_cement',
    wasteDisposal: 'collected',
    vectors: ['mosquitoes'],
    rooms: 2,
    members: [
      {
        firstNames: 'José Gregorio',
        lastNames: 'Hernández Pérez',
        sex: 'M',
        birthDate: '1980-03-15',
        nationalId: freshNationalId(),
        relationship: 'head',
      },
      {
        firstNames: 'María Alejandra',
        lastNames: 'Gómez de Hernández',
        sex: 'F',
        birthDate: '1983-07-02',
        nationalId: freshNationalId(),
        relationship: 'spouse',
      },
      {
        firstNames: 'Luis Ángel',
        lastNames: 'Hernández Gómez',
        sex: 'M',
        birthDate: '2015-11-20',
        relationship: 'child',
      },
      {
        firstNames: 'Carmen Rosa',
        lastNames: 'Pérez',
        sex: 'F',
        birthDate: '1950-01-05',
        nationalId: freshNationalId(),
        relationship: 'parent',
      },
    ],
    ...overrides,
  };
}

/** The ledger head and the census row counts, to prove a refused request wrote nothing. */
export async function censusSnapshot(t: TestContext) {
  const db = t.storage.db;
  const head = await readLedgerState(db);
  const count = async (table: 'households' | 'families' | 'persons' | 'classifications' | 'person_moves') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    seq: Number(head.seq),
    hash: head.hash,
    households: await count('households'),
    families: await count('families'),
    persons: await count('persons'),
    classifications: await count('classifications'),
    moves: await count('person_moves'),
  };
}

/** The latest entry of the denied-access log. */
export async function lastDenial(t: TestContext) {
  return t.storage.db.selectFrom('access_denials').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}
