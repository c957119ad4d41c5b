import { useDisplayedConfig } from '../../state/displayed-config';
import type { LatencyPair } from '../../core/stats';
import type { ModelId } from '../../protocol/messages';
import { runsText } from '../charts/series';
import { type LatencyFailure, type RunState, isFinished, useRunStore } from '../../state/run-store';
import { milliseconds } from '../../ui/format';
import { useMeasureLatency } from './useMeasureLatency';
import s from './compare.module.css';

type Latency = RunState['latency'];

/** One model's latency, 'measuring', the reason it failed, or null before any measurement. */
export function latencyOf(
  latency: Latency,
  role: ModelId,
): LatencyPair | 'measuring' | LatencyFailure | null {
  if (latency === 'measuring') return 'measuring';
  if (latency && 'failed' in latency) return latency;
  return latency?.models[role] ?? null;
}

/** Batch-1 p50 and p95 of one model; batch 256 is on the chart. */
export function LatencyCells({ pair }: { pair: ReturnType<typeof latencyOf> }) {
  if (pair === 'measuring') {
    return (
      <>
        <td className="pending">…</td>
        <td className="pending">…</td>
      </>
    );
  }
  if (pair && 'failed' in pair) {
    // The reason is under the table; the cells say it is not coming.
    return (
      <>
        <td className={s.failed}>failed</td>
        <td className={s.failed}>failed</td>
      </>
    );
  }
  return (
    <>
      <td>{pair ? milliseconds(pair.batch1.p50) : '—'}</td>
      <td>{pair ? milliseconds(pair.batch1.p95) : '—'}</td>
    </>
  );
}

/** Where the latency numbers come from, and the button that measures them again. */
export function LatencyNote({ latency }: { latency: Latency }) {
  const measure = useMeasureLatency();
  const ended = useRunStore((s) => isFinished(s.run));
  const config = useDisplayedConfig();
  return (
    <p className="latency-note">
      {latency === 'measuring'
        ? 'Measuring inference latency in the worker…'
        : latency && 'failed' in latency
          ? `Latency could not be measured: ${latency.failed}`
          : latency
            ? `Latency: one row at a time on ${latency.backend}, after 3 warm-up runs, from dispatch until the logits are readable; runs: ${runsText(latency.models, 'batch1', config)}.`
            : 'Latency is measured in the worker once a run completes; for a stopped run, press the button.'}{' '}
      <button type="button" disabled={!ended || latency === 'measuring'} onClick={measure}>
        Measure latency
      </button>
    </p>
  );
}
