/**
 * `npm run bench:node`: the fused WGSL path against tfjs's WebGPU kernels in Node, through Dawn
 * (the npm package `webgpu`) on whatever adapter Vulkan offers — a real GPU where there is one,
 * else Chromium's SwiftShader. Prints the adapter, samples per second of each engine, their ratio,
 * and dispatches and submits per training step. For a GPU machine without a browser.
 *
 *   npm run bench:node -- [--steps 30] [--warmup 5] [--batch 128] [--json]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { create, globals } from 'webgpu';
import { SWIFTSHADER_ICD } from './lib/vulkan.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    batch: { type: 'string', default: '128' },
    json: { type: 'boolean', default: false },
  },
});

Object.assign(globalThis, globals);
/** Held for the life of the process: a collected instance takes the device's threads with it. */
const gpu = create([]);
const adapter = await gpu.requestAdapter();
if (!adapter) {
  if (!process.env.VK_ICD_FILENAMES) {
    // No GPU driver: again, on SwiftShader. A new process, because the Vulkan driver is chosen
    // from the environment at start (changing it under Dawn's threads corrupts memory).
    const env = { ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD };
    const args = [...process.execArgv, ...process.argv.slice(1)];
    const child = spawnSync(process.execPath, args, { stdio: 'inherit', env });
    process.exit(child.status ?? 1);
  }
  console.error(`No WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}).`);
  process.exit(1);
}
(globalThis as { navigator?: object }).navigator = { gpu };

// tfjs's WebGPU backend registers only if navigator.gpu exists when it is imported.
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-webgpu');
const { raceEngines } = await import('../src/core/engine/bench/engine-race.ts');
const { Experiment } = await import('../src/core/engine/experiment.ts');
const { DEFAULT_CONFIG } = await import('../src/core/config.ts');
const { denseStack } = await import('../src/core/layers.ts');
const { createRng } = await import('../src/core/rng.ts');
type WebGPUBackend = import('@tensorflow/tfjs-backend-webgpu').WebGPUBackend;

tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 1000);
if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend.');
const device = (tf.backend() as unknown as Pick<WebGPUBackend, 'device'>).device;
const info = adapter.info;
const adapterName = [info.vendor, info.architecture, info.device, info.description]
  .filter(Boolean)
  .join(' · ');
console.error(`adapter: ${adapterName || 'unnamed'}`);

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

if (values.json) {
  console.log(JSON.stringify({ adapter: adapterName, results }, null, 2));
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
device.destroy();
