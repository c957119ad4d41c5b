import { create } from 'zustand';
import {
  type ConfigErrors,
  type CsvSpec,
  DEFAULT_CONFIG,
  type DatasetName,
  type ExperimentConfig,
  networkDefaults,
  validateConfig,
} from '../core/config';
import { formatLayerSpec, parseLayerSpec } from '../core/layers';

export type LayerField = 'teacherHidden' | 'studentHidden';

interface ConfigState {
  /** The last valid configuration; what Train starts. */
  config: ExperimentConfig;
  /** What the person typed in the hidden-layer fields, which may not parse yet. */
  layerText: Record<LayerField, string>;
  errors: ConfigErrors;
  set: (patch: Partial<ExperimentConfig>) => void;
  setLayerText: (field: LayerField, text: string) => void;
  /** Switches dataset and applies the networks sized for it. */
  setDataset: (dataset: DatasetName) => void;
  /** Switches to an accepted CSV upload. */
  selectCsv: (csv: CsvSpec) => void;
  /** Takes a whole configuration (a preset, a shared link). */
  replace: (config: ExperimentConfig) => void;
  /** What a shared link's hash could not apply, one line each. */
  linkNotices: string[];
  setLinkNotices: (notices: string[]) => void;
}

function layerTexts(config: ExperimentConfig): Record<LayerField, string> {
  return {
    teacherHidden: formatLayerSpec(config.teacherHidden),
    studentHidden: formatLayerSpec(config.studentHidden),
  };
}

/** Validation of the numbers plus whatever the layer fields fail to parse. */
function errorsOf(config: ExperimentConfig, text: Record<LayerField, string>): ConfigErrors {
  const errors = validateConfig(config);
  for (const field of ['teacherHidden', 'studentHidden'] as const) {
    const parsed = parseLayerSpec(text[field]);
    if (!parsed.ok) errors[field] = parsed.error;
  }
  return errors;
}

export const useConfigStore = create<ConfigState>()((set) => ({
  config: DEFAULT_CONFIG,
  layerText: layerTexts(DEFAULT_CONFIG),
  errors: {},
  set: (patch) => {
    set((s) => {
      const config = { ...s.config, ...patch };
      return { config, errors: errorsOf(config, s.layerText) };
    });
  },
  setLayerText: (field, text) => {
    set((s) => {
      const layerText = { ...s.layerText, [field]: text };
      const parsed = parseLayerSpec(text);
      const config = parsed.ok ? { ...s.config, [field]: parsed.units } : s.config;
      return { layerText, config, errors: errorsOf(config, layerText) };
    });
  },
  selectCsv: (csv) => {
    set((s) => {
      // Networks sized for tabular data on the first upload; later files keep the person's edits.
      const networks = s.config.dataset === 'csv' ? {} : networkDefaults('csv');
      const config = { ...s.config, dataset: 'csv' as const, csv, ...networks };
      const layerText = layerTexts(config);
      return { config, layerText, errors: errorsOf(config, layerText) };
    });
  },
  replace: (config) => {
    const layerText = layerTexts(config);
    set({ config, layerText, errors: errorsOf(config, layerText) });
  },
  linkNotices: [],
  setLinkNotices: (linkNotices) => {
    set({ linkNotices });
  },
  setDataset: (dataset) => {
    set((s) => {
      const config = { ...s.config, dataset, ...networkDefaults(dataset) };
      const layerText = layerTexts(config);
      return { config, layerText, errors: errorsOf(config, layerText) };
    });
  },
}));

export const hasErrors = (errors: ConfigErrors): boolean => Object.keys(errors).length > 0;
