import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { accentInsensitiveFilter } from '../../ui/accent-insensitive-filter';
import { NATION, useTerritory } from '../network/territory.resource';

export interface ParishPlace {
  stateCode: string;
  municipalityCode: string;
  parishCode: string;
}

interface ParishPickerProps {
  value: ParishPlace;
  onChange: (place: ParishPlace) => void;
  errors: Partial<Record<keyof ParishPlace, string | undefined>>;
}

/** State → municipality → parish: each list offers only what lies in the one chosen before it. */
export function ParishPicker({ value, onChange, errors }: ParishPickerProps) {
  const { t } = useTranslation();
  const nation = useTerritory(NATION);
  const state = useTerritory(value.stateCode || null);
  const municipality = useTerritory(value.municipalityCode || null);
  const options = (node: typeof nation.data) =>
    (node?.children ?? []).map((child) => ({ value: child.code, label: child.name }));

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Select
        label={t('register.state')}
        placeholder={t('register.choose')}
        withAsterisk
        searchable
        filter={accentInsensitiveFilter}
        data={options(nation.data)}
        value={value.stateCode || null}
        error={errors.stateCode}
        onChange={(code) => onChange({ stateCode: code ?? '', municipalityCode: '', parishCode: '' })}
      />
      <Select
        label={t('register.municipality')}
        placeholder={value.stateCode ? t('register.choose') : t('register.chooseStateFirst')}
        withAsterisk
        searchable
        filter={accentInsensitiveFilter}
        disabled={!value.stateCode}
        data={value.stateCode ? options(state.data) : []}
        value={value.municipalityCode || null}
        error={errors.municipalityCode}
        onChange={(code) => onChange({ ...value, municipalityCode: code ?? '', parishCode: '' })}
      />
      <Select
        label={t('register.parish')}
        placeholder={value.municipalityCode ? t('register.choose') : t('register.chooseMunicipalityFirst')}
        withAsterisk
        searchable
        filter={accentInsensitiveFilter}
        disabled={!value.municipalityCode}
        data={value.municipalityCode ? options(municipality.data) : []}
        value={value.parishCode || null}
        error={errors.parishCode}
        onChange={(code) => onChange({ ...value, parishCode: code ?? '' })}
      />
    </SimpleGrid>
  );
}
