import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { DossierState } from '../../../shared/domain/dossier';

const SEVERITY: Record<DossierState, AlertProps.Severity | 'new' | undefined> = {
  en_construction: 'new',
  en_instruction: 'info',
  accepte: 'success',
  refuse: 'error',
  sans_suite: undefined,
};

export function StateBadge({ state }: { state: DossierState }) {
  const { t } = useTranslation();
  return (
    <Badge as="span" small noIcon severity={SEVERITY[state]}>
      {t(`states.${state}`)}
    </Badge>
  );
}
