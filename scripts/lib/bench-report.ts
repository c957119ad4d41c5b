/** The benchmark's report: its budgets, checked against one run's figures, and its text table. */
import type { BenchRequest, BenchResult, PeerTiming } from '../../src/protocol/bench';
import type { EngineRace } from '../../src/core/throughput';
import { formatLayers } from '../../src/core/layers';
import type { ModelRole } from '../../src/protocol/messages';
import type { BundleSizes } from './bundles';
import type { JankStats } from './jank';

export const BUDGETS = {
  /** Our step's samples/s over the raw loop's, on every backend and model. */
  minEfficiency: 0.95,
  steadyLongTasks: 0,
  mainThreadGzipBytes: 250_000,
  /** Compute dispatches of one fused step: a two-hidden-layer teacher, and both students. */
  fusedTeacherDispatches: 14,
  fusedStudentPairDispatches: 24,
} as const;

export interface BackendBench {
  result: BenchResult;
  /** Main-thread smoothness during a real run on the playground page; a string if it failed. */
  jank: JankStats | string;
}

export interface BenchReport {
  date: string;
  userAgent: string;
  chromiumArgs: string[];
  request: Omit<BenchRequest, 'backend'>;
  backends: BackendBench[];
  bundles: BundleSizes;
}

export interface BudgetCheck {
  budget: string;
  pass: boolean;
  detail: string;
}

const ROLES: readonly ModelRole[] = ['teacher', 'distilled', 'scratch'];

export function checkBudgets(report: BenchReport): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const { result, jank } of report.backends) {
    if (!result.available) continue;
    const name = result.backend.name;
    const efficiencies = ROLES.map((r) => result.steps[r].efficiency);
    checks.push({
      budget: `${name}: pipeline efficiency ≥ ${BUDGETS.minEfficiency}`,
      pass: efficiencies.every((e) => e >= BUDGETS.minEfficiency),
      detail: ROLES.map((r, i) => `${r} ${(efficiencies[i] as number).toFixed(2)}`).join(', '),
    });
    checks.push(
      typeof jank === 'string'
        ? { budget: `${name}: no long tasks in steady training`, pass: false, detail: jank }
        : {
            budget: `${name}: no long tasks in steady training`,
            pass: jank.steadyLongTasks <= BUDGETS.steadyLongTasks,
            detail: `${jank.steadyLongTasks} in ${jank.steadySeconds.toFixed(1)} s (longest ${jank.longestTaskMs.toFixed(0)} ms; ${jank.longTasks} in the whole run)`,
          },
    );
    const counts = ROLES.map(
      (r) =>
        [
          r,
          [...new Set(result.memory.filter((m) => m.model === r).map((m) => m.tensors))],
        ] as const,
    );
    if (result.engines) checks.push(...engineChecks(result.engines, result.backend.name));
    checks.push({
      budget: `${name}: tensor count flat across epochs`,
      pass: counts.every(([, c]) => c.length === 1),
      detail: counts.map(([r, c]) => `${r} ${c.join(' → ')}`).join(', '),
    });
  }
  const { mainThreadGzip, mainThread, worker } = report.bundles;
  checks.push({
    budget: `main-thread JS ≤ ${BUDGETS.mainThreadGzipBytes / 1000} KB gzip`,
    pass: mainThreadGzip <= BUDGETS.mainThreadGzipBytes,
    detail: `${kb(mainThreadGzip)} in ${mainThread.length} file(s)`,
  });
  const leaked = mainThread.filter((f) => f.hasTfjs).map((f) => f.file);
  checks.push({
    budget: 'tfjs only in the worker chunk',
    pass: leaked.length === 0 && worker.length > 0,
    detail:
      leaked.length > 0
        ? `tfjs in ${leaked.join(', ')}`
        : `worker ${kb(report.bundles.workerGzip)} gzip`,
  });
  return checks;
}

function engineChecks(race: EngineRace, backend: string): BudgetCheck[] {
  const steps = [
    ['teacher', race.teacher, BUDGETS.fusedTeacherDispatches],
    ['distilled + scratch', race.students, BUDGETS.fusedStudentPairDispatches],
  ] as const;
  const speed: BudgetCheck = {
    budget: `${backend}: fused kernels at least as fast as tfjs kernels`,
    pass: steps.every(([, t]) => t.fused.samplesPerSecond >= t.tfjs.samplesPerSecond),
    detail: steps
      .map(([n, t]) => `${n} ${(t.fused.samplesPerSecond / t.tfjs.samplesPerSecond).toFixed(2)}×`)
      .join(', '),
  };
  // The CPU engine dispatches nothing: its budget is its speed.
  if (backend !== 'webgpu') return [speed];
  return [
    speed,
    {
      budget: `webgpu: fused dispatches per step ≤ ${BUDGETS.fusedTeacherDispatches} (teacher), ≤ ${BUDGETS.fusedStudentPairDispatches} (both students)`,
      pass: steps.every(([, t, most]) => t.fused.dispatchesPerStep <= most),
      detail: steps
        .map(
          ([n, t]) =>
            `${n} ${t.fused.dispatchesPerStep} (tfjs ${t.tfjs.dispatchesPerStep.toFixed(0)})`,
        )
        .join(', '),
    },
  ];
}

