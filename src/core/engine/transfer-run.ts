/**
 * A run's trained models carried to a target task (core/transfer.ts): one target experiment whose
 * students are, for each model, the model itself (its hidden weights copied in, a new zero
 * output layer) and its fresh twin, all trained in lockstep by the driver on the same labelled
 * target batches, on whatever engine `steps` gives (the fused kernels for a fine-tune on WebGPU).
 */
import type { ExperimentConfig } from '../config';
import { hasConv } from '../layers';
import type { Dataset } from '../data/dataset';
import {
  type TransferSeed,
  type TransferSeedModel,
  type TransferSpec,
  type VersusSeed,
  stepsTo90,
  transferStudents,
} from '../transfer';
import { trainSeed } from './driver';
import { Experiment } from './experiment';
import { hasRoles } from './headless';
import { type Network, assignWeights, networkVariables } from './network';
import type { TrainingSteps } from './training-steps';

/** The models a run hands to a transfer: its trained teacher (unless imported), every student. */
function sourceModels(source: Experiment): { name: string; network: Network }[] {
  const teacher = source.ready ? [] : [{ name: 'Teacher', network: source.teacher.model }];
  return [
    ...teacher,
    ...source.students.map((s) => ({ name: s.spec.name, network: s.trainer.model })),
  ];
}

/**
 * The new output layer: zeros, kernel and bias, for every model (as BiT starts its heads,
 * Kolesnikov et al. 2020). A random head maps the trained features to random logits that the first
 * steps must undo: on MNIST → MNIST itself (500 labels, 5 epochs, wasm, one run) the students
 * adapted from a Glorot-uniform head reached 29.5 % against their fresh twins' 61.3 %, and 72.5 %
 * from zeros. The first step's gradient reaches the head alone; the hidden layers follow.
 */
export function transferHead(width: number, classes: number): Float32Array[] {
  return [new Float32Array(width * classes), new Float32Array(classes)];
}

/**
 * The target experiment before training: its students in pairs (adapted, fresh), the adapted one
 * holding its source model's hidden weights and the seeded head. The caller disposes it.
 */
export function buildTransfer(source: Experiment, target: Dataset, spec: TransferSpec): Experiment {
  if (target.features !== source.dataset.features) {
    throw new Error(
      `${spec.csv?.name ?? spec.target} has ${target.features} inputs; the run's models take ${source.dataset.features}.`,
    );
  }
  const models = sourceModels(source);
  if (spec.target === 'csv' && models.some((m) => hasConv(m.network.hidden))) {
    throw new Error(
      "A CSV's rows are flat; this run's networks have convolution layers, which need images.",
    );
  }
  const rows = target.yTrain.length;
  const config: ExperimentConfig = {
    ...source.config,
    dataset: spec.target,
    ...(spec.csv && { csv: spec.csv }),
    students: transferStudents(
      models.map((m) => ({ name: m.name, hidden: m.network.hidden })),
      spec.mode,
    ),
    studentEpochs: spec.epochs,
    labeledFraction: spec.labels === null ? 1 : Math.min(1, spec.labels / rows),
    transferSet: false,
    schedule: [],
  };
  // The sliders' student is the source run's; here every student learns from labels alone.
  delete config.sliders;
  const exp = new Experiment(target, config);
  try {
    models.forEach((m, i) => {
      const adapted = networkVariables(exp.studentAt(2 * i).trainer.model);
      const hidden = networkVariables(m.network).slice(0, -2);
      const width = adapted.at(-2)?.shape[0] ?? 0;
      assignWeights(adapted, [...hidden, ...transferHead(width, target.classes)]);
    });
  } catch (e) {
    exp.dispose();
    throw e;
  }
  return exp;
}

export interface TransferDeps {
  /** The engine the target students train on. */
  steps(exp: Experiment): Promise<TrainingSteps>;
  /** Between two steps: where a caller yields and cancels. */
  gate?: () => Promise<void>;
  onEpoch?: (epoch: number, epochs: number) => void;
}

/** Trains every model of `source` and its fresh twin on the target, then reads their figures. */
export async function runTransfer(
  source: Experiment,
  target: Dataset,
  spec: TransferSpec,
  deps: TransferDeps,
): Promise<TransferSeed> {
  const exp = buildTransfer(source, target, spec);
  let steps: TrainingSteps | null = null;
  try {
    steps = await deps.steps(exp);
    const names = sourceModels(source).map((m) => m.name);
    const curves: number[][] = exp.students.map(() => []);
    const { temperature, alpha, learningRate } = exp.config;
    const perEpoch = exp.studentStepsPerEpoch;
    const started = performance.now();
    await trainSeed(
      exp,
      steps,
      {
        students: {
          from: 0,
          to: spec.epochs * perEpoch,
          settings: () => ({ temperature, alpha, learningRate }),
        },
      },
      {
        ...(deps.gate && { gate: deps.gate }),
        onEpoch: (_, epoch, models) => {
          for (const e of models) if (e.model !== 'teacher') curves[e.model]?.push(e.accuracy);
          deps.onEpoch?.(epoch, spec.epochs);
          return Promise.resolve();
        },
      },
    );
    const secondsPerEpoch = (performance.now() - started) / 1000 / spec.epochs;
    const models: TransferSeedModel[] = [];
    for (const [i, name] of names.entries()) {
      const [adapted, fresh] = [exp.studentAt(2 * i), exp.studentAt(2 * i + 1)];
      const pairs = await exp.compareOnTest(adapted.trainer.model, fresh.trainer.model);
      models.push({
        name,
        testAccuracy: (await exp.evaluate(adapted.trainer.model)).accuracy,
        fresh: {
          testAccuracy: (await exp.evaluate(fresh.trainer.model)).accuracy,
          stepsTo90: stepsTo90(curves[2 * i + 1] ?? [], perEpoch),
        },
        counts: pairs.accuracy,
        curve: curves[2 * i] ?? [],
        freshCurve: curves[2 * i + 1] ?? [],
        stepsTo90: stepsTo90(curves[2 * i] ?? [], perEpoch),
        secondsPerEpoch,
      });
    }
    return {
      labeledRows: exp.labeledRows.length,
      models,
      versus: await versus(source, exp, names),
    };
  } finally {
    steps?.dispose();
    exp.dispose();
  }
}

/** The run's distilled and scratch students after adapting, on the same target test rows. */
async function versus(
  source: Experiment,
  exp: Experiment,
  names: readonly string[],
): Promise<VersusSeed | null> {
  if (!hasRoles(source)) return null;
  const at = (role: 'distilled' | 'scratch') =>
    exp.studentAt(2 * names.indexOf(source.studentAt(source.roleIndex(role)).spec.name));
  const [d, s] = [at('distilled').trainer.model, at('scratch').trainer.model];
  return {
    distilled: (await exp.evaluate(d)).accuracy,
    scratch: (await exp.evaluate(s)).accuracy,
    counts: (await exp.compareOnTest(d, s)).accuracy,
  };
}
