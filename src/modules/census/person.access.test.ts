import { describe, expect, it } from 'vitest';
import { Access, type Assignment, type Role } from '../../server/access';
import { canReadRecordLog } from './person.access';

const POST = '0190f0e0-0000-7000-8000-000000000001';
const PARISH = 'VE-A-01-22';

function accessWith(role: Role, scope: { facilityId?: string; territoryCode: string }): Access {
  const assignment: Assignment = {
    id: 'a',
    role,
    facilityId: scope.facilityId ?? null,
    facilityName: null,
    territoryCode: scope.territoryCode,
    territoryName: '',
  };
  return new Access({ id: 'u', username: 'u', displayName: 'u', locale: 'es' }, [assignment]);
}

describe("who reads the log of a person's record", () => {
  it("is the post's own team and auditors whose territory covers the post", () => {
    const person = { facility_id: POST };
    expect(
      canReadRecordLog(accessWith('facility_clinician', { facilityId: POST, territoryCode: PARISH }), person, PARISH),
    ).toBe(true);
    expect(canReadRecordLog(accessWith('registrar', { facilityId: POST, territoryCode: PARISH }), person, PARISH)).toBe(
      true,
    );
    expect(canReadRecordLog(accessWith('auditor', { territoryCode: 'VE-A' }), person, PARISH)).toBe(true);
    expect(canReadRecordLog(accessWith('auditor', { territoryCode: 'VE' }), person, PARISH)).toBe(true);
  });

  it('is not a team of another post, an auditor elsewhere, a coordinator or a pharmacist', () => {
    const person = { facility_id: POST };
    const other = '0190f0e0-0000-7000-8000-000000000002';
    expect(
      canReadRecordLog(accessWith('facility_clinician', { facilityId: other, territoryCode: PARISH }), person, PARISH),
    ).toBe(false);
    expect(canReadRecordLog(accessWith('auditor', { territoryCode: 'VE-V' }), person, PARISH)).toBe(false);
    expect(canReadRecordLog(accessWith('territory_coordinator', { territoryCode: 'VE' }), person, PARISH)).toBe(false);
    expect(
      canReadRecordLog(accessWith('pharmacist', { facilityId: POST, territoryCode: PARISH }), person, PARISH),
    ).toBe(false);
  });
});
