/** Training throughput as the benchmark reports it: pure data, shared by the engine and the protocol. */
export interface Throughput {
  steps: number;
  seconds: number;
  samplesPerSecond: number;
  msPerStep: number;
}

/** One engine's training step: its speed, and the GPU calls it costs. */
export interface EngineTiming {
  samplesPerSecond: number;
  msPerStep: number;
  dispatchesPerStep: number;
  submitsPerStep: number;
}

export type EngineName = 'tfjs' | 'fused';

/** One lockstep step of `students` students of one network on the fused kernels. */
export interface CohortTiming extends EngineTiming {
  students: number;
}

/** The fused kernels against tfjs's on one WebGPU device: the teacher's step and the students'. */
export interface EngineRace {
  teacher: Record<EngineName, EngineTiming>;
  /** One lockstep step of both students (distilled and scratch). */
  students: Record<EngineName, EngineTiming>;
}
