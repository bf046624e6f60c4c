import { Anchor, AppShell, Burger, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../server/access';
import { hasPermission, useLogout, useMe } from '../features/auth/session.resource';
import { isPostKind } from '../features/census/census.resource';
import { MedicinesMenu } from '../features/medicines/medicines-menu.component';
import { LanguageSwitch } from '../ui/language-switch.component';
import { RouterAnchor, RouterNavLink } from '../ui/link-components';
import { DemoPopulationNotice } from './demo-population-notice.component';

interface MenuItem {
  to:
    | '/network'
    | '/facilities'
    | '/facilities/new'
    | '/users'
    | '/census'
    | '/worklist'
    | '/referrals'
    | '/services'
    | '/referrals/figures';
  label: string;
  permission: Permission;
  /** Whether the item is the current place, given the path. */
  current: (path: string) => boolean;
}

/** Facilities of tiers II–IV: their own screens are the services they give. */
const SERVICE_KINDS: ReadonlySet<string> = new Set(['cdi', 'sri', 'cat', 'hospital', 'national_hospital']);

/**
 * The care team's own work at its facility, shown apart from browsing the network: a post's
 * census and worklist, or a CDI's, SRI's, CAT's or hospital's services; referrals for both.
 */
function useCareMenu(): MenuItem[] {
  const { t } = useTranslation();
  const me = useMe();
  const kind = me.roles.find((role) => role.facilityId)?.facilityKind ?? null;
  const atPost = isPostKind(kind);
  const atCentre = kind !== null && SERVICE_KINDS.has(kind);
  const items: (MenuItem | false)[] = [
    atPost && {
      to: '/census',
      label: t('nav.census'),
      permission: 'census.read',
      current: (p) => p.startsWith('/census') || p.startsWith('/persons'),
    },
    atPost && {
      to: '/worklist',
      label: t('nav.worklist'),
      permission: 'care.read',
      current: (p) => p.startsWith('/worklist'),
    },
    atCentre && {
      to: '/services',
      label: t('cdi.menu'),
      permission: 'care.read',
      current: (p) => p.startsWith('/services') || p.startsWith('/persons'),
    },
    (atPost || atCentre) && {
      to: '/referrals',
      label: atCentre ? t('referrals.queueMenu') : t('referrals.menu'),
      permission: 'care.read',
      current: (p) => p.startsWith('/referrals') && p !== '/referrals/figures',
    },
  ];
  return items.filter((item): item is MenuItem => !!item && hasPermission(me, item.permission));
}

function MenuLinks({ items, pathname }: { items: MenuItem[]; pathname: string }) {
  return items.map((item) => (
    <RouterNavLink
      key={item.to}
      to={item.to}
      search={{}}
      label={item.label}
      // The router marks only the exact page current; `active` also lights the section (a facility's page under "Facilities").
      activeOptions={{ exact: true, includeSearch: false }}
      active={item.current(pathname)}
    />
  ));
}

function useMenu(): MenuItem[] {
  const { t } = useTranslation();
  const me = useMe();
  const items: MenuItem[] = [
    { to: '/network', label: t('nav.network'), permission: 'network.read', current: (p) => p.startsWith('/network') },
    {
      to: '/facilities',
      label: t('nav.facilities'),
      permission: 'network.read',
      current: (p) => p.startsWith('/facilities') && p !== '/facilities/new',
    },
    {
      to: '/facilities/new',
      label: t('nav.register'),
      permission: 'network.manage',
      current: (p) => p === '/facilities/new',
    },
    { to: '/users', label: t('nav.users'), permission: 'users.read', current: (p) => p.startsWith('/users') },
    {
      to: '/referrals/figures',
      label: t('referralFigures.menu'),
      permission: 'referrals.figures',
      current: (p) => p === '/referrals/figures',
    },
  ];
  // The menu shows only what the user's roles allow; the server checks again on every request.
  return items.filter((item) => hasPermission(me, item.permission));
}

function SkipLink({ children }: { children: ReactNode }) {
  return (
    <Anchor
      href="#main"
      style={{ position: 'absolute', left: -9999, zIndex: 1000 }}
      onFocus={(event) => Object.assign(event.currentTarget.style, { left: '8px', top: '8px' })}
      onBlur={(event) => Object.assign(event.currentTarget.style, { left: '-9999px' })}
      bg="white"
      p="xs"
    >
      {children}
    </Anchor>
  );
}

/** The frame around every screen after login: header, a menu that follows the roles, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const menu = useMenu();
  const careMenu = useCareMenu();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  useEffect(close, [pathname, close]);

  const signOut = () => logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login', search: {} }) });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <SkipLink>{t('nav.skipToContent')}</SkipLink>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
            />
            <RouterAnchor to="/network" underline="never" c="teal.8" fw={700} size="xl">
              {t('app.name')}
            </RouterAnchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm" data-testid="current-user">
              {me.displayName}
            </Text>
            <Button variant="subtle" size="compact-sm" visibleFrom="sm" onClick={signOut} loading={logout.isPending}>
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* Not a landmark itself: the menus inside are, each named for what it holds. */}
      <AppShell.Navbar p="sm" role="none">
        {careMenu.length > 0 && (
          <Stack gap={2} component="nav" aria-label={t('nav.careMenu')} mb="sm">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
              {t('nav.careMenu')}
            </Text>
            <MenuLinks items={careMenu} pathname={pathname} />
            <Divider mt="xs" />
          </Stack>
        )}
        <MedicinesMenu pathname={pathname} />
        <Stack gap={2} component="nav" aria-label={t('nav.menu')}>
          <MenuLinks items={menu} pathname={pathname} />
        </Stack>
        <Stack gap="xs" mt="auto">
          <Divider />
          <Text size="sm" fw={500}>
            {me.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {[...new Set(me.roles.map((r) => t(`role.${r.role}`)))].join(', ')}
          </Text>
          <Button variant="light" size="xs" onClick={signOut} loading={logout.isPending}>
            {t('nav.logout')}
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <DemoPopulationNotice />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
