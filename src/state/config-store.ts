import { create } from 'zustand';
import {
  type CsvSpec,
  DEFAULT_CONFIG,
  type DatasetName,
  datasetShape,
  inputShape,
  type ExperimentConfig,
  networkDefaults,
  startValues,
} from '../core/config';
import { type ConfigErrors, validateConfig } from '../core/config-check';
import { type SettingsChange, withChange } from '../core/schedule';
import { type TeacherRateChange, withTeacherRate } from '../core/teacher-rates';
import type { TeacherInfo } from '../core/import/teacher-info';

export type LayerField = 'teacherHidden' | 'studentHidden';

interface ConfigState {
  /** The configuration as edited; Train starts it when `errors` is empty. */
  config: ExperimentConfig;
  errors: ConfigErrors;
  set: (patch: Partial<ExperimentConfig>) => void;
  /** Switches dataset and applies the networks sized for it. */
  setDataset: (dataset: DatasetName) => void;
  /** Switches to an accepted CSV upload. */
  selectCsv: (csv: CsvSpec) => void;
  /** Takes a whole configuration (a preset, a shared link). */
  replace: (config: ExperimentConfig) => void;
  /** The teacher model a person imported (the worker holds it), or null. */
  importedTeacher: TeacherInfo | null;
  /** Takes a newly imported teacher, and uses it. */
  setImportedTeacher: (teacher: TeacherInfo) => void;
  /** Whether Train distils from the imported teacher (where it fits the dataset). */
  useImported: boolean;
  setUseImported: (on: boolean) => void;
  /**
   * A change the person made while the run of `runConfig` trained, applied by the worker at its
   * step: it joins the configuration's schedule, so the link and the next Train replay it.
   */
  recordLiveChange: (runConfig: ExperimentConfig, change: SettingsChange) => void;
  /** The same for a learning rate the teacher took while it trained: its own schedule keeps it. */
  recordTeacherRate: (runConfig: ExperimentConfig, change: TeacherRateChange) => void;
  /** What a shared link's hash could not apply, one line each. */
  linkNotices: string[];
  setLinkNotices: (notices: string[]) => void;
}

export const useConfigStore = create<ConfigState>()((set) => ({
  config: DEFAULT_CONFIG,
  errors: {},
  importedTeacher: null,
  setImportedTeacher: (importedTeacher) => {
    set({ importedTeacher, useImported: true });
  },
  useImported: false,
  setUseImported: (useImported) => {
    set({ useImported });
  },
  set: (patch) => {
    set((s) => {
      const config = { ...s.config, ...patch };
      return { config, errors: validateConfig(config) };
    });
  },
  selectCsv: (csv) => {
    set((s) => {
      // Networks sized for tabular data on the first upload; later files keep the person's edits.
      const networks = s.config.dataset === 'csv' ? {} : networkDefaults('csv');
      const config = { ...s.config, dataset: 'csv' as const, csv, ...networks };
      return { config, errors: validateConfig(config) };
    });
  },
  replace: (config) => {
    set({ config, errors: validateConfig(config) });
  },
  recordLiveChange: (runConfig, change) => {
    set((s) => {
      const schedule = withChange(s.config.schedule, startValues(runConfig), change);
      const config = { ...s.config, schedule };
      return { config, errors: validateConfig(config) };
    });
  },
  recordTeacherRate: (runConfig, change) => {
    set((s) => {
      const start = startValues(runConfig).learningRate;
      const teacherSchedule = withTeacherRate(s.config.teacherSchedule ?? [], start, change);
      const config = { ...s.config, teacherSchedule };
      return { config, errors: validateConfig(config) };
    });
  },
  linkNotices: [],
  setLinkNotices: (linkNotices) => {
    set({ linkNotices });
  },
  setDataset: (dataset) => {
    set((s) => {
      const config = { ...s.config, dataset, ...networkDefaults(dataset) };
      return { config, errors: validateConfig(config) };
    });
  },
}));

export const hasErrors = (errors: ConfigErrors): boolean => Object.keys(errors).length > 0;

/** Whether the imported teacher takes this configuration's rows and classes. */
export function importFits(teacher: TeacherInfo, config: ExperimentConfig): boolean {
  return (
    teacher.features === inputShape(config).features &&
    teacher.classes === datasetShape(config).classes
  );
}

/**
 * Whether Train distils from the imported teacher: one exists, the person has not chosen to train
 * a teacher instead, and it fits the dataset (a switch of dataset does not lose it).
 */
export function usesImportedTeacher(
  s: Pick<ConfigState, 'config' | 'importedTeacher' | 'useImported'>,
): boolean {
  return s.useImported && s.importedTeacher !== null && importFits(s.importedTeacher, s.config);
}
