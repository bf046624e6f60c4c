import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useServiceWrite } from './cdi.resource';

/** Submits a form to a facility's service route: a notice when saved, the server's field errors when not. */
export function useServiceSubmit<Values extends Record<string, unknown>, Body = Values>(
  path: string,
  form: UseFormReturnType<Values>,
  savedMessage: string,
  toBody: (values: Values) => Body = (values) => values as unknown as Body,
  fieldMap: Record<string, string> = {},
  onSaved: () => void = () => {},
) {
  const { t } = useTranslation();
  const record = useServiceWrite<Body>(path);
  const submit = form.onSubmit(
    (values) =>
      record.mutate(toBody(values), {
        onSuccess: () => {
          notifications.show({ color: 'green', message: savedMessage });
          form.reset();
          onSaved();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t, fieldMap),
      }),
    focusFirstInvalidField,
  );
  return { submit, pending: record.isPending };
}
