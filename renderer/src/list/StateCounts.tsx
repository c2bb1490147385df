import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { useTranslation } from 'react-i18next';
import type { DossierPage } from '../../../shared/contract';
import { DOSSIER_STATES, type DossierState } from '../../../shared/domain/dossier';
import { currentLanguage } from '../i18n';
import { formatCount } from '../format';

interface Props {
  counts: DossierPage['countsByState'] | undefined;
  selected: DossierState[];
  onToggle: (state: DossierState) => void;
}

/** How many dossiers are in each state; pressing one keeps only that state (several may be). */
export function StateCounts({ counts, selected, onToggle }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <fieldset className="relais-state-counts">
      <legend>{t('list.states.legend')}</legend>
      <ul className="fr-tags-group">
        {DOSSIER_STATES.map((state) => (
          <li key={state}>
            <Tag pressed={selected.includes(state)} onClick={() => onToggle(state)} nativeButtonProps={{ 'data-state': state }}>
              {t(`states.${state}`)}&nbsp;({counts ? formatCount(counts[state] ?? 0, language) : '…'})
            </Tag>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
