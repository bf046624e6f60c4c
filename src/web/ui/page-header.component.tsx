import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** The top of every screen: where we are, what this is, and what one can do here. */
export function PageHeader({
  title,
  subtitle,
  above,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  above?: ReactNode;
  actions?: ReactNode;
}) {
  useDocumentTitle(`${title} · Adentro`);
  return (
    <Stack gap={4} mb="md">
      {above}
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm">
              {subtitle}
            </Text>
          )}
        </div>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
    </Stack>
  );
}
