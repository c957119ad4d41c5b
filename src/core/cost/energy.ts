/**
 * Energy per prediction and per training run, ESTIMATED from counts — never measured. The figures
 * are Horowitz's 45 nm, 0.9 V table (M. Horowitz, "Computing's energy problem (and what we can do
 * about it)", ISSCC 2014; the table Han et al., "Deep Compression", ICLR 2016, use). Newer
 * processes are cheaper per operation; the ratio of memory to arithmetic, which decides what a
 * small model saves, is what carries over. docs/methods.md ("Energy") states the model and its
 * limits.
 */

export const PRECISIONS = ['fp32', 'fp16', 'int8'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** Picojoules of one multiply and one add at each precision (int8: 8-bit integer). */
export const ARITHMETIC_PJ: Record<Precision, { multiply: number; add: number }> = {
  fp32: { multiply: 3.7, add: 0.9 },
  fp16: { multiply: 1.1, add: 0.4 },
  int8: { multiply: 0.2, add: 0.03 },
};

/** Bytes a weight takes at each precision. */
export const WEIGHT_BYTES: Record<Precision, number> = { fp32: 4, fp16: 2, int8: 1 };

/**
 * Picojoules of a 32-bit read: half the table's 64-bit figures — SRAM of 8 KB 10 pJ, 32 KB 20 pJ,
 * 1 MB 100 pJ; DRAM 1.3–2.6 nJ.
 */
export const SRAM_READ_PJ: readonly { upTo: number; pj: number }[] = [
  { upTo: 8 * 1024, pj: 5 },
  { upTo: 32 * 1024, pj: 10 },
  { upTo: 1024 * 1024, pj: 50 },
];
export const DRAM_READ_PJ = { low: 640, high: 1300 };

/** The on-chip memory assumed: the table's largest SRAM, a phone SoC's or a laptop core's L2. */
export const ON_CHIP_BYTES = 1024 * 1024;

const PJ = 1e-12;
const WORD_BYTES = 4;

/** An estimate's two ends, in joules. */
export interface EnergyRange {
  lowJ: number;
  highJ: number;
}

/** Joules of one prediction at each precision. */
export type PredictionEnergy = Record<Precision, EnergyRange>;

/** The cost of reading `bytes` once, as a range: on chip where they fit, else from DRAM. */
function readRange(bytes: number): { low: number; high: number; fits: boolean } {
  const words = bytes / WORD_BYTES;
  const sram = SRAM_READ_PJ.find((level) => bytes <= level.upTo);
  // Weights that fit can stay on chip (low) or be fetched from DRAM each time (high, a cold
  // cache); weights that do not fit come from DRAM, whose own figure is a range.
  if (sram) return { low: words * sram.pj, high: words * DRAM_READ_PJ.low, fits: true };
  return { low: words * DRAM_READ_PJ.low, high: words * DRAM_READ_PJ.high, fits: false };
}

/**
 * One prediction of a network of `macs` multiply–adds and `parameters` weights at `precision`:
 * every multiply–add at that precision, plus every weight read once. Activations, whose traffic
 * depends on the kernel and the batch, are not counted.
 */
export function predictionEnergy(
  macs: number,
  parameters: number,
  precision: Precision,
): EnergyRange {
  const { multiply, add } = ARITHMETIC_PJ[precision];
  const arithmetic = macs * (multiply + add);
  const reads = readRange(parameters * WEIGHT_BYTES[precision]);
  return { lowJ: (arithmetic + reads.low) * PJ, highJ: (arithmetic + reads.high) * PJ };
}

/** `predictionEnergy` at every precision. */
export function energyPerPrediction(macs: number, parameters: number): PredictionEnergy {
  return {
    fp32: predictionEnergy(macs, parameters, 'fp32'),
    fp16: predictionEnergy(macs, parameters, 'fp16'),
    int8: predictionEnergy(macs, parameters, 'int8'),
  };
}

/** Whether a network's weights at `precision` fit the assumed on-chip memory. */
export function fitsOnChip(parameters: number, precision: Precision): boolean {
  return parameters * WEIGHT_BYTES[precision] <= ON_CHIP_BYTES;
}

/**
 * Accesses of each parameter's memory in one fp32 Adam step: the weight read by the forward pass
 * and by the input gradient, its gradient written and read back, the two moments read and
 * written, the weight read and written by the update.
 */
export const STEP_ACCESSES = 10;

/**
 * A training run in fp32: `trainingMacs` multiply–adds per example over `samples` examples, and
 * `steps` Adam steps each touching every parameter's weight, gradient and moments STEP_ACCESSES
 * times — on chip where the four fit, else from DRAM.
 */
export function trainingEnergy(
  trainingMacs: number,
  samples: number,
  parameters: number,
  steps: number,
): EnergyRange {
  const { multiply, add } = ARITHMETIC_PJ.fp32;
  const arithmetic = trainingMacs * samples * (multiply + add);
  const state = readRange(parameters * 4 * WEIGHT_BYTES.fp32);
  // readRange priced the whole state once; a step touches each parameter STEP_ACCESSES times,
  // that is STEP_ACCESSES / 4 times the state's size.
  const perStep = STEP_ACCESSES / 4;
  return {
    lowJ: (arithmetic + steps * perStep * state.low) * PJ,
    highJ: (arithmetic + steps * perStep * state.high) * PJ,
  };
}
