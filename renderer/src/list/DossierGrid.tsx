import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/contract';
import type { DossierRow, SortColumn } from '../../../shared/contract';
import { daysBetween, parisDate } from '../../../shared/domain/dates';
import { formatEuros } from '../../../shared/domain/money';
import { DueDate } from '../components/DueDate';
import { Snippet } from '../components/Snippet';
import { StateBadge } from '../components/StateBadge';
import { currentLanguage } from '../i18n';
import { CheckBadges } from './CheckBadges';
import { isSelected, type Selection } from './selection';
import './list.css';
import type { ListState } from './listState';
import type { DossierPages } from './useDossierPages';

const ROW_HEIGHT = 64;
/** With a search, each row has room for two lines of the matched text. */
const ROW_HEIGHT_WITH_SNIPPET = 92;
const SORTABLE: readonly SortColumn[] = ['number', 'demandeur', 'projet', 'territoire', 'montant', 'etat', 'echeance'];
/** The legal checks' column: shown, filtered on the side, not sorted. */
type GridColumn = SortColumn | 'controles';
const COLUMNS: readonly GridColumn[] = [...SORTABLE, 'controles'];

function isSortable(column: GridColumn): column is SortColumn {
  return column !== 'controles';
}

interface Props {
  pages: DossierPages;
  sort: ListState['sort'];
  onSort: (column: SortColumn) => void;
  onOpen: (id: string) => void;
  /** Where to put the list back once its first page is there (a reload, a return). */
  initialScroll: number;
  onScroll: (offset: number) => void;
  labelledBy: string;
  describedBy: string;
  /** Rows show where the full-text search matched. */
  searching: boolean;
  selection: Selection;
  onToggleRow: (id: string) => void;
}

/**
 * The dossiers as an ARIA grid: one row per dossier, only the visible ones in the document.
 * The keyboard moves an active row (arrows, Page Up/Down, Home/End), Space ticks it for a bulk
 * action and Enter opens it.
 */
