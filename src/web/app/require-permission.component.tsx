import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../server/access';
import { usePermission } from '../features/auth/session.resource';

/** Shows the screen only to whom the permission allows; the server refuses the rest anyway. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  if (!usePermission(permission)) {
    return (
      <Alert color="yellow" title={t('common.notPermittedTitle')} role="alert">
        {t('common.notPermitted')}
      </Alert>
    );
  }
  return <>{children}</>;
}
