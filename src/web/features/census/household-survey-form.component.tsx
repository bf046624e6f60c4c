import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useCensusCodes, useSurveyHousehold } from './census.resource';
import {
  conditionRules,
  LivingConditionFields,
  NO_CONDITIONS,
  toConditions,
  type LivingConditionValues,
} from './living-conditions-fields.component';

/**
 * Surveys how a household lives when nobody had yet (a household registered for a later visit,
 * or a walk-in's): every condition at once, as the server requires.
 */
export function HouseholdSurveyForm({ householdId, onDone }: { householdId: string; onDone: () => void }) {
  const codes = useCensusCodes();
  return (
    <QueryState query={codes}>
      {(loaded) => <SurveyForm householdId={householdId} codes={loaded} onDone={onDone} />}
    </QueryState>
  );
}

function SurveyForm({
  householdId,
  codes,
  onDone,
}: {
  householdId: string;
  codes: Record<string, string[]>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const survey = useSurveyHousehold(householdId);
  const form = useForm<LivingConditionValues>({ initialValues: NO_CONDITIONS, validate: conditionRules(t) });
  const submit = form.onSubmit(
    (values) =>
      survey.mutate(toConditions(values), {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('census.surveySaved') });
          onDone();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('census.survey')}>
      <Stack gap="sm">
        <LivingConditionFields form={form} codes={codes} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={survey.isPending}>
            {t('census.saveSurvey')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
