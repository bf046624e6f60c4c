import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** A calendar date `days` before today in Caracas, as the date inputs take it. */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Caracas' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! - days)).toISOString().slice(0, 10);
}

/** Picks an option of a select found by its label inside a part of the page. */
async function chooseIn(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function fillMember(
  page: Page,
  index: number,
  member: { firstNames: string; lastNames: string; relationship: string; sex: string; birthDate: string },
) {
  const card = page.getByTestId(`member-${index}`);
  await card.getByLabel('Nombres').fill(member.firstNames);
  await card.getByLabel('Apellidos').fill(member.lastNames);
  await chooseIn(page, card, 'Parentesco', member.relationship);
  await card.getByLabel('Fecha de nacimiento').fill(member.birthDate);
  await card.getByLabel(member.sex).check();
}

async function openMenuItem(page: Page, name: string) {
  await page.getByRole('button', { name: 'Abrir el menú' }).click();
  await page.getByRole('navigation', { name: 'Atención' }).getByRole('link', { name }).click();
}

describe('a family doctor at her post, on a phone', () => {
  let journey: Journey;

  beforeAll(async () => {
    journey = await startJourney();
    const admin = await seedPerson(journey, 'ana.admin', [{ role: 'national_admin', territoryCode: 'VE' }]);
    const [postId] = await seedFacilities(journey.ctx.storage.db, admin, [
      {
        code: 'DC-CP-0410',
        name: 'Consultorio Popular Los Magallanes',
        kind: 'consultorio_popular',
        parishCode: 'VE-A-01-22',
        status: 'operating',
      },
    ]);
    await seedPerson(journey, 'carmen.medica', [{ role: 'facility_clinician', facilityId: postId! }]);
  });

  afterAll(async () => {
    await journey?.close();
  });

  it('registers a household of three, visits one at home, and vaccinates the infant from the worklist', async () => {
    const page = await openPage(journey, PHONE);
    await logIn(page, 'carmen.medica');
    await page.waitForURL('**/network');

    // Her post's census, still empty against the target of the 250–300 families rule.
    await openMenuItem(page, 'Mi consultorio');
    await page.getByRole('heading', { name: 'Mi consultorio', level: 1 }).waitFor();
    await page.getByText('Consultorio Popular Los Magallanes').waitFor();
    expect(await page.getByTestId('census-coverage').textContent()).toBe('0 % de cobertura');
    await page.getByText('No hay viviendas registradas que coincidan.').waitFor();

    // A household of three: the parents and a baby born five weeks ago.
    await page.getByRole('link', { name: 'Registrar vivienda' }).click();
    await page.getByRole('heading', { name: 'Registrar vivienda', level: 1 }).waitFor();
    await page.getByLabel('Dirección').fill('Calle Real de Los Magallanes, casa 14');
    const conditions = page.getByRole('group', { name: 'Condiciones de vida' });
    await chooseIn(page, conditions, 'Agua', 'Tubería dentro de la vivienda');
    await chooseIn(page, conditions, 'Disposición de excretas', 'Cloacas');
    await chooseIn(page, conditions, 'Electricidad', 'Red eléctrica');
    await chooseIn(page, conditions, 'Piso', 'Cerámica o cemento');
    await chooseIn(page, conditions, 'Basura', 'Aseo urbano');
    await page.getByLabel('Cuartos para dormir').fill('2');
    await fillMember(page, 0, {
      firstNames: 'José Gregorio',
      lastNames: 'Pérez Rangel',
      relationship: 'Jefe/a de familia',
      sex: 'Masculino',
      birthDate: '1990-04-12',
    });
    await page.getByRole('button', { name: 'Añadir miembro' }).click();
    await fillMember(page, 1, {
      firstNames: 'Yuleidy',
      lastNames: 'Rodríguez',
      relationship: 'Cónyuge',
      sex: 'Femenino',
      birthDate: daysAgo(-1),
    });
    await page.getByRole('button', { name: 'Añadir miembro' }).click();
    await fillMember(page, 2, {
      firstNames: 'Luis Ángel',
      lastNames: 'Pérez Rodríguez',
      relationship: 'Hijo/a',
      sex: 'Masculino',
      birthDate: daysAgo(35),
    });

    // A birth date in the future is caught under the very member's field before anything is sent.
    await page.getByRole('button', { name: 'Registrar vivienda' }).click();
    await page.getByTestId('member-1').getByText('La fecha de nacimiento no puede ser futura').waitFor();
    await snapshot(page, '13-household-form-phone-es');
    await page.getByTestId('member-1').getByLabel('Fecha de nacimiento').fill('1993-09-30');
    await page.getByRole('button', { name: 'Registrar vivienda' }).click();

    await page.getByRole('heading', { name: 'Calle Real de Los Magallanes, casa 14', level: 1 }).waitFor();
    for (const name of ['José Gregorio Pérez Rangel', 'Yuleidy Rodríguez', 'Luis Ángel Pérez Rodríguez'])
      await page.getByRole('link', { name }).waitFor();

    // A home visit to the father: blood pressure and a CIE-10 diagnosis found as she types.
    await page.getByRole('link', { name: 'Visita al hogar' }).first().click();
    await page.getByRole('heading', { name: 'Registrar atención', level: 1 }).waitFor();
    await page.getByText('José Gregorio Pérez Rangel').waitFor();
    await page.getByLabel('Motivo').fill('Cefalea y control de la tensión');
    await page.getByLabel('TA sistólica (mmHg)').fill('400');
    await page.getByLabel('TA diastólica (mmHg)').fill('95');
    await page.getByLabel('Peso (kg)').fill('80');
    await page.getByLabel('Talla (cm)').fill('170');
    expect(await page.getByTestId('bmi').textContent()).toBe('27.7');
    await page.getByRole('combobox', { name: 'Diagnóstico (CIE-10)' }).fill('hipertension esen');
    await page.getByRole('option', { name: /^I10 · Hipertensión esencial/ }).click();
    await page.getByTestId('diagnosis').getByText('Hipertensión esencial (primaria)').waitFor();

    // A mistyped pressure is refused by the server, which names the field; it is shown under it.
    await page.getByRole('button', { name: 'Guardar atención' }).click();
    const systolic = page.getByLabel('TA sistólica (mmHg)');
    await page.getByText('Valor fuera de rango: se espera 40–300 mmHg').waitFor();
    expect(await systolic.getAttribute('aria-invalid')).toBe('true');
    await snapshot(page, '14-home-visit-phone-es');
    await systolic.fill('150');
    await page.getByRole('button', { name: 'Guardar atención' }).click();

    // The visit is on his timeline, and the record says who looked at it.
    await page.getByRole('heading', { name: 'José Gregorio Pérez Rangel', level: 1 }).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText(/Visita al hogar/).waitFor();
    await timeline.getByText('Hipertensión esencial (primaria)').waitFor();
    await timeline.getByText(/TA 150\/95 mmHg/).waitFor();
    await page
      .getByTestId('read-log')
      .getByText(/carmen\.medica/)
      .first()
      .waitFor();

    // The baby's BCG is due on today's worklist; it opens the dose form already filled in.
    await openMenuItem(page, 'Pendientes de hoy');
    await page.getByRole('heading', { name: 'Pendientes de hoy', level: 1 }).waitFor();
    const vaccines = page.locator('[data-testid^="worklist-vaccine"]');
    await vaccines.getByText(/BCG/).first().waitFor();
    await snapshot(page, '15-worklist-phone-es');
    await vaccines.getByRole('link', { name: 'Luis Ángel Pérez Rodríguez' }).first().click();
    await page.getByRole('heading', { name: 'Luis Ángel Pérez Rodríguez', level: 1 }).waitFor();
    const doseForm = page.getByRole('form', { name: 'Registrar dosis' });
    expect(await doseForm.getByLabel('Vacuna').inputValue()).toBe('BCG');
    await doseForm.getByLabel('Lote').fill('BCG-2611-07');
    await doseForm.getByRole('button', { name: 'Guardar dosis' }).click();
    await page
      .getByTestId('timeline')
      .getByText(/BCG \(antituberculosa\)/)
      .waitFor();
    await snapshot(page, 'person-vaccinated-phone-es');

    // Back on the worklist, the dose no longer waits.
    await openMenuItem(page, 'Pendientes de hoy');
    await page.getByRole('heading', { name: 'Pendientes de hoy', level: 1 }).waitFor();
    await page.getByText(/Clasificaciones vencidas/).waitFor();
    // The list on screen may be the one from before the dose until the fresh one arrives.
    await page.locator('[data-testid^="worklist-vaccine"]').getByText(/BCG/).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: /Vacunas/ }).count()).toBe(0);
  });

  it('shows the same post, record and worklist in English on a desktop', async () => {
    const page = await openPage(journey, DESKTOP);
    await logIn(page, 'carmen.medica');
    await page.waitForURL('**/network');
    await switchLanguage(page, 'EN');
    await page.getByRole('navigation', { name: 'Care' }).getByRole('link', { name: 'My post' }).click();
    await page.getByRole('heading', { name: 'My post', level: 1 }).waitFor();
    expect(await page.getByTestId('census-coverage').textContent()).toBe('0.3 % coverage');
    await page.getByText('1 of 300 families.').waitFor();
    await snapshot(page, 'census-desktop-en');

    await page.getByRole('link', { name: 'José Gregorio Pérez Rangel' }).click();
    await page.getByRole('heading', { name: 'Calle Real de Los Magallanes, casa 14', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Luis Ángel Pérez Rodríguez' }).click();
    await page.getByRole('heading', { name: 'Luis Ángel Pérez Rodríguez', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Vaccines' }).getByText(/BCG/).first().waitFor();
    await page.getByRole('region', { name: 'Dispensarization' }).getByText('Never classified').waitFor();
    await page
      .getByRole('region', { name: 'Who looked at this record' })
      .getByText(/carmen\.medica/)
      .first()
      .waitFor();
    await snapshot(page, '16-person-record-desktop-en');

    await page.getByRole('navigation', { name: 'Care' }).getByRole('link', { name: "Today's worklist" }).click();
    await page.getByRole('heading', { name: "Today's worklist", level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Classifications overdue' }).getByText('Yuleidy Rodríguez').waitFor();
    await snapshot(page, 'worklist-desktop-en');
  });

  it('registers a household leaving its living conditions for another visit, then surveys it from the worklist', async () => {
    const page = await openPage(journey, PHONE);
    await logIn(page, 'carmen.medica');
    await page.waitForURL('**/network');
    await page.goto('/census/households/new');
    await page.getByLabel('Dirección').fill('Vereda 12, casa 3');
    await page.getByLabel('Encuestar las condiciones en otra visita').check();
    await fillMember(page, 0, {
      firstNames: 'Carmen Elena',
      lastNames: 'Villegas',
      relationship: 'Jefe/a de familia',
      sex: 'Femenino',
      birthDate: '1958-02-20',
    });
    await page.getByRole('button', { name: 'Registrar vivienda' }).click();
    await page.getByRole('heading', { name: 'Vereda 12, casa 3', level: 1 }).waitFor();
    await page.getByTestId('conditions-not-surveyed').getByText('Sin encuestar').waitFor();
    // The notice is closed so that it does not cover the screens that follow.
    await page.getByRole('alert').filter({ hasText: 'Vivienda registrada con 1 miembro' }).getByRole('button').click();

    // The worklist asks for the census visit; the item opens the household.
    await openMenuItem(page, 'Pendientes de hoy');
    const notSurveyed = page.getByTestId('worklist-household_not_surveyed');
    await notSurveyed.getByRole('link', { name: 'Vereda 12, casa 3' }).waitFor();
    await snapshot(page, '51-worklist-household-not-surveyed-phone-es');
    await notSurveyed.getByRole('link', { name: 'Vereda 12, casa 3' }).click();
    await page.getByRole('button', { name: 'Encuestar condiciones' }).click();
    const survey = page.getByRole('form', { name: 'Encuestar condiciones' });
    await chooseIn(page, survey, 'Agua', 'Camión cisterna');
    await chooseIn(page, survey, 'Disposición de excretas', 'Letrina');
    await chooseIn(page, survey, 'Electricidad', 'Red eléctrica');
    await chooseIn(page, survey, 'Piso', 'Tierra');
    await chooseIn(page, survey, 'Basura', 'Quemada');
    await survey.getByLabel('Cuartos para dormir').fill('1');
    await snapshot(page, '52-household-survey-phone-es');
    await survey.getByRole('button', { name: 'Guardar encuesta' }).click();
    await page.getByText('Camión cisterna').waitFor();
    expect(await page.getByTestId('conditions-not-surveyed').count()).toBe(0);

    await openMenuItem(page, 'Pendientes de hoy');
    await page.getByTestId('worklist-household_not_visited').getByText('Vereda 12, casa 3').waitFor();
    await page.getByTestId('worklist-household_not_surveyed').waitFor({ state: 'detached' });
  });
});
