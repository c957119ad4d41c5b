/** What a training run streams to the page while it trains: live points and settings changes. */
import type { ModelId } from '../core/roles';
import type { SettingsChange } from '../core/schedule';

/** Mean training loss and batch accuracy over the steps since the previous point. */
export interface LivePoint {
  model: ModelId;
  /** Fractional epoch of that model's own run at the last step included. */
  epoch: number;
  loss: number;
  accuracy: number;
}

/**
 * A T / α / learning-rate change, applied from student step `step` (fractional epoch `epoch`) on;
 * `live` when the person made it in this run, not replayed from its schedule.
 */
export interface SettingsMark extends SettingsChange {
  epoch: number;
  /** The symbol (β, ε, γ) of the sliders' student's method parameter (`param`), where it has one. */
  paramLabel?: string;
  /** The sliders' student holds its own T and α (DKD, label smoothing): only its parameter moves. */
  paramOnly?: boolean;
  live: boolean;
}
