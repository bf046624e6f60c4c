import {
  ActionIcon,
  Button,
  Card,
  Group,
  PasswordInput,
  SegmentedControl,
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
import { useTranslation } from 'react-i18next';
import { FACILITY_ROLES, ROLES, type Role } from '../../../server/access';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { FacilitySelect } from '../facilities/facility-select.component';
import { TerritorySelect } from '../network/territory-select.component';
import { useCreateUser, type CreateUserRequest } from './user.resource';

interface RoleRow {
  role: Role | '';
  facilityId: string;
  territoryCode: string;
}

interface UserValues {
  username: string;
  displayName: string;
  password: string;
  locale: 'es' | 'en';
  roles: RoleRow[];
}

const emptyRole: RoleRow = { role: '', facilityId: '', territoryCode: '' };

function toRequest(values: UserValues): CreateUserRequest {
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    password: values.password,
    locale: values.locale,
    roles: values.roles.map((row) => {
      const role = row.role as Role;
      if (FACILITY_ROLES.has(role)) return { role, facilityId: row.facilityId };
      return { role, territoryCode: role === 'national_admin' ? 'VE' : row.territoryCode };
    }),
  };
}

/** Gives a person an account and their roles: at a facility, or over a territory. */
export function UserFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateUser();
  const form = useForm<UserValues>({
    initialValues: { username: '', displayName: '', password: '', locale: 'es', roles: [{ ...emptyRole }] },
    validate: {
      username: (value) => (/^[a-z0-9._-]{3,64}$/.test(value.trim().toLowerCase()) ? null : t('users.errors.username')),
      displayName: (value) => (value.trim().length >= 2 ? null : t('users.errors.displayName')),
      password: (value) => (value.length >= 10 ? null : t('users.errors.password')),
      roles: {
        role: (value) => (value ? null : t('users.errors.role')),
        facilityId: (value, values, path) => {
          const role = values.roles[Number(path.split('.')[1])]?.role;
          return role && FACILITY_ROLES.has(role) && !value ? t('users.errors.facility') : null;
        },
        territoryCode: (value, values, path) => {
          const role = values.roles[Number(path.split('.')[1])]?.role;
          return role && !FACILITY_ROLES.has(role) && role !== 'national_admin' && !value
            ? t('users.errors.territory')
            : null;
        },
      },
    },
  });
  const fields = [
    'username',
    'displayName',
    'password',
    'locale',
    'roles',
    ...form.values.roles.flatMap((_, i) => [`roles.${i}.role`, `roles.${i}.facilityId`, `roles.${i}.territoryCode`]),
  ];

  const submit = form.onSubmit(
    (values) =>
      create.mutate(toRequest(values), {
        onSuccess: (user) => {
          notifications.show({ color: 'green', message: t('users.saved', { name: user.displayName }) });
          void navigate({ to: '/users' });
        },
        onError: (error) => showServerErrors(error, form, fields, t),
      }),
    focusFirstInvalidField,
  );

  return (
    <Stack gap="md" maw={800}>
      <PageHeader title={t('users.createTitle')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t('users.username')}
                withAsterisk
                autoComplete="off"
                {...form.getInputProps('username')}
              />
              <TextInput label={t('users.displayName')} withAsterisk {...form.getInputProps('displayName')} />
              <PasswordInput
                label={t('users.password')}
                description={t('users.passwordHint')}
                withAsterisk
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <div>
                <Text size="sm" fw={500} id="user-language-label" mb={4}>
                  {t('users.language')}
                </Text>
                <SegmentedControl
                  aria-labelledby="user-language-label"
                  data={[
                    { value: 'es', label: t('language.es') },
                    { value: 'en', label: t('language.en') },
                  ]}
                  {...form.getInputProps('locale')}
                />
              </div>
            </SimpleGrid>
          </Card>
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <Title order={2} size="h4" mb="sm">
              {t('users.roles')}
            </Title>
            <Stack gap="sm">
              {form.values.roles.map((row, index) => (
                <Group key={index} align="flex-start" gap="sm" wrap="nowrap">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
                    <Select
                      label={t('users.role')}
                      withAsterisk
                      data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                      {...form.getInputProps(`roles.${index}.role`)}
                    />
                    {row.role && FACILITY_ROLES.has(row.role) && (
                      <FacilitySelect
                        label={t('users.facility')}
                        value={row.facilityId || null}
                        error={form.errors[`roles.${index}.facilityId`] as string | undefined}
                        onChange={(id) => form.setFieldValue(`roles.${index}.facilityId`, id ?? '')}
                      />
                    )}
                    {row.role && !FACILITY_ROLES.has(row.role) && row.role !== 'national_admin' && (
                      <TerritorySelect
                        label={t('users.territory')}
                        value={row.territoryCode || null}
                        error={form.errors[`roles.${index}.territoryCode`] as string | undefined}
                        onChange={(code) => form.setFieldValue(`roles.${index}.territoryCode`, code ?? '')}
                      />
                    )}
                    {row.role === 'national_admin' && (
                      <Text size="sm" c="dimmed" mt={28}>
                        {t('users.wholeNation')}
                      </Text>
                    )}
                  </SimpleGrid>
                  {form.values.roles.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={28}
                      aria-label={t('users.removeRole')}
                      onClick={() => form.removeListItem('roles', index)}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
              <div>
                <Button variant="subtle" size="xs" onClick={() => form.insertListItem('roles', { ...emptyRole })}>
                  {t('users.addRole')}
                </Button>
              </div>
            </Stack>
          </Card>
          <Group justify="flex-end">
            <RouterButton to="/users" variant="default">
              {t('common.cancel')}
            </RouterButton>
            <Button type="submit" loading={create.isPending}>
              {t('users.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
