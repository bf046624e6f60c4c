import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { todayInCaracas } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { codeOptions } from './census-labels';
import {
  conditionRules,
  LivingConditionFields,
  NO_CONDITIONS,
  toConditions,
  type LivingConditionValues,
} from './living-conditions-fields.component';
import {
  useCensus,
  useCensusCodes,
  useMyPostId,
  useRegisterHousehold,
  type RegisterHouseholdRequest,
} from './census.resource';

interface MemberValues {
  firstNames: string;
  lastNames: string;
  sex: 'F' | 'M';
  birthDate: string;
  nationalId: string;
  relationship: string;
}

interface HouseholdValues extends LivingConditionValues {
  address: string;
  sectorId: string | null;
  /** The living conditions are left for another visit: the household waits on the worklist. */
  surveyLater: boolean;
  members: MemberValues[];
}

const newMember = (relationship: string, lastNames = ''): MemberValues => ({
  firstNames: '',
  lastNames,
  sex: 'F',
  birthDate: '',
  nationalId: '',
  relationship,
});

/** Every form field a server error may name, the members' fields included (`members.1.birthDate`). */
function formFields(values: HouseholdValues): string[] {
  const memberFields = values.members.flatMap((_, i) =>
    Object.keys(newMember('head')).map((field) => `members.${i}.${field}`),
  );
  return [...Object.keys(values).filter((k) => k !== 'members'), ...memberFields, 'members'];
}

function toRequest(values: HouseholdValues): RegisterHouseholdRequest {
  return {
    address: values.address.trim(),
    sectorId: values.sectorId || null,
    ...(values.surveyLater ? {} : toConditions(values)),
    members: values.members.map((m) => ({
      firstNames: m.firstNames.trim(),
      lastNames: m.lastNames.trim(),
      sex: m.sex,
      birthDate: m.birthDate,
      nationalId: m.nationalId.trim() || null,
      relationship: m.relationship as RegisterHouseholdRequest['members'][number]['relationship'],
    })),
  };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={2} size="h4" mb="sm" component="legend" style={{ float: 'left', width: '100%', padding: 0 }}>
        {title}
      </Title>
      <Stack gap="sm" style={{ clear: 'both' }}>
        {children}
      </Stack>
    </Card>
  );
}

/** Registers a household of the post: where it is, how its people live, and who lives there. */
export function HouseholdFormPage() {
  const { t } = useTranslation();
  const postId = useMyPostId();
  const codes = useCensusCodes();
  if (!postId) return <Text>{t('census.noPost')}</Text>;
  return <QueryState query={codes}>{(loaded) => <HouseholdForm postId={postId} codes={loaded} />}</QueryState>;
}

