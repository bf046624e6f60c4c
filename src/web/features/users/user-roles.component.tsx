import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NATION, useTerritory } from '../network/territory.resource';
import type { User } from './user.resource';

/** The name of a role's territory; the user record carries only its code. */
function TerritoryName({ code }: { code: string }) {
  const { t } = useTranslation();
  const territory = useTerritory(code === NATION ? null : code);
  if (code === NATION) return <>{t('network.nation')}</>;
  return <>{territory.data?.name ?? code}</>;
}

/** A user's roles, each with where it is held: a facility, or a territory. */
export function UserRoles({ roles }: { roles: User['roles'] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role.id} variant="light" color="gray" tt="none" fw={500} radius="sm" style={{ maxWidth: '100%' }}>
          {t(`role.${role.role}`)} · {role.facilityName ?? <TerritoryName code={role.territoryCode} />}
        </Badge>
      ))}
    </Group>
  );
}
