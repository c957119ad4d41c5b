import golden from '../core/testdata/distillation-loss-golden.json';

/** One case of the PyTorch golden file (../shared/reference, copied here): logits in, loss out. */
export interface GoldenCase {
  temperature: number;
  alpha: number;
  studentLogits: number[][];
  teacherLogits: number[][];
  labels: number[];
  soft: number;
  hard: number;
  loss: number;
  gradStudentLogits: number[][];
}

export const GOLDEN_CASES = golden.cases as GoldenCase[];
