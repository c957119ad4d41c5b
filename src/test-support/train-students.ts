/**
 * Trains a run's students to the end on the fused kernels (Dawn, or the fused CPU engine) or the
 * tfjs engine, for tests
 * that compare the two: each student's final weights and test accuracy.
 */
import type { ExperimentConfig } from '../core/config';
import { generateSynthetic } from '../core/data/synthetic';
import { Experiment } from '../core/engine/experiment';
import { FusedSteps } from '../core/engine/fused/fused-steps';
import { packNetwork } from '../core/engine/fused/tfjs-bridge';
import { type FinalReport, trainToEnd, trainToReport } from '../core/engine/headless';

/** The fused steps on `device`, on the fused CPU engine ('cpu'), or none (null: tfjs's engine). */
function fusedOn(
  exp: Experiment,
  device: GPUDevice | 'cpu' | null,
): Promise<FusedSteps | undefined> {
  if (device === null) return Promise.resolve(undefined);
  return device === 'cpu' ? FusedSteps.onCpu(exp) : FusedSteps.create(exp, device);
}

export async function trainStudents(
  config: ExperimentConfig & { dataset: 'moons' | 'blobs' | 'spiral' },
  device: GPUDevice | 'cpu' | null,
): Promise<{ weights: Float32Array; accuracy: number }[]> {
  const data = generateSynthetic(config.dataset, config.samples, config.noise, config.seed);
  const exp = new Experiment(data, config);
  const steps = await fusedOn(exp, device);
  try {
    await trainToEnd(exp, {}, steps);
    const out = [];
    for (const s of exp.students) {
      out.push({
        weights: await packNetwork(s.trainer.model),
        accuracy: (await exp.evaluate(s.trainer.model)).accuracy,
      });
    }
    return out;
  } finally {
    steps?.dispose();
    exp.dispose();
  }
}

/**
 * Trains `exp` to its final report on the fused kernels (`device`) or the tfjs engine (null), and
 * disposes it: the whole-run comparisons of the two engines.
 */
export async function trainReport(
  exp: Experiment,
  device: GPUDevice | 'cpu' | null,
): Promise<FinalReport> {
  try {
    const steps = await fusedOn(exp, device);
    try {
      return await trainToReport(exp, {}, steps);
    } finally {
      steps?.dispose();
    }
  } finally {
    exp.dispose();
  }
}
