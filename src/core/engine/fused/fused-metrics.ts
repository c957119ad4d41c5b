import type { MetricSource } from '../training-steps';
import type { StepEngine } from './step-engine';

/** A fused model's metric sums: where its steps run (GPU or wasm memory); step and row counts here. */
export class FusedMetrics implements MetricSource {
  private steps = 0;
  private rows = 0;

  constructor(
    private readonly kernels: StepEngine,
    private readonly name: string,
  ) {}

  count(rows: number): void {
    this.steps += 1;
    this.rows += rows;
  }

  get pendingSteps(): number {
    return this.steps;
  }

  async take(): Promise<{ loss: number; accuracy: number } | null> {
    const { steps, rows } = this;
    if (steps === 0) return null;
    this.steps = this.rows = 0;
    const { loss, correct } = await this.kernels.takeMetrics(this.name);
    return { loss: loss / steps, accuracy: correct / rows };
  }

  /** Forgets what was not read: the sums are taken and dropped. */
  dispose(): void {
    if (this.steps === 0) return;
    this.steps = this.rows = 0;
    this.kernels.takeMetrics(this.name).catch(() => undefined);
  }
}
