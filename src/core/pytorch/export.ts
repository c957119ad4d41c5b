/**
 * A run as a PyTorch experiment (docs/pytorch.md): `config.json` (the run's configuration and what
 * the script builds from it), `data.npz` (the rows, the labelled subset, every step's batch and
 * every student step's settings, so the script replays the schedule the run followed),
 * `init.npz` (every model's initial weights), `train.py` and its `README.md`. Built from an
 * experiment before it trains; the script's text is handed in (the page imports it, the command
 * line reads it), so this module stays free of both.
 */
import { inputShape } from '../config';
import { KIND_PARAMS, paramAt } from '../methods';
import type { Experiment } from '../engine/experiment';
import { replay, studentSettings, teacherReplay } from '../engine/driver';
import { networkVariables } from '../engine/network';
import { predictLogits } from '../engine/predict';
import { comparedPairs } from '../engine/roster-report';
import type { BatchPlan } from '../batches';
import { type NpyArray, npz } from './npz';
import { pytorchReadme } from './readme';

export interface PytorchFiles {
  'train.py': string;
  'README.md': string;
  'config.json': string;
  'data.npz': Uint8Array;
  'init.npz': Uint8Array;
}

const f32 = (shape: number[], data: ArrayLike<number>): NpyArray => ({
  shape,
  data: Float32Array.from(data),
});
const i32 = (shape: number[], data: ArrayLike<number>): NpyArray => ({
  shape,
  data: Int32Array.from(data),
});

/** Every step's rows of `plan`, one row per step, a short last batch padded with −1. */
function batchOrder(plan: BatchPlan, steps: number, batchSize: number): NpyArray {
  const out = new Int32Array(steps * batchSize).fill(-1);
  for (let s = 0; s < steps; s++) out.set(plan.batch(s), s * batchSize);
  return { shape: [steps, batchSize], data: out };
}

/** The per-step settings each student took: T, α and its method's parameters, and the rate. */
function studentSchedule(exp: Experiment, steps: number): Record<string, NpyArray> {
  const { config } = exp;
  const settings = replay(config);
  const perStep = Array.from({ length: steps }, (_, s) => studentSettings(config, settings(s)));
  const out: Record<string, NpyArray> = {
    student_lr: f32(
      [steps],
      perStep.map((p) => p[0]?.learningRate ?? config.learningRate),
    ),
  };
  exp.students.forEach(({ spec }, i) => {
    const at = (s: number) => perStep[s]?.[i] ?? { temperature: 1, alpha: 0, learningRate: 0 };
    out[`s${i}_temperature`] = f32(
      [steps],
      perStep.map((_, s) => at(s).temperature),
    );
    out[`s${i}_alpha`] = f32(
      [steps],
      perStep.map((_, s) => at(s).alpha),
    );
    for (const p of KIND_PARAMS[spec.kind]) {
      if (p === 'temperature' || p === 'alpha') continue;
      out[`s${i}_${p}`] = f32(
        [steps],
        perStep.map((_, s) => paramAt(spec, p, at(s)) ?? 0),
      );
    }
  });
  return out;
}

/** The students' distinct batch plans (the labelled rows, all rows), in their list's order. */
function studentPlans(exp: Experiment): BatchPlan[] {
  return [...new Set(exp.students.map((s) => s.plan))];
}

/** The distilled student and its scratch twin the playground compares, by list index. */
function pairOf(exp: Experiment): { distilled: number; scratch: number } | null {
  try {
    return { distilled: exp.roleIndex('distilled'), scratch: exp.roleIndex('scratch') };
  } catch {
    return null;
  }
}

/** The run's rows, batches and schedule. */
function dataArrays(exp: Experiment, teacherSteps: number, studentSteps: number) {
  const { dataset, config } = exp;
  const { features } = dataset;
  const rows = dataset.yTrain.length;
  const lr = teacherReplay(config);
  return {
    x_train: f32([rows, features], dataset.xTrain),
    y_train: i32([rows], dataset.yTrain),
    x_test: f32([dataset.yTest.length, features], dataset.xTest),
    y_test: i32([dataset.yTest.length], dataset.yTest),
    labeled_rows: i32([exp.labeledRows.length], exp.labeledRows),
    teacher_batches: batchOrder(exp.teacherPlan, teacherSteps, config.batchSize),
    teacher_lr: f32(
      [teacherSteps],
      Array.from({ length: teacherSteps }, (_, s) => lr(s)),
    ),
    ...Object.fromEntries(
      studentPlans(exp).map((plan, k) => [
        `student_batches_${k}`,
        batchOrder(plan, studentSteps, config.batchSize),
      ]),
    ),
    ...studentSchedule(exp, studentSteps),
  };
}

