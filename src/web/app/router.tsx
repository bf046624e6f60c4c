import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
  useNavigate,
} from '@tanstack/react-router';
import { SETTINGS, type Setting } from '../../modules/care/encounter.rules';
import { isUnauthenticated } from './api-client';
import { AppLayout } from './app-shell.component';
import {
  FacilityRegisterPage,
  FacilityStatusFormPage,
  UserListPage,
  CensusOverviewPage,
  HouseholdFormPage,
  HouseholdPage,
  PersonPage,
  EncounterFormPage,
  WorklistPage,
  MedicinesPage,
  UserFormPage,
  ReferralFormPage,
  ReferralListPage,
  ReferralPage,
  ReferralFiguresPage,
  FacilityServicesPage,
} from './lazy-pages';
import { RequirePermission } from './require-permission.component';
import { NotFoundPage, RouteErrorPage } from './route-fallbacks.component';
import { LoginPage } from '../features/auth/login.component';
import { meQueryOptions } from '../features/auth/session.resource';
import { FacilityListPage } from '../features/facilities/facility-list.component';
import { FacilityPage } from '../features/facilities/facility-page.component';
import { validateFacilitySearch } from '../features/facilities/facility-search';
import { NATION } from '../features/network/territory.resource';
import { TerritoryPage } from '../features/network/territory-page.component';
import type { CensusSearch } from '../features/census/census.resource';
import { validatePersonSearch } from '../features/census/person-search';
import { parseMedicinesView, type MedicinesView } from '../features/medicines/medicines-views';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

