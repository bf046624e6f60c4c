import { Alert, Progress, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './api-client';

interface Health {
  demoPopulation?: { status: 'loading' | 'waiting' | 'done'; percent: number; posts: number; postsDone: number };
}

/**
 * While the demo's simulated population is still loading in the background (the first minute
 * after a fresh start), says so above every screen: a doctor who finds the demo post's census
 * empty then knows why, and sees it fill. Polls the health check until the load is done.
 */
export function DemoPopulationNotice() {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api<Health>('/api/health', { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.demoPopulation?.status;
      return status === 'loading' || status === 'waiting' ? 4_000 : false;
    },
  });
  const load = health.data?.demoPopulation;
  if (!load || load.status === 'done') return null;
  return (
    <Alert color="blue" variant="light" mb="md" title={t('demoPopulation.title')} data-testid="demo-population-notice">
      <Text size="sm" mb="xs">
        {t('demoPopulation.body', { done: load.postsDone, posts: load.posts })}
      </Text>
      <Progress value={load.percent} size="sm" aria-label={t('demoPopulation.progress', { percent: load.percent })} />
    </Alert>
  );
}
