import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format';
import { currentLanguage } from '../i18n';
import type { ViewerHandle } from './PdfViewer';

export interface FindStatus {
  state: 'idle' | 'pending' | 'found' | 'notFound';
  current: number;
  total: number;
}

interface Props {
  handle: ViewerHandle;
  pageCount: number;
  pageNumber: number;
  scale: number;
  find: FindStatus;
}

function dispatchFind(eventBus: ViewerHandle['eventBus'], query: string, type: '' | 'again', findPrevious: boolean) {
  eventBus.dispatch('find', {
    source: null,
    type,
    query,
    caseSensitive: false,
    entireWord: false,
    highlightAll: true,
    findPrevious,
    matchDiacritics: false,
  });
}

/** Pages, zoom and search inside the document, driving pdf.js' viewer through its event bus. */
export function PdfToolbar({ handle, pageCount, pageNumber, scale, find }: Props) {
  const { t } = useTranslation();
  const ids = useId();
  const [pageText, setPageText] = useState(String(pageNumber));
  const [query, setQuery] = useState('');
  useEffect(() => setPageText(String(pageNumber)), [pageNumber]);
  const { pdfViewer, eventBus } = handle;

  const goTo = (page: number) => {
    if (Number.isInteger(page) && page >= 1 && page <= pageCount) pdfViewer.currentPageNumber = page;
    else setPageText(String(pageNumber));
  };

  const search = (type: '' | 'again', findPrevious = false) => dispatchFind(eventBus, query, type, findPrevious);

  // A new query starts a new search (pdf.js waits for typing to pause); an empty one clears it.
  useEffect(() => {
    if (query) dispatchFind(eventBus, query, '', false);
    else eventBus.dispatch('findbarclose', { source: null });
  }, [eventBus, query]);

  const language = currentLanguage();
  const findMessage =
    !query || find.state === 'idle'
      ? ''
      : find.state === 'pending'
        ? t('pdf.find.pending')
        : find.state === 'notFound' || find.total === 0
          ? t('pdf.find.none')
          : t('pdf.find.count', { current: find.current, total: find.total, count: find.total });

  return (
    <div className="relais-pdf__toolbar" role="toolbar" aria-label={t('pdf.toolbar')}>
      <div className="relais-pdf__group">
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-left-s-line"
          title={t('pdf.previousPage')}
          disabled={pageNumber <= 1}
          onClick={() => goTo(pageNumber - 1)}
        />
        <label htmlFor={`${ids}-page`} className="relais-pdf__label">
          {t('pdf.page')}
        </label>
        <input
          id={`${ids}-page`}
          className="fr-input relais-pdf__page-input"
          inputMode="numeric"
          value={pageText}
          onChange={(event) => setPageText(event.target.value)}
          onKeyDown={(event) => event.key === 'Enter' && goTo(Number(pageText))}
          onBlur={() => goTo(Number(pageText))}
        />
        <span className="relais-pdf__of" data-testid="pdf-page-count">
          {t('pdf.ofPages', { count: pageCount, formatted: formatCount(pageCount, language) })}
        </span>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-right-s-line"
          title={t('pdf.nextPage')}
          disabled={pageNumber >= pageCount}
          onClick={() => goTo(pageNumber + 1)}
        />
      </div>
      <div className="relais-pdf__group">
        <Button size="small" priority="tertiary" iconId="fr-icon-zoom-out-line" title={t('pdf.zoomOut')} onClick={() => pdfViewer.decreaseScale()} />
        <span className="relais-pdf__scale">
          <span className="fr-sr-only">{t('pdf.scale')}</span>
          {Math.round(scale * 100)}&nbsp;%
        </span>
        <Button size="small" priority="tertiary" iconId="fr-icon-zoom-in-line" title={t('pdf.zoomIn')} onClick={() => pdfViewer.increaseScale()} />
        <Button size="small" priority="tertiary" onClick={() => (pdfViewer.currentScaleValue = 'page-width')}>
          {t('pdf.fitWidth')}
        </Button>
        <Button size="small" priority="tertiary" onClick={() => (pdfViewer.currentScaleValue = 'page-fit')}>
          {t('pdf.fitPage')}
        </Button>
      </div>
      <div className="relais-pdf__group relais-pdf__find" role="search">
        <label htmlFor={`${ids}-find`} className="relais-pdf__label">
          {t('pdf.find.label')}
        </label>
        <input
          id={`${ids}-find`}
          className="fr-input relais-pdf__find-input"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && query) search('again', event.shiftKey);
          }}
        />
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-up-s-line"
          title={t('pdf.find.previous')}
          disabled={!query || find.total === 0}
          onClick={() => search('again', true)}
        />
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-arrow-down-s-line"
          title={t('pdf.find.next')}
          disabled={!query || find.total === 0}
          onClick={() => search('again')}
        />
        <span className="relais-pdf__find-status" role="status" data-testid="pdf-find-status">
          {findMessage}
        </span>
      </div>
    </div>
  );
}
