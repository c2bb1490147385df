import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueuedDecision } from '../../../shared/channels/decisions';
import { formatEuros } from '../../../shared/domain/money';
import { useCall } from '../api/useCall';
import { DsfrTable } from '../components/DsfrTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatCount, formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ProposalReview } from './ProposalReview';
import { SignDialog } from './SignDialog';
import './decisions.css';

/**
 * « À signer »: the proposed decisions, oldest proposal first. The signataire opens one to read
 * its PDF and sign it or send it back, or ticks several and signs them with one PIN entry.
 */
export function ToSignPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queue = useCall('decisions.queue', {});
  const role = useCall('decisions.role', {});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [openId, setOpenId] = useState<string>();
  const [signing, setSigning] = useState<readonly QueuedDecision[]>();
  const [sentBack, setSentBack] = useState<string>();
  const countRef = useRef<HTMLParagraphElement>(null);
  useDocumentTitle(t('decisions.ui.toSign.title'));

  const items = queue.data ?? [];
  const ticked = items.filter((item) => selected.has(item.decision.id));
  const open = items.find((item) => item.decision.id === openId);
  const allTicked = items.length > 0 && ticked.length === items.length;
  const labelOf = (item: QueuedDecision) =>
    t('decisions.ui.toSign.itemLabel', { type: t(`decisions.types.${item.decision.content.type}`), number: item.dossierNumber, company: item.company });

  const toggle = (id: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const refresh = () => {
    setSelected(new Set());
    setOpenId(undefined);
    queue.reload();
    // The reviewed proposal has left the list: the focus goes back to what the list now holds.
    countRef.current?.focus();
  };

  return (
    <div className="fr-container relais-page">
      <h1 tabIndex={-1} className="fr-h2">
        {t('decisions.ui.toSign.title')}
      </h1>
      <p>{t('decisions.ui.toSign.intro')}</p>
      {role.data?.role === 'instructeur' && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description={
            <>
              {t('decisions.ui.toSign.notSigner')} <Link to="/parametres">{t('decisions.ui.toSign.settingsLink')}</Link>
            </>
          }
        />
      )}
      {queue.error && <ErrorAlert error={queue.error} onRetry={queue.reload} />}
      {queue.loading && !queue.data && <p role="status">{t('common.loading')}</p>}
      {queue.data && (
        <>
          <p role="status" ref={countRef} tabIndex={-1} className="fr-text--lg fr-mb-1w">
            {sentBack && `${t('decisions.ui.toSign.sentBackDone', { label: sentBack })} `}
            {t('decisions.ui.toSign.count', { count: items.length, formatted: formatCount(items.length, language) })}
          </p>
          {items.length > 0 && (
            <>
              <div className="relais-to-sign__actions fr-mb-1w">
                <Button iconId="fr-icon-edit-line" disabled={ticked.length === 0} onClick={() => setSigning(ticked)}>
                  {t('decisions.ui.toSign.signSelected', { count: ticked.length })}
                </Button>
              </div>
              <DsfrTable multiline>
                <table>
                  <caption>{t('decisions.ui.toSign.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="relais-to-sign__tick">
                        <TickBox
                          id="to-sign-all"
                          label={t('decisions.ui.toSign.selectAll')}
                          checked={allTicked}
                          onChange={() => setSelected(allTicked ? new Set() : new Set(items.map((item) => item.decision.id)))}
                        />
                      </th>
                      <th scope="col">{t('decisions.ui.toSign.columns.decision')}</th>
                      <th scope="col">{t('decisions.ui.toSign.columns.dossier')}</th>
                      <th scope="col" className="relais-number">
                        {t('decisions.ui.toSign.columns.amount')}
                      </th>
                      <th scope="col">{t('decisions.ui.toSign.columns.proposedAt')}</th>
                      <th scope="col">
                        <span className="fr-sr-only">{t('decisions.ui.columns.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => {
                      const { decision } = item;
                      return (
                        <tr key={decision.id} aria-current={decision.id === openId ? 'true' : undefined}>
                          <td className="relais-to-sign__tick">
                            <TickBox id={`to-sign-${decision.id}`} label={t('decisions.ui.toSign.select', { label: labelOf(item) })} checked={selected.has(decision.id)} onChange={() => toggle(decision.id)} />
                          </td>
                          <td>
                            {t(`decisions.types.${decision.content.type}`)}
                            <span className="relais-block fr-text--sm fr-mb-0 relais-secondary">{decision.content.reference}</span>
                          </td>
                          <td>
                            <Link to={`/dossiers/${decision.dossierId}?onglet=decision&decision=${decision.id}`}>{t('decisions.ui.toSign.dossierLink', { number: item.dossierNumber })}</Link>
                            <span className="relais-block">{item.company}</span>
                            <span className="relais-block fr-text--sm fr-mb-0 relais-secondary">{item.project}</span>
                          </td>
                          <td className="relais-number">{decision.content.type === 'attribution' ? formatEuros(decision.content.amountCents, language) : '—'}</td>
                          <td>{decision.proposedAt && formatDateTime(decision.proposedAt, language)}</td>
                          <td>
                            <Button
                              size="small"
                              priority={decision.id === openId ? 'primary' : 'secondary'}
                              onClick={() => setOpenId(decision.id)}
                              // The row shows which decision; the name says it to who does not see the row.
                              nativeButtonProps={{ 'aria-label': t('decisions.ui.toSign.review', { label: labelOf(item) }) }}
                            >
                              {t('decisions.ui.toSign.reviewShort')}
                            </Button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </DsfrTable>
            </>
          )}
        </>
      )}
      {open && (
        <ProposalReview
          key={open.decision.id}
          item={open}
          label={labelOf(open)}
          onSign={() => setSigning([open])}
          onSentBack={() => {
            setSentBack(labelOf(open));
            refresh();
          }}
        />
      )}
      {signing && (
        <SignDialog
          decisions={signing.map((item) => ({ id: item.decision.id, label: labelOf(item) }))}
          onClose={(signedAny) => {
            setSigning(undefined);
            setSentBack(undefined);
            if (signedAny) refresh();
          }}
        />
      )}
    </div>
  );
}

/** A DSFR checkbox whose label is read but not shown (the row says what it ticks). */
function TickBox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: () => void }) {
  return (
    <div className="fr-checkbox-group fr-checkbox-group--sm">
      <input type="checkbox" id={id} checked={checked} onChange={onChange} />
      <label className="fr-label" htmlFor={id}>
        <span className="fr-sr-only">{label}</span>
      </label>
    </div>
  );
}
