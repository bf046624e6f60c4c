import { useTranslation } from 'react-i18next';
import {
  FACILITY_KINDS,
  KIND_TIER,
  type FacilityKind,
  type FacilityStatus,
} from '../../../modules/facilities/facility.rules';

export { FACILITY_STATUSES } from '../../../modules/facilities/facility.rules';
export type { FacilityKind, FacilityStatus };

export const TIERS = [1, 2, 3, 4] as const;

/** Tiers are written in Roman numerals, as the network itself writes them (DESIGN §1). */
export function tierNumeral(tier: number): string {
  return ['I', 'II', 'III', 'IV'][tier - 1] ?? String(tier);
}

/** A service's name in the interface language; the catalog carries both. */
export function serviceName(service: { nameEs: string; nameEn: string }, language: string): string {
  return language === 'en' ? service.nameEn : service.nameEs;
}

/** The kinds of facility grouped under their tier, for selects. */
export function useKindOptions(tier?: number) {
  const { t } = useTranslation();
  return TIERS.filter((level) => !tier || level === tier).map((level) => ({
    group: t('tier.long', { numeral: tierNumeral(level), name: t(`tier.${level}`) }),
    items: FACILITY_KINDS.filter((kind) => KIND_TIER[kind] === level).map((kind) => ({
      value: kind,
      label: t(`kind.${kind}`),
    })),
  }));
}
