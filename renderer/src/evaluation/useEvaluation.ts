/**
 * The evaluation of one dossier and its saves. Saves of one criterion run one after the other,
 * each over the version the previous one left, so a status chosen while a comment is being
 * saved never collides with it; a save another window made first is reported, not overwritten.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvaluationView, SetCriterionArgs } from '../../../shared/channels/evaluation';
import type { ErrorInfo } from '../../../shared/errors';
import { useClient } from '../api/ClientProvider';
import { toErrorInfo } from '../api/errorInfo';
import { useCall } from '../api/useCall';

export type CriterionChange = Pick<SetCriterionArgs, 'status' | 'comment' | 'evidence'>;

export interface EvaluationState {
  view: EvaluationView | undefined;
  loadError: ErrorInfo | undefined;
  /** Bumped on every reload from the case file: editors start again from what it holds. */
  generation: number;
  reload: () => void;
  errors: ReadonlyMap<string, ErrorInfo>;
  /**
   * Resolves true once saved, false when refused (the error is then in `errors`) or when it comes
   * from an editor of an earlier generation: after a reload, the new editor saves what the old one held.
   */
  save: (criterionId: string, change: CriterionChange, fromGeneration: number) => Promise<boolean>;
}

export function useEvaluation(dossierId: string): EvaluationState {
  const client = useClient();
  const loaded = useCall('evaluation.get', { dossierId });
  const [view, setView] = useState<EvaluationView>();
  const [generation, setGeneration] = useState(0);
  const [errors, setErrors] = useState<ReadonlyMap<string, ErrorInfo>>(new Map());
  const versions = useRef(new Map<string, number>());
  const queues = useRef(new Map<string, Promise<unknown>>());
  const currentGeneration = useRef(0);

  useEffect(() => {
    if (!loaded.data) return;
    versions.current = new Map(loaded.data.criteria.map((criterion) => [criterion.criterionId, criterion.version]));
    setView(loaded.data);
    setErrors(new Map());
    currentGeneration.current += 1;
    setGeneration(currentGeneration.current);
  }, [loaded.data]);

  const setError = useCallback((criterionId: string, error: ErrorInfo | undefined) => {
    setErrors((previous) => {
      const next = new Map(previous);
      if (error) next.set(criterionId, error);
      else next.delete(criterionId);
      return next;
    });
  }, []);

  const save = useCallback(
    (criterionId: string, change: CriterionChange, fromGeneration: number) => {
      if (fromGeneration !== currentGeneration.current) return Promise.resolve(false);
      const run = async (): Promise<boolean> => {
        try {
          const expectedVersion = versions.current.get(criterionId) ?? 0;
          const { criterion, score } = await client.call('evaluation.setCriterion', { dossierId, criterionId, expectedVersion, ...change });
          versions.current.set(criterionId, criterion.version);
          setView((previous) =>
            previous && {
              ...previous,
              score,
              criteria: previous.criteria.map((item) => (item.criterionId === criterionId ? { ...item, ...criterion, draft: change.comment === undefined ? item.draft : null } : item)),
            },
          );
          setError(criterionId, undefined);
          return true;
        } catch (failure) {
          setError(criterionId, toErrorInfo(failure));
          return false;
        }
      };
      const next = (queues.current.get(criterionId) ?? Promise.resolve()).then(run);
      queues.current.set(criterionId, next);
      return next;
    },
    [client, dossierId, setError],
  );

  return { view, loadError: loaded.error, generation, reload: loaded.reload, errors, save };
}
