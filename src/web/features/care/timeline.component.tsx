import { Badge, Group, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { QueryState } from '../../ui/query-state.component';
import { useServiceName } from '../facilities/service-names';
import { ReferralStatusBadge } from '../referrals/referral-labels';
import { useTimeline, type TimelineEvent } from './care.resource';

/** An exam asked of a CDI or CAT, and its result once reported: what the ordering team reads. */
function ExamBody({ exam }: { exam: Extract<TimelineEvent, { kind: 'exam' }>['exam'] }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {serviceName(exam.examCode, exam.examName)} · {exam.facility.name}
        </Text>
        {exam.result ? (
          <Badge size="sm" color={exam.result.abnormal ? 'orange' : 'green'}>
            {exam.result.abnormal ? t('cdi.abnormal') : t('cdi.reported')}
          </Badge>
        ) : (
          <Badge size="sm" color="gray">
            {t('cdi.pending')}
          </Badge>
        )}
      </Group>
      {exam.result && <Text size="sm">{exam.result.text}</Text>}
      <Text size="xs" c="dimmed">
        {[
          exam.indication,
          exam.orderedBy,
          exam.result && t('timeline.resultOn', { date: formatDateTime(exam.result.reportedAt, i18n.language) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </>
  );
}

function EventBody({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  switch (event.kind) {
    case 'encounter': {
      const e = event.encounter;
      const bp = e.vitals.systolic && e.vitals.diastolic ? `${e.vitals.systolic}/${e.vitals.diastolic} mmHg` : null;
      return (
        <>
          <Text size="sm">{e.reason}</Text>
          {e.diagnoses.map((d) => (
            <Text size="sm" key={d.code}>
              <b>{d.code}</b> {d.title}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            {[bp && t('timeline.bloodPressure', { value: bp }), t(`encounter.outcomes.${e.outcome}`), e.recordedBy.name]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {e.status !== 'current' && (
            <Badge color="gray" size="sm">
              {t(`timeline.status.${e.status}`)}
            </Badge>
          )}
        </>
      );
    }
    case 'immunization':
      return (
        <Text size="sm" td={event.dose.status === 'entered_in_error' ? 'line-through' : undefined}>
          {event.dose.vaccineName} · {event.dose.doseLabel} · {t('vaccines.lot', { lot: event.dose.lot })}
        </Text>
      );
    case 'pregnancy':
      return (
        <Text size="sm">
          {t('pregnancy.expected', { date: formatDate(event.pregnancy.expectedDelivery) })} ·{' '}
          {t(`pregnancy.risks.${event.pregnancy.risk}`)}
        </Text>
      );
    case 'birth':
      return <Text size="sm">{t(`pregnancy.birthOutcomes.${event.birth.outcome}`)}</Text>;
    case 'death':
      return (
        <Text size="sm">
          <b>{event.death.cause.code}</b> {event.death.cause.title}
        </Text>
      );
    case 'referral': {
      const r = event.referral;
      return (
        <>
          <Group gap="xs" wrap="wrap">
            <RouterAnchor to="/referrals/$referralId" params={{ referralId: r.id }} size="sm">
              {t('timeline.referredTo', { facility: r.to.name, service: r.serviceName })}
            </RouterAnchor>
            <ReferralStatusBadge referral={r} />
          </Group>
          <Text size="xs" c="dimmed">
            <b>{r.icd10.code}</b> {r.icd10.title} · {r.referredBy}
          </Text>
        </>
      );
    }
    case 'exam':
      return <ExamBody exam={event.exam} />;
    case 'born':
      return event.estimated ? (
        <Text size="sm" c="dimmed">
          {t('timeline.bornEstimated')}
        </Text>
      ) : null;
  }
}

function title(event: TimelineEvent, t: (key: string) => string): string {
  if (event.kind === 'encounter') return t(`encounter.settings.${event.encounter.setting}`);
  return t(`timeline.kinds.${event.kind}`);
}

/** A person's whole story, newest first: encounters, doses, pregnancies, births, death. */
export function PersonTimeline({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(personId);
  return (
    <QueryState query={timeline}>
      {(data) => (
        <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
          {[...data.events].reverse().map((event, index) => (
            <Timeline.Item key={index} title={`${formatDate(event.date, i18n.language)} · ${title(event, t)}`}>
              <EventBody event={event} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryState>
  );
}
