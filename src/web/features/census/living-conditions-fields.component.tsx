import { MultiSelect, NumberInput, Select, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { codeOptions } from './census-labels';
import type { AmendHouseholdRequest } from './census.resource';

/** The living conditions as a form holds them: nothing chosen yet is null, rooms may be typed text. */
export interface LivingConditionValues {
  waterSource: string | null;
  sanitation: string | null;
  electricity: string | null;
  floor: string | null;
  wasteDisposal: string | null;
  vectors: string[];
  rooms: number | string;
}

export const NO_CONDITIONS: LivingConditionValues = {
  waterSource: null,
  sanitation: null,
  electricity: null,
  floor: null,
  wasteDisposal: null,
  vectors: [],
  rooms: '',
};

/** The coded conditions, each with the list its codes come from. */
export const CODED_CONDITIONS = [
  ['waterSource', 'waterSources'],
  ['sanitation', 'sanitation'],
  ['electricity', 'electricity'],
  ['floor', 'floors'],
  ['wasteDisposal', 'wasteDisposal'],
] as const;

/** Checks of a survey: every coded condition chosen and at least one room. */
export function conditionRules(t: TFunction) {
  const required = (value: unknown) => (value ? null : t('householdForm.required'));
  return {
    waterSource: required,
    sanitation: required,
    electricity: required,
    floor: required,
    wasteDisposal: required,
    rooms: (value: number | string) => (Number(value) >= 1 ? null : t('householdForm.roomsRequired')),
  };
}

type Surveyed = Required<
  Pick<
    AmendHouseholdRequest,
    'waterSource' | 'sanitation' | 'electricity' | 'floor' | 'wasteDisposal' | 'vectors' | 'rooms'
  >
>;

/** The conditions as the API takes them, once the form has checked them (the codes come from its lists). */
export function toConditions(values: LivingConditionValues): Surveyed {
  return {
    waterSource: values.waterSource as Surveyed['waterSource'],
    sanitation: values.sanitation as Surveyed['sanitation'],
    electricity: values.electricity as Surveyed['electricity'],
    floor: values.floor as Surveyed['floor'],
    wasteDisposal: values.wasteDisposal as Surveyed['wasteDisposal'],
    vectors: values.vectors as Surveyed['vectors'],
    rooms: Number(values.rooms),
  };
}

/** Water, sanitation, electricity, floor, waste, rooms and vectors: how a household lives, as surveyed. */
export function LivingConditionFields<Values extends LivingConditionValues>({
  form,
  codes,
}: {
  form: UseFormReturnType<Values>;
  codes: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {CODED_CONDITIONS.map(([field, list]) => (
          <Select
            key={field}
            label={t(`householdForm.${field}`)}
            withAsterisk
            allowDeselect={false}
            data={codeOptions(codes[list], list, t)}
            {...form.getInputProps(field)}
          />
        ))}
        <NumberInput
          label={t('householdForm.rooms')}
          description={t('householdForm.roomsHint')}
          withAsterisk
          min={1}
          allowDecimal={false}
          {...form.getInputProps('rooms')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('householdForm.vectors')}
        data={codeOptions(codes.vectors, 'vectors', t)}
        clearable
        {...form.getInputProps('vectors')}
      />
    </>
  );
}
