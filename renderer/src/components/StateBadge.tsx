import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import type { TFunction } from 'i18next';
import type { DossierState } from '../../../shared/domain/dossier';

const SEVERITY: Record<DossierState, AlertProps.Severity | 'new' | undefined> = {
  en_construction: 'new',
  en_instruction: 'info',
  accepte: 'success',
  refuse: 'error',
  sans_suite: undefined,
};

/** `t` comes from the caller: the grid draws dozens of these at once. */
export function StateBadge({ state, t }: { state: DossierState; t: TFunction }) {
  return (
    <Badge as="span" small noIcon severity={SEVERITY[state]}>
      {t(`states.${state}`)}
    </Badge>
  );
}
