/**
 * The promises every introduction to distillation makes, each checked against one run's evidence:
 * a mark and a line of figures, and where the figures come from. Pure: the page's Claims panel,
 * the saved run's record and the command line's JSON all take their claims from here.
 * docs/methods.md, "Claims, checked".
 */
import { si } from './cost/cost-text';
import { energyPerPrediction } from './cost/energy';
import type { ModelSummary, StudentPairs } from './results';
import type { ModelId } from './roles';
import { formatP, interval, signedPoints, verdict } from './significance/describe';
import { pairedDifference } from './significance/paired';
import { fp32Bytes, formatBytes } from './size';
import type { LatencyPair } from './stats';

/**
 * supported / contradicted: the run's evidence says so beyond its noise (for the energy estimate,
 * under both memory assumptions); noise: a difference the run cannot tell from chance, or
 * estimates that disagree between the assumptions; unmeasured: this run has no evidence, and
 * `measure` says what would give it.
 */
export type ClaimMark = 'supported' | 'contradicted' | 'noise' | 'unmeasured';

/** Where a claim's figures are shown on the page. */
export type ClaimSource = 'compare' | 'latency' | 'transfer';

export interface Claim {
  id: 'smaller' | 'faster' | 'energy' | 'beats-scratch' | 'adapts' | 'teacher-costly' | 'misses';
  /** The promise, as introductions make it. */
  claim: string;
  mark: ClaimMark;
  /** This run's figures in one line, or why there are none. */
  evidence: string;
  source: ClaimSource;
  /** What would measure an unmeasured claim. */
  measure?: string;
}

/** The transfer's verdict for the distilled student against the scratch one, when it ran. */
export interface TransferEvidence {
  /** "fashion-mnist, 500 labels, fine-tune". */
  target: string;
  /** The distilled student's gain over its fresh twin minus the scratch student's, in points. */
  difference: number;
  low: number;
  high: number;
  p: number;
}

export interface ClaimInputs {
  summary: Partial<Record<ModelId, ModelSummary>>;
  students?: StudentPairs;
  /** Batch-1 and batch-256 latency per model, and where it was measured. */
  latency: { backend: string; models: Partial<Record<ModelId, LatencyPair>> } | null;
  /** What the test rows are ("test digits"). */
  rows: string;
  transfer?: TransferEvidence | null;
  /** What would measure the transfer claim where none ran (the command line's flag by default). */
  transferHow?: string;
}

const count = (n: number) => n.toLocaleString('en-US');
const times = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;

function smaller(t: ModelSummary, d: ModelSummary): Claim {
  const claim = 'The student is smaller';
  const size = (p: number) => `${count(p)} parameters (${formatBytes(fp32Bytes(p))} at fp32)`;
  const evidence = `${size(d.parameters)} against the teacher's ${size(t.parameters)}`;
  if (d.parameters < t.parameters) {
    const ratio = t.parameters / d.parameters;
    return {
      id: 'smaller',
      claim,
      mark: 'supported',
      evidence: `${evidence}: ${times(ratio)} fewer.`,
      source: 'compare',
    };
  }
  return {
    id: 'smaller',
    claim,
    mark: 'contradicted',
    evidence: `${evidence}.`,
    source: 'compare',
  };
}

/**
 * Faster when most of the student's single-row runs beat the teacher's typical one (its p95 below
 * the teacher's p50), slower for the reverse; otherwise the timings overlap too much to say.
 */
function faster(latency: ClaimInputs['latency']): Claim {
  const claim = 'The student is faster';
  const t = latency?.models.teacher?.batch1;
  const d = latency?.models.distilled?.batch1;
  if (!latency || !t || !d) {
    return {
      id: 'faster',
      claim,
      mark: 'unmeasured',
      evidence: 'Latency has not been measured for this run.',
      source: 'compare',
      measure: 'Measure latency, under Teacher vs student',
    };
  }
  const ms = (x: number) => `${x < 0.1 ? x.toFixed(3) : x.toFixed(2)} ms`;
  const evidence = `One row in ${ms(d.p50)} (p50; p95 ${ms(d.p95)}) against the teacher's ${ms(t.p50)} (p95 ${ms(t.p95)}), ${latency.backend}, ${Math.min(d.runs, t.runs)}+ runs each`;
  const mark: ClaimMark = d.p95 < t.p50 ? 'supported' : t.p95 < d.p50 ? 'contradicted' : 'noise';
  return { id: 'faster', claim, mark, evidence: `${evidence}.`, source: 'latency' };
}

/**
 * Estimated, never measured. Each range runs from the weights read from on-chip SRAM to their read
 * from DRAM; the claim holds where the student costs less under both assumptions, like for like.
 */
function energy(t: ModelSummary, d: ModelSummary): Claim {
  const claim = 'The student uses less energy (estimated)';
  if (t.macs === undefined || d.macs === undefined) {
    return {
      id: 'energy',
      claim,
      mark: 'unmeasured',
      evidence:
        "An imported teacher's multiply–adds are not known, so its energy is not estimated.",
      source: 'compare',
    };
  }
  const [et, ed] = [
    energyPerPrediction(t.macs, t.parameters).fp32,
    energyPerPrediction(d.macs, d.parameters).fp32,
  ];
  const range = (r: { lowJ: number; highJ: number }) => `${si(r.lowJ, 'J')}–${si(r.highJ, 'J')}`;
  const evidence = `≈ ${range(ed)} per prediction against the teacher's ≈ ${range(et)} at fp32 (from weights in on-chip SRAM to weights in DRAM; multiply–adds and weight reads × 45 nm figures): an estimate, not a measurement`;
  const below = ed.lowJ < et.lowJ && ed.highJ < et.highJ;
  const above = ed.lowJ > et.lowJ && ed.highJ > et.highJ;
  const mark: ClaimMark = below ? 'supported' : above ? 'contradicted' : 'noise';
  return { id: 'energy', claim, mark, evidence: `${evidence}.`, source: 'compare' };
}

