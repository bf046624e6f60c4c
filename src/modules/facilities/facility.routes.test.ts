import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedUser, type TestContext } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';
import { readLedgerState } from '../integrity/ledger.repository';

let t: TestContext;
let admin: Client;
let coordinator: Client;
let clinician: Client;

const consultorio = (overrides: Record<string, unknown> = {}) => ({
  code: 'VE-A-CP-0001',
  name: 'Consultorio Popular Altavista',
  kind: 'consultorio_popular',
  stateCode: 'VE-A',
  municipalityCode: 'VE-A-01',
  parishCode: 'VE-A-01-22',
  services: ['FAMILY_MEDICINE_CONSULTATION', 'HOME_VISIT'],
  targetFamilies: 280,
  ...overrides,
});

async function ledgerAndFacilityCount() {
  const head = await readLedgerState(t.storage.db);
  const { n } = await t.storage.db
    .selectFrom('facilities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash, facilities: Number(n) };
}

beforeAll(async () => {
  t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  await seedUser(t.storage, 'coord-zulia', [{ role: 'territory_coordinator', territoryCode: 'VE-V' }]);
  admin = await loginAs(t.app, 'admin');
  coordinator = await loginAs(t.app, 'coord-zulia');
});
afterAll(() => t.close());

describe('registering a facility', () => {
  let id: string;

  it('registers a consultorio popular with its services, catchment and first status', async () => {
    const response = await admin.post('/api/facilities', consultorio());
    expect(response.statusCode).toBe(201);
    const facility = response.json();
    id = facility.id;
    expect(facility).toMatchObject({
      code: 'VE-A-CP-0001',
      tier: 1,
      status: 'planned',
      parishName: 'Sucre (Catia)',
      municipalityName: 'Libertador',
      stateName: 'Distrito Capital',
      targetFamilies: 280,
      allowedNextStatuses: ['under_construction', 'closed'],
      canManage: true,
    });
    expect(facility.services.map((s: { code: string }) => s.code)).toEqual([
      'FAMILY_MEDICINE_CONSULTATION',
      'HOME_VISIT',
    ]);
    expect(facility.statusHistory).toHaveLength(1);
    expect(facility.statusHistory[0]).toMatchObject({ fromStatus: null, toStatus: 'planned', recordedBy: 'admin' });
  });

  it('places the facility from the parish alone, deriving its municipality and state', async () => {
    const response = await admin.post('/api/facilities', {
      code: 'VE-V-CDI-0001',
      name: 'CDI La Limpia',
      kind: 'cdi',
      parishCode: 'VE-V-09-01',
      bedsWard: 8,
      bedsIcu: 4,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      tier: 2,
      stateCode: 'VE-V',
      municipalityCode: 'VE-V-09',
      bedsWard: 8,
      bedsIcu: 4,
    });
  });

  it('moves a facility along its lifecycle and keeps the dated history of who, when and why', async () => {
    for (const [status, reason] of [
      ['under_construction', 'Comenzó la obra'],
      ['operating', 'Inaugurado'],
      ['suspended', 'Sin médico asignado'],
      ['operating', 'Llegó la médica'],
      ['closed', 'Derrumbe'],
      ['operating', 'Reabierto en nueva sede'],
    ]) {
      const response = await admin.post(`/api/facilities/${id}/status`, { status, reason });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().status).toBe(status);
    }
    const facility = (await admin.get(`/api/facilities/${id}`)).json();
    expect(facility.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'operating',
      'closed',
      'operating',
      'suspended',
      'operating',
      'under_construction',
      'planned',
    ]);
    expect(facility.statusHistory[0]).toMatchObject({
      fromStatus: 'closed',
      reason: 'Reabierto en nueva sede',
      recordedBy: 'admin',
    });
  });

  it('amends details: name, beds, services, catchment', async () => {
    const response = await admin.patch(`/api/facilities/${id}`, {
      name: 'Consultorio Popular Altavista II',
      bedsWard: 2,
      services: ['HOME_VISIT'],
      targetFamilies: 300,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Consultorio Popular Altavista II',
      bedsWard: 2,
      targetFamilies: 300,
      code: 'VE-A-CP-0001',
    });
    expect(response.json().services).toHaveLength(1);
  });

  it('lets a coordinator register only within their territory, and logs the refusal', async () => {
    const inside = await coordinator.post('/api/facilities', {
      code: 'VE-V-CP-0001',
      name: 'Consultorio Popular Cuatricentenario',
      kind: 'consultorio_popular',
      parishCode: 'VE-V-09-02',
    });
    expect(inside.statusCode).toBe(201);
    const before = await ledgerAndFacilityCount();
    const outside = await coordinator.post('/api/facilities', consultorio({ code: 'VE-A-CP-0002' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'NOT_PERMITTED', detail: 'Not permitted' });
    expect(await ledgerAndFacilityCount()).toEqual(before);
    const denial = await t.storage.db
      .selectFrom('access_denials')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(denial).toMatchObject({ method: 'POST', route: '/api/facilities', reason: 'network.manage outside scope' });
    const status = await coordinator.post(`/api/facilities/${id}/status`, {
      status: 'suspended',
      reason: 'Intento ajeno',
    });
    expect(status.statusCode).toBe(403);
  });

  it('does not offer registering to a facility clinician, who can still browse', async () => {
    const post = (await admin.get('/api/facilities?q=cuatricentenario')).json().items[0];
    await seedUser(t.storage, 'medica', [{ role: 'facility_clinician', facilityId: post.id }]);
    clinician = await loginAs(t.app, 'medica');
    expect((await clinician.get('/api/facilities')).statusCode).toBe(200);
    const me = (await clinician.get('/api/me')).json();
    expect(me.permissions).not.toContain('network.manage');
    expect((await clinician.post('/api/facilities', consultorio({ code: 'VE-A-CP-0003' }))).statusCode).toBe(403);
    expect((await clinician.get(`/api/facilities/${id}`)).json().canManage).toBe(false);
  });
});

