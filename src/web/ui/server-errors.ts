import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../app/api-client';

/**
 * The title and detail of an error in the person's language: the problem's stable `code` is
 * translated; the server's `detail` is kept when we have no words of our own for it.
 */
export function describeError(error: unknown, t: TFunction): { title: string; detail: string } {
  if (error instanceof ApiError && error.code) {
    const title = t(`errors.codes.${error.code}`, { defaultValue: error.problem?.title ?? t('errors.unexpected') });
    return { title, detail: error.problem?.detail ?? '' };
  }
  if (error instanceof ApiError)
    return { title: t('errors.unexpected'), detail: t('errors.httpStatus', { status: error.status }) };
  return { title: t('errors.network'), detail: t('errors.networkDetail') };
}

export function notifyError(error: unknown, t: TFunction) {
  const { title, detail } = describeError(error, t);
  notifications.show({ color: 'red', title, message: detail || title, autoClose: 10_000 });
}

/** Codes whose one field error we can say in the person's language rather than the server's. */
const FIELD_CODES = new Set([
  'DUPLICATE_FACILITY_CODE',
  'DUPLICATE_USERNAME',
  'UNKNOWN_TERRITORY',
  'TERRITORY_MISMATCH',
  'UNKNOWN_SERVICE',
  'UNKNOWN_SECTOR',
  'UNKNOWN_ASIC',
  'UNKNOWN_FACILITY',
  'STATUS_CHANGE_FORBIDDEN',
  'INVALID_ROLE_SCOPE',
]);

/**
 * Puts the problem's `errors[]` under the matching form fields. A request field maps to the form
 * field of the same name, or to its first segment (`services.2` → `services`), unless `fieldMap`
 * says otherwise. Anything that matches no field is shown as a notification.
 */
export function showServerErrors(
  error: unknown,
  form: { setErrors: (errors: Record<string, string>) => void },
  formFields: readonly string[],
  t: TFunction,
  fieldMap: Record<string, string> = {},
) {
  const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const errors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const { field, message } of fields) {
    const target =
      fieldMap[field] ?? (formFields.includes(field) ? field : formFields.find((f) => field.startsWith(`${f}.`)));
    const code = (error as ApiError).code;
    const text = code && FIELD_CODES.has(code) ? t(`errors.fields.${code}`) : message;
    if (target) errors[target] = errors[target] ? `${errors[target]} ${text}` : text;
    else unmatched.push(`${field}: ${message}`);
  }
  form.setErrors(errors);
  focusFirstInvalidField();
  if (Object.keys(errors).length === 0) notifyError(error, t);
  else if (unmatched.length > 0)
    notifications.show({ color: 'red', title: t('errors.codes.VALIDATION_FAILED'), message: unmatched.join('; ') });
}

/** Moves the keyboard focus to the first field marked invalid, so its message is seen and heard. */
export function focusFirstInvalidField() {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    // A focused select opens its list over the very message it should show.
    if (field?.getAttribute('role') !== 'combobox') field?.focus({ preventScroll: true });
  });
}
