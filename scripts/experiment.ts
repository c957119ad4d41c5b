// `npm run experiment`: the playground's core, headless in Node, for reproducible runs and for
// checking results against the PyTorch reference (docs/reproduction.md). Progress goes to stderr;
// results to stdout.
import * as tf from '@tensorflow/tfjs';
import { fastTransposedMatMul } from '../src/core/engine/wasm-matmul';
import type { ExperimentConfig } from '../src/core/config';
import { buildExperiment } from '../src/core/engine/load-teacher';
import type { ImportedTeacher } from '../src/core/engine/read-teacher';
import { importTeacher, loadDataset } from './lib/experiment-inputs';
import { testRowsWord } from '../src/core/data/class-names';
import { finalReport, hasRoles, trainToEnd } from '../src/core/engine/headless';
import { rosterReport } from '../src/core/engine/roster-report';
import { type SeedReport, seedResult } from './lib/seed-json';
import { summarizeSeeds } from '../src/core/seed-summary';
import { describeRunGain, describeSeedGain, formatP } from '../src/core/significance/describe';
import type { MeanInterval } from '../src/core/significance/seeds';
import { type ExperimentArgs, USAGE, parseExperimentFlags } from './lib/experiment-flags';
import { printRoster, printSweep, rosterAcrossSeeds } from './lib/roster-print';
import { capacityRows, printCapacity } from './lib/capacity-print';
import { isCapacity } from './lib/sweep-flag';
import {
  printTransfer,
  transferEvidence,
  transferResult,
  transferSeed,
} from './lib/transfer-print';
import { startPytorchExport } from './lib/pytorch-emit';
import type { TransferSpec } from '../src/core/transfer';
import { cliClaims } from './lib/cli-claims';
import { startNodeWebGpu } from './lib/node-webgpu';
import { setNodeCpuThreads } from './lib/node-cpu-threads';
import { cpuThreads } from '../src/core/engine/cpu/threads';
import { fileTuning } from './lib/kernel-cache';
import { chooseSteps } from '../src/core/engine/fused/engine-choice';
import {
  type QuantityGap,
  checkCpuOnce,
  checkOnce,
  describeFailure,
} from '../src/core/engine/fused/self-check';
import type { TrainingSteps } from '../src/core/engine/training-steps';
import { hasConv } from '../src/core/layers';
import { hiddenOf, studentsOf } from '../src/core/students';

// Gradient matmuls on wasm take XNNPACK's path, as in the page.
fastTransposedMatMul();

/** tfjs's WebGPU device in Node, with --backend webgpu: the students train on the fused kernels. */
let gpuDevice: GPUDevice | null = null;
/** The tuned kernel variants, kept in a file between runs of this tool. */
const tuning = fileTuning();
/** --backend wasm without --engine tfjs: dense networks train on the fused CPU engine. */
let fusedCpu = false;
/** --rows: an image set's first training rows. */
let rows: number | undefined;
/** The --teacher-model every seed distils from, checked as the page checks an import. */
let imported: ImportedTeacher | null = null;

async function trainSeed(
  config: ExperimentConfig,
  transfer: TransferSpec | undefined,
  emit: { dir: string; backend: string } | null,
): Promise<SeedReport> {
  const dataset = loadDataset(config, rows);
  const exp = await buildExperiment(dataset, config, imported);
  const { ready } = exp;
  // Written before a step is taken: the weights the export holds are the initial ones.
  const pytorch = emit && (await startPytorchExport(exp, emit.dir, emit.backend));
  let steps: TrainingSteps | undefined;
  try {
    if (gpuDevice || fusedCpu) {
      // The worker's choice, with this tool's file of tuned variants as its store.
      const choice = await chooseSteps(exp, { device: gpuDevice, cpu: fusedCpu, tuning });
      tuning.chosen(choice.tuned);
      if (choice.reason) console.error(`tfjs kernels, not the fused ones: ${choice.reason}`);
      steps = choice.steps;
    }
    await trainToEnd(
      exp,
      {
        trainTeacher: !ready,
        ...(pytorch && {
          onStepLoss: (model, loss) => {
            pytorch.onStepLoss(model, loss);
          },
        }),
        onEpoch: (r) => {
          const agreement = r.agreement === undefined ? '' : `, agreement ${pct(r.agreement)}`;
          const name = r.model === 'teacher' ? 'teacher' : exp.studentAt(r.model).spec.name;
          console.error(
            `seed ${config.seed} ${name.padEnd(9)} epoch ${String(r.epoch).padStart(3)}: loss ${r.trainLoss.toFixed(4)}, test ${pct(r.accuracy)}${agreement}`,
          );
        },
      },
      steps,
    );
    const report = {
      roster: await rosterReport(exp),
      final: hasRoles(exp) ? await finalReport(exp) : null,
    };
    pytorch?.finish(report.roster);
    if (!transfer) return report;
    return { ...report, transfer: await transferSeed(exp, transfer, gpuDevice) };
  } finally {
    steps?.dispose();
    exp.dispose();
  }
}

