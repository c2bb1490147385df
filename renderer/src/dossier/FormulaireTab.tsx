import { useTranslation } from 'react-i18next';
import type { Champ } from '../../../shared/domain/dossier';
import { Facts } from '../components/Facts';

/** The form's sections in the order the applicant met them, each with its fields in order. */
export function groupBySection(champs: readonly Champ[]): Array<{ section: string; champs: Champ[] }> {
  const sections = new Map<string, Champ[]>();
  for (const champ of champs) {
    const group = sections.get(champ.section);
    if (group) group.push(champ);
    else sections.set(champ.section, [champ]);
  }
  return [...sections].map(([section, grouped]) => ({ section, champs: grouped }));
}

export function FormulaireTab({ champs }: { champs: readonly Champ[] }) {
  const { t } = useTranslation();
  if (champs.length === 0) return <p>{t('formulaire.empty')}</p>;
  return (
    <div>
      <p className="fr-text--sm relais-secondary">{t('formulaire.intro')}</p>
      {groupBySection(champs).map(({ section, champs: fields }, index) => (
        <section key={section} className="relais-section fr-mb-4w" aria-labelledby={`formulaire-section-${index}`}>
          <h2 id={`formulaire-section-${index}`} className="fr-h4">
            {section}
          </h2>
          <Facts
            facts={fields.map((champ) => ({
              label: champ.label,
              value: champ.value ? <span className="relais-prewrap">{champ.value}</span> : <span className="relais-secondary">{t('formulaire.emptyValue')}</span>,
            }))}
          />
        </section>
      ))}
    </div>
  );
}
