/**
 * Transfer to a new task: each trained model of a run (the teacher and every student) keeps its
 * hidden layers, gets a new output layer and trains on a target task with few labels, beside a
 * fresh twin of its shape from random weights on the same batches. Pure: the flag's syntax, the
 * students that stand for the models, and the figures with their intervals and the sentence.
 * docs/methods.md, "Transfer to a new task".
 */
import {
  DATASET_LABELS,
  DATASET_NAMES,
  DATASET_SHAPES,
  type BuiltinDataset,
  type DatasetName,
} from './datasets';
import type { CsvSpec } from './config';
import type { Layer } from './layers';
import { holmAdjust } from './significance/holm';
import { type PairedCounts, pairedDifference } from './significance/paired';
import { pairedSeeds } from './significance/seeds';
import { formatP, interval, signedPoints, verdict } from './significance/describe';
import type { StudentSpec } from './students';

export const TRANSFER_MODES = ['finetune', 'probe'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export interface TransferSpec {
  target: DatasetName;
  /** Labelled target rows the models train on; null: all of them. */
  labels: number | null;
  epochs: number;
  mode: TransferMode;
  /** The target CSV (uploaded on the page) when `target` is 'csv'. */
  csv?: CsvSpec;
}

export type TransferResult = { ok: true; spec: TransferSpec } | { ok: false; error: string };

/** The bundled datasets a run on `dataset` (of `features` inputs) can transfer to: same width. */
export function transferTargets(dataset: DatasetName, features: number): BuiltinDataset[] {
  return DATASET_NAMES.filter((d) => d !== dataset && DATASET_SHAPES[d].features === features);
}

/** How many labelled target rows: a whole number from 10, or "all" (null). */
export function parseLabels(
  text: string,
): { ok: true; labels: number | null } | { ok: false; error: string } {
  const t = text.trim();
  if (t === 'all') return { ok: true, labels: null };
  const n = Number(t);
  if (t !== '' && Number.isInteger(n) && n >= 10) return { ok: true, labels: n };
  return { ok: false, error: 'A whole number of labels from 10, or all.' };
}

/** `fashion-mnist:labels=500:epochs=5:mode=finetune` (labels=all for every row). */
export function parseTransfer(text: string): TransferResult {
  const [target = '', ...parts] = text.split(':');
  if (!(DATASET_NAMES as readonly string[]).includes(target) || target === 'csv') {
    return { ok: false, error: `"${target}" is not a dataset the command line can load.` };
  }
  const spec: TransferSpec = {
    target: target as DatasetName,
    labels: 500,
    epochs: 5,
    mode: 'finetune',
  };
  for (const part of parts) {
    const [key, value = ''] = part.split('=');
    const n = Number(value);
    const labels = parseLabels(value);
    if (key === 'labels' && labels.ok) spec.labels = labels.labels;
    else if (key === 'epochs' && Number.isInteger(n) && n >= 1 && n <= 200) spec.epochs = n;
    else if (key === 'mode' && (TRANSFER_MODES as readonly string[]).includes(value)) {
      spec.mode = value as TransferMode;
    } else {
      return {
        ok: false,
        error: `"${part}" is not labels=N (10 or more, or all), epochs=1–200 or mode=finetune|probe.`,
      };
    }
  }
  return { ok: true, spec };
}

/** A model of the source run as the transfer takes it: its name and hidden layers. */
export interface SourceModel {
  name: string;
  hidden: readonly Layer[];
}

/**
 * Each source model as two students of the target run: the adapted one (its hidden weights are
 * copied in before training) and its fresh twin. Both learn from the labels alone; the twin starts
 * from the weights a plain run's scratch student of that network and seed would.
 */
export function transferStudents(
  models: readonly SourceModel[],
  mode: TransferMode,
): StudentSpec[] {
  const probe = mode === 'probe' ? { probe: true } : {};
  return models.flatMap((m) => [
    { name: m.name, kind: 'scratch' as const, hidden: [...m.hidden], ...probe },
    { name: `${m.name} (fresh)`, kind: 'scratch' as const, hidden: [...m.hidden], ...probe },
  ]);
}

/** One source model on one seed: the adapted model against its twin on the target's test rows. */
export interface TransferSeedModel {
  name: string;
  testAccuracy: number;
  fresh: { testAccuracy: number; stepsTo90: number };
  counts: PairedCounts;
  /** Test accuracy at each epoch's end, the adapted model's and its twin's. */
  curve: number[];
  freshCurve: number[];
  /** Student steps until the model's test accuracy first reached 90 % of its final accuracy. */
  stepsTo90: number;
  /** The whole lockstep group's seconds per epoch: all the models train together. */
  secondsPerEpoch: number;
}

export interface TransferModelRow {
  name: string;
  testAccuracy: number;
  fresh: { testAccuracy: number; stepsTo90: number };
  /** Adapted minus fresh: one seed, McNemar on the test rows; several, paired t over seeds. */
  gain: { difference: number; low: number; high: number; p: number; pHolm: number };
  secondsPerEpoch: number;
  stepsTo90: number;
}

/** One seed's transfer: every source model against its twin, and the two students' comparison. */
export interface TransferSeed {
  /** Labelled target rows the models trained on (the classes' shares, rounded). */
  labeledRows: number;
  models: TransferSeedModel[];
  /** The run's distilled and scratch students, adapted, on the same target rows. */
  versus: VersusSeed | null;
}

/** The target's name as the page shows it: an uploaded CSV by its file. */
export function targetLabel(spec: Pick<TransferSpec, 'target' | 'csv'>): string {
  return spec.csv?.name ?? DATASET_LABELS[spec.target];
}

/** A finished transfer as the run keeps it (its saved record too): what was asked, every seed. */
export interface TransferStudy {
  spec: TransferSpec;
  seeds: TransferSeed[];
}

/** What the seeds' figures rest on, in words: the test rows for one seed, the seeds for more. */
export function transferBasis(seeds: number): string {
  return seeds === 1
    ? '1 seed, McNemar on the target test rows'
    : `${seeds} seeds, paired t over seeds`;
}

/** The seeds pooled: each model's row, the distilled-vs-scratch comparison and the sentence. */
export function transferFigures(seeds: readonly TransferSeed[]): {
  rows: TransferModelRow[];
  versus: Versus | null;
  sentence: string;
} {
  const rows = transferRows(seeds.map((s) => s.models));
  // Only where every seed has both students: a comparison over some seeds would pair nothing.
  const pairs = seeds.flatMap((s) => (s.versus ? [s.versus] : []));
  const versus = pairs.length === seeds.length ? distilledVsScratch(pairs) : null;
  return { rows, versus, sentence: describeTransfer(rows, versus, transferBasis(seeds.length)) };
}

/** The first epoch whose accuracy reached 90 % of the last, in steps. */
export function stepsTo90(curve: readonly number[], stepsPerEpoch: number): number {
  const last = curve.at(-1) ?? 0;
  const epoch = curve.findIndex((a) => a >= 0.9 * last);
  return (epoch < 0 ? curve.length : epoch + 1) * stepsPerEpoch;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Every seed's models pooled: one seed keeps its test-row intervals, several use the seeds'. */
export function transferRows(seeds: readonly (readonly TransferSeedModel[])[]): TransferModelRow[] {
  const first = seeds[0] ?? [];
  const gains = first.map((_, i) => {
    const of = seeds.map((s) => s[i] as TransferSeedModel);
    if (of.length === 1) {
      const d = pairedDifference((of[0] as TransferSeedModel).counts);
      return { difference: d.difference, low: d.low, high: d.high, p: d.p };
    }
    const g = pairedSeeds(
      of.map((m) => m.testAccuracy),
      of.map((m) => m.fresh.testAccuracy),
    );
    return { difference: g.mean, low: g.low, high: g.high, p: g.p };
  });
  const adjusted = holmAdjust(gains.map((g) => g.p));
  return first.map((m, i) => {
    const of = seeds.map((s) => s[i] as TransferSeedModel);
    return {
      name: m.name,
      testAccuracy: mean(of.map((o) => o.testAccuracy)),
      fresh: {
        testAccuracy: mean(of.map((o) => o.fresh.testAccuracy)),
        stepsTo90: mean(of.map((o) => o.fresh.stepsTo90)),
      },
      gain: { ...(gains[i] as (typeof gains)[number]), pHolm: adjusted[i] ?? 1 },
      secondsPerEpoch: mean(of.map((o) => o.secondsPerEpoch)),
      stepsTo90: mean(of.map((o) => o.stepsTo90)),
    };
  });
}

/** The adapted distilled and scratch students of one seed, on the same target test rows. */
export interface VersusSeed {
  distilled: number;
  scratch: number;
  /** Distilled first. */
  counts: PairedCounts;
}

export interface Versus {
  difference: number;
  low: number;
  high: number;
  p: number;
}

/**
 * The distilled student against the scratch student after both adapted: the claim that
 * distillation makes a student that adapts more readily. Their fresh twins are one network (same
 * shape, seed and batches), so the difference of their gains is the difference of their adapted
 * accuracies: paired on the test rows (McNemar) for one seed, over seeds (t-test) for several.
 */
export function distilledVsScratch(seeds: readonly VersusSeed[]): Versus | null {
  const [only] = seeds;
  if (!only) return null;
  if (seeds.length === 1) {
    const d = pairedDifference(only.counts);
    return { difference: d.difference, low: d.low, high: d.high, p: d.p };
  }
  const g = pairedSeeds(
    seeds.map((s) => s.distilled),
    seeds.map((s) => s.scratch),
  );
  return { difference: g.mean, low: g.low, high: g.high, p: g.p };
}

/** Each model's gain in words, then whether the distilled student adapted better than scratch. */
export function describeTransfer(
  rows: readonly TransferModelRow[],
  versus: Versus | null,
  over: string,
): string {
  const v = (r: TransferModelRow) =>
    verdict(r.gain.difference, r.gain.low, r.gain.high, r.gain.pHolm);
  const helped = rows.filter((r) => v(r) === 'gain').map((r) => r.name);
  const hurt = rows.filter((r) => v(r) === 'cost').map((r) => r.name);
  const parts = [
    helped.length > 0
      ? `Starting from the trained weights beat a fresh network for ${helped.join(', ')}`
      : 'Starting from the trained weights beat a fresh network for no model beyond chance',
    hurt.length > 0 ? `and did worse for ${hurt.join(', ')}` : '',
  ].filter(Boolean);
  const lead = `${parts.join(' ')} (${over}, Holm-adjusted over ${rows.length} models).`;
  if (!versus) return lead;
  const w = verdict(versus.difference, versus.low, versus.high, versus.p);
  const figures = `${signedPoints(versus.difference)} points, ${interval(versus.low, versus.high)}, ${formatP(versus.p)}`;
  const tail =
    w === 'gain'
      ? `The distilled student adapted better than the scratch one (${figures}).`
      : w === 'cost'
        ? `The distilled student adapted worse than the scratch one (${figures}).`
        : `The distilled student adapted no better than the scratch one beyond chance (${figures}).`;
  return `${lead} ${tail}`;
}
