/** The progress bar of long commands (`relais demo`, `relais hub demo`): one bar on stderr, labelled with the current phase. */
import { Presets, SingleBar } from 'cli-progress';

export interface PhaseProgress<Phase extends string> {
  phase: Phase;
  done: number;
  total: number;
}

export interface PhaseProgressBar<Phase extends string> {
  update(progress: PhaseProgress<Phase>): void;
  stop(): void;
}

export function phaseProgressBar<Phase extends string>(label: (phase: Phase) => string): PhaseProgressBar<Phase> {
  // On a terminal only: piped stderr stays free of control sequences.
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {value}/{total} | {duration_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let current: Phase | null = null;
  return {
    update(progress) {
      const text = label(progress.phase);
      if (current === null) bar.start(progress.total, progress.done, { phase: text });
      else if (current !== progress.phase) bar.setTotal(progress.total);
      current = progress.phase;
      bar.update(progress.done, { phase: text });
    },
    stop: () => bar.stop(),
  };
}