/** The fused path's rows under its backend's (WGSL on webgpu, the CPU engine on wasm). */
function engineLines(race: EngineRace, backend: string): string[] {
  const what = backend === 'webgpu' ? 'fused WGSL kernels' : 'the fused CPU engine';
  const lines = [`         ${what} against tfjs kernels, same batches:`];
  for (const [label, t] of [
    ['teacher', race.teacher],
    ['distilled + scratch', race.students],
  ] as const) {
    for (const engine of ['tfjs', 'fused'] as const) {
      const e = t[engine];
      const ratio =
        engine === 'fused' ? `  ${(e.samplesPerSecond / t.tfjs.samplesPerSecond).toFixed(2)}×` : '';
      lines.push(
        `         ${`${backend}-${engine}`.padEnd(13)} ${label.padEnd(20)} ${e.samplesPerSecond.toFixed(0).padStart(8)} samples/s ${e.dispatchesPerStep.toFixed(1).padStart(7)} dispatches ${e.submitsPerStep.toFixed(2).padStart(6)} submits a step${ratio}`,
      );
    }
  }
  return lines;
}

/** jax-js's samples/s beside the fused kernels': one round (bench:node alternates three). */
function peerLines(peer: PeerTiming | { failed: string }, race?: EngineRace): string[] {
  if ('failed' in peer) return [`         jax-js: not measured (${peer.failed})`];
  return [
    ['teacher', peer.teacher, race?.teacher.fused.samplesPerSecond],
    ['distilled + scratch', peer.students, race?.students.fused.samplesPerSecond],
  ].map(([label, jax, ours]) => {
    const ratio =
      typeof ours === 'number' ? `  ours / jax-js ${(ours / Number(jax)).toFixed(2)}` : '';
    return `         jax-js        ${String(label).padEnd(20)} ${Number(jax).toFixed(0).padStart(8)} samples/s${ratio}`;
  });
}

/** The report as the terminal shows it. */
export function formatReport(report: BenchReport, checks: readonly BudgetCheck[]): string {
  const lines: string[] = [];
  const { config, timedSteps } = report.request;
  lines.push(
    `Distill Playground benchmark — ${report.date}`,
    report.userAgent,
    `${config.dataset}, teacher ${formatLayers(config.teacherHidden)}, student ${formatLayers(config.studentHidden)}, batch ${config.batchSize}, ${timedSteps} timed steps × 2 rounds`,
    '',
    pad([
      'backend',
      'model',
      'ours samples/s',
      'raw samples/s',
      'ours/raw',
      'latency b1 p50/p95 ms',
      'b256 p50/p95 ms',
    ]),
  );
  for (const { result, jank } of report.backends) {
    if (!result.available) {
      lines.push(`${result.backend.padEnd(8)} unavailable: ${result.reason}`);
      continue;
    }
    const name = result.backend.name;
    for (const role of ROLES) {
      const s = result.steps[role];
      const l = result.latency[role];
      lines.push(
        pad([
          role === 'teacher' ? name : '',
          role,
          s.ours.samplesPerSecond.toFixed(0),
          s.raw.samplesPerSecond.toFixed(0),
          s.efficiency.toFixed(2),
          `${l.batch1.p50.toFixed(2)} / ${l.batch1.p95.toFixed(2)} (${l.batch1.runs})`,
          `${l.batch256.p50.toFixed(2)} / ${l.batch256.p95.toFixed(2)}`,
        ]),
      );
    }
    if (result.backend.adapter) lines.push(`         adapter: ${result.backend.adapter}`);
    if (result.backend.threads !== undefined) {
      lines.push(`         wasm threads: ${result.backend.threads}`);
    }
    lines.push(
      typeof jank === 'string'
        ? `         main thread: not measured (${jank})`
        : `         main thread over a ${jank.runSeconds.toFixed(1)} s run: ${jank.longTasks} long tasks (${jank.steadyLongTasks} in steady training, ${jank.resultsLongTasks} while the results render), ${jank.droppedFrames} dropped of ${jank.frames + jank.droppedFrames} ${jank.clock === 'raf' ? 'frames' : '60 Hz timer ticks (rAF does not tick here)'}, longest gap ${jank.longestFrameMs.toFixed(0)} ms`,
    );
    const memory = result.memory.map((m) => `${m.model[0]}${m.epoch}:${m.tensors}`).join(' ');
    lines.push(`         tensors at epoch ends: ${memory}`);
    if (result.engines) lines.push(...engineLines(result.engines, result.backend.name));
    if (result.peer) lines.push(...peerLines(result.peer, result.engines));
    for (const c of result.cohorts ?? []) {
      lines.push(
        `         webgpu-fused  ${`${c.students} students`.padEnd(20)} ${c.samplesPerSecond.toFixed(0).padStart(8)} samples/s ${c.dispatchesPerStep.toFixed(1).padStart(7)} dispatches ${c.submitsPerStep.toFixed(2).padStart(6)} submits a step`,
      );
    }
  }
  const b = report.bundles;
  lines.push(
    '',
    `bundles (gzip): main thread ${kb(b.mainThreadGzip)}, worker ${kb(b.workerGzip)}`,
    '',
  );
  lines.push('budgets:');
  for (const c of checks) lines.push(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.budget} — ${c.detail}`);
  return lines.join('\n');
}

const WIDTHS = [8, 10, 15, 14, 9, 24, 16];

function pad(cells: string[]): string {
  return cells
    .map((c, i) => (i < 2 ? c.padEnd(WIDTHS[i] ?? 0) : c.padStart(WIDTHS[i] ?? 0)))
    .join(' ');
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
