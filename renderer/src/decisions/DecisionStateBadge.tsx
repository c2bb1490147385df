import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { useTranslation } from 'react-i18next';
import type { DecisionState } from '../../../shared/domain/decision';

const SEVERITY: Record<DecisionState, AlertProps.Severity | 'new'> = {
  brouillon: 'new',
  proposee: 'info',
  signee: 'success',
};

export function DecisionStateBadge({ state }: { state: DecisionState }) {
  const { t } = useTranslation();
  return (
    <Badge as="span" small noIcon severity={SEVERITY[state]}>
      {t(`decisions.states.${state}`)}
    </Badge>
  );
}
