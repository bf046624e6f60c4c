import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedUser, type TestContext } from '../../test/harness';
import { loginAs, type Client } from '../../test/http';

let t: TestContext;
let admin: Client;
let coordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  await seedUser(t.storage, 'admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
  await seedUser(t.storage, 'coord-dc', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
  admin = await loginAs(t.app, 'admin');
  coordinator = await loginAs(t.app, 'coord-dc');
  for (const [code, kind, parishCode, status] of [
    ['VE-A-CP-0001', 'consultorio_popular', 'VE-A-01-22', 'operating'],
    ['VE-A-CP-0002', 'consultorio_popular', 'VE-A-01-22', 'planned'],
    ['VE-A-CDI-0001', 'cdi', 'VE-A-01-01', 'operating'],
    ['VE-M-HOS-0001', 'hospital', 'VE-M-01-01', 'under_construction'],
  ]) {
    const response = await admin.post('/api/facilities', {
      code,
      name: `Establecimiento ${code}`,
      kind,
      parishCode,
      status,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('the territory tree', () => {
  it('holds the 24 states with ISO codes and the 2011 census population of the nation', async () => {
    const nation = (await admin.get('/api/territories/VE')).json();
    expect(nation).toMatchObject({ code: 'VE', level: 'nation', name: 'Venezuela', population2011: 27_225_775 });
    expect(nation.children).toHaveLength(24);
    expect(nation.children.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['VE-A', 'VE-X', 'VE-Z', 'VE-Y', 'VE-V']),
    );
    expect(nation.facilities.total).toBe(4);
    const capital = nation.children.find((c: { code: string }) => c.code === 'VE-A');
    expect(capital.facilities.byTier).toEqual({ '1': 2, '2': 1, '3': 0, '4': 0 });
    expect(capital.facilities.byStatus).toMatchObject({ operating: 2, planned: 1 });
  });

  it('holds every municipality and parish of the reference data', async () => {
    const municipalities = await t.storage.db
      .selectFrom('municipalities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const parishes = await t.storage.db
      .selectFrom('parishes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(municipalities.n)).toBe(335);
    expect(Number(parishes.n)).toBe(1139);
  });

  it('walks from a state to a municipality to a parish with its lineage and counts', async () => {
    const state = (await admin.get('/api/territories/VE-A')).json();
    expect(state).toMatchObject({ name: 'Distrito Capital', level: 'state', population2011: 1_943_901 });
    expect(state.children).toEqual([
      expect.objectContaining({ code: 'VE-A-01', name: 'Libertador', level: 'municipality' }),
    ]);
    const municipality = (await admin.get('/api/territories/VE-A-01')).json();
    expect(municipality.children).toHaveLength(22);
    const catia = municipality.children.find((c: { code: string }) => c.code === 'VE-A-01-22');
    expect(catia).toMatchObject({ name: 'Sucre (Catia)', level: 'parish' });
    expect(catia.facilities).toMatchObject({
      total: 2,
      byStatus: expect.objectContaining({ operating: 1, planned: 1 }),
    });
    const parish = (await admin.get('/api/territories/VE-A-01-22')).json();
    expect(parish.lineage.map((l: { name: string }) => l.name)).toEqual([
      'Venezuela',
      'Distrito Capital',
      'Libertador',
      'Sucre (Catia)',
    ]);
    expect(parish.children).toEqual([]);
    expect(parish.facilities.total).toBe(2);
  });

  it('answers an unknown or malformed territory code with a 404', async () => {
    for (const code of ['VE-Q', 'VE-A-09', 'nowhere']) {
      const response = await admin.get(`/api/territories/${code}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('TERRITORY_NOT_FOUND');
    }
  });
});

describe('searching territories', () => {
  it('finds places by name ignoring accents and case', async () => {
    const merida = (await admin.get('/api/territories/search?q=MERIDA')).json();
    expect(merida[0]).toMatchObject({ code: 'VE-L', name: 'Mérida', level: 'state' });
    const catia = (await admin.get('/api/territories/search?q=catia')).json();
    expect(catia).toContainEqual({
      code: 'VE-A-01-22',
      name: 'Sucre (Catia)',
      level: 'parish',
      parentName: 'Libertador, Distrito Capital',
    });
    const anzoategui = (await admin.get('/api/territories/search?q=anzoategui')).json();
    expect(anzoategui[0].name).toBe('Anzoátegui');
  });

  it('finds only territories of one level when asked, such as the parish where someone lives', async () => {
    const parishes = (await admin.get('/api/territories/search?q=sucre&level=parish')).json();
    expect(parishes.length).toBeGreaterThan(1);
    expect(parishes.every((t: { level: string }) => t.level === 'parish')).toBe(true);
    expect(parishes.map((t: { code: string }) => t.code)).toContain('VE-A-01-22');
    const states = (await admin.get('/api/territories/search?q=sucre&level=state')).json();
    expect(states).toEqual([expect.objectContaining({ code: 'VE-R', level: 'state' })]);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect((await admin.get('/api/territories/search?q=%25%25')).json()).toEqual([]);
  });

  it('asks for at least two letters', async () => {
    const response = await admin.get('/api/territories/search?q=a');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('q');
  });
});

describe('sectors and ASICs', () => {
  it('registers a sector in a parish and lists it on the parish', async () => {
    const response = await coordinator.post('/api/sectors', { parishCode: 'VE-A-01-22', name: 'Los Magallanes' });
    expect(response.statusCode).toBe(201);
    const parish = (await admin.get('/api/territories/VE-A-01-22')).json();
    expect(parish.sectors).toEqual([{ id: response.json().id, name: 'Los Magallanes' }]);
    const again = await coordinator.post('/api/sectors', { parishCode: 'VE-A-01-22', name: 'los magallanes' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE_SECTOR', errors: [{ field: 'name' }] });
  });

  it('registers an ASIC in a municipality and shows it on the territory', async () => {
    const response = await coordinator.post('/api/asics', {
      code: 'ASIC-DC-SUCRE-1',
      name: 'ASIC Catia Sur',
      territoryCode: 'VE-A-01-22',
      population: 45_000,
    });
    expect(response.statusCode).toBe(201);
    const parish = (await admin.get('/api/territories/VE-A-01')).json();
    expect(parish.asics).toContainEqual({
      id: response.json().id,
      code: 'ASIC-DC-SUCRE-1',
      name: 'ASIC Catia Sur',
      population: 45_000,
    });
  });

  it('refuses sectors and ASICs outside the coordinator territory or in unknown places', async () => {
    expect((await coordinator.post('/api/sectors', { parishCode: 'VE-V-09-01', name: 'La Limpia' })).statusCode).toBe(
      403,
    );
    const unknown = await coordinator.post('/api/sectors', { parishCode: 'VE-A-01-99', name: 'Nada' });
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_TERRITORY', errors: [{ field: 'parishCode' }] });
    const state = await coordinator.post('/api/asics', { code: 'ASIC-X', name: 'ASIC X', territoryCode: 'VE-A' });
    expect(state.json()).toMatchObject({ code: 'UNKNOWN_TERRITORY', errors: [{ field: 'territoryCode' }] });
  });
});