export function DossierGrid({ pages, sort, onSort, onOpen, initialScroll, onScroll, labelledBy, describedBy, searching, selection, onToggleRow }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(48);
  const [active, setActive] = useState(0);
  const restoreRef = useRef(initialScroll);
  const { total, loading, row, ensureRows } = pages;

  useLayoutEffect(() => {
    if (headRef.current) setHeadHeight(headRef.current.offsetHeight);
  }, []);

  const rowHeight = searching ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  useEffect(() => {
    if (total > 0) ensureRows(firstIndex, lastIndex);
  }, [ensureRows, firstIndex, lastIndex, total]);

  // A new list (other filters, sort or search) starts at its top; the first one where it was left.
  const firstListRef = useRef(true);
  useEffect(() => {
    if (loading) return;
    if (firstListRef.current) {
      firstListRef.current = false;
      if (restoreRef.current > 0) virtualizer.scrollToOffset(restoreRef.current);
      return;
    }
    setActive(0);
    virtualizer.scrollToOffset(0);
  }, [loading, row, virtualizer]);

  const focusRow = useCallback((index: number, framesLeft = 12) => {
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-row-focus]`);
    if (cell) cell.focus({ preventScroll: true });
    else if (framesLeft > 0) requestAnimationFrame(() => focusRow(index, framesLeft - 1));
  }, []);

  const moveTo = (index: number) => {
    if (total === 0) return;
    const target = Math.max(0, Math.min(total - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusRow(target);
  };

  const visibleRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target instanceof HTMLElement) || !event.target.hasAttribute('data-row-focus')) return;
    const moves: Record<string, number | undefined> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + visibleRows,
      PageUp: active - visibleRows,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const dossier = row(active);
      if (dossier) {
        event.preventDefault();
        if (event.key === 'Enter') onOpen(dossier.id);
        else onToggleRow(dossier.id);
      }
    }
  };

  // The active row is the grid's one tab stop; when it is scrolled away, the first row shown is.
  const tabStop = active >= firstIndex && active <= lastIndex ? active : firstIndex;
  const today = parisDate(new Date());
  const language = currentLanguage();

  return (
    <div
      ref={scrollRef}
      className={`relais-grid relais-grid--checks${searching ? ' relais-grid--search' : ''}`}
      role="grid"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-rowcount={total + 1}
      aria-colcount={COLUMNS.length}
      aria-busy={loading}
      aria-multiselectable="true"
      onScroll={(event) => onScroll(event.currentTarget.scrollTop)}
    >
      <div ref={headRef} className="relais-grid__head" role="rowgroup">
        <div className="relais-grid__row" role="row" aria-rowindex={1}>
          {COLUMNS.map((column, index) => {
            const sorted = sort.column === column;
            if (!isSortable(column)) {
              return (
                <div key={column} className={`relais-grid__cell relais-grid__cell--${column}`} role="columnheader" aria-colindex={index + 1}>
                  <span className="relais-grid__heading">{t(`listChecks.column`)}</span>
                </div>
              );
            }
            return (
              <div
                key={column}
                className={`relais-grid__cell relais-grid__cell--${column}`}
                role="columnheader"
                aria-colindex={index + 1}
                aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="relais-grid__sort" onClick={() => onSort(column)}>
                  {t(`list.columns.${column}`)}
                  <span
                    aria-hidden="true"
                    className={`fr-icon--sm ${
                      sorted
                        ? sort.direction === 'asc'
                          ? 'fr-icon-arrow-up-line'
                          : 'fr-icon-arrow-down-line'
                        : 'fr-icon-arrow-up-down-line relais-grid__sort-idle'
                    }`}
                  />
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="relais-grid__body"
        role="rowgroup"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => {
          const dossier = row(item.index);
          return (
          <GridRow
            key={item.key}
            index={item.index}
            top={item.start - headHeight}
            dossier={dossier}
            active={item.index === active}
            tabStop={item.index === tabStop}
            today={today}
            t={t}
            language={language}
            onActivate={setActive}
            onOpen={onOpen}
            selected={dossier ? isSelected(selection, dossier.id) : false}
            selectionLocked={selection.all}
            onToggle={onToggleRow}
          />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  top: number;
  dossier: DossierRow | undefined;
  active: boolean;
  tabStop: boolean;
  today: string;
  t: TFunction;
  language: Language;
  onActivate: (index: number) => void;
  onOpen: (id: string) => void;
  selected: boolean;
  /** Every dossier matching is selected: single rows cannot be unticked. */
  selectionLocked: boolean;
  onToggle: (id: string) => void;
}

const GridRow = memo(function GridRow({ index, top, dossier, active, tabStop, today, t, language, onActivate, onOpen, selected, selectionLocked, onToggle }: RowProps) {
  const cells = dossier
    ? [
        <>
          <input
            type="checkbox"
            className="relais-grid__select"
            tabIndex={-1}
            checked={selected}
            disabled={selectionLocked}
            aria-label={t('bulk.selectRow', { number: dossier.number })}
            onClick={(event) => event.stopPropagation()}
            onChange={() => onToggle(dossier.id)}
          />
          <span>{dossier.number}</span>
          {dossier.followed && (
            <span className="fr-icon-star-fill fr-icon--sm relais-followed" title={t('list.followed')}>
              <span className="fr-sr-only">{t('list.followed')}</span>
            </span>
          )}
        </>,
        <span className="relais-ellipsis" title={dossier.demandeur}>
          {dossier.demandeur}
        </span>,
        <>
          <span className="relais-ellipsis" title={dossier.projet}>
            {dossier.projet}
          </span>
          {dossier.snippet && <Snippet className="relais-snippet" snippet={dossier.snippet} />}
        </>,
        <>
          <span className="relais-ellipsis">{dossier.territoryName}</span>
          <span className="relais-ellipsis relais-secondary">{dossier.regionName}</span>
        </>,
        formatEuros(dossier.amountRequestedCents, language),
        <StateBadge state={dossier.state} t={t} />,
        dossier.dueDate ? (
          <DueDate due={dossier.dueDate} daysLeft={daysBetween(today, dossier.dueDate)} t={t} language={language} />
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="fr-sr-only">{t('list.noDeadline')}</span>
          </>
        ),
        <CheckBadges checks={dossier.checks} t={t} />,
      ]
    : COLUMNS.map((_, column) => (column === 0 ? <span className="relais-secondary">{t('common.loading')}</span> : null));

  return (
    <div
      className={`relais-grid__row relais-grid__row--body${active ? ' relais-grid__row--active' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => {
        onActivate(index);
        if (dossier) onOpen(dossier.id);
      }}
    >
      {cells.map((content, column) => (
        <div
          key={COLUMNS[column]}
          className={`relais-grid__cell relais-grid__cell--${COLUMNS[column]}`}
          role="gridcell"
          aria-colindex={column + 1}
          {...(column === 0 ? { tabIndex: tabStop ? 0 : -1, 'data-row-focus': true, onFocus: () => onActivate(index) } : {})}
        >
          {content}
        </div>
      ))}
    </div>
  );
});
