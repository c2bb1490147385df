import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DsPushState, DsStatus, DsSyncSummary } from '../../../shared/sync/ds-status';
import { DsfrTable } from '../components/DsfrTable';
import { Facts } from '../components/Facts';
import { formatCount, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';

const PUSH_SEVERITY: Record<DsPushState, AlertProps.Severity | 'new'> = { pending: 'new', done: 'success', review: 'warning', failed: 'error' };
const FIGURES = ['imported', 'updated', 'deleted', 'files', 'messages', 'avis', 'errors', 'pushed', 'review', 'failed', 'pending'] as const;
const COUNTS = ['dossiers', 'deleted', 'pushPending', 'pushReview', 'pushFailed'] as const;

/** Dossier number → its id in this case file, for the dossiers the desk holds. */
const LocalDossiers = createContext<ReadonlyMap<number, string>>(new Map());

/**
 * The connector's status as the hub gave it; the hub's own sentences (English, for administrators)
 * are shown as text. `local`: the dossiers it names that this case file holds, linked to their page.
 */
export function DsStatusView({ status, local }: { status: DsStatus; local: { number: number; id: string }[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (!status.configured) return <Alert severity="info" small description={t('dsDesk.states.notConfigured')} />;
  const run = status.lastRun;
  return (
    <LocalDossiers.Provider value={new Map(local.map((dossier) => [dossier.number, dossier.id]))}>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="ds-last-run">
          <h2 id="ds-last-run" className="fr-h4">
            {t('dsDesk.lastRun.title')}
          </h2>
          {run ? (
            <>
              {run.failure && <Alert className="fr-mb-2w" severity="error" small description={t('dsDesk.lastRun.failed', { message: run.failure })} />}
              <Facts
                facts={[
                  { label: t('dsDesk.lastRun.startedAt'), value: formatDateTime(run.startedAt, language) },
                  { label: t('dsDesk.lastRun.finishedAt'), value: formatDateTime(run.finishedAt, language) },
                  {
                    label: t('dsDesk.lastRun.lastSuccessAt'),
                    value: status.lastSuccessAt ? formatDateTime(status.lastSuccessAt, language) : t('dsDesk.lastRun.noSuccess'),
                  },
                ]}
              />
              {run.summary && <RunFigures summary={run.summary} />}
            </>
          ) : (
            <p>{t('dsDesk.lastRun.never')}</p>
          )}
        </section>
        <div className="fr-col-12 fr-col-md-6">
          <section className="fr-mb-4w" aria-labelledby="ds-connector">
            <h2 id="ds-connector" className="fr-h4">
              {t('dsDesk.connector.title')}
            </h2>
            <Facts
              facts={[
                { label: t('dsDesk.connector.endpoint'), value: <span className="relais-ds-endpoint">{status.endpoint}</span> },
                { label: t('dsDesk.connector.demarches'), value: status.demarches.map((number) => t('dsDesk.connector.demarche', { number })).join(', ') },
              ]}
            />
          </section>
          <section aria-labelledby="ds-counts">
            <h2 id="ds-counts" className="fr-h4">
              {t('dsDesk.counts.title')}
            </h2>
            <Facts facts={COUNTS.map((name) => ({ label: t(`dsDesk.counts.${name}`), value: <span data-count={name}>{formatCount(status.counts[name], language)}</span> }))} />
          </section>
        </div>
      </div>
      <Pushes status={status} />
      <Errors status={status} />
      <p className="fr-text--sm relais-secondary">{t('dsDesk.hubLanguage')}</p>
    </LocalDossiers.Provider>
  );
}

/** « n° 123 », a link to the dossier's page when this case file holds it. */
function DossierNumber({ number }: { number: number }) {
  const { t } = useTranslation();
  const id = useContext(LocalDossiers).get(number);
  const label = t('dsDesk.pushes.dossierNumber', { number });
  // The number stays on one line with its « n° » in the narrow column.
  return <span className="relais-ds-nowrap">{id ? <Link to={`/dossiers/${id}`}>{label}</Link> : label}</span>;
}

function RunFigures({ summary }: { summary: DsSyncSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <DsfrTable small className="fr-mt-2w">
      <table>
        <caption>{t('dsDesk.lastRun.figuresCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dsDesk.lastRun.figure')}</th>
            <th scope="col">{t('dsDesk.lastRun.count')}</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((name) => (
            <tr key={name} data-figure={name}>
              <th scope="row">{t(`dsDesk.lastRun.figures.${name}`)}</th>
              <td>{formatCount(summary[name], language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DsfrTable>
  );
}

function Pushes({ status }: { status: DsStatus }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="fr-mb-4w" aria-labelledby="ds-pushes">
      <h2 id="ds-pushes" className="fr-h4">
        {t('dsDesk.pushes.title')}
      </h2>
      <p>{t('dsDesk.pushes.intro')}</p>
      {status.pushes.length === 0 ? (
        <p>{t('dsDesk.pushes.empty')}</p>
      ) : (
        <DsfrTable multiline hideCaption>
          <table>
            <caption>{t('dsDesk.pushes.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dsDesk.pushes.number')}</th>
                <th scope="col">{t('dsDesk.pushes.kind')}</th>
                <th scope="col">{t('dsDesk.pushes.state')}</th>
                <th scope="col">{t('dsDesk.pushes.reason')}</th>
                <th scope="col">{t('dsDesk.pushes.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {status.pushes.map((push, index) => (
                <tr key={`${push.number}-${push.kind}-${index}`} data-number={push.number} data-state={push.state}>
                  <td>
                    <DossierNumber number={push.number} />
                  </td>
                  <td>{t(`dsDesk.kinds.${push.kind}`)}</td>
                  <td>
                    <Badge as="span" small noIcon severity={PUSH_SEVERITY[push.state]}>
                      {t(`dsDesk.pushStates.${push.state}`)}
                    </Badge>
                  </td>
                  <td>{push.lastError ?? t('dsDesk.none')}</td>
                  <td>{formatDateTime(push.updatedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DsfrTable>
      )}
    </section>
  );
}

function Errors({ status }: { status: DsStatus }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <section className="fr-mb-4w" aria-labelledby="ds-errors">
      <h2 id="ds-errors" className="fr-h4">
        {t('dsDesk.errors.title')}
      </h2>
      {status.errors.length === 0 ? (
        <p>{t('dsDesk.errors.empty')}</p>
      ) : (
        <DsfrTable multiline hideCaption>
          <table>
            <caption>{t('dsDesk.errors.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dsDesk.errors.at')}</th>
                <th scope="col">{t('dsDesk.errors.phase')}</th>
                <th scope="col">{t('dsDesk.errors.number')}</th>
                <th scope="col">{t('dsDesk.errors.message')}</th>
              </tr>
            </thead>
            <tbody>
              {status.errors.map((error, index) => (
                <tr key={index}>
                  <td>{formatDateTime(error.at, language)}</td>
                  <td>{t(`dsDesk.phases.${error.phase}`)}</td>
                  <td>{error.number === null ? t('dsDesk.none') : <DossierNumber number={error.number} />}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DsfrTable>
      )}
    </section>
  );
}
