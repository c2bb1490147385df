import { Tag } from '@codegouvfr/react-dsfr/Tag';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineView, DossierDetail } from '../../../shared/contract';
import { formatEuros } from '../../../shared/domain/money';
import { DsfrTable } from '../components/DsfrTable';
import { DueDate } from '../components/DueDate';
import { Facts } from '../components/Facts';
import { formatDate, formatDateTime, formatSiret } from '../format';
import { currentLanguage } from '../i18n';
import { InstructionFactsForm } from '../instruction/InstructionFactsForm';
import { Checks } from './Checks';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="relais-section fr-mb-4w" aria-labelledby={id}>
      <h2 id={id} className="fr-h4">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Deadline({ deadline }: { deadline: DeadlineView }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <li className="relais-deadline">
      <p className="fr-text--bold fr-mb-1v">{t(`deadlines.kind.${deadline.kind}`)}</p>
      {deadline.met ? (
        <p className="fr-mb-1v">
          {formatDate(deadline.due, language)} — {t('deadlines.met')}
        </p>
      ) : (
        <p className="fr-mb-1v">
          <DueDate due={deadline.due} daysLeft={deadline.daysLeft} t={t} language={language} />
        </p>
      )}
      <p className="fr-text--sm relais-secondary fr-mb-0">{t('deadlines.basis', { basis: deadline.basis })}</p>
    </li>
  );
}

/** `onFactsChanged`: an instruction fact was saved; the dossier (and its checks) are loaded again. */
export function SyntheseTab({ dossier, onFactsChanged }: { dossier: DossierDetail; onFactsChanged: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const euros = (cents: number) => formatEuros(cents, language);
  const { demandeur, projet, finance, dates } = dossier;
  const totalCost = finance.costLines.reduce((sum, line) => sum + line.amountCents, 0);
  const none = <span className="relais-secondary">{t('common.none')}</span>;

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <Section id="synthese-deadlines" title={t('synthese.deadlines')}>
          {dossier.deadlines.length === 0 ? (
            <p>{t('deadlines.none')}</p>
          ) : (
            <ul className="relais-plain-list">
              {dossier.deadlines.map((deadline) => (
                <Deadline key={deadline.kind} deadline={deadline} />
              ))}
            </ul>
          )}
          <p className="fr-text--sm relais-secondary">{t('deadlines.countedFrom', { date: formatDate(dossier.today, language) })}</p>
        </Section>
        <Section id="synthese-checks" title={t('checks.title')}>
          <Checks checks={dossier.checks} />
          <p className="fr-text--sm relais-secondary">{t('checks.countedFrom', { date: formatDate(dossier.today, language) })}</p>
        </Section>
        <Section id="synthese-instruction" title={t('instruction.title')}>
          <p>{t('instruction.intro')}</p>
          <InstructionFactsForm dossier={dossier} onChanged={onFactsChanged} />
        </Section>
        <Section id="synthese-demandeur" title={t('synthese.demandeur')}>
          <Facts
            facts={[
              { label: t('synthese.raisonSociale'), value: demandeur.raisonSociale },
              { label: t('synthese.siret'), value: <span className="relais-mono">{formatSiret(demandeur.siret)}</span> },
              { label: t('synthese.siren'), value: <span className="relais-mono">{demandeur.siren}</span> },
              { label: t('synthese.naf'), value: `${demandeur.nafCode} — ${demandeur.nafLabel}` },
              { label: t('synthese.size'), value: t(`sizes.${demandeur.size}`) },
              {
                label: t('synthese.address'),
                value: `${demandeur.address.line}, ${demandeur.address.postalCode} ${demandeur.address.communeName}`,
              },
            ]}
          />
        </Section>
        <Section id="synthese-procedure" title={t('synthese.procedure')}>
          <Facts
            facts={[
              { label: t('synthese.receivedAt'), value: formatDateTime(dates.receivedAt, language) },
              { label: t('synthese.arDate'), value: dates.arDate ? formatDate(dates.arDate, language) : none },
              {
                label: t('synthese.admissibilityNotifiedOn'),
                value: dates.admissibilityNotifiedOn ? formatDate(dates.admissibilityNotifiedOn, language) : none,
              },
              {
                label: t('synthese.instructor'),
                value: dossier.assignedInstructor
                  ? `${dossier.assignedInstructor.name} (${dossier.assignedInstructor.email})`
                  : none,
              },
              {
                label: t('synthese.labels'),
                value:
                  dossier.labels.length === 0 ? (
                    none
                  ) : (
                    <ul className="fr-tags-group">
                      {dossier.labels.map((label) => (
                        <li key={label}>
                          <Tag small>{label}</Tag>
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </Section>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Section id="synthese-projet" title={t('synthese.projet')}>
          <Facts
            facts={[
              { label: t('synthese.projectTitle'), value: projet.title },
              { label: t('synthese.summary'), value: <span className="relais-prewrap">{projet.summary}</span> },
              { label: t('synthese.volet'), value: t('list.filters.voletN', { volet: projet.volet }) },
              { label: t('synthese.valueChain'), value: projet.valueChain },
              {
                label: t('synthese.site'),
                value: t('synthese.siteValue', { name: projet.siteCommuneName, insee: projet.siteCommuneInsee }),
              },
              { label: t('synthese.territory'), value: projet.territoryName },
              { label: t('synthese.region'), value: projet.regionName },
              {
                label: t('synthese.planned'),
                value: t('synthese.plannedRange', {
                  start: formatDate(projet.plannedStart, language),
                  end: formatDate(projet.plannedEnd, language),
                }),
              },
            ]}
          />
        </Section>
        <Section id="synthese-montants" title={t('synthese.amounts')}>
          <Facts
            facts={[
              { label: t('synthese.amountRequested'), value: <strong>{euros(finance.amountRequestedCents)}</strong> },
              { label: t('synthese.eligibleBase'), value: euros(finance.eligibleBaseCents) },
              { label: t('synthese.totalCost'), value: euros(totalCost) },
            ]}
          />
          {finance.financingPlan.length > 0 && (
            <DsfrTable small multiline className="fr-mt-2w">
              <table>
                <caption>{t('synthese.financingPlan')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('synthese.funder')}</th>
                    <th scope="col">{t('synthese.fundingKind')}</th>
                    <th scope="col" className="relais-number">
                      {t('synthese.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {finance.financingPlan.map((source, index) => (
                    <tr key={index}>
                      <td>{source.funder}</td>
                      <td>{t(`fundingKinds.${source.kind}`)}</td>
                      <td className="relais-number">{euros(source.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </DsfrTable>
          )}
        </Section>
      </div>
    </div>
  );
}
