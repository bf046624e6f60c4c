import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bornYearsAgo, seedHousehold } from '../src/modules/care/care.test-support';
import { seedFacilities } from './support/seed';
import {
  DESKTOP,
  logIn,
  openPage,
  PHONE,
  seedPerson,
  snapshot,
  startJourney,
  switchLanguage,
  type Journey,
} from './support/journey';

/** A date `days` from today in Caracas, as the date inputs take it. */
function daysFromNow(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Caracas' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

describe('a medicine from the dispensary shelf to the patient, with nothing unexplained', () => {
  let journey: Journey;
  let personId: string;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const [postId, dispensaryId] = await seedFacilities(journey.ctx.storage.db, admin, [
      {
        code: 'DC-CP-0510',
        name: 'Consultorio Popular Los Magallanes',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'operating',
      },
      {
        code: 'DC-DP-0511',
        name: 'Dispensario Popular Gramoven',
        kind: 'dispensary',
        parishCode: 'VE-A-01-22',
        status: 'operating',
      },
    ]);
    await seedPerson(journey, 'carmen.medica', [{ role: 'facility_clinician', facilityId: postId! }]);
    await seedPerson(journey, 'luis.farmacia', [{ role: 'pharmacist', facilityId: dispensaryId! }]);
    await seedPerson(journey, 'rosa.farmacia', [{ role: 'pharmacist', facilityId: dispensaryId! }]);
    await seedPerson(journey, 'pedro.coordinador', [{ role: 'territory_coordinator', territoryCode: 'VE-A' }]);
    const household = await seedHousehold(journey.ctx, postId!, [
      { firstNames: 'José Gregorio', lastNames: 'Pérez Rangel', sex: 'M', birthDate: bornYearsAgo(62) },
    ]);
    personId = household.personIds[0]!;
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('receives 100, dispenses the doctor’s 30, counts 69 and explains the missing unit', async () => {
    // The pharmacist receives 100 tablets of enalapril, lot and expiry from the warehouse's note.
    const pharmacy = await openPage(journey, DESKTOP);
    await logIn(pharmacy, 'luis.farmacia');
    await pharmacy.waitForURL('**/network');
    await pharmacy.getByRole('navigation', { name: 'Medicamentos' }).getByRole('link', { name: 'Existencias' }).click();
    await pharmacy.getByRole('heading', { name: 'Existencias', level: 1 }).waitFor();
    await pharmacy.getByText('No hay existencias registradas.').waitFor();
    await openTab(pharmacy, 'Recibir');
    await pharmacy.getByRole('heading', { name: 'Recibir una entrega', level: 1 }).waitFor();
    await pharmacy.getByLabel('Almacén o proveedor').fill('Almacén regional Distrito Capital');
    await pharmacy.getByLabel('Número de documento').fill('GR-2026-0412');
    const line = pharmacy.getByTestId('receipt-line-0');
    await line.getByRole('combobox', { name: 'Medicamento' }).fill('enalapril');
    await pharmacy.getByRole('option', { name: 'Enalapril (maleato) 10 mg · tableta' }).click();
    await line.getByLabel('Lote').fill('ENA-2611-03');
    await line.getByLabel('Vencimiento').fill(daysFromNow(400));
    await line.getByLabel('Cantidad').fill('100');
    await snapshot(pharmacy, '20-medicines-receive-es');
    await pharmacy.getByRole('button', { name: 'Registrar la entrega' }).click();
    await pharmacy.getByRole('heading', { name: 'Existencias', level: 1 }).waitFor();
    expect(await pharmacy.getByTestId('stock-MED-051').getByTestId('on-hand').textContent()).toBe('100');

    // The family doctor prescribes it in a consultation, seeing that the dispensary holds it.
    const doctor = await openPage(journey, DESKTOP);
    await logIn(doctor, 'carmen.medica');
    await doctor.waitForURL('**/network');
    await doctor.goto(`/persons/${personId}/encounters/new?setting=post`);
    await doctor.getByRole('heading', { name: 'Registrar atención', level: 1 }).waitFor();
    await doctor.getByLabel('Motivo').fill('Control de hipertensión');
    await doctor.getByRole('combobox', { name: 'Diagnóstico (CIE-10)' }).fill('hipertension esen');
    await doctor.getByRole('option', { name: /^I10 · Hipertensión esencial/ }).click();
    await doctor.getByRole('button', { name: 'Añadir receta' }).click();
    await doctor.getByRole('combobox', { name: 'Medicamento' }).fill('Enalapril');
    await doctor.getByRole('option', { name: 'Enalapril (maleato) 10 mg' }).click();
    await doctor.getByTestId('prescription-stock').getByText('Dispensario Popular Gramoven: 100 unidades').waitFor();
    await doctor.getByLabel('Dosis').fill('10 mg');
    await doctor.getByLabel('Frecuencia').fill('una vez al día');
    await doctor.getByLabel('Cantidad', { exact: true }).fill('30');
    await snapshot(doctor, '21-prescription-stock-es');
    await doctor.getByRole('button', { name: 'Guardar atención' }).click();
    await doctor.getByRole('heading', { name: 'José Gregorio Pérez Rangel', level: 1 }).waitFor();

    // The prescription appears at the dispensary; first expiry first out proposes the lot.
    await openTab(pharmacy, 'Dispensar');
    const item = pharmacy.getByTestId('queue-item').filter({ hasText: 'José Gregorio Pérez Rangel' });
    await item.getByText('Enalapril (maleato) 10 mg').waitFor();
    await item.getByText(/ENA-2611-03 .* × 30/).waitFor();
    await snapshot(pharmacy, '22-dispensing-queue-es');
    await item.getByRole('button', { name: 'Dispensar completo' }).click();
    await pharmacy.getByText('Receta dispensada completa').waitFor();
    await pharmacy.getByText('No hay recetas por dispensar.').waitFor();

    // The shelf holds 69, not 70: the count says so and explains the missing tablet.
    await openTab(pharmacy, 'Contar');
    const row = pharmacy.getByTestId('count-ENA-2611-03');
    await row.getByLabel('Contado del lote ENA-2611-03').fill('69');
    await pharmacy.getByRole('button', { name: 'Guardar conteo (1 diferencia)' }).click();
    await row.getByText('Indique el motivo de la diferencia').waitFor();
    await row.getByRole('combobox', { name: 'Motivo de la diferencia del lote ENA-2611-03' }).click();
    await pharmacy.getByRole('option', { name: 'Extraviado' }).click();
    await row.getByLabel('Explicación de la diferencia del lote ENA-2611-03').fill('Una tableta cayó tras el estante');
    await pharmacy.getByRole('combobox', { name: 'Aprobado por' }).click();
    await pharmacy.getByRole('option', { name: 'rosa.farmacia' }).click();
    await snapshot(pharmacy, '23-count-explained-es');
    await pharmacy.getByRole('button', { name: 'Guardar conteo (1 diferencia)' }).click();

    // The difference report shows the explained unit; the stock page shows 69.
    await pharmacy.getByRole('heading', { name: 'Diferencias de inventario', level: 1 }).waitFor();
    const difference = pharmacy.getByTestId('difference-row');
    await difference.getByText('Una tableta cayó tras el estante').waitFor();
    expect(await difference.count()).toBe(1);
    await difference.getByText('-1', { exact: true }).waitFor();
    await difference.getByText('Extraviado').waitFor();
    await difference.getByText('rosa.farmacia').waitFor();
    await snapshot(pharmacy, '24-difference-report-es');
    await openTab(pharmacy, 'Existencias');
    await pharmacy.getByRole('heading', { name: 'Existencias', level: 1 }).waitFor();
    expect(await pharmacy.getByTestId('stock-MED-051').getByTestId('on-hand').textContent()).toBe('69');
    await snapshot(pharmacy, '25-stock-after-count-es');
  });

  it('shows the coordinator the territory’s availability, on a phone and in English', async () => {
    const page = await openPage(journey, PHONE);
    await logIn(page, 'pedro.coordinador');
    await page.waitForURL('**/network');
    await page.goto('/medicines/territory');
    await page.getByRole('heading', { name: 'Disponibilidad en el territorio', level: 1 }).waitFor();
    await page.getByText('Dispensario Popular Gramoven').waitFor();
    await snapshot(page, '26-territory-availability-phone-es');
    await switchLanguage(page, 'EN');
    await page.getByRole('heading', { name: 'Availability across the territory', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Differences' }).click();
    await page.getByText('Una tableta cayó tras el estante').waitFor();
    await snapshot(page, '27-differences-phone-en');

    // Any figure opens down to the facility that produced it: the dispensary's own shelf.
    await page.getByRole('tab', { name: 'Territory' }).click();
    await page.getByRole('link', { name: 'Dispensario Popular Gramoven' }).click();
    await page.getByRole('heading', { name: 'Stock on hand', level: 1 }).waitFor();
    expect(await page.getByTestId('stock-MED-051').getByTestId('on-hand').textContent()).toBe('69');
  });

  it('prepares the post’s family packages for the quarter and delivers one', async () => {
    const page = await openPage(journey, DESKTOP);
    await logIn(page, 'carmen.medica');
    await page.waitForURL('**/network');
    await page.getByRole('navigation', { name: 'Medicamentos' }).getByRole('link', { name: 'Existencias' }).click();
    await openTab(page, 'Paquetes');
    await page.getByRole('heading', { name: 'Paquetes familiares', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Surte' }).click();
    await page.getByRole('option', { name: 'Dispensario Popular Gramoven' }).click();
    await page.getByRole('button', { name: 'Preparar los paquetes del trimestre' }).click();
    const card = page.getByTestId('family-package');
    await card.getByText(/adulto mayor/).waitFor();
    await card.getByText(/tratamiento crónico/).waitFor();
    await card.getByRole('button', { name: 'Entregado' }).click();
    await card.getByText('Entregado', { exact: true }).waitFor();
    await snapshot(page, '28-family-packages-es');
  });
});
