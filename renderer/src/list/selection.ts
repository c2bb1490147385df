/**
 * The dossiers picked for a bulk action: some rows ticked one by one, or every dossier the
 * current filters match (sent as those filters, so 20,000 ids never cross the contract).
 */
import type { DossierFilters } from '../../../shared/contract';
import type { BulkTarget } from '../../../shared/channels/bulk';
import { MAX_SELECTED_IDS } from '../../../shared/channels/bulk';

export type Selection = { all: true } | { all: false; ids: ReadonlySet<string> };

export const NO_SELECTION: Selection = { all: false, ids: new Set() };

export function isSelected(selection: Selection, id: string): boolean {
  return selection.all || selection.ids.has(id);
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.all ? total : selection.ids.size;
}

/** Ticks or unticks one row; past the limit of ids one call carries, "all matching" is the way. */
export function toggleRow(selection: Selection, id: string): Selection {
  if (selection.all) return selection;
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else if (ids.size < MAX_SELECTED_IDS) ids.add(id);
  return { all: false, ids };
}

export function targetOf(selection: Selection, filters: DossierFilters): BulkTarget {
  return selection.all ? { filters } : { ids: [...selection.ids] };
}
