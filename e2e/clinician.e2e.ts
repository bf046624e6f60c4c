import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFacilities } from './support/seed';
import {
  logIn,
  openPage,
  PHONE,
  seedPerson,
  snapshot,
  startJourney,
  TEST_PASSWORD,
  type Journey,
} from './support/journey';

describe('a family doctor at a consultorio popular', () => {
  let journey: Journey;
  let facilityId: string;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const ids = await seedFacilities(journey.ctx.storage.db, admin, [
      {
        code: 'DC-CP-0300',
        name: 'Consultorio Popular Los Frailes',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'operating',
      },
    ]);
    facilityId = ids[0]!;
    await seedPerson(journey, 'maria.medica', [{ role: 'facility_clinician', facilityId }]);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('sees the network on a phone but no menu item to register a facility, and cannot change a status', async () => {
    const page = await openPage(journey, PHONE);
    await logIn(page, 'maria.medica');
    await page.waitForURL('**/network');
    await page.getByRole('heading', { name: 'Venezuela', level: 1 }).waitFor();
    await page.getByTestId('facility-counts').waitFor();

    await page.getByRole('button', { name: 'Abrir el menú' }).click();
    const menu = page.getByRole('navigation', { name: 'Menú principal' });
    await menu.getByRole('link', { name: 'Establecimientos' }).waitFor();
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Red de salud', 'Establecimientos']);
    expect(await page.getByText('Médico/a del establecimiento').isVisible()).toBe(true);
    await snapshot(page, 'clinician-menu-phone-es');

    await menu.getByRole('link', { name: 'Establecimientos' }).click();
    await page.waitForURL('**/facilities');
    expect(await page.getByRole('link', { name: 'Registrar establecimiento' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Consultorio Popular Los Frailes' }).click();
    await page.waitForURL(`**/facilities/${facilityId}`);
    await page.getByRole('heading', { name: 'Consultorio Popular Los Frailes', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Cambiar estado' }).count()).toBe(0);

    // Typing the address of the registration form does not help either.
    await page.goto('/facilities/new');
    await page.getByText('Su rol no le permite usar esta página.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Código' }).count()).toBe(0);
  });

  it('is sent back to the login when the session ends, and returns to where they were', async () => {
    const page = await openPage(journey);
    await logIn(page, 'maria.medica');
    await page.waitForURL('**/network');
    await page.getByRole('heading', { name: 'Venezuela', level: 1 }).waitFor();

    // The session is closed elsewhere (logged out from another window with the same cookie); the
    // next request of this page is answered 401.
    const [session] = await page.context().cookies();
    const closed = await fetch(`${journey.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `${session!.name}=${session!.value}`, origin: journey.baseUrl },
    });
    expect(closed.status).toBe(204);
    await page.getByRole('link', { name: 'Distrito Capital' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('redirect')).toBe('/network/VE-A');

    await page.getByLabel('Usuario').fill('maria.medica');
    await page.getByLabel('Contraseña', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForURL('**/network/VE-A');
    await page.getByRole('heading', { name: 'Distrito Capital', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Cerrar sesión' }).first().click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await page.goto('/facilities');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
