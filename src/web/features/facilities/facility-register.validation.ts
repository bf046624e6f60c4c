import type { TFunction } from 'i18next';
import type { FacilityStatus } from './facility-labels';

export interface RegisterValues {
  code: string;
  name: string;
  kind: string;
  stateCode: string;
  municipalityCode: string;
  parishCode: string;
  sectorId: string;
  asicId: string;
  address: string;
  phone: string;
  services: string[];
  bedsWard: number | string;
  bedsIcu: number | string;
  targetFamilies: number | string;
  targetPopulation: number | string;
  status: Extract<FacilityStatus, 'planned' | 'under_construction' | 'operating'>;
  statusDate: string;
  reason: string;
}

export function initialRegisterValues(today: string): RegisterValues {
  return {
    code: '',
    name: '',
    kind: '',
    stateCode: '',
    municipalityCode: '',
    parishCode: '',
    sectorId: '',
    asicId: '',
    address: '',
    phone: '',
    services: [],
    bedsWard: 0,
    bedsIcu: 0,
    targetFamilies: '',
    targetPopulation: '',
    status: 'planned',
    statusDate: today,
    reason: '',
  };
}

/** The same limits the server applies (facility.schema.ts), said in the person's language before sending. */
export function facilityRegisterValidation(t: TFunction, today: string) {
  const count = (max: number, optional: boolean) => (value: number | string) => {
    if (value === '') return optional ? null : t('register.errors.required');
    const n = Number(value);
    if (!Number.isInteger(n)) return t('register.errors.wholeNumber');
    if (n < 0) return t('register.errors.negative');
    if (n > max) return t('register.errors.tooMany', { max });
    return null;
  };
  return {
    code: (value: string) => (/^[A-Z0-9][A-Z0-9-]{2,31}$/.test(value.trim()) ? null : t('register.errors.code')),
    name: (value: string) => (value.trim().length >= 3 ? null : t('register.errors.name')),
    kind: (value: string) => (value ? null : t('register.errors.kind')),
    parishCode: (value: string) => (value ? null : t('register.errors.parish')),
    bedsWard: count(5000, false),
    bedsIcu: count(5000, false),
    targetFamilies: count(10_000_000, true),
    targetPopulation: count(10_000_000, true),
    statusDate: (value: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('statusForm.errors.date');
      return value > today ? t('statusForm.errors.future') : null;
    },
  };
}
