import { useTranslation } from 'react-i18next';
import type { Champ } from '../../../shared/domain/dossier';
import { FieldComments } from '../annotations/FieldComments';
import { useCall } from '../api/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
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

/** The form as the applicant filled it, each field with the administration's comments on it. */
export function FormulaireTab({ dossierId, champs }: { dossierId: string; champs: readonly Champ[] }) {
  const { t } = useTranslation();
  const annotations = useCall('annotations.list', { dossierId });
  const drafts = useCall('drafts.get', { dossierId, area: 'annotation' });
  if (champs.length === 0) return <p>{t('formulaire.empty')}</p>;
  const commentsOn = (position: number) =>
    (annotations.data?.annotations ?? []).filter((annotation) => annotation.target.kind === 'field' && annotation.target.position === position);
  const draftKeys = new Set(drafts.data?.drafts.map((draft) => draft.key));
  // Without the drafts (a failed read) the comments still show; only a waiting draft would not reopen.
  const ready = annotations.data !== undefined && (drafts.data !== undefined || drafts.error !== undefined);
  const reload = () => {
    annotations.reload();
    drafts.reload();
  };

  return (
    <div>
      <p className="fr-text--sm relais-secondary">{t('formulaire.intro')}</p>
      {annotations.error && <ErrorAlert error={annotations.error} onRetry={annotations.reload} />}
      {groupBySection(champs).map(({ section, champs: fields }, index) => (
        <section key={section} className="relais-section fr-mb-4w" aria-labelledby={`formulaire-section-${index}`}>
          <h2 id={`formulaire-section-${index}`} className="fr-h4">
            {section}
          </h2>
          <Facts
            facts={fields.map((champ) => {
              // Comments name a field by its index in the whole form.
              const position = champs.indexOf(champ);
              return {
                label: champ.label,
                value: (
                  <>
                    {champ.value ? <span className="relais-prewrap">{champ.value}</span> : <span className="relais-secondary">{t('formulaire.emptyValue')}</span>}
                    {ready && (
                      <FieldComments
                        dossierId={dossierId}
                        position={position}
                        label={champ.label}
                        comments={commentsOn(position)}
                        hasDraft={draftKeys.has(`annotation:field:${position}:new`)}
                        onChange={reload}
                      />
                    )}
                  </>
                ),
              };
            })}
          />
        </section>
      ))}
    </div>
  );
}
