import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFacilities, seedSector } from './support/seed';
import { choose, logIn, openPage, seedPerson, snapshot, startJourney, type Journey } from './support/journey';

const CATIA = 'VE-A-01-22';

describe('an administrator registers a consultorio popular', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    await seedSector(journey.ctx.storage.db, admin, CATIA, 'La Silsa');
    await seedFacilities(journey.ctx.storage.db, admin, [
      {
        code: 'DC-CP-0001',
        name: 'Consultorio Popular Los Magallanes',
        kind: 'consultorio_popular',
        parishCode: CATIA,
        status: 'operating',
      },
    ]);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('is told what to fix under each field, fixes it, and lands on the new facility page', async () => {
    const page = await openPage(journey);
    await logIn(page, 'ana.admin');
    await page.waitForURL('**/network');

    await page.getByRole('link', { name: 'Registrar establecimiento' }).click();
    await page.waitForURL('**/facilities/new');
    await page.getByRole('heading', { name: 'Registrar establecimiento' }).waitFor();

    // First attempt: a code already in use, negative beds and no parish.
    await page.getByLabel('Código').fill('dc-cp-0001');
    expect(await page.getByLabel('Código').inputValue()).toBe('DC-CP-0001');
    await page.getByLabel('Nombre').fill('Consultorio Popular La Silsa');
    await choose(page, 'Tipo', 'Consultorio popular');
    await choose(page, 'Servicios instalados', 'Visita domiciliaria');
    await page.getByRole('option', { name: 'Inmunizaciones (vacunación)' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Camas de hospitalización').fill('-2');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();

    await page.getByText('No puede ser negativo').waitFor();
    await page.getByText('Elija estado, municipio y parroquia').waitFor();
    expect(await page.getByLabel('Camas de hospitalización').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/facilities/new');
    await snapshot(page, 'register-errors-es');

    // Second attempt: beds and place fixed; the server says the code is taken, under the code.
    await page.getByLabel('Camas de hospitalización').fill('2');
    await choose(page, 'Estado', 'Distrito Capital');
    await choose(page, 'Municipio', 'Libertador');
    await choose(page, 'Parroquia', 'Sucre (Catia)', 'catia');
    await choose(page, 'Sector', 'La Silsa');
    await page.getByLabel('Familias a atender').fill('280');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();

    await page.getByText('Ese código ya lo usa otro establecimiento').waitFor();
    expect(await page.getByLabel('Código').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('No puede ser negativo').count()).toBe(0);

    // Third attempt: a free code.
    await page.getByLabel('Código').fill('DC-CP-0100');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();

    await page.waitForURL(/\/facilities\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Consultorio Popular La Silsa', level: 1 }).waitFor();
    const services = page.getByTestId('facility-services');
    expect(await services.innerText()).toContain('Visita domiciliaria');
    expect(await services.innerText()).toContain('Inmunizaciones (vacunación)');
    const details = await page.locator('main').innerText();
    expect(details).toContain('DC-CP-0100');
    expect(details).toContain('La Silsa');
    expect(details).toMatch(/CAMAS DE HOSPITALIZACIÓN\s*2/i);
    expect(details).toMatch(/FAMILIAS A ATENDER\s*280/i);
    const history = (await page.getByTestId('status-history').textContent()) ?? '';
    expect(history).toContain('Planificado');
    expect(history).toContain('Registro inicial');
    expect(history).toContain('ana.admin');
    await snapshot(page, 'facility-registered-es');
  });
});
