import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { AnnotationsTab } from '../annotations/AnnotationsTab';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { StateBadge } from '../components/StateBadge';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { EvaluationTab } from '../evaluation/EvaluationTab';
import { DecisionTab } from '../decisions/DecisionTab';
import { DossierExportButton } from '../exports/DossierExportButton';
import { lastListSearch } from '../list/listState';
import { VisitsTab } from '../visits/VisitsTab';
import { FollowToggle } from './FollowToggle';
import { FormulaireTab } from './FormulaireTab';
import { HistoryTab } from './HistoryTab';
import { PiecesTab } from './PiecesTab';
import { MessagesTab } from '../messages/MessagesTab';
import { DsExchanges } from '../ds/DsExchanges';
import { SyntheseTab } from './SyntheseTab';

const TABS = ['synthese', 'formulaire', 'pieces', 'annotations', 'evaluation', 'visite', 'messages', 'decision', 'historique'] as const;
type TabId = (typeof TABS)[number];

export function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const dossier = useCall('dossiers.get', { id });
  const tabParam = params.get('onglet');
  const tab: TabId = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabId) : 'synthese';
  const pieceId = params.get('piece');
  const data = dossier.data;
  useDocumentTitle(data ? t('dossier.title', { number: data.number }) : t('dossier.loadingTitle'));

  // The open tab and piece are in the address, so a reload shows the same thing.
  const show = (next: { tab: TabId; piece?: string | null }) => {
    const search = new URLSearchParams();
    if (next.tab !== 'synthese') search.set('onglet', next.tab);
    if (next.piece) search.set('piece', next.piece);
    setParams(search, { replace: true });
  };

  return (
    <div className="fr-container relais-page">
      <Breadcrumb
        segments={[{ label: t('nav.dossiers'), linkProps: { to: { pathname: '/dossiers', search: lastListSearch() } } }]}
        currentPageLabel={data ? t('dossier.title', { number: data.number }) : t('dossier.loadingTitle')}
      />
      {/* One title element from loading to loaded, so the focus put on it stays there. */}
      <div className="relais-dossier-head fr-mb-3w">
        <div>
          <h1 tabIndex={-1} className="fr-h2 fr-mb-1w">
            {data ? t('dossier.title', { number: data.number }) : t('dossier.loadingTitle')}
          </h1>
          {data && (
            <>
              <p className="fr-text--lead fr-mb-1w">{data.projet.title}</p>
              <p className="fr-mb-0">
                <StateBadge state={data.state} t={t} /> <span className="fr-ml-1w">{data.demandeur.raisonSociale}</span>
              </p>
            </>
          )}
        </div>
        {data && <FollowToggle id={data.id} followed={data.followed} />}
        {data && <DossierExportButton dossierId={data.id} />}
      </div>
      {dossier.error && <ErrorAlert error={dossier.error} onRetry={dossier.reload} />}
      {!data && !dossier.error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <Tabs
            label={t('dossier.tabsLabel')}
            selectedTabId={tab}
            onTabChange={(next) => show({ tab: next as TabId, piece: next === 'pieces' ? pieceId : null })}
            tabs={[
              { tabId: 'synthese', label: t('dossier.tabs.synthese'), iconId: 'fr-icon-file-text-line' },
              { tabId: 'formulaire', label: t('dossier.tabs.formulaire'), iconId: 'fr-icon-survey-line' },
              {
                tabId: 'pieces',
                label: t('dossier.tabs.pieces', { count: data.pieces.length }),
                iconId: 'fr-icon-attachment-line',
              },
              { tabId: 'annotations', label: t('annotations.tab'), iconId: 'fr-icon-edit-line' },
              { tabId: 'evaluation', label: t('evaluation.tab'), iconId: 'fr-icon-success-line' },
              { tabId: 'visite', label: t('visits.tab'), iconId: 'fr-icon-map-pin-2-line' },
              { tabId: 'messages', label: t('messages.tab'), iconId: 'fr-icon-mail-line' },
              { tabId: 'decision', label: t('decisions.ui.tab'), iconId: 'fr-icon-edit-box-line' },
              { tabId: 'historique', label: t('history.tab'), iconId: 'fr-icon-time-line' },
            ]}
          >
            {tab === 'synthese' && <SyntheseTab dossier={data} onFactsChanged={dossier.reload} />}
            {tab === 'formulaire' && <FormulaireTab dossierId={data.id} champs={data.champs} />}
            {tab === 'pieces' && (
              <PiecesTab
                dossierId={data.id}
                pieces={data.pieces}
                openPieceId={pieceId}
                onOpen={(piece) => show({ tab: 'pieces', piece })}
                onAttached={dossier.reload}
              />
            )}
            {tab === 'annotations' && <AnnotationsTab dossierId={data.id} />}
            {tab === 'evaluation' && <EvaluationTab dossier={data} />}
            {tab === 'visite' && <VisitsTab dossierId={data.id} />}
            {tab === 'messages' && (
              <>
                <MessagesTab dossierId={data.id} />
                <DsExchanges dossier={data} />
              </>
            )}
            {tab === 'decision' && <DecisionTab dossierId={data.id} />}
            {tab === 'historique' && <HistoryTab dossierId={data.id} />}
          </Tabs>
        </>
      )}
    </div>
  );
}