/**
 * An imported teacher (a tfjs model the script cannot rebuild) as what the students learn from:
 * its logits on every training row, and on the test rows for its accuracy and agreement.
 */
async function importedLogits(exp: Experiment): Promise<Record<string, NpyArray>> {
  const { xTrain, xTest } = exp.tensors;
  const train = predictLogits(exp.teacherPredictor, xTrain);
  const test = predictLogits(exp.teacherPredictor, xTest);
  try {
    return {
      teacher_logits_train: f32(train.shape, await train.data()),
      teacher_logits_test: f32(test.shape, await test.data()),
    };
  } finally {
    train.dispose();
    test.dispose();
  }
}

/** Every model's variables as the experiment holds them now, by the names train.py reads. */
async function initialWeights(exp: Experiment): Promise<Record<string, NpyArray>> {
  const out: Record<string, NpyArray> = {};
  const put = async (
    prefix: string,
    variables: readonly { shape: number[]; data(): Promise<unknown> }[],
  ) => {
    for (const [j, v] of variables.entries()) {
      const name = `${prefix}.${j % 2 === 0 ? 'w' : 'b'}${Math.floor(j / 2)}`;
      out[name] = f32(v.shape, (await v.data()) as Float32Array);
    }
  };
  if (!exp.ready) await put('teacher', networkVariables(exp.teacher.model));
  for (const [i, s] of exp.students.entries()) {
    await put(`student${i}`, networkVariables(s.trainer.model));
    if (s.regressor) {
      out[`student${i}.regressor_w`] = f32(
        s.regressor.weight.shape,
        await s.regressor.weight.data(),
      );
      out[`student${i}.regressor_b`] = f32(s.regressor.bias.shape, await s.regressor.bias.data());
    }
  }
  return out;
}

/** What train.py builds and how long it trains, beside the run's configuration as its link holds it. */
function configJson(exp: Experiment, teacherSteps: number, studentSteps: number): string {
  const { config, dataset } = exp;
  return `${JSON.stringify(
    {
      config,
      export: {
        input: inputShape(config),
        classes: dataset.classes,
        // imported: its logits are in data.npz (teacher_logits_train / _test), it does not train.
        teacher: exp.ready
          ? { imported: exp.ready.info.name, hidden: [] }
          : { imported: null, hidden: config.teacherHidden },
        students: exp.students.map((s) => ({
          name: s.spec.name,
          kind: s.spec.kind,
          hidden: s.hidden,
          // Which `student_batches_K` of data.npz it takes: the labelled rows, or every row.
          batches: studentPlans(exp).indexOf(s.plan),
          masked: s.masked,
          probe: s.spec.probe === true,
          regressor: s.regressor !== null,
        })),
        // Each student plan's pool, for --data: every training row, or the labelled ones.
        plans: studentPlans(exp).map((p) =>
          p.rows.length === dataset.yTrain.length ? 'all' : 'labeled',
        ),
        pair: pairOf(exp),
        // Every pair the run compares on its test rows, as its JSON's `comparisons` lists them.
        comparisons: comparedPairs(exp),
        steps: {
          teacher: teacherSteps,
          students: studentSteps,
          teacherPerEpoch: exp.teacherPlan.stepsPerEpoch,
          studentsPerEpoch: exp.studentStepsPerEpoch,
        },
      },
    },
    null,
    2,
  )}\n`;
}

/**
 * The export of `exp`, which must not have trained yet (its weights are the initial ones). An
 * imported teacher cannot be written as a PyTorch network: its logits go instead.
 */
export async function exportPytorch(exp: Experiment, trainPy: string): Promise<PytorchFiles> {
  const { config } = exp;
  // An imported teacher is not trained: no teacher steps, its logits in data.npz instead.
  const teacherSteps = exp.ready ? 0 : config.teacherEpochs * exp.teacherPlan.stepsPerEpoch;
  const studentSteps = config.studentEpochs * exp.studentStepsPerEpoch;
  return {
    'train.py': trainPy,
    'README.md': pytorchReadme(config),
    'config.json': configJson(exp, teacherSteps, studentSteps),
    'data.npz': npz({
      ...dataArrays(exp, teacherSteps, studentSteps),
      ...(exp.ready && (await importedLogits(exp))),
    }),
    'init.npz': npz(await initialWeights(exp)),
  };
}
