/**
 * Energy and training cost in words: SI prefixes for joules and FLOPs, an estimate's range, and
 * the sentence that sets what the teacher cost beside what a student did.
 */
import type { EnergyRange } from './energy';
import type { TrainingCost } from './training';

const PREFIXES = [
  { at: 1e12, prefix: 'T' },
  { at: 1e9, prefix: 'G' },
  { at: 1e6, prefix: 'M' },
  { at: 1e3, prefix: 'k' },
  { at: 1, prefix: '' },
  { at: 1e-3, prefix: 'm' },
  { at: 1e-6, prefix: 'µ' },
  { at: 1e-9, prefix: 'n' },
  { at: 1e-12, prefix: 'p' },
];

/** `x` with an SI prefix and two or three significant digits: "6.5 M", "14 n", "250 µ". */
export function si(x: number, unit: string): string {
  const [value, prefixed] = siParts(x, unit);
  return `${value} ${prefixed}`;
}

/** `si`'s number and its prefixed unit, apart: [6.5, 'MFLOP']. */
function siParts(x: number, unit: string): [number, string] {
  if (x === 0) return [0, unit];
  // A hair below a power of a thousand (1 / 1e-9 in floating point) takes the larger prefix.
  const scale =
    PREFIXES.find((p) => Math.abs(x) >= p.at * (1 - 1e-9)) ?? PREFIXES[PREFIXES.length - 1];
  const { at, prefix } = scale as { at: number; prefix: string };
  const scaled = x / at;
  const digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  return [Number(scaled.toFixed(digits)), `${prefix}${unit}`];
}

/** "0.18–14 nJ": both ends in the low end's unit where they share one, else each in its own. */
export function joules({ lowJ, highJ }: EnergyRange): string {
  const [low, lowUnit] = siParts(lowJ, 'J');
  const [high, highUnit] = siParts(highJ, 'J');
  return lowUnit === highUnit
    ? `${low}–${high} ${highUnit}`
    : `${low} ${lowUnit} – ${high} ${highUnit}`;
}

/** Predictions a joule buys at each end: the reciprocal of the range, its ends swapped. */
export function perJoule({ lowJ, highJ }: EnergyRange): string {
  const count = (x: number) => siParts(x, '').join(' ').trim();
  return `${count(1 / highJ)}–${count(1 / lowJ)} / J`;
}

/**
 * "Training the teacher took 88 s and 2.9 TFLOP, 31× the distilled student's 94 GFLOP; the
 * students trained together in 12 s." — null without both figures.
 */
export function teacherCostSentence(
  teacher: TrainingCost | undefined,
  student: { name: string; cost: TrainingCost } | undefined,
): string | null {
  if (!teacher || !student || student.cost.flops === 0) return null;
  const ratio = teacher.flops / student.cost.flops;
  const took =
    teacher.seconds === null
      ? `Training the teacher cost ${si(teacher.flops, 'FLOP')} (not all of it timed in this run)`
      : `Training the teacher took ${teacher.seconds.toFixed(1)} s and ${si(teacher.flops, 'FLOP')}`;
  const times = ratio >= 1 ? `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×` : `${ratio.toFixed(2)}×`;
  const students =
    student.cost.seconds === null
      ? ''
      : `; the students trained together in ${student.cost.seconds.toFixed(1)} s`;
  return `${took}, ${times} the ${student.name.toLowerCase()}'s ${si(student.cost.flops, 'FLOP')}${students}.`;
}
