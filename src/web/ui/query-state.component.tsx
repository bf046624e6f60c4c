import { Alert, Button, Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './server-errors';

/** Renders a query's data, or a loader while it comes, or what went wrong with a way to try again. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.isError) {
    const { title, detail } = describeError(query.error, t);
    return (
      <Alert color="red" title={title} role="alert">
        {detail}
        <div>
          <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </div>
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