describe('bad input when registering or changing a facility', () => {
  const cases: [
    string,
    () => Promise<{ statusCode: number; json(): { code: string; errors?: { field: string }[] } }>,
    number,
    string,
    string,
  ][] = [
    [
      'an unknown parish code',
      () => admin.post('/api/facilities', consultorio({ code: 'X-001', parishCode: 'VE-A-01-99' })),
      422,
      'UNKNOWN_TERRITORY',
      'parishCode',
    ],
    [
      'an unknown municipality code',
      () => admin.post('/api/facilities', consultorio({ code: 'X-002', municipalityCode: 'VE-A-77' })),
      422,
      'UNKNOWN_TERRITORY',
      'municipalityCode',
    ],
    [
      'an unknown state code',
      () =>
        admin.post('/api/facilities', consultorio({ code: 'X-003', stateCode: 'VE-Q', municipalityCode: undefined })),
      422,
      'UNKNOWN_TERRITORY',
      'stateCode',
    ],
    [
      'a parish outside the given municipality',
      () => admin.post('/api/facilities', consultorio({ code: 'X-004', municipalityCode: 'VE-V-09' })),
      422,
      'TERRITORY_MISMATCH',
      'parishCode',
    ],
    [
      'negative ward beds',
      () => admin.post('/api/facilities', consultorio({ code: 'X-005', bedsWard: -1 })),
      400,
      'VALIDATION_FAILED',
      'bedsWard',
    ],
    [
      'negative ICU beds on amendment',
      () => admin.patch(`/api/facilities/${firstId}`, { bedsIcu: -3 }),
      400,
      'VALIDATION_FAILED',
      'bedsIcu',
    ],
    [
      'beds given as text',
      () => admin.post('/api/facilities', consultorio({ code: 'X-006', bedsWard: 'diez' })),
      400,
      'VALIDATION_FAILED',
      'bedsWard',
    ],
    [
      'a duplicate facility code',
      () => admin.post('/api/facilities', consultorio()),
      409,
      'DUPLICATE_FACILITY_CODE',
      'code',
    ],
    [
      'an unknown kind',
      () => admin.post('/api/facilities', consultorio({ code: 'X-007', kind: 'spa' })),
      400,
      'VALIDATION_FAILED',
      'kind',
    ],
    [
      'an unknown service',
      () => admin.post('/api/facilities', consultorio({ code: 'X-008', services: ['HOME_VISIT', 'TELEPORTATION'] })),
      422,
      'UNKNOWN_SERVICE',
      'services.1',
    ],
    [
      'a missing name',
      () => admin.post('/api/facilities', consultorio({ code: 'X-009', name: undefined })),
      400,
      'VALIDATION_FAILED',
      'name',
    ],
    [
      'a status date in the future',
      () => admin.post('/api/facilities', consultorio({ code: 'X-010', statusDate: '2999-01-01' })),
      400,
      'VALIDATION_FAILED',
      'statusDate',
    ],
    [
      'a status change the lifecycle forbids',
      () => admin.post(`/api/facilities/${firstId}/status`, { status: 'planned', reason: 'Volver atrás' }),
      422,
      'STATUS_CHANGE_FORBIDDEN',
      'status',
    ],
    [
      'a status change to an unknown status',
      () => admin.post(`/api/facilities/${firstId}/status`, { status: 'demolished', reason: 'x y z' }),
      400,
      'VALIDATION_FAILED',
      'status',
    ],
    [
      'a status change without a reason',
      () => admin.post(`/api/facilities/${firstId}/status`, { status: 'suspended' }),
      400,
      'VALIDATION_FAILED',
      'reason',
    ],
    [
      'a status change dated before the current status',
      () =>
        admin.post(`/api/facilities/${firstId}/status`, {
          status: 'suspended',
          reason: 'Fecha vieja',
          effectiveOn: '2001-01-01',
        }),
      400,
      'VALIDATION_FAILED',
      'effectiveOn',
    ],
    [
      'a sector of another parish',
      () => admin.patch(`/api/facilities/${firstId}`, { sectorId: zuliaSectorId }),
      422,
      'TERRITORY_MISMATCH',
      'sectorId',
    ],
  ];
  let firstId: string;
  let zuliaSectorId: string;

  beforeAll(async () => {
    firstId = (await admin.get('/api/facilities?q=VE-A-CP-0001')).json().items[0].id;
    zuliaSectorId = (await admin.post('/api/sectors', { parishCode: 'VE-V-09-01', name: 'Sector La Limpia' })).json()
      .id;
  });

  it.each(cases)(
    'refuses %s with a problem naming the field, and writes nothing',
    async (_name, send, status, code, field) => {
      const before = await ledgerAndFacilityCount();
      const response = await send();
      expect(response.statusCode).toBe(status);
      const problem = response.json();
      expect(problem.code).toBe(code);
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect(await ledgerAndFacilityCount()).toEqual(before);
    },
  );

  it('answers a facility id that does not exist with a 404', async () => {
    const response = await admin.get('/api/facilities/0190b0b0-0000-7000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('FACILITY_NOT_FOUND');
    expect((await admin.get('/api/facilities/not-a-uuid')).statusCode).toBe(400);
  });
});

describe('listing and counting facilities', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 12; i++) {
      const response = await admin.post('/api/facilities', {
        code: `VE-K-CP-${String(i).padStart(4, '0')}`,
        name: `Consultorio Popular Barquisimeto ${i}`,
        kind: i % 4 === 0 ? 'cdi' : 'consultorio_popular',
        parishCode: 'VE-K-05-01',
        status: i % 3 === 0 ? 'operating' : 'planned',
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it('filters by territory, tier, kind and status, a page at a time', async () => {
    const lara = (await admin.get('/api/facilities?territory=VE-K&pageSize=5')).json();
    expect(lara.total).toBe(12);
    expect(lara.items).toHaveLength(5);
    const page3 = (await admin.get('/api/facilities?territory=VE-K&pageSize=5&page=3')).json();
    expect(page3.items).toHaveLength(2);
    expect((await admin.get('/api/facilities?territory=VE-K-05&tier=2')).json().total).toBe(3);
    expect((await admin.get('/api/facilities?territory=VE-K-05-01&kind=cdi&status=operating')).json().total).toBe(1);
    expect((await admin.get('/api/facilities?territory=VE-A')).json().total).toBe(1);
  });

  it('finds facilities by name ignoring accents and case', async () => {
    const found = (await admin.get('/api/facilities?q=BARQUISÍMETO%2012')).json();
    expect(found.items.map((f: { code: string }) => f.code)).toEqual(['VE-K-CP-0012']);
  });

  it('counts facilities by tier and status for a territory', async () => {
    const counts = (await admin.get('/api/facilities/counts?territory=VE-K')).json();
    expect(counts.total).toBe(12);
    expect(counts.byTier).toEqual({ '1': 9, '2': 3, '3': 0, '4': 0 });
    expect(counts.byStatus).toMatchObject({ operating: 4, planned: 8, closed: 0 });
    expect(counts.byTierAndStatus).toContainEqual({ tier: 2, status: 'operating', count: 1 });
  });

  it('refuses a malformed filter', async () => {
    const response = await admin.get('/api/facilities?tier=7');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('tier');
    const territory = await admin.get('/api/facilities?territory=Zulia');
    expect(territory.statusCode).toBe(422);
    expect(territory.json()).toMatchObject({ code: 'UNKNOWN_TERRITORY', errors: [{ field: 'territory' }] });
  });
});
