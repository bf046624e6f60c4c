import { AppError, ERRORS, type ErrorCode, type FieldError } from './errors';

/**
 * Who may do what, decided here and nowhere else. Handlers never check roles themselves: they
 * call a service with the request's Access, and the service asks it.
 */
export const ROLES = [
  'national_admin',
  'territory_coordinator',
  'facility_clinician',
  'nurse',
  'pharmacist',
  'registrar',
  'committee_member',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles held at one facility; the others are held over a territory. */
export const FACILITY_ROLES: ReadonlySet<Role> = new Set([
  'facility_clinician',
  'nurse',
  'pharmacist',
  'registrar',
  'committee_member',
]);

export type Permission =
  | 'network.read' // territory tree, facility registry
  | 'network.manage' // register and amend facilities, change status, sectors, ASICs
  | 'users.read'
  | 'users.manage'
  | 'audit.read' // ledger verification, denied-access log
  | 'tokens.own' // create and revoke one's own API tokens
  | 'census.read' // a post's households and people (facility roles, at their own facility)
  | 'census.write'
  | 'census.merge' // resolve possible duplicate persons
  | 'care.read' // clinical records: encounters, immunizations, pregnancies
  | 'care.write'
  | 'reads.audit' // who looked at a person's record
  | 'referrals.figures' // referral and tier II–IV figures of a territory (aggregates, no records)
  | 'medicines.read' // a facility's stock, its dispensing queue (facility roles, at their own facility)
  | 'medicines.write' // receive, transfer, dispense, adjust and count a facility's stock
  | 'medicines.approve' // approve the differences of a physical count
  | 'medicines.oversee'; // availability, stock-outs and count differences across a territory

const GRANTS: Record<Role, readonly Permission[]> = {
  national_admin: [
    'network.read',
    'network.manage',
    'users.read',
    'users.manage',
    'audit.read',
    'tokens.own',
    'referrals.figures',
    'medicines.oversee',
  ],
  territory_coordinator: [
    'network.read',
    'network.manage',
    'users.read',
    'users.manage',
    'tokens.own',
    'referrals.figures',
    'medicines.approve',
    'medicines.oversee',
  ],
  auditor: [
    'network.read',
    'users.read',
    'audit.read',
    'tokens.own',
    'reads.audit',
    'referrals.figures',
    'medicines.oversee',
  ],
  facility_clinician: [
    'network.read',
    'tokens.own',
    'census.read',
    'census.write',
    'care.read',
    'care.write',
    'reads.audit',
    'medicines.read',
    'medicines.write',
    'medicines.approve',
  ],
  nurse: [
    'network.read',
    'tokens.own',
    'census.read',
    'census.write',
    'care.read',
    'care.write',
    'reads.audit',
    'medicines.read',
    'medicines.write',
  ],
  pharmacist: ['network.read', 'tokens.own', 'medicines.read', 'medicines.write', 'medicines.approve'],
  registrar: ['network.read', 'tokens.own', 'census.read', 'census.write', 'census.merge', 'reads.audit'],
  committee_member: ['network.read', 'tokens.own'],
};

export const NATION = 'VE';

export interface Assignment {
  id: string;
  role: Role;
  facilityName: string | null;
  /** The kind of the facility of a facility role (a post, a CDI, a hospital…); null for a territory role. */
  facilityKind?: string | null;
  facilityId: string | null;
  /** For a facility role: the facility's parish code; for a territory role: its territory. */
  territoryCode: string;
  territoryName: string;
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  locale: string;
}

/** True when `code` is `scope` or lies inside it (codes nest: VE-A-01-22 is inside VE-A-01). */
export function territoryContains(scope: string, code: string): boolean {
  return scope === NATION || code === scope || code.startsWith(`${scope}-`);
}

/** A record of a refused access, written to the denied-access log by the error handler. */
export class AccessDenied extends AppError {
  constructor(
    code: ErrorCode,
    readonly reason: string,
    fields: FieldError[] = [],
  ) {
    super(code, undefined, fields);
  }
}

export class Access {
  constructor(
    readonly actor: Actor,
    readonly assignments: readonly Assignment[],
  ) {}

  get userId(): string {
    return this.actor.id;
  }

  permissions(): Permission[] {
    return [...new Set(this.assignments.flatMap((a) => GRANTS[a.role]))];
  }

  can(permission: Permission): boolean {
    return this.assignments.some((a) => GRANTS[a.role].includes(permission));
  }

  /** The territories over which the user holds a permission. */
  territoriesFor(permission: Permission): string[] {
    return this.assignments.filter((a) => GRANTS[a.role].includes(permission)).map((a) => a.territoryCode);
  }

  /** Whether the permission holds for something located at `territoryCode`. */
  canAt(permission: Permission, territoryCode: string): boolean {
    return this.territoriesFor(permission).some((scope) => territoryContains(scope, territoryCode));
  }

  /** Throws NOT_PERMITTED (logged) unless the user holds the permission somewhere. */
  require(permission: Permission): void {
    if (!this.can(permission)) throw new AccessDenied('NOT_PERMITTED', `lacks ${permission}`);
  }

  /**
   * Whether the permission is held through a role at this very facility. Clinical and census
   * records are seen by the care team of the person's post, not by territory roles, which see
   * aggregates (DESIGN §3.5).
   */
  canAtFacility(permission: Permission, facilityId: string): boolean {
    return this.assignments.some((a) => a.facilityId === facilityId && GRANTS[a.role].includes(permission));
  }

  /** The facilities at which the user holds a permission through a facility role. */
  facilitiesFor(permission: Permission): string[] {
    return this.assignments
      .filter((a) => a.facilityId !== null && GRANTS[a.role].includes(permission))
      .map((a) => a.facilityId!);
  }

  /**
   * Throws the not-found code (logged) unless the permission is held at the facility; `field`,
   * when given, is the request field the error names.
   */
  requireAtFacility(permission: Permission, facilityId: string, hidden: ErrorCode, field?: string): void {
    if (this.canAtFacility(permission, facilityId)) return;
    const named = field ? [{ field, message: ERRORS[hidden].title, code: hidden }] : [];
    throw new AccessDenied(hidden, `${permission} outside the care team`, named);
  }

  /**
   * Throws unless the permission holds at the territory. `hidden` is the not-found code to answer
   * with when the record itself must not be revealed; otherwise NOT_PERMITTED.
   */
  requireAt(permission: Permission, territoryCode: string, hidden?: ErrorCode): void {
    if (this.canAt(permission, territoryCode)) return;
    throw new AccessDenied(hidden ?? 'NOT_PERMITTED', `${permission} outside scope`);
  }
}
