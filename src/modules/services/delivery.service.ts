import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findPregnancy } from '../care/maternal.repository';
import { writeBirth } from '../care/maternal.service';
import { personsInCareOf } from '../census/person.access';
import { writeLedgered } from '../integrity/ledger.repository';
import { requireService, when } from './cdi.service';
import { findFacilityForTeam, findPersonAtFacility } from './services.access';
import type { DeliveryInput, DeliveryView } from './services.schema';

/**
 * Records a delivery at the facility, linked to the pregnancy followed at the mother's post and to
 * its birth: the birth the post already recorded, or — usually — the one recorded here and now, in
 * the same transaction, on the mother's primary-care record (ending the pregnancy and registering
 * a live-born child in her household), so the post's record and the CDI's tell the same birth.
 */
export async function recordDelivery(db: Db, access: Access, facilityId: string, input: DeliveryInput) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  requireService(facility, 'OBSTETRICS_DELIVERY', 'facilityId');
  const pregnancy = await findPregnancy(db, input.pregnancyId);
  if (!pregnancy) throw fieldError('PREGNANCY_NOT_FOUND', 'pregnancyId', 'No pregnancy has this id');
  const { id: motherId } = await findPersonAtFacility(db, pregnancy.person_id, facility.id);
  const mother = await db.selectFrom('persons').selectAll().where('id', '=', motherId).executeTakeFirstOrThrow();
  if (input.birthId) {
    const birth = await db
      .selectFrom('births')
      .select('id')
      .where('id', '=', input.birthId)
      .where('pregnancy_id', '=', pregnancy.id)
      .executeTakeFirst();
    if (!birth) throw fieldError('VALIDATION_FAILED', 'birthId', 'This birth is not of this pregnancy');
  }
  const deliveredAt = when(input.deliveredAt, 'deliveredAt');
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const earlier = await tx
      .selectFrom('deliveries')
      .select('id')
      .where('pregnancy_id', '=', pregnancy.id)
      .executeTakeFirst();
    if (earlier) throw new AppError('DELIVERY_ALREADY_RECORDED');
    const birthId = input.newborn
      ? await writeBirth(tx, access, pregnancy, mother, {
          ...input.newborn,
          bornOn: todayLocal(deliveredAt),
          place: 'health_facility',
        })
      : input.birthId!;
    await writeLedgered(
      tx,
      access.userId,
      'create',
      'deliveries',
      tx
        .insertInto('deliveries')
        .values({
          id,
          person_id: mother.id,
          facility_id: facility.id,
          state_code: facility.state_code,
          pregnancy_id: pregnancy.id,
          birth_id: birthId,
          mode: input.mode,
          delivered_at: deliveredAt,
          recorded_by: access.userId,
        })
        .returningAll(),
    );
  });
  return { id };
}

/** The facility's latest deliveries, with the mother and the birth each one is linked to. */
export async function deliveryList(db: Db, access: Access, facilityId: string): Promise<{ items: DeliveryView[] }> {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  const rows = await db
    .selectFrom('deliveries as d')
    .innerJoin('persons as m', 'm.id', 'd.person_id')
    .leftJoin('births as b', 'b.id', 'd.birth_id')
    .leftJoin('persons as c', 'c.id', 'b.child_id')
    .select(['d.id', 'd.mode', 'd.delivered_at', 'm.id as mother_id', 'm.first_names', 'm.last_names'])
    .select([
      'b.outcome',
      'b.weight_g',
      'b.sex',
      'c.id as child_id',
      'c.first_names as child_first',
      'c.last_names as child_last',
    ])
    .where('d.facility_id', '=', facilityId)
    .orderBy('d.delivered_at', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      mother: { id: r.mother_id, name: `${r.first_names} ${r.last_names}` },
      mode: r.mode,
      deliveredAt: r.delivered_at.toISOString(),
      birth: r.outcome
        ? {
            outcome: r.outcome,
            weightG: r.weight_g,
            sex: r.sex,
            child: r.child_id ? { id: r.child_id, name: `${r.child_first} ${r.child_last}` } : null,
          }
        : null,
    })),
  };
}

/** Ongoing pregnancies of the women the facility has in its care: whom its delivery room may record. */
export async function pregnanciesInCare(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.read');
  const rows = await db
    .selectFrom('pregnancies as g')
    .innerJoin('persons as p', 'p.id', 'g.person_id')
    .select(['g.id', 'g.expected_delivery', 'g.risk', 'p.id as person_id', 'p.first_names', 'p.last_names'])
    .where('g.ended_on', 'is', null)
    .where((eb) =>
      eb.or([eb('p.facility_id', '=', facility.id), sql<boolean>`p.id IN (${personsInCareOf([facility.id])})`]),
    )
    .orderBy('g.expected_delivery')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      person: { id: r.person_id, name: `${r.first_names} ${r.last_names}` },
      expectedDelivery: r.expected_delivery,
      risk: r.risk,
    })),
  };
}
