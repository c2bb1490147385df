import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  group: 'regime' | 'advance' | 'extensions';
  children: ReactNode;
}

/** One group of the instruction facts form: a fieldset named by its legend (instruction.<group>.legend). */
export function FactsGroup({ group, children }: Props) {
  const { t } = useTranslation();
  const legendId = `facts-${group}-legend`;
  return (
    <fieldset className="fr-fieldset relais-facts-group" aria-labelledby={legendId}>
      <legend id={legendId} className="fr-fieldset__legend fr-h6">
        {t(`instruction.${group}.legend`)}
      </legend>
      <div className="fr-fieldset__content relais-facts-group__body">{children}</div>
    </fieldset>
  );
}