/** "worst gaps logits 1.2e-7, …, conv Adam update 3.0e-6": a passed self-check's margins. */
const worstGaps = (gaps: readonly QuantityGap[]) =>
  `worst gaps ${gaps.map((g) => `${g.conv ? 'conv ' : ''}${g.quantity} ${g.worst.toExponential(1)}`).join(', ')}`;

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
  const { config, backend, engine, json, teacherModel, sweep, transfer, emitPytorch } = parsed.args;
  rows = parsed.args.rows;
  // Production mode: no debug checks, and no advice to install tfjs-node on stderr.
  tf.enableProdMode();
  // With a conv block in the run, the fused engines' self-checks train a conv network's step too.
  const conv = [
    config.teacherHidden,
    ...studentsOf(config).map((s) => hiddenOf(s, config.studentHidden)),
  ].some(hasConv);
  if (backend === 'webgpu' && engine === 'fused') {
    const started = await startNodeWebGpu();
    gpuDevice = started.device;
    console.error(`webgpu adapter: ${started.adapter}; training on the fused kernels`);
    const check = await checkOnce(started.device, conv);
    console.error(
      check.ok
        ? `fused kernels' self-check: passed (${worstGaps(check.gaps)})`
        : `fused kernels' self-check: ${describeFailure(check.failed)}`,
    );
  } else if (backend === 'webgpu') {
    await startNodeWebGpu();
  } else if (!(await tf.setBackend(backend))) {
    throw new Error(`The ${backend} backend did not start.`);
  }
  await tf.ready();
  if (backend === 'wasm' && engine === 'fused') {
    fusedCpu = true;
    // Every core, as the page's pool (src/worker/cpu-threads.ts).
    setNodeCpuThreads();
    const check = await checkCpuOnce(conv);
    console.error(
      check.ok
        ? `training on the fused CPU engine (${cpuThreads().count} threads); its self-check: passed (${worstGaps(check.gaps)})`
        : `fused CPU engine's self-check: ${describeFailure(check.failed, 'cpu')}`,
    );
  }
  if (teacherModel) {
    imported = await importTeacher(teacherModel, config);
    const { name, className, parameters, softmax } = imported.info;
    console.error(
      `teacher: ${name} (${className}, ${parameters} parameters, outputs ${softmax ? 'probabilities' : 'logits'}), not trained`,
    );
  }

  const started = performance.now();
  const seeds: ReturnType<typeof seedResult>[] = [];
  const reports: SeedReport[] = [];
  for (let i = 0; i < config.repeats; i++) {
    const seedStarted = performance.now();
    const seed = config.seed + i;
    const emit = i === 0 && emitPytorch ? { dir: emitPytorch, backend } : null;
    const report = await trainSeed({ ...config, seed }, transfer, emit);
    reports.push(report);
    seeds.push(seedResult(seed, (performance.now() - seedStarted) / 1000, report));
    if (!json) printSeed(parsed.args, seed, (performance.now() - seedStarted) / 1000, report);
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const finals = reports.flatMap((r) => (r.final ? [r.final] : []));
  const across =
    finals.length === reports.length
      ? summarizeSeeds(finals.map((f, index) => ({ index, seed: config.seed + index, ...f })))
      : null;
  const roster = rosterAcrossSeeds(reports.map((r) => r.roster));
  const summary =
    config.repeats > 1
      ? {
          teacher: interval(roster.teacher),
          students: roster.students.map((st) => ({ name: st.name, ...interval(st.accuracy) })),
          comparisons: roster.comparisons,
          ...(across
            ? {
                distilled: interval(across.models.distilled?.accuracy),
                scratch: interval(across.models.scratch?.accuracy),
                gain: across.gain ? { ...interval(across.gain), p: across.gain.p } : null,
              }
            : {}),
        }
      : null;
  const first = seeds[0];
  const capacity = sweep && isCapacity(sweep) ? capacityRows(reports.map((r) => r.roster)) : null;
  const transferSeeds = reports.flatMap((r) => (r.transfer ? [r.transfer] : []));
  const transferJson = transfer ? transferResult(transfer, transferSeeds) : null;
  // Each claim against the run's own seed (the CLI measures no latency: that claim says so).
  const own = reports[0]?.final;
  const evidence = transferJson && transferEvidence(transferJson);
  const claims = own ? cliClaims(own, config.dataset, evidence) : [];
  if (json) {
    // The first seed's models stay at the top level, as before --seeds existed; `seconds` is
    // the whole run's.
    const teacherModelInfo = imported ? { teacherModel: imported.info } : {};
    console.log(
      JSON.stringify({
        config,
        backend,
        ...teacherModelInfo,
        ...first,
        seconds,
        seeds,
        summary,
        ...(capacity && { capacity }),
        ...(transferJson && { transfer: transferJson }),
        claims,
      }),
    );
  } else if (config.repeats > 1) {
    const seedList = seeds.map((s) => s.seed).join(', ');
    console.log(`\n${config.repeats} seeds (${seedList}), ${seconds} s in all`);
    console.log(`${'teacher'.padEnd(12)} ${meanLine(roster.teacher, ' %', [0, 1])}`);
    for (const st of roster.students) {
      console.log(`${st.name.padEnd(12)} ${meanLine(st.accuracy, ' %', [0, 1])}`);
    }
    for (const c of roster.comparisons) {
      const holm = roster.comparisons.length > 1 ? `, Holm-adjusted ${formatP(c.pHolm)}` : '';
      console.log(
        `${c.distilled} − ${c.scratch}: ${meanLine(c.gain, ' points', [-1, 1])}, paired t-test ${formatP(c.gain.p)}${holm}`,
      );
    }
    if (across?.gain && roster.comparisons.length === 1) {
      console.log(describeSeedGain(across.gain).text);
    }
    if (capacity) printCapacity(capacity, config.repeats);
  }
  if (!json && transferJson) printTransfer(transferJson);
  return 0;
}

