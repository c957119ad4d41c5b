/** The command line's transfer: each seed's run carried to the target, its JSON and its table. */
import type { ExperimentConfig } from '../../src/core/config';
import type { TransferEvidence } from '../../src/core/claims';
import { chooseSteps } from '../../src/core/engine/fused/engine-choice';
import type { Experiment } from '../../src/core/engine/experiment';
import { runTransfer } from '../../src/core/engine/transfer-run';
import { TfjsSteps } from '../../src/core/engine/training-steps';
import { type TransferSeed, type TransferSpec, transferFigures } from '../../src/core/transfer';
import { formatP, signedPoints } from '../../src/core/significance/describe';
import { loadDataset } from './experiment-inputs';

/** Trains the transfer of one seed's finished run, on the run's engine (`device`: WebGPU). */
export async function transferSeed(
  source: Experiment,
  spec: TransferSpec,
  device: GPUDevice | null,
): Promise<TransferSeed> {
  const config: ExperimentConfig = { ...source.config, dataset: spec.target };
  const target = loadDataset(config);
  return runTransfer(source, target, spec, {
    steps: async (exp) => {
      if (!device) return new TfjsSteps(exp);
      const choice = await chooseSteps(exp, { device });
      if (choice.reason) console.error(`transfer on tfjs's kernels: ${choice.reason}`);
      return choice.steps;
    },
    onEpoch: (epoch, epochs) => {
      console.error(
        `seed ${source.config.seed} transfer to ${spec.target}: epoch ${epoch} of ${epochs}`,
      );
    },
  });
}

/** The `transfer` JSON: the spec, each model's figures pooled over seeds, the sentence. */
export function transferResult(spec: TransferSpec, seeds: readonly TransferSeed[]) {
  const { rows: models, versus, sentence } = transferFigures(seeds);
  return {
    target: spec.target,
    labels: spec.labels ?? 'all',
    labeledRows: seeds[0]?.labeledRows ?? 0,
    epochs: spec.epochs,
    mode: spec.mode,
    seeds: seeds.length,
    models,
    distilledVsScratch: versus,
    sentence,
  };
}

export type TransferJson = ReturnType<typeof transferResult>;

/** The claim's evidence: the distilled student's adapted accuracy against the scratch one's. */
export function transferEvidence(t: TransferJson): TransferEvidence | null {
  if (!t.distilledVsScratch) return null;
  const labels = t.labels === 'all' ? 'all labels' : `${t.labeledRows} labels`;
  return { target: `${t.target} (${labels}, ${t.mode})`, ...t.distilledVsScratch };
}

export function printTransfer(t: TransferJson): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
  console.log(
    `\nTransfer to ${t.target}: ${t.labeledRows} labelled rows, ${t.epochs} epochs, ${t.mode} (${t.seeds > 1 ? `means of ${t.seeds} seeds` : 'one seed'}; * Holm-adjusted p < 0.05)`,
  );
  console.log(
    `${'model'.padEnd(14)}${'adapted'.padStart(9)}${'fresh'.padStart(9)}  gain (points)                 steps to 90 %  s / epoch`,
  );
  for (const m of t.models) {
    const g = m.gain;
    const star = g.pHolm < 0.05 ? '*' : ' ';
    const gain = `${signedPoints(g.difference)} [${signedPoints(g.low)}, ${signedPoints(g.high)}] ${formatP(g.pHolm)}${star}`;
    console.log(
      `${m.name.padEnd(14)}${pct(m.testAccuracy)} ${pct(m.fresh.testAccuracy)}  ${gain.padEnd(30)}${`${m.stepsTo90.toFixed(0)} / ${m.fresh.stepsTo90.toFixed(0)}`.padStart(13)}  ${m.secondsPerEpoch.toFixed(2).padStart(9)}`,
    );
  }
  console.log(t.sentence);
}