function beatsScratch(pairs: StudentPairs | undefined, rows: string): Claim {
  const claim = 'Distilling beats training the same student alone';
  if (!pairs) {
    return {
      id: 'beats-scratch',
      claim,
      mark: 'unmeasured',
      evidence: 'The run has no distilled and scratch pair to compare.',
      source: 'compare',
      measure: 'a run with a KD student and a scratch student of one network',
    };
  }
  const d = pairedDifference(pairs.accuracy);
  const v = verdict(d.difference, d.low, d.high, d.p);
  const mark: ClaimMark = v === 'gain' ? 'supported' : v === 'cost' ? 'contradicted' : 'noise';
  return {
    id: 'beats-scratch',
    claim,
    mark,
    evidence: `${signedPoints(d.difference)} points over the scratch student (${interval(d.low, d.high)}; McNemar ${formatP(d.p)} on ${count(d.n)} ${rows}).`,
    source: 'compare',
  };
}

const TRANSFER_FLAG =
  'npm run experiment -- --transfer fashion-mnist:labels=500:epochs=5:mode=finetune (the command line)';

function adapts(transfer: TransferEvidence | null | undefined, how = TRANSFER_FLAG): Claim {
  const claim = 'The student adapts more readily to a new task';
  if (!transfer) {
    return {
      id: 'adapts',
      claim,
      mark: 'unmeasured',
      evidence: 'No transfer to a new task was run.',
      source: 'transfer',
      measure: how,
    };
  }
  const v = verdict(transfer.difference, transfer.low, transfer.high, transfer.p);
  const mark: ClaimMark = v === 'gain' ? 'supported' : v === 'cost' ? 'contradicted' : 'noise';
  return {
    id: 'adapts',
    claim,
    mark,
    evidence: `On ${transfer.target}, the distilled student's gain over a fresh network was ${signedPoints(transfer.difference)} points more than the scratch student's (${interval(transfer.low, transfer.high)}, ${formatP(transfer.p)}).`,
    source: 'transfer',
  };
}

function teacherCostly(t: ModelSummary, d: ModelSummary): Claim {
  const claim = 'The teacher is expensive to train';
  const [tc, dc] = [t.training, d.training];
  if (!tc || !dc || dc.flops === 0) {
    return {
      id: 'teacher-costly',
      claim,
      mark: 'unmeasured',
      evidence: 'This run did not train its teacher (imported), so its cost is not known.',
      source: 'compare',
    };
  }
  const ratio = tc.flops / dc.flops;
  const took = tc.seconds === null ? '' : ` and ${tc.seconds.toFixed(1)} s`;
  return {
    id: 'teacher-costly',
    claim,
    mark: ratio > 1 ? 'supported' : 'contradicted',
    evidence: `Its training took ${si(tc.flops, 'FLOP')}${took}: ${times(ratio)} the distilled student's ${si(dc.flops, 'FLOP')} (multiply–adds counted, times measured here).`,
    source: 'compare',
  };
}

/** The teacher right where the student is wrong, more often than the reverse, beyond chance. */
function misses(pairs: StudentPairs | undefined, d: ModelSummary, rows: string): Claim {
  const claim = "The student misses some of the teacher's knowledge";
  if (!pairs?.teacher) {
    return {
      id: 'misses',
      claim,
      mark: 'unmeasured',
      evidence: 'The distilled student was not compared with the teacher row by row in this run.',
      source: 'compare',
      measure: 'a run trained to its end in this version',
    };
  }
  const c = pairs.teacher;
  const g = pairedDifference({ n: c.n, onlyFirst: c.onlySecond, onlySecond: c.onlyFirst });
  const v = verdict(g.difference, g.low, g.high, g.p);
  const mark: ClaimMark = v === 'gain' ? 'supported' : v === 'cost' ? 'contradicted' : 'noise';
  const agreement =
    d.agreement === undefined ? '' : `; agrees with it on ${(d.agreement * 100).toFixed(1)} %`;
  return {
    id: 'misses',
    claim,
    mark,
    evidence: `The teacher is right on ${count(c.onlySecond)} ${rows} the student gets wrong, the student on ${count(c.onlyFirst)} the teacher gets wrong: the teacher ${signedPoints(g.difference)} points (${interval(g.low, g.high)}, McNemar ${formatP(g.p)})${agreement}.`,
    source: 'compare',
  };
}

/** Every claim, in the order introductions make them; empty until the run has its students. */
export function checkClaims(inputs: ClaimInputs): Claim[] {
  const { teacher: t, distilled: d } = inputs.summary;
  if (!t || !d) return [];
  return [
    smaller(t, d),
    faster(inputs.latency),
    energy(t, d),
    beatsScratch(inputs.students, inputs.rows),
    adapts(inputs.transfer, inputs.transferHow),
    teacherCostly(t, d),
    misses(inputs.students, d, inputs.rows),
  ];
}
