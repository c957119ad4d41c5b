/** A pass's record for the fused CPU engine: a step's settings, rows and inputs, word by word. */
import type { FusedStep } from '../fused/fused-inputs';
import { methodFields } from '../fused/step-records';
import type { CpuMemory } from './cpu-module';

/** The record's fields a pass writes, by name (cpu-module.ts's words). */
export interface RecordFields {
  rows: number;
  seed: number;
  mode: number;
  idx: number;
  x: number;
  preds?: number;
  step?: FusedStep;
  corr1?: number;
  corr2?: number;
}

/** Writes a pass's record at `at` (the words the kernels read, wasm/record.ts). */
export function writeRecord(cpu: CpuMemory, at: number, r: RecordFields): void {
  const { word } = cpu;
  const i32 = cpu.i32(at, cpu.recordWords);
  const f32 = cpu.f32(at, cpu.recordWords);
  const s = r.step;
  const method = methodFields(s?.method);
  i32[word.ROWS] = r.rows;
  i32[word.SEED] = r.seed | 0;
  i32[word.MODE] = r.mode;
  f32[word.TEMPERATURE] = s?.temperature ?? 1;
  f32[word.ALPHA] = s?.alpha ?? 0;
  f32[word.LEARNING_RATE] = s?.learningRate ?? 0;
  f32[word.CORR1] = r.corr1 ?? 1;
  f32[word.CORR2] = r.corr2 ?? 1;
  i32[word.METHOD] = method.method;
  f32[word.EPSILON] = method.epsilon;
  f32[word.BETA] = method.beta;
  f32[word.CE] = method.ce;
  f32[word.WARM] = method.warm;
  f32[word.GAMMA] = method.gamma;
  i32[word.IDX] = r.idx;
  i32[word.X] = r.x;
  i32[word.PREDS] = r.preds ?? 0;
}
