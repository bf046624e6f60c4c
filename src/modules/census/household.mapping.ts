import type { HouseholdTable } from '../../db/schema';
import { overcrowdingIfSurveyed } from './household.rules';
import type { HouseholdDetail } from './household.schema';

type ConditionColumns = Pick<
  HouseholdTable,
  'water_source' | 'sanitation' | 'electricity' | 'floor' | 'waste_disposal' | 'vectors' | 'rooms'
>;
type LivingConditionsView = Pick<
  HouseholdDetail,
  | 'conditionsSurveyed'
  | 'waterSource'
  | 'sanitation'
  | 'electricity'
  | 'floor'
  | 'wasteDisposal'
  | 'vectors'
  | 'rooms'
  | 'overcrowding'
>;

/**
 * How a household lives, as the API shows it: the coded conditions and the overcrowding of its
 * living members, or — not surveyed yet — nulls, and `conditionsSurveyed: false`. The conditions
 * are stored all together or not at all (a check of the table), so one column tells.
 */
export function toLivingConditions(household: ConditionColumns, livingMembers: number): LivingConditionsView {
  return {
    conditionsSurveyed: household.water_source !== null,
    waterSource: household.water_source as HouseholdDetail['waterSource'],
    sanitation: household.sanitation as HouseholdDetail['sanitation'],
    electricity: household.electricity as HouseholdDetail['electricity'],
    floor: household.floor as HouseholdDetail['floor'],
    wasteDisposal: household.waste_disposal as HouseholdDetail['wasteDisposal'],
    vectors: household.vectors as HouseholdDetail['vectors'],
    rooms: household.rooms,
    overcrowding: overcrowdingIfSurveyed(livingMembers, household.rooms),
  };
}
