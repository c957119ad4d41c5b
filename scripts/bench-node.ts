/**
 * `npm run bench:node`: the fused WGSL path against tfjs's WebGPU kernels and against jax-js (the
 * fastest browser-side peer: whole-step `jit`, its own WebGPU kernels) in Node, through Dawn (the
 * npm package `webgpu`) on whatever adapter Vulkan offers — a real GPU where there is one, else
 * Chromium's SwiftShader. Prints the adapter; the matmul variants the tuner chose per shape; where
 * a teacher step's time goes, kernel by kernel, with the default variant and with the tuned ones;
 * samples per second of each engine in alternated rounds with the median ratio ours / jax-js and
 * its spread (PASS at ≥ 1.0); dispatches and submits per training step; the pause between a CNN
 * teacher's last step and its students' first on each engine.
 *
 *   npm run bench:node -- [--steps 30] [--warmup 5] [--batch 128] [--rounds 3]
 *                         [--tune-budget 60000] [--kernel-cache PATH] [--json]
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/core/config.ts';
import * as tf from '@tensorflow/tfjs';
import {
  raceEngines,
  studentCohort,
  timeFusedStudents,
  timeCpuStudents,
  timeCpuTeacher,
} from '../src/core/engine/bench/engine-race.ts';
import { Experiment } from '../src/core/engine/experiment.ts';
import { timeHandover } from '../src/core/engine/bench/handover.ts';
import { fastTransposedMatMul } from '../src/core/engine/wasm-matmul.ts';
import { fusedShapes } from '../src/core/engine/fused/fused-shapes.ts';
import { defaultVariant } from '../src/core/engine/fused/matmul-variants.ts';
import { adapterName, storedChoice, tune } from '../src/core/engine/fused/tuning.ts';
import { conv, dense, denseStack } from '../src/core/layers.ts';
import { createRng } from '../src/core/rng.ts';
import { peerRatios, printPeerTable, printRace, printTuning } from './lib/bench-print.ts';
import { cpuReport, printCpu } from './lib/bench-cpu.ts';
import {
  peerStudents,
  peerTeacher,
  startPeer,
  timePeer,
} from '../src/core/engine/bench/jax-peer.ts';
import { KERNEL_CACHE, fileStore } from './lib/kernel-cache.ts';
import { methodWords, profileKernels, profileTable } from './lib/kernel-profile.ts';
import { startNodeWebGpu } from './lib/node-webgpu.ts';
import { setNodeCpuThreads } from './lib/node-cpu-threads.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    batch: { type: 'string', default: '128' },
    rounds: { type: 'string', default: '3' },
    'tune-budget': { type: 'string', default: '60000' },
    'kernel-cache': { type: 'string', default: KERNEL_CACHE },
    json: { type: 'boolean', default: false },
    // `--only cpu`: the CPU rows alone (no WebGPU needed), a few minutes instead of many.
    only: { type: 'string' },
  },
});
const log = (text: string) => {
  if (!values.json) console.log(text);
};

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
  {
    name: 'CNN on 28 × 28: teacher conv8 3×3 → 64 → 10, students conv4 3×3 → 32 → 10',
    teacher: [conv(8), dense(64, 'relu')],
    student: [conv(4), dense(32, 'relu')],
  },
];
const configOf = (net: (typeof networks)[number]) => ({
  ...DEFAULT_CONFIG,
  teacherHidden: net.teacher,
  studentHidden: net.student,
  batchSize: batch,
  labeledFraction: 0.25,
});
const STUDENT_COUNTS = [1, 2, 8, 17];
const cohortConfig = (k: number) => ({
  ...DEFAULT_CONFIG,
  studentHidden: denseStack([32]),
  batchSize: batch,
  labeledFraction: 0.25,
  students: studentCohort(k),
});

const baseRace = {
  warmup: Number(values.warmup),
  steps: Number(values.steps),
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise<void>((r) => setImmediate(r)),
  readEveryMs: 100,
};
const peerOptions = { warmup: Number(values.warmup), steps: Number(values.steps), batch };
const preset = networks[0] as (typeof networks)[number];

// The CPU path in the same harness: tfjs-wasm against jax-js's wasm backend, alternated. First:
// jax-js cannot move its constants off WebGPU in Node (no synchronous read there), only onto it.
// As the page and the CLI run it: gradient matmuls take XNNPACK's path (wasm-matmul.ts).
fastTransposedMatMul();
await tf.setBackend('wasm');
await startPeer('wasm');
/**
 * Alternated rounds on the CPU path: the fused CPU engine's teacher and student pair, tfjs-wasm's,
 * then jax-js's; each engine on a fresh experiment of the same data and seed.
 */
