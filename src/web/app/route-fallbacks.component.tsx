import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { RouterButton } from '../ui/link-components';
import { describeError } from '../ui/server-errors';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Stack align="center" gap="sm">
        <Title order={1} size="h3">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.detail')}</Text>
        <RouterButton to="/network" variant="light">
          {t('notFound.back')}
        </RouterButton>
      </Stack>
    </Center>
  );
}

export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert color="red" title={title} role="alert">
      <Text size="sm">{detail}</Text>
      <Button mt="sm" size="xs" variant="light" color="red" onClick={reset}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
