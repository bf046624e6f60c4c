import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { isUnauthenticated } from '../../app/api-client';
import { adoptUserLocale } from '../../i18n/i18n';
import { LanguageSwitch } from '../../ui/language-switch.component';
import { describeError } from '../../ui/server-errors';
import { useLogin, type Me } from './session.resource';

/** The way in: username and password, in Spanish or English. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (value) => (value.trim() ? null : t('login.usernameRequired')),
      password: (value) => (value ? null : t('login.passwordRequired')),
    },
  });

  const failure = login.error
    ? isUnauthenticated(login.error)
      ? t('login.wrongCredentials')
      : describeError(login.error, t).title
    : null;

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2" c="teal.8">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </div>
            <LanguageSwitch />
          </Group>
          <form
            noValidate
            onSubmit={form.onSubmit((values) =>
              login.mutate(values, {
                onSuccess: (me) => {
                  adoptUserLocale(me.locale);
                  onLoggedIn(me);
                },
              }),
            )}
          >
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('login.title')}
              </Title>
              {failure && (
                <Alert color="red" role="alert" p="xs">
                  {failure}
                </Alert>
              )}
              <TextInput
                label={t('login.username')}
                autoComplete="username"
                autoCapitalize="none"
                autoFocus
                {...form.getInputProps('username')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={login.isPending} fullWidth mt="xs">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
