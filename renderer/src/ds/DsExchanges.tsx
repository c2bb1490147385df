import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contract';
import type { DsAvis, DsMessage } from '../../../shared/domain/dossier';
import { Facts } from '../components/Facts';
import { formatDate, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { plainText } from './plainText';
import './ds.css';

/**
 * « Échanges sur Démarches Simplifiées »: the messages and expert opinions of the dossier on DS,
 * and the date silence becomes a decision, as the hub imported them. Read-only; every text is
 * shown as plain text (never the applicant's HTML). Nothing for a dossier that did not come from DS.
 */
export function DsExchanges({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const exchanges = dossier.exchanges;
  const svaSvr = dossier.dates.svaSvrDecisionOn ?? null;
  if (!exchanges && !svaSvr) return null;
  return (
    <section className="relais-ds-exchanges fr-mt-6w" aria-labelledby="ds-exchanges">
      <h2 id="ds-exchanges" className="fr-h4">
        {t('dsExchanges.title')}
      </h2>
      <p>{t('dsExchanges.intro')}</p>
      {svaSvr && (
        <>
          <Facts facts={[{ label: t('dsExchanges.svaSvr'), value: <span id="ds-sva-svr">{formatDate(svaSvr, language)}</span> }]} />
          <p className="fr-text--sm relais-secondary">{t('dsExchanges.svaSvrHint')}</p>
        </>
      )}
      {exchanges && (
        <>
          <section aria-labelledby="ds-exchanges-messages" className="fr-mb-4w">
            <h3 id="ds-exchanges-messages" className="fr-h5">
              {t('dsExchanges.messages.title')}
            </h3>
            {exchanges.messages.length === 0 ? (
              <p>{t('dsExchanges.messages.empty')}</p>
            ) : (
              <ul className="relais-plain-list">
                {exchanges.messages.map((message) => (
                  <ExchangeMessage key={message.id} message={message} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="ds-exchanges-avis">
            <h3 id="ds-exchanges-avis" className="fr-h5">
              {t('dsExchanges.avis.title')}
            </h3>
            {exchanges.avis.length === 0 ? (
              <p>{t('dsExchanges.avis.empty')}</p>
            ) : (
              <ul className="relais-plain-list">
                {exchanges.avis.map((avis) => (
                  <ExchangeAvis key={avis.id} avis={avis} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}

function Card({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <li className="fr-card fr-card--no-arrow fr-mb-2w">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h4 className="fr-card__title fr-text--md">{heading}</h4>
          <div className="fr-card__desc">{children}</div>
        </div>
      </div>
    </li>
  );
}

function Attachments({ names }: { names: string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return <p className="fr-text--sm fr-mt-1w fr-mb-0">{t('dsExchanges.attachments', { names: names.join(', ') })}</p>;
}

function ExchangeMessage({ message }: { message: DsMessage }) {
  const { t } = useTranslation();
  const date = formatDateTime(message.at, currentLanguage());
  return (
    <Card heading={t('dsExchanges.messages.heading', { from: message.from, date })}>
      <p className="relais-ds-text">{plainText(message.body)}</p>
      <Attachments names={message.attachments} />
    </Card>
  );
}

function ExchangeAvis({ avis }: { avis: DsAvis }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Card heading={t('dsExchanges.avis.heading', { date: formatDateTime(avis.askedAt, language) })}>
      <Facts
        facts={[
          { label: t('dsExchanges.avis.expert'), value: avis.expert ?? t('dsExchanges.avis.noExpert') },
          { label: t('dsExchanges.avis.question'), value: <span className="relais-ds-text">{plainText(avis.question)}</span> },
          ...(avis.answeredAt ? [{ label: t('dsExchanges.avis.answeredAt'), value: formatDateTime(avis.answeredAt, language) }] : []),
          {
            label: t('dsExchanges.avis.answer'),
            value: avis.answer === null ? t('dsExchanges.avis.noAnswer') : <span className="relais-ds-text">{plainText(avis.answer)}</span>,
          },
        ]}
      />
      <Attachments names={avis.attachments} />
    </Card>
  );
}