const cpuRounds = [];
/** The fused engine's pool: every core (tfjs-wasm and jax-js run on one thread in Node). */
const poolThreads = availableParallelism();
const onCpu = async (engine: 'tfjs' | 'fused', threads = 1) => {
  setNodeCpuThreads(threads);
  const exp = new Experiment(mnistShaped() as never, configOf(preset));
  try {
    const teacher = await timeCpuTeacher(exp, baseRace, engine);
    return { teacher, pair: await timeCpuStudents(exp, baseRace, engine) };
  } finally {
    exp.dispose();
  }
};
for (let r = 0; r < Number(values.rounds); r++) {
  const fused = await onCpu('fused');
  const pool = await onCpu('fused', poolThreads);
  const tfjs = await onCpu('tfjs');
  const teacher = peerTeacher([784, 512, 512, 10], 0.3, batch);
  const jaxTeacher = await timePeer(teacher, peerOptions).finally(() => {
    teacher.dispose();
  });
  const pair = peerStudents([784, 32, 10], batch);
  const jaxPair = await timePeer(pair, peerOptions).finally(() => {
    pair.dispose();
  });
  cpuRounds.push({
    teacher: {
      fused: fused.teacher.samplesPerSecond,
      pool: pool.teacher.samplesPerSecond,
      tfjsWasm: tfjs.teacher.samplesPerSecond,
      jax: jaxTeacher,
    },
    students: {
      fused: fused.pair.samplesPerSecond,
      pool: pool.pair.samplesPerSecond,
      tfjsWasm: tfjs.pair.samplesPerSecond,
      jax: jaxPair,
    },
  });
}
/** The CNN teacher on the fused CPU engine (one thread, the pool), and its handover on the CPU. */
const cnnNet = networks[2] as (typeof networks)[number];
const cnnOnCpu = async (threads: number) => {
  setNodeCpuThreads(threads);
  const exp = new Experiment(mnistShaped() as never, configOf(cnnNet));
  try {
    return (await timeCpuTeacher(exp, baseRace, 'fused')).samplesPerSecond;
  } finally {
    exp.dispose();
  }
};
const cnnTeacher = { fused: await cnnOnCpu(1), pool: await cnnOnCpu(poolThreads) };
const handoverConfig = {
  ...configOf(cnnNet),
  students: [
    { name: 'KD', kind: 'kd' as const },
    { name: 'Hint', kind: 'hint' as const },
    { name: 'Scratch', kind: 'scratch' as const },
  ],
};
const cpuHandoverExp = new Experiment(mnistShaped() as never, handoverConfig);
const cpuHandover = await timeHandover(cpuHandoverExp, 'cpu', baseRace).finally(() => {
  cpuHandoverExp.dispose();
});
const cpu = cpuReport(poolThreads, cpuRounds, { teacher: cnnTeacher, handover: cpuHandover });
if (values.only === 'cpu') {
  console.log(values.json ? JSON.stringify({ cpu }, null, 2) : printCpu(cpu));
  process.exit(0);
}

const { device, adapter } = await startNodeWebGpu();
console.error(`adapter: ${adapter}`);

if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not return to WebGPU.');

// Tuning: every shape the bench runs, timed once per adapter (the cache file keeps the choices).
const store = fileStore(values['kernel-cache']);
const adapterKey = adapterName(device);
const shapes = [...networks.map(configOf), ...STUDENT_COUNTS.map(cohortConfig)].flatMap((c) => {
  const exp = new Experiment(mnistShaped() as never, c);
  try {
    return fusedShapes(exp);
  } finally {
    exp.dispose();
  }
});
const tuning = await tune(device, adapterKey, shapes, store, {
  budgetMs: Number(values['tune-budget']),
  now: () => performance.now(),
});
store.save();
const choose = storedChoice(store, adapterKey, tuning);
log(printTuning(tuning, values['kernel-cache']));

