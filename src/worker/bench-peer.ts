import type { ExperimentConfig } from '../core/config';
import { denseLayers } from '../core/engine/fused/tfjs-bridge';
import type { Layer } from '../core/layers';
import type { BenchRequest, PeerTiming } from '../protocol/bench';

export type PeerResult = PeerTiming | { failed: string };

/**
 * The bench's teacher and student-pair steps in jax-js on this GPU (its own device): loaded only
 * when asked, so the playground never fetches it. The teacher's dropout is its first layer's.
 */
export async function timePeerSteps(
  config: ExperimentConfig,
  request: BenchRequest,
  { features, classes }: { features: number; classes: number },
): Promise<PeerTiming> {
  const dense = (hidden: readonly Layer[]) => {
    const layers = denseLayers(hidden);
    if (!layers) throw new Error('The peer trains dense networks only.');
    return layers;
  };
  const widths = (hidden: readonly Layer[]) => [
    features,
    ...dense(hidden).map((l) => l.units),
    classes,
  ];
  const { timePeerPair } = await import('../core/engine/bench/jax-peer');
  return timePeerPair(
    {
      teacher: widths(config.teacherHidden),
      rate: dense(config.teacherHidden)[0]?.dropout ?? 0,
      student: widths(config.studentHidden),
    },
    { warmup: request.warmupSteps, steps: request.timedSteps, batch: config.batchSize },
  );
}