/** Only paths inside the app may be returned to after login, never another site. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(search.redirect);
    return target ? { redirect: target } : {};
  },
  component: function LoginRoute() {
    const { redirect: target } = loginRoute.useSearch();
    const navigate = useNavigate();
    return <LoginPage onLoggedIn={() => void navigate({ href: target ?? '/network', replace: true })} />;
  },
});

/** Everything behind the login: the shell, once we know who is there. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQueryOptions);
    } catch (error) {
      if (isUnauthenticated(error))
        throw redirect({ to: '/login', search: location.href === '/' ? {} : { redirect: location.href } });
      throw error;
    }
  },
  component: AppLayout,
  errorComponent: RouteErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/network' });
  },
});

const networkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'network',
  component: () => <TerritoryPage code={NATION} />,
});

const territoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'network/$code',
  component: function TerritoryRoute() {
    return <TerritoryPage code={territoryRoute.useParams().code} />;
  },
});

const facilitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'facilities',
  validateSearch: validateFacilitySearch,
  component: function FacilitiesRoute() {
    const search = facilitiesRoute.useSearch();
    const navigate = facilitiesRoute.useNavigate();
    return <FacilityListPage search={search} onSearchChange={(next) => void navigate({ search: next })} />;
  },
});

const registerFacilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'facilities/new',
  component: () => (
    <RequirePermission permission="network.manage">
      <FacilityRegisterPage />
    </RequirePermission>
  ),
});

const facilityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'facilities/$facilityId',
  component: function FacilityRoute() {
    return <FacilityPage facilityId={facilityRoute.useParams().facilityId} />;
  },
});

const facilityStatusRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'facilities/$facilityId/status',
  component: function FacilityStatusRoute() {
    return (
      <RequirePermission permission="network.manage">
        <FacilityStatusFormPage facilityId={facilityStatusRoute.useParams().facilityId} />
      </RequirePermission>
    );
  },
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'users',
  component: () => (
    <RequirePermission permission="users.read">
      <UserListPage />
    </RequirePermission>
  ),
});

const newUserRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'users/new',
  component: () => (
    <RequirePermission permission="users.manage">
      <UserFormPage />
    </RequirePermission>
  ),
});

const censusRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'census',
  validateSearch: (search: Record<string, unknown>): CensusSearch => ({
    ...(typeof search.q === 'string' && search.q ? { q: search.q } : {}),
    ...(typeof search.sectorId === 'string' && search.sectorId ? { sectorId: search.sectorId } : {}),
    ...(Number(search.page) > 1 ? { page: Number(search.page) } : {}),
  }),
  component: function CensusRoute() {
    const search = censusRoute.useSearch();
    const navigate = censusRoute.useNavigate();
    return (
      <RequirePermission permission="census.read">
        <CensusOverviewPage search={search} onSearchChange={(next) => void navigate({ search: next, replace: true })} />
      </RequirePermission>
    );
  },
});

const newHouseholdRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'census/households/new',
  component: () => (
    <RequirePermission permission="census.write">
      <HouseholdFormPage />
    </RequirePermission>
  ),
});

const householdRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'census/households/$householdId',
  component: function HouseholdRoute() {
    return (
      <RequirePermission permission="census.read">
        <HouseholdPage householdId={householdRoute.useParams().householdId} />
      </RequirePermission>
    );
  },
});

const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId',
  validateSearch: validatePersonSearch,
  component: function PersonRoute() {
    const search = personRoute.useSearch();
    const navigate = personRoute.useNavigate();
    return (
      <RequirePermission permission="census.read">
        <PersonPage
          personId={personRoute.useParams().personId}
          search={search}
          onSearchChange={(next) => void navigate({ search: next, replace: true, resetScroll: false })}
        />
      </RequirePermission>
    );
  },
});

const newEncounterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId/encounters/new',
  validateSearch: (search: Record<string, unknown>): { setting?: Setting } => {
    const setting = SETTINGS.find((s) => s === search.setting);
    return setting ? { setting } : {};
  },
  component: function NewEncounterRoute() {
    return (
      <RequirePermission permission="care.write">
        <EncounterFormPage
          personId={newEncounterRoute.useParams().personId}
          setting={newEncounterRoute.useSearch().setting}
        />
      </RequirePermission>
    );
  },
});

const worklistRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'worklist',
  component: () => (
    <RequirePermission permission="care.read">
      <WorklistPage />
    </RequirePermission>
  ),
});

const newReferralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'persons/$personId/referrals/new',
  component: function NewReferralRoute() {
    return (
      <RequirePermission permission="care.write">
        <ReferralFormPage personId={newReferralRoute.useParams().personId} />
      </RequirePermission>
    );
  },
});

const referralsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals',
  component: () => (
    <RequirePermission permission="care.read">
      <ReferralListPage />
    </RequirePermission>
  ),
});

const referralFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/figures',
  component: () => (
    <RequirePermission permission="referrals.figures">
      <ReferralFiguresPage />
    </RequirePermission>
  ),
});

const referralRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'referrals/$referralId',
  component: function ReferralRoute() {
    return (
      <RequirePermission permission="care.read">
        <ReferralPage referralId={referralRoute.useParams().referralId} />
      </RequirePermission>
    );
  },
});

const facilityServicesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'services',
  component: () => (
    <RequirePermission permission="care.read">
      <FacilityServicesPage />
    </RequirePermission>
  ),
});

const medicinesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'medicines/$view',
  params: {
    parse: ({ view }: { view: string }) => ({ view: parseMedicinesView(view) }),
    stringify: ({ view }: { view: MedicinesView }) => ({ view }),
  },
  validateSearch: (search: Record<string, unknown>): { facilityId?: string } =>
    typeof search.facilityId === 'string' ? { facilityId: search.facilityId } : {},
  component: function MedicinesRoute() {
    const { view } = medicinesRoute.useParams();
    return <MedicinesPage view={view} facilityId={medicinesRoute.useSearch().facilityId} />;
  },
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    networkRoute,
    territoryRoute,
    facilitiesRoute,
    registerFacilityRoute,
    facilityRoute,
    facilityStatusRoute,
    usersRoute,
    newUserRoute,
    censusRoute,
    newHouseholdRoute,
    householdRoute,
    personRoute,
    newEncounterRoute,
    worklistRoute,
    newReferralRoute,
    referralsRoute,
    referralFiguresRoute,
    referralRoute,
    facilityServicesRoute,
    medicinesRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    scrollRestoration: true,
    defaultNotFoundComponent: NotFoundPage,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
