import { lazy } from 'react';

// Forms and administration are fetched when first opened, so that browsing the network loads less.
export const FacilityRegisterPage = lazy(() =>
  import('../features/facilities/facility-register-form.component').then((m) => ({ default: m.FacilityRegisterPage })),
);
export const FacilityStatusFormPage = lazy(() =>
  import('../features/facilities/facility-status-form.component').then((m) => ({ default: m.FacilityStatusFormPage })),
);
export const UserListPage = lazy(() =>
  import('../features/users/user-list.component').then((m) => ({ default: m.UserListPage })),
);
export const CensusOverviewPage = lazy(() =>
  import('../features/census/census-overview.component').then((m) => ({ default: m.CensusOverviewPage })),
);
export const HouseholdFormPage = lazy(() =>
  import('../features/census/household-form.component').then((m) => ({ default: m.HouseholdFormPage })),
);
export const HouseholdPage = lazy(() =>
  import('../features/census/household-page.component').then((m) => ({ default: m.HouseholdPage })),
);
export const PersonPage = lazy(() =>
  import('../features/census/person-page.component').then((m) => ({ default: m.PersonPage })),
);
export const EncounterFormPage = lazy(() =>
  import('../features/care/encounter-form.component').then((m) => ({ default: m.EncounterFormPage })),
);
export const WorklistPage = lazy(() =>
  import('../features/worklist/worklist.component').then((m) => ({ default: m.WorklistPage })),
);
export const MedicinesPage = lazy(() =>
  import('../features/medicines/medicines-page.component').then((m) => ({ default: m.MedicinesPage })),
);
export const UserFormPage = lazy(() =>
  import('../features/users/user-form.component').then((m) => ({ default: m.UserFormPage })),
);

export const ReferralFormPage = lazy(() =>
  import('../features/referrals/referral-form.component').then((m) => ({ default: m.ReferralFormPage })),
);
export const ReferralListPage = lazy(() =>
  import('../features/referrals/referral-list.component').then((m) => ({ default: m.ReferralListPage })),
);
export const ReferralPage = lazy(() =>
  import('../features/referrals/referral-page.component').then((m) => ({ default: m.ReferralPage })),
);
export const ReferralFiguresPage = lazy(() =>
  import('../features/referrals/referral-figures.component').then((m) => ({ default: m.ReferralFiguresPage })),
);
export const FacilityServicesPage = lazy(() =>
  import('../features/cdi/facility-services.component').then((m) => ({ default: m.FacilityServicesPage })),
);