function HouseholdForm({ postId, codes }: { postId: string; codes: Record<string, string[]> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterHousehold(postId);
  const census = useCensus(postId, {});
  const today = todayInCaracas();
  const required = (value: unknown) => (value ? null : t('householdForm.required'));
  const surveyed = conditionRules(t);
  const unlessLater =
    <V,>(rule: (value: V) => string | null) =>
    (value: V, values: HouseholdValues) =>
      values.surveyLater ? null : rule(value);
  const form = useForm<HouseholdValues>({
    initialValues: {
      address: '',
      sectorId: null,
      ...NO_CONDITIONS,
      surveyLater: false,
      members: [newMember('head')],
    },
    validate: {
      address: (value) => (value.trim().length >= 3 ? null : t('householdForm.addressRequired')),
      waterSource: unlessLater(surveyed.waterSource),
      sanitation: unlessLater(surveyed.sanitation),
      electricity: unlessLater(surveyed.electricity),
      floor: unlessLater(surveyed.floor),
      wasteDisposal: unlessLater(surveyed.wasteDisposal),
      rooms: unlessLater(surveyed.rooms),
      members: {
        firstNames: (value) => (value.trim() ? null : t('householdForm.required')),
        lastNames: (value) => (value.trim() ? null : t('householdForm.required')),
        birthDate: (value) =>
          !value ? t('householdForm.required') : value > today ? t('householdForm.birthInFuture') : null,
        relationship: required,
      },
    },
  });
  const heads = form.values.members.filter((m) => m.relationship === 'head').length;
  const relationships = codeOptions(codes.relationships, 'relationships', t);

  const submit = form.onSubmit((values) => {
    if (heads !== 1) {
      form.setFieldError('members', t('householdForm.oneHead'));
      return;
    }
    register.mutate(toRequest(values), {
      onSuccess: (household) => {
        notifications.show({ color: 'green', message: t('householdForm.saved', { count: household.members.length }) });
        void navigate({ to: '/census/households/$householdId', params: { householdId: household.id } });
      },
      onError: (error) => showServerErrors(error, form, formFields(values), t),
    });
  }, focusFirstInvalidField);

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('householdForm.title')} subtitle={census.data?.post.name ?? t('householdForm.subtitle')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Section title={t('householdForm.place')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('census.address')} withAsterisk {...form.getInputProps('address')} />
              <Select
                label={t('census.sector')}
                clearable
                placeholder={t('householdForm.optional')}
                data={(census.data?.sectors ?? []).map((s) => ({ value: s.id, label: s.name }))}
                {...form.getInputProps('sectorId')}
              />
            </SimpleGrid>
          </Section>

          <Section title={t('householdForm.conditions')}>
            <Checkbox
              label={t('householdForm.surveyLater')}
              description={t('householdForm.surveyLaterHint')}
              {...form.getInputProps('surveyLater', { type: 'checkbox' })}
            />
            {!form.values.surveyLater && <LivingConditionFields form={form} codes={codes} />}
          </Section>

          <Section title={t('householdForm.members')}>
            {form.values.members.map((member, index) => (
              <Card key={index} withBorder p="xs" bg="gray.0" data-testid={`member-${index}`}>
                <Group justify="space-between" mb={4}>
                  <Text fw={600} size="sm">
                    {t('householdForm.member', { number: index + 1 })}
                  </Text>
                  {form.values.members.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('householdForm.removeMember', { number: index + 1 })}
                      onClick={() => form.removeListItem('members', index)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput
                    label={t('person.firstNames')}
                    withAsterisk
                    {...form.getInputProps(`members.${index}.firstNames`)}
                  />
                  <TextInput
                    label={t('person.lastNames')}
                    withAsterisk
                    {...form.getInputProps(`members.${index}.lastNames`)}
                  />
                  <Select
                    label={t('person.relationship')}
                    withAsterisk
                    allowDeselect={false}
                    data={relationships}
                    {...form.getInputProps(`members.${index}.relationship`)}
                  />
                  <TextInput
                    type="date"
                    label={t('person.birthDate')}
                    withAsterisk
                    max={today}
                    {...form.getInputProps(`members.${index}.birthDate`)}
                  />
                  <Radio.Group label={t('person.sex')} withAsterisk {...form.getInputProps(`members.${index}.sex`)}>
                    <Group gap="md" mt={8}>
                      <Radio value="F" label={t('person.sexes.F')} />
                      <Radio value="M" label={t('person.sexes.M')} />
                    </Group>
                  </Radio.Group>
                  <TextInput
                    label={t('person.nationalId')}
                    placeholder="V-12345678"
                    description={t('householdForm.nationalIdHint')}
                    {...form.getInputProps(`members.${index}.nationalId`)}
                  />
                </SimpleGrid>
              </Card>
            ))}
            {typeof form.errors.members === 'string' && (
              <Text c="red" size="sm" role="alert">
                {form.errors.members}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                onClick={() =>
                  form.insertListItem('members', newMember('', form.values.members[0]?.lastNames.split(' ')[0] ?? ''))
                }
              >
                {t('householdForm.addMember')}
              </Button>
            </Group>
          </Section>

          <Group justify="flex-end">
            <RouterButton to="/census" variant="default">
              {t('common.cancel')}
            </RouterButton>
            <Button type="submit" loading={register.isPending}>
              {t('householdForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