// Where a teacher step's time goes: the default variant everywhere, then the tuned ones; and the
// tuned step timed the other way too, so the two methods can be compared on one adapter.
const teacherHidden = networks[0]?.teacher ?? [];
const tuned = await profileKernels(device, teacherHidden, { batch, choose });
const profiles = {
  default: await profileKernels(device, teacherHidden, { batch, choose: defaultVariant }),
  tuned,
  // Without timestamps the tuned profile was timed alone already.
  ...(tuned.method === 'timestamps'
    ? {
        tunedAlone: await profileKernels(device, teacherHidden, { batch, choose, method: 'alone' }),
      }
    : {}),
};
log(
  `\nTeacher 784-512-512-10 step, ${methodWords(profiles.default.method)} (ms), default variant:`,
);
log(profileTable(profiles.default));
log(`\nThe same step, tuned variants:`);
log(profileTable(profiles.tuned));
if (profiles.tunedAlone) {
  log(`\nThe tuned step again, ${methodWords(profiles.tunedAlone.method)} (ms):`);
  log(profileTable(profiles.tunedAlone));
}
const cnnHidden = networks[2]?.teacher ?? [];
const cnnProfile = await profileKernels(device, cnnHidden, { batch, choose });
log(`\nCNN teacher step (conv8 3×3 → 64 → 10 on 28 × 28), ${methodWords(cnnProfile.method)} (ms):`);
log(profileTable(cnnProfile));

const raceOptions = { ...baseRace, choose };

await startPeer('webgpu');
/** Alternated rounds on the preset network: ours (fused and tfjs), then jax-js, `rounds` times. */
const rounds = [];
for (let r = 0; r < Number(values.rounds); r++) {
  const exp = new Experiment(mnistShaped() as never, configOf(preset));
  let race;
  try {
    race = await raceEngines(exp, device, raceOptions);
  } finally {
    exp.dispose();
  }
  const teacher = peerTeacher([784, 512, 512, 10], 0.3, batch);
  const jaxTeacher = await timePeer(teacher, peerOptions).finally(() => {
    teacher.dispose();
  });
  const pair = peerStudents([784, 32, 10], batch);
  const jaxPair = await timePeer(pair, peerOptions).finally(() => {
    pair.dispose();
  });
  rounds.push({ race, jax: { teacher: jaxTeacher, students: jaxPair } });
}
const ratios = peerRatios(rounds);

const results = [];
for (const net of networks.slice(1)) {
  const exp = new Experiment(mnistShaped() as never, configOf(net));
  try {
    results.push({ network: net.name, batch, ...(await raceEngines(exp, device, raceOptions)) });
  } finally {
    exp.dispose();
  }
}

/** The CNN teacher's last step to its students' first: its outputs on every row, per engine. */
const handoverExp = new Experiment(mnistShaped() as never, handoverConfig);
const handover = await timeHandover(handoverExp, device, raceOptions).finally(() => {
  handoverExp.dispose();
});

/** k students of the MNIST student network in one lockstep step, as a sweep trains them. */
const cohorts = [];
for (const k of STUDENT_COUNTS) {
  const exp = new Experiment(mnistShaped() as never, cohortConfig(k));
  try {
    cohorts.push({ students: k, ...(await timeFusedStudents(exp, device, raceOptions)) });
  } finally {
    exp.dispose();
  }
}

if (values.json) {
  console.log(
    JSON.stringify(
      {
        adapter,
        tuning,
        profiles,
        cnnProfile,
        rounds,
        ratios,
        results,
        cohorts,
        handover,
        cpu,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`\n${preset.name}, batch ${batch}: ${rounds.length} alternated rounds`);
  printPeerTable(rounds, ratios);
  for (const r of results) {
    console.log(`\n${r.network}, batch ${r.batch}`);
    printRace(r);
  }
  console.log(
    `\nMNIST student network 784-32-10, batch ${batch}: k students in one lockstep step, fused`,
  );
  console.log('students   samples/s   ms/step  dispatches  submits');
  for (const c of cohorts) {
    console.log(
      `${String(c.students).padStart(8)} ${c.samplesPerSecond.toFixed(0).padStart(11)} ${c.msPerStep.toFixed(1).padStart(9)} ${c.dispatchesPerStep.toFixed(1).padStart(11)} ${c.submitsPerStep.toFixed(2).padStart(8)}`,
    );
  }
  console.log(
    `\nCNN teacher's last step to its students' first (${rows} training rows, 256 test rows, a hint student): fused ${handover.fusedMs.toFixed(0)} ms, tfjs WebGPU ${handover.tfjsMs.toFixed(0)} ms (${(handover.tfjsMs / handover.fusedMs).toFixed(1)}×)`,
  );
  console.log(`\n${printCpu(cpu)}`);
}
device.destroy();
process.exit(0);
