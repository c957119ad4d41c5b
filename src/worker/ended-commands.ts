/**
 * The page's commands about an ended run's models (latency, a prediction, an export, ONNX, a
 * sweep, another seed studied): which run each names, and what each answers when that run's
 * models are no longer in the worker. ended-run.ts's services answer them otherwise.
 */
import type { FromWorker, SessionCommand } from '../protocol/messages';
import { refuseSweep } from './ended-run';

export type EndedCommand = Extract<
  SessionCommand,
  { type: 'measure-latency' | 'predict' | 'export' | 'measure-onnx' | 'sweep' | 'study-seed' }
>;

/** What a request about a run answers once that run's models have left the worker. */
const MODELS_GONE = 'That run’s models are not in the worker any more.';

/** The run a command asks about, and the seed it needs held (study-seed), if any. */
export function askedOf(command: EndedCommand): { runId: number; seed?: number } {
  if (command.type === 'sweep') return { runId: command.request.runId };
  if (command.type === 'study-seed') return { runId: command.runId, seed: command.index };
  return { runId: command.runId };
}

/** Answers a command whose run's models (or seed) are not here, each as its view expects. */
export function refuseEnded(command: EndedCommand, post: (message: FromWorker) => void): void {
  switch (command.type) {
    case 'measure-latency':
      post({ type: 'error', runId: command.runId, scope: 'latency', message: MODELS_GONE });
      return;
    case 'sweep':
      refuseSweep(command.request.sweepId, post);
      return;
    case 'study-seed': {
      const { runId, index } = command;
      const text = `Seed ${index + 1}'s models are not held in this page (they are kept only until the next run, and not for a run opened from Runs).`;
      // The analysis's error, not the run's: the run itself is complete and stays shown.
      post({ type: 'error', runId, scope: 'analysis', message: text });
      return;
    }
    default:
      post({ type: 'error', requestId: command.requestId, message: MODELS_GONE });
  }
}
