/**
 * `npm run bench:node`: the fused WGSL path against tfjs's WebGPU kernels in Node, through Dawn
 * (the npm package `webgpu`) on whatever adapter Vulkan offers — a real GPU where there is one,
 * else Chromium's SwiftShader. Prints the adapter, samples per second of each engine, their ratio,
 * and dispatches and submits per training step. For a GPU machine without a browser.
 *
 *   npm run bench:node -- [--steps 30] [--warmup 5] [--batch 128] [--json]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/core/config.ts';
import {
  raceEngines,
  studentCohort,
  timeFusedStudents,
} from '../src/core/engine/bench/engine-race.ts';
import { Experiment } from '../src/core/engine/experiment.ts';
import { denseStack } from '../src/core/layers.ts';
import { createRng } from '../src/core/rng.ts';
import { startNodeWebGpu } from './lib/node-webgpu.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    batch: { type: 'string', default: '128' },
    json: { type: 'boolean', default: false },
  },
});

const { device, adapter } = await startNodeWebGpu();
console.error(`adapter: ${adapter}`);

const batch = Number(values.batch);
const rows = 8 * batch;
/** MNIST-shaped rows (784 features, 10 classes); the speed does not depend on their values. */
function mnistShaped() {
  const rng = createRng(1);
  const x = (n: number) => Float32Array.from({ length: n * 784 }, () => rng.next());
  const y = (n: number) => Int32Array.from({ length: n }, () => rng.int(10));
  return {
    features: 784,
    classes: 10,
    xTrain: x(rows),
    yTrain: y(rows),
    xTest: x(256),
    yTest: y(256),
  };
}

const networks = [
  {
    name: 'MNIST preset: teacher 784-512-512-10 (dropout 0.3), students 784-32-10',
    teacher: denseStack([512, 512], 0.3),
    student: denseStack([32]),
  },
  {
    name: 'PyTorch comparison: 784-256-256-10',
    teacher: denseStack([256, 256]),
    student: denseStack([256, 256]),
  },
];
const results = [];
for (const net of networks) {
  const config = {
    ...DEFAULT_CONFIG,
    teacherHidden: net.teacher,
    studentHidden: net.student,
    batchSize: batch,
    labeledFraction: 0.25,
  };
  const exp = new Experiment(mnistShaped() as never, config);
  try {
    const race = await raceEngines(exp, device, {
      warmup: Number(values.warmup),
      steps: Number(values.steps),
      now: () => performance.now(),
      yieldToEventLoop: () => new Promise((r) => setImmediate(r)),
      readEveryMs: 100,
    });
    results.push({ network: net.name, batch, ...race });
  } finally {
    exp.dispose();
  }
}

/**
 * k students of the MNIST student network (784-32-10) in one lockstep step: KD students at spread
 * temperatures and one scratch student, as a sweep trains them.
 */
const STUDENT_COUNTS = [1, 2, 8, 17];
const raceOptions = {
  warmup: Number(values.warmup),
  steps: Number(values.steps),
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise<void>((r) => setImmediate(r)),
  readEveryMs: 100,
};
const cohorts = [];
for (const k of STUDENT_COUNTS) {
  const students = studentCohort(k);
  const config = {
    ...DEFAULT_CONFIG,
    studentHidden: denseStack([32]),
    batchSize: batch,
    labeledFraction: 0.25,
    students,
  };
  const exp = new Experiment(mnistShaped() as never, config);
  try {
    cohorts.push({ students: k, ...(await timeFusedStudents(exp, device, raceOptions)) });
  } finally {
    exp.dispose();
  }
}

if (values.json) {
  console.log(JSON.stringify({ adapter, results, cohorts }, null, 2));
} else {
  for (const r of results) {
    console.log(`\n${r.network}, batch ${r.batch}`);
    console.log(
      'step               engine   samples/s   ms/step  dispatches  submits   fused/tfjs',
    );
    for (const [label, pair] of [
      ['teacher', r.teacher],
      ['distilled+scratch', r.students],
    ] as const) {
      for (const engine of ['tfjs', 'fused'] as const) {
        const t = pair[engine];
        const ratio =
          engine === 'fused'
            ? `${(t.samplesPerSecond / pair.tfjs.samplesPerSecond).toFixed(1)}×`
            : '';
        console.log(
          `${label.padEnd(18)} ${engine.padEnd(6)} ${t.samplesPerSecond.toFixed(0).padStart(11)} ${t.msPerStep.toFixed(1).padStart(9)} ${t.dispatchesPerStep.toFixed(1).padStart(11)} ${t.submitsPerStep.toFixed(2).padStart(8)}   ${ratio}`,
        );
      }
    }
  }
}
if (!values.json) {
  console.log(
    `\nMNIST student network 784-32-10, batch ${batch}: k students in one lockstep step, fused`,
  );
  console.log('students   samples/s   ms/step  dispatches  submits');
  for (const c of cohorts) {
    console.log(
      `${String(c.students).padStart(8)} ${c.samplesPerSecond.toFixed(0).padStart(11)} ${c.msPerStep.toFixed(1).padStart(9)} ${c.dispatchesPerStep.toFixed(1).padStart(11)} ${c.submitsPerStep.toFixed(2).padStart(8)}`,
    );
  }
}
device.destroy();
