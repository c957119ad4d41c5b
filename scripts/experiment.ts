// `npm run experiment`: the playground's core, headless in Node, for reproducible runs and for
// checking results against DESIGN.md's references. Progress goes to stderr; results to stdout.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ExperimentConfig } from '../src/core/config';
import type { Dataset } from '../src/core/data/dataset';
import { decodeMnist, mnistDataset } from '../src/core/data/mnist';
import { generateSynthetic } from '../src/core/data/synthetic';
import { Experiment } from '../src/core/engine/experiment';
import { type FinalReport, trainToEnd } from '../src/core/engine/headless';
import { fp32Bytes } from '../src/core/size';
import { USAGE, parseExperimentFlags } from './lib/experiment-flags';

const MNIST_FILE = join(import.meta.dirname, '..', 'public', 'data', 'mnist.bin');

/** Writes mnist.bin on first use, its log on stderr so that stdout stays one JSON object. */
function ensureMnistFile(): void {
  if (existsSync(MNIST_FILE)) return;
  const script = join(import.meta.dirname, 'prepare-mnist.mjs');
  execFileSync(process.execPath, [script], { stdio: ['ignore', 2, 2] });
}

function loadDataset(config: ExperimentConfig): Dataset {
  // The flags accept only the bundled datasets; an uploaded CSV lives in a browser.
  if (config.dataset === 'csv') throw new Error('--dataset csv is not available headless.');
  if (config.dataset !== 'mnist') {
    return generateSynthetic(config.dataset, config.samples, config.noise, config.seed);
  }
  ensureMnistFile();
  const file = readFileSync(MNIST_FILE);
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  return mnistDataset(decodeMnist(buffer), config.seed);
}

function modelResult(report: FinalReport) {
  const result = {
    testAccuracy: report.accuracy,
    parameters: report.parameters,
    bytes: fp32Bytes(report.parameters),
  };
  return report.agreement === undefined ? result : { ...result, agreement: report.agreement };
}

async function main(): Promise<number> {
  const parsed = parseExperimentFlags(process.argv.slice(2));
  if (parsed.ok === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const { config, backend, json } = parsed.args;
  // Production mode: no debug checks, and no advice to install tfjs-node on stderr.
  tf.enableProdMode();
  if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend did not start.`);
  await tf.ready();

  const started = performance.now();
  const exp = new Experiment(loadDataset(config), config);
  try {
    const final = await trainToEnd(exp, (r) => {
      const agreement = r.agreement === undefined ? '' : `, agreement ${pct(r.agreement)}`;
      console.error(
        `${r.model.padEnd(9)} epoch ${String(r.epoch).padStart(3)}: loss ${r.trainLoss.toFixed(4)}, test ${pct(r.testAccuracy)}${agreement}`,
      );
    });
    const seconds = (performance.now() - started) / 1000;
    const result = {
      config,
      backend,
      seconds: Number(seconds.toFixed(1)),
      teacher: modelResult(final.teacher),
      distilled: modelResult(final.distilled),
      scratch: modelResult(final.scratch),
    };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      console.log(
        `\n${config.dataset}, ${backend} backend, seed ${config.seed}, ${result.seconds} s`,
      );
      for (const role of ['teacher', 'distilled', 'scratch'] as const) {
        const m = result[role];
        console.log(
          `${role.padEnd(9)} test ${pct(m.testAccuracy).padStart(7)}  ${m.parameters.toLocaleString('en-US').padStart(9)} parameters  ${m.bytes.toLocaleString('en-US').padStart(10)} bytes`,
        );
      }
      const gain = (result.distilled.testAccuracy - result.scratch.testAccuracy) * 100;
      console.log(
        `distillation bought ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} points over scratch`,
      );
    }
    return 0;
  } finally {
    exp.dispose();
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
