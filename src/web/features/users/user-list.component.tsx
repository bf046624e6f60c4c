import { Badge, Card, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDayOf } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { usePermission } from '../auth/session.resource';
import { UserRoles } from './user-roles.component';
import { useUsers } from './user.resource';

/** The people with a role in one's territory, and who may do what where. */
export function UserListPage() {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const canCreate = usePermission('users.manage');
  return (
    <Stack gap="md">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          canCreate && (
            <RouterButton to="/users/new" variant="filled">
              {t('users.create')}
            </RouterButton>
          )
        }
      />
      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <QueryState query={users}>
          {(list) =>
            list.length === 0 ? (
              <Text c="dimmed">{t('users.empty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover verticalSpacing={6} data-testid="user-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('users.name')}</Table.Th>
                      <Table.Th scope="col">{t('users.roles')}</Table.Th>
                      <Table.Th scope="col">{t('users.language')}</Table.Th>
                      <Table.Th scope="col">{t('users.since')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((user) => (
                      <Table.Tr key={user.id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {user.displayName}{' '}
                            {!user.active && (
                              <Badge color="red" variant="light" size="xs">
                                {t('users.inactive')}
                              </Badge>
                            )}
                          </Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {user.username}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <UserRoles roles={user.roles} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`language.${user.locale === 'en' ? 'en' : 'es'}`)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDayOf(user.createdAt, i18n.language)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Card>
    </Stack>
  );
}
