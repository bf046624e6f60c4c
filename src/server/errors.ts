/**
 * The one registry of coded errors. Each code has an HTTP status and a default message; the
 * error handler turns an AppError into RFC 9457 problem+json with the code as a stable member.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, title: 'The request has invalid fields' },
  MALFORMED_BODY: { status: 400, title: 'The request body is not valid JSON' },
  UNKNOWN_TERRITORY: { status: 422, title: 'Unknown territory code' },
  TERRITORY_MISMATCH: { status: 422, title: 'The territory codes do not belong together' },
  UNKNOWN_SERVICE: { status: 422, title: 'Unknown service code' },
  UNKNOWN_SECTOR: { status: 422, title: 'Unknown sector' },
  UNKNOWN_ASIC: { status: 422, title: 'Unknown ASIC' },
  UNKNOWN_FACILITY: { status: 422, title: 'Unknown facility' },
  DUPLICATE_FACILITY_CODE: { status: 409, title: 'A facility with this code already exists' },
  DUPLICATE_ASIC_CODE: { status: 409, title: 'An ASIC with this code already exists' },
  DUPLICATE_SECTOR: { status: 409, title: 'This parish already has a sector with this name' },
  DUPLICATE_USERNAME: { status: 409, title: 'This username is taken' },
  STATUS_CHANGE_FORBIDDEN: { status: 422, title: 'The facility lifecycle does not allow this status change' },
  INVALID_ROLE_SCOPE: { status: 422, title: 'This role cannot be given with this scope' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  PERSON_NOT_FOUND: { status: 404, title: 'Person not found' },
  HOUSEHOLD_NOT_FOUND: { status: 404, title: 'Household not found' },
  ENCOUNTER_NOT_FOUND: { status: 404, title: 'Encounter not found' },
  PREGNANCY_NOT_FOUND: { status: 404, title: 'Pregnancy not found' },
  DUPLICATE_CANDIDATE_NOT_FOUND: { status: 404, title: 'Possible duplicate not found' },
  IMPLAUSIBLE_VITAL_SIGN: { status: 422, title: 'A vital sign is outside the plausible range' },
  UNKNOWN_DIAGNOSIS: { status: 422, title: 'Unknown CIE-10 code' },
  UNKNOWN_VACCINE: { status: 422, title: 'Unknown vaccine or dose' },
  DOSE_ALREADY_GIVEN: { status: 409, title: 'This dose was already given' },
  DOSE_NOT_DUE: { status: 422, title: 'This dose cannot be given yet' },
  NOT_ELIGIBLE_FOR_PREGNANCY: { status: 422, title: 'This person cannot be pregnant by record' },
  PREGNANCY_ALREADY_ONGOING: { status: 409, title: 'This person already has an ongoing pregnancy' },
  PERSON_DECEASED: { status: 422, title: 'This person is recorded as deceased' },
  IMMUNIZATION_NOT_FOUND: { status: 404, title: 'Immunization not found' },
  ALREADY_AMENDED: { status: 409, title: 'This record was already amended; amend its latest version' },
  DIAGNOSIS_NOT_FOR_SEX: { status: 422, title: 'This CIE-10 code does not apply to the person’s sex' },
  PREGNANCY_ENDED: { status: 409, title: 'This pregnancy has already ended' },
  GESTATIONAL_AGE_MISMATCH: { status: 422, title: 'The gestational age does not match the last menstrual period' },
  DUPLICATE_NATIONAL_ID: { status: 409, title: 'Another person has this national id' },
  NOT_A_POST: { status: 422, title: 'Households are registered at a primary-care post' },
  UNKNOWN_FAMILY: { status: 422, title: 'The family is not in this household' },
  PERSON_MERGED: { status: 422, title: 'This person was merged into another record' },
  CLASSIFICATION_INCONSISTENT: { status: 422, title: 'The dispensary group does not fit what is recorded' },
  DUPLICATE_ALREADY_RESOLVED: { status: 409, title: 'This possible duplicate was already resolved' },
  REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found' },
  REFERRAL_TO_SAME_FACILITY: { status: 422, title: 'A referral goes to another facility than the one referring' },
  FACILITY_NOT_OPERATING: { status: 422, title: 'The facility is not operating' },
  SERVICE_NOT_OFFERED: { status: 422, title: 'The facility does not offer this service' },
  REFERRAL_STEP_NOT_ALLOWED: { status: 409, title: 'The referral is not at a step that allows this' },
  EXAM_ORDER_NOT_FOUND: { status: 404, title: 'No such exam was ordered' },
  EXAM_ALREADY_REPORTED: { status: 409, title: 'This exam already has its result' },
  NOT_AN_EXAM: { status: 422, title: 'This service is not an exam of the catalog' },
  EXAM_OUTSIDE_NETWORK: { status: 422, title: 'This exam is done at the ASIC’s CDI or at a CAT of the state' },
  DELIVERY_ALREADY_RECORDED: { status: 409, title: 'The delivery of this pregnancy is already recorded' },
  UNIT_FULL: { status: 409, title: 'Every bed of this unit is occupied' },
  ADMISSION_NOT_FOUND: { status: 404, title: 'Admission not found' },
  ALREADY_ADMITTED: { status: 409, title: 'This person is already admitted' },
  ALREADY_DISCHARGED: { status: 409, title: 'This admission has already ended' },
  DISCHARGE_BEFORE_ADMISSION: { status: 422, title: 'The discharge cannot be before the admission' },
  REHAB_PLAN_NOT_FOUND: { status: 404, title: 'Rehabilitation plan not found' },
  REHAB_PLAN_CLOSED: { status: 409, title: 'This rehabilitation plan has ended' },
  MODALITY_NOT_IN_PLAN: { status: 422, title: 'This modality is not in the plan' },
  STOCK_FACILITY_NOT_FOUND: { status: 404, title: 'Facility not found among those whose stock you keep' },
  UNKNOWN_MEDICINE: { status: 422, title: 'This medicine is not in the essential-medicines module' },
  UNKNOWN_LOT: { status: 422, title: 'No such lot in this facility’s stock' },
  LOT_OF_ANOTHER_MEDICINE: { status: 422, title: 'This lot belongs to another medicine' },
  LOT_EXPIRY_MISMATCH: { status: 422, title: 'This lot is already held with another expiry date' },
  LOT_EXPIRED: { status: 422, title: 'This lot has expired and cannot be dispensed or moved' },
  NOT_ENOUGH_STOCK: { status: 409, title: 'Not enough stock in this lot' },
  QUANTITY_MISMATCH: { status: 422, title: 'The quantities do not add up' },
  REASON_REQUIRED: { status: 422, title: 'Give the coded reason' },
  APPROVER_REQUIRED: { status: 422, title: 'A difference needs who approved it' },
  APPROVER_NOT_ELIGIBLE: { status: 422, title: 'This person cannot approve stock differences here' },
  PRESCRIPTION_NOT_FOUND: { status: 404, title: 'Prescription not found' },
  PRESCRIPTION_ALREADY_DISPENSED: { status: 409, title: 'This prescription was already dispensed' },
  TRANSFER_NOT_FOUND: { status: 404, title: 'Transfer not found' },
  TRANSFER_SETTLED: { status: 409, title: 'This transfer was already received or reported lost' },
  PACKAGE_NOT_FOUND: { status: 404, title: 'Family package not found' },
  PACKAGE_SETTLED: { status: 409, title: 'This family package was already delivered or reported not delivered' },
  CONFLICT: { status: 409, title: 'The record was changed or created at the same time by someone else; try again' },
  FACILITY_NOT_FOUND: { status: 404, title: 'Facility not found' },
  TERRITORY_NOT_FOUND: { status: 404, title: 'Territory not found' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  TOKEN_NOT_FOUND: { status: 404, title: 'API token not found' },
  UNAUTHENTICATED: { status: 401, title: 'Log in to continue' },
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong username or password' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many failed logins; wait and try again' },
  NOT_PERMITTED: { status: 403, title: 'Not permitted' },
  CROSS_SITE_REQUEST: { status: 403, title: 'Cross-site request refused' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Send the body as application/json' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  /** Dotted path of the offending field in the request, e.g. `parishCode` or `services.2`. */
  field: string;
  message: string;
  /** What is wrong, for translation: a zod issue code (`too_small`, `invalid_type`, …) or an error code. */
  code?: string;
}

export class AppError extends Error {
  readonly status: number;
  /**
   * @param extensions members the problem carries besides the standard ones (RFC 9457 §3.2), e.g.
   *   the person who already holds a national id, when the caller may see them.
   */
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly fields: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.status = ERRORS[code].status;
  }
}

/** Shorthand for a 4xx about a single field. */
export function fieldError(code: ErrorCode, field: string, message: string): AppError {
  return new AppError(code, message, [{ field, message, code }]);
}

export interface Problem {
  /** Extension members of a particular error (RFC 9457 §3.2). */
  [extension: string]: unknown;
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export function toProblem(error: AppError, requestId: string): Problem {
  return {
    ...error.extensions,
    type: `urn:adentro:problem:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: ERRORS[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.message,
    instance: `urn:adentro:request:${requestId}`,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}
