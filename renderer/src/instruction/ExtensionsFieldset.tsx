import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { IsoDate } from '../../../shared/domain/dates';
import type { DossierState } from '../../../shared/domain/dossier';
import { MAX_EXTENSION_REASON, type InstructionExtension } from '../../../shared/domain/instruction';
import { extensionProblems } from '../../../shared/rules/checks/instruction-facts';
import { formatDate } from '../format';
import { currentLanguage } from '../i18n';
import { sessionValue } from '../components/sessionValue';
import { FactsGroup } from './FactsGroup';

interface Props {
  dossierId: string;
  extensions: readonly InstructionExtension[];
  dossier: { state: DossierState; arDate: IsoDate | null };
  today: IsoDate;
  onAdd(extension: Omit<InstructionExtension, 'id'>): Promise<boolean>;
  onRemove(extensionId: string): void;
}

const ExtensionForm = z.object({ decidedOn: z.string(), newDue: z.string(), reason: z.string() });
const EMPTY: z.infer<typeof ExtensionForm> = { decidedOn: '', newDue: '', reason: '' };

/** The extensions recorded, and a new one: a legal act, so recorded by a button, not as typed. */
export function ExtensionsFieldset({ dossierId, extensions, dossier, today, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  // What is typed survives a reload until the extension is recorded.
  const [store] = useState(() => sessionValue(`relais.extension.unsaved.${dossierId}`, ExtensionForm));
  const [form, setFormState] = useState(() => store.read() ?? EMPTY);
  const setForm = (next: typeof EMPTY) => {
    setFormState(next);
    store.write(next);
  };
  const [tried, setTried] = useState(false);

  const fieldErrors: Partial<Record<keyof typeof EMPTY, string>> = {};
  if (!form.decidedOn) fieldErrors.decidedOn = t('instruction.invalid.date');
  if (!form.newDue) fieldErrors.newDue = t('instruction.invalid.date');
  if (!form.reason.trim()) fieldErrors.reason = t('instruction.invalid.required');
  const problems = form.decidedOn && form.newDue ? extensionProblems(form, dossier, extensions, today) : [];
  for (const problem of problems) {
    const params = Object.fromEntries(
      Object.entries(problem.params).map(([key, value]) => [key, typeof value === 'string' ? formatDate(value, language) : value]),
    );
    fieldErrors[problem.path as 'decidedOn' | 'newDue'] = t(`instruction.problems.${problem.code}`, params);
  }
  // Date problems show as soon as both dates are there; missing values once a save was tried.
  const shown = (field: keyof typeof EMPTY) => (tried || problems.some((problem) => problem.path === field) ? fieldErrors[field] : undefined);

  const add = async () => {
    setTried(true);
    if (Object.keys(fieldErrors).length > 0) return;
    if (await onAdd({ ...form, reason: form.reason.trim() })) {
      setFormState(EMPTY);
      store.clear();
      setTried(false);
    }
  };

  return (
    <FactsGroup group="extensions">
      <p className="fr-text--sm relais-secondary">{t('instruction.extensions.hint')}</p>
      {extensions.length === 0 ? (
        <p>{t('instruction.extensions.none')}</p>
      ) : (
        <ol className="relais-plain-list">
          {extensions.map((extension, index) => (
            <li key={extension.id} className="fr-mb-2w" data-extension={extension.id}>
              <p className="fr-mb-0">
                {t('instruction.extensions.item', { decidedOn: formatDate(extension.decidedOn, language), newDue: formatDate(extension.newDue, language) })}
              </p>
              <p className="fr-text--sm relais-prewrap fr-mb-1v">{t('instruction.extensions.reasonOf', { reason: extension.reason })}</p>
              {index === extensions.length - 1 && (
                <Button size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => onRemove(extension.id)}>
                  {t('instruction.extensions.remove')}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="relais-extension-form">
        <Input
          label={t('instruction.extensions.decidedOn')}
          state={shown('decidedOn') ? 'error' : 'default'}
          stateRelatedMessage={shown('decidedOn')}
          nativeInputProps={{ type: 'date', max: today, value: form.decidedOn, onChange: (event) => setForm({ ...form, decidedOn: event.target.value }) }}
        />
        <Input
          label={t('instruction.extensions.newDue')}
          state={shown('newDue') ? 'error' : 'default'}
          stateRelatedMessage={shown('newDue')}
          nativeInputProps={{ type: 'date', value: form.newDue, onChange: (event) => setForm({ ...form, newDue: event.target.value }) }}
        />
      </div>
      <Input
        label={t('instruction.extensions.reason')}
        textArea
        state={shown('reason') ? 'error' : 'default'}
        stateRelatedMessage={shown('reason')}
        nativeTextAreaProps={{ value: form.reason, rows: 3, maxLength: MAX_EXTENSION_REASON, onChange: (event) => setForm({ ...form, reason: event.target.value }) }}
      />
      <Button priority="secondary" iconId="fr-icon-calendar-line" onClick={() => void add()}>
        {t('instruction.extensions.add')}
      </Button>
    </FactsGroup>
  );
}
