/** Training throughput as the benchmark reports it: pure data, shared by the engine and the protocol. */
export interface Throughput {
  steps: number;
  seconds: number;
  samplesPerSecond: number;
  msPerStep: number;
}
