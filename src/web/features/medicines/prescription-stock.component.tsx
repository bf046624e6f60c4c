import { Autocomplete, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { matchCatalogItem } from '../../../modules/medicines/stock.rules';
import { useMyPostId } from '../census/census.resource';
import { useAvailability } from './medicines.resource';

/**
 * The medicine field of a prescription: offers the module's items as the dispensary names them,
 * and says whether the one written is in stock at the post or the dispensary serving it.
 */
export function MedicineInput(props: {
  label: string;
  value?: string;
  onChange: (value: string) => void;
  error?: unknown;
}) {
  const value = props.value ?? '';
  const { t } = useTranslation();
  const availability = useAvailability(useMyPostId());
  const items = availability.data?.items ?? [];
  const match = value.trim() ? matchCatalogItem(value, items) : null;
  return (
    <div>
      <Autocomplete
        label={props.label}
        data={items.map((i) => i.label)}
        limit={12}
        value={value}
        onChange={props.onChange}
        error={props.error as string | undefined}
      />
      {availability.data && value.trim() && (
        <Group gap={4} mt={4} data-testid="prescription-stock">
          {!match ? (
            <Badge color="gray" variant="light">
              {t('medicines.notInModule')}
            </Badge>
          ) : (
            availability.data.places.map((place, i) => (
              <Badge key={place.id} color={match.onHand[i]! > 0 ? 'teal' : 'red'} variant="light">
                {place.name}:{' '}
                {match.onHand[i]! > 0 ? t('medicines.units', { count: match.onHand[i]! }) : t('medicines.outOfStock')}
              </Badge>
            ))
          )}
        </Group>
      )}
      {availability.isError && (
        <Text size="xs" c="dimmed">
          {t('medicines.stockUnknown')}
        </Text>
      )}
    </div>
  );
}
