import { create } from 'zustand';
import type { DataJobDto } from '#contract/settings-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import type { CsvImportInput, HistoryDownloadInput } from './data-forms.ts';

interface DataJobsState {
  job?: DataJobDto;
  /** Why the last request was refused before it started. */
  error?: string;
  startImport(input: CsvImportInput): Promise<void>;
  startHistory(input: HistoryDownloadInput): Promise<void>;
  setError(error: string | undefined): void;
}

/** The latest CSV import or history download, followed on the `jobs` stream. */
export const useDataJobsStore = create<DataJobsState>((set) => ({
  async startImport(input) {
    set({ error: undefined });
    const r = await getBridge().invoke('data:import', input);
    set(r.ok ? { job: r.value } : { error: describeBridgeError(r.error) });
  },
  async startHistory(input) {
    set({ error: undefined });
    const r = await getBridge().invoke('data:history', input);
    set(r.ok ? { job: r.value } : { error: describeBridgeError(r.error) });
  },
  setError: (error) => set({ error }),
}));

export function followDataJobs(): () => void {
  return getBridge().subscribe('jobs', {}, {
    snapshot: (job) => useDataJobsStore.setState(job ? { job } : {}),
    delta: (job) => useDataJobsStore.setState({ job }),
  });
}
