import {
  Alert,
  Button,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { formatDate, todayInCaracas } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { TerritorySelect } from '../network/territory-select.component';
import { useRegisterWalkIn, type RegisteredWalkIn, type RegisterWalkInRequest, type WalkIn } from './cdi.resource';

interface WalkInValues {
  firstNames: string;
  lastNames: string;
  sex: string;
  birth: 'date' | 'age';
  birthDate: string;
  estimatedAgeYears: number | string;
  nationalId: string;
  parishCode: string | null;
  address: string;
}

const NATIONAL_ID = /^[VEve][-\s.]?[\d.]{5,11}$/;

/** What the search typed becomes the first guess of the form: a national id, or the names. */
function fromSearch(search: string): Pick<WalkInValues, 'firstNames' | 'lastNames' | 'nationalId'> {
  const text = search.trim();
  if (NATIONAL_ID.test(text)) return { firstNames: '', lastNames: '', nationalId: text.toUpperCase() };
  const [first = '', ...rest] = text.split(/\s+/);
  const title = (word: string) => word.charAt(0).toLocaleUpperCase('es') + word.slice(1);
  return { firstNames: title(first), lastNames: rest.map(title).join(' '), nationalId: '' };
}

function toRequest(values: WalkInValues): RegisterWalkInRequest {
  return {
    firstNames: values.firstNames.trim(),
    lastNames: values.lastNames.trim(),
    sex: values.sex as RegisterWalkInRequest['sex'],
    ...(values.birth === 'date'
      ? { birthDate: values.birthDate }
      : { estimatedAgeYears: Number(values.estimatedAgeYears) }),
    nationalId: values.nationalId.trim() || null,
    parishCode: values.parishCode,
    address: values.address.trim() || null,
  };
}

/** The holder of a national id, when the server may tell the emergency room who it is. */
function holderOf(error: unknown): WalkIn | null {
  if (!(error instanceof ApiError) || error.code !== 'DUPLICATE_NATIONAL_ID') return null;
  return (error.problem?.holder as WalkIn | undefined) ?? null;
}

/**
 * Registers a person brought to the emergency room who has no record: names, sex, the birth
 * date or, when nobody knows it, the age they seem to have, and — when known — the national id
 * and where they live. The person joins a household of the centre whose conditions nobody has
 * surveyed; the post's team surveys them if the person turns out to live in its area.
 */
export function WalkInForm({
  facilityId,
  search,
  onRegistered,
  onAttendExisting,
  onCancel,
}: {
  facilityId: string;
  /** What the emergency room searched for and did not find. */
  search: string;
  onRegistered: (registered: RegisteredWalkIn) => void;
  /** Someone the centre may attend already holds the national id given: attend that record. */
  onAttendExisting: (person: WalkIn) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const register = useRegisterWalkIn(facilityId);
  const [holder, setHolder] = useState<WalkIn | null>(null);
  const today = todayInCaracas();
  const required = (value: unknown) => (value ? null : t('walkIn.required'));
  const form = useForm<WalkInValues>({
    initialValues: {
      ...fromSearch(search),
      sex: '',
      birth: 'date',
      birthDate: '',
      estimatedAgeYears: '',
      parishCode: null,
      address: '',
    },
    validate: {
      firstNames: (v) => (v.trim() ? null : t('walkIn.namesRequired')),
      lastNames: (v) => (v.trim() ? null : t('walkIn.namesRequired')),
      sex: required,
      birthDate: (v, values) =>
        values.birth !== 'date'
          ? null
          : !v
            ? t('walkIn.birthDateRequired')
            : v > today
              ? t('walkIn.birthInFuture')
              : null,
      estimatedAgeYears: (v, values) =>
        values.birth !== 'age' || (v !== '' && Number(v) >= 0 && Number(v) <= 120) ? null : t('walkIn.ageRequired'),
    },
  });

  const submit = form.onSubmit((values) => {
    setHolder(null);
    register.mutate(toRequest(values), {
      onSuccess: onRegistered,
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'DUPLICATE_NATIONAL_ID') {
          const held = holderOf(error);
          setHolder(held);
          form.setFieldError(
            'nationalId',
            held
              ? t('walkIn.nationalIdHeldBy', { name: held.name, place: held.postName })
              : t('walkIn.nationalIdTaken'),
          );
          focusFirstInvalidField();
          return;
        }
        showServerErrors(error, form, [...Object.keys(values), 'estimatedAgeYears'], t);
      },
    });
  }, focusFirstInvalidField);

  return (
    <form onSubmit={submit} noValidate aria-label={t('walkIn.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('walkIn.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('person.firstNames')} withAsterisk {...form.getInputProps('firstNames')} />
          <TextInput label={t('person.lastNames')} withAsterisk {...form.getInputProps('lastNames')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Radio.Group label={t('person.sex')} withAsterisk {...form.getInputProps('sex')}>
            <Group gap="md" mt={8}>
              <Radio value="F" label={t('person.sexes.F')} />
              <Radio value="M" label={t('person.sexes.M')} />
            </Group>
          </Radio.Group>
          <Stack gap={4}>
            <SegmentedControl
              size="xs"
              aria-label={t('walkIn.birthKnown')}
              data={[
                { value: 'date', label: t('walkIn.birthDateKnown') },
                { value: 'age', label: t('walkIn.birthDateUnknown') },
              ]}
              {...form.getInputProps('birth')}
            />
            {form.values.birth === 'date' ? (
              <TextInput
                type="date"
                label={t('person.birthDate')}
                withAsterisk
                max={today}
                {...form.getInputProps('birthDate')}
              />
            ) : (
              <NumberInput
                label={t('walkIn.estimatedAge')}
                description={t('walkIn.estimatedAgeHint')}
                withAsterisk
                min={0}
                max={120}
                allowDecimal={false}
                {...form.getInputProps('estimatedAgeYears')}
              />
            )}
          </Stack>
          <TextInput
            label={t('person.nationalId')}
            placeholder="V-12345678"
            description={t('walkIn.nationalIdHint')}
            {...form.getInputProps('nationalId')}
          />
        </SimpleGrid>
        {holder && (
          <Alert color="yellow" title={t('walkIn.alreadyRegistered')}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">
                {[holder.name, holder.nationalId, formatDate(holder.birthDate, i18n.language), holder.postName].join(
                  ' · ',
                )}
              </Text>
              <Button size="compact-sm" variant="light" onClick={() => onAttendExisting(holder)}>
                {t('walkIn.attendExisting', { name: holder.name })}
              </Button>
            </Group>
          </Alert>
        )}
        <Text fw={600} size="sm">
          {t('walkIn.whereLives')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TerritorySelect
            label={t('walkIn.parish')}
            placeholder={t('walkIn.parishPlaceholder')}
            level="parish"
            value={form.values.parishCode}
            onChange={(code) => form.setFieldValue('parishCode', code)}
            error={form.errors.parishCode as string | undefined}
          />
          <TextInput
            label={t('walkIn.address')}
            placeholder={t('walkIn.addressPlaceholder')}
            {...form.getInputProps('address')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={register.isPending}>
            {t('walkIn.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
