import type { ExperimentConfig } from '../core/config';
import { useConfigStore } from './config-store';
import { useRunStore } from './run-store';

/** Once a run exists, results describe the networks it trained, not the ones being edited. */
export function useDisplayedConfig(): ExperimentConfig {
  const draft = useConfigStore((s) => s.config);
  return useRunStore((s) => s.run?.config) ?? draft;
}