function printSeed(
  { config, backend, sweep }: ExperimentArgs,
  seed: number,
  seconds: number,
  { roster, final }: SeedReport,
): void {
  console.log(`\n${config.dataset}, ${backend} backend, seed ${seed}, ${seconds.toFixed(1)} s`);
  const rows = testRowsWord(config.dataset);
  printRoster(roster, rows);
  if (sweep && isCapacity(sweep)) printCapacity(capacityRows([roster]), 1);
  else if (sweep) printSweep(sweep, roster);
  else if (final && roster.comparisons.length === 1) {
    console.log(describeRunGain(final.students.accuracy, rows).text);
  }
}

/** mean, sd and the 95 % interval, as fractions (null for one seed). */
function interval(m: MeanInterval | undefined) {
  if (!m) return null;
  return { mean: m.mean, sd: m.sd, low: m.low, high: m.high, n: m.n };
}

/** The interval is clipped to what the quantity can be (an accuracy is never above 100 %). */
function meanLine(m: MeanInterval, unit: string, [min, max]: [number, number]): string {
  const pts = (x: number) => (x * 100).toFixed(2);
  const low = pts(Math.max(min, m.low));
  const high = pts(Math.min(max, m.high));
  return `mean ${pts(m.mean).padStart(6)}${unit}  sd ${pts(m.sd)}  95 % CI ${low} to ${high}`;
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
