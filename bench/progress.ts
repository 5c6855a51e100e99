import { performance } from 'node:perf_hooks';

/** A progress reporter for one benchmark: each line it is given is printed with the elapsed time. */
export type Progress = (line: string) => void;

/**
 * Progress goes to stderr, stamped with minutes and seconds since the run began, so a person watching a run of
 * several minutes sees it move while stdout keeps only the report.
 */
export function progressReporter(write: (text: string) => void = (text) => process.stderr.write(text)) {
  const startedAt = performance.now();
  return (section: string): Progress =>
    (line) => {
      const seconds = Math.floor((performance.now() - startedAt) / 1000);
      const stamp = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
      write(`[${stamp}] ${section}: ${line}\n`);
    };
}
