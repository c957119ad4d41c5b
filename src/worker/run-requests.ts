/**
 * The starts the page asked for and the run has not begun yet, in the order they came: a start
 * supersedes the run in progress, and begins once that one has stopped.
 */
import type { ExperimentConfig } from '../core/config';
import type { SavedRun, SessionCommand } from '../protocol/messages';
import { Checkpoints } from './checkpoints';

/** A Train or a Restore from the page. */
export type RunRequest = Extract<SessionCommand, { type: 'start' | 'restore' }>;

/** A request as the run it begins: the saved run it rebuilds or continues, where checkpoints go. */
export interface Begun {
  runId: number;
  config: ExperimentConfig;
  saved: SavedRun | undefined;
  checkpoints: Checkpoints;
}

export class RunRequests {
  readonly #queue: RunRequest[] = [];

  /** The start that begins next, if one is waiting. */
  get next(): RunRequest | undefined {
    return this.#queue[0];
  }

  push(start: RunRequest): void {
    this.#queue.push(start);
  }

  /** The next start, begun: a Train checkpoints under its key; a resumed run, under its own. */
  take(): Begun {
    const next = this.#queue.shift();
    if (!next) throw new Error('No run was asked for.');
    const saved = next.type === 'restore' ? next.saved : undefined;
    const resume = saved?.resume ?? null;
    const key = saved?.resume ? saved.key : next.type === 'start' ? (next.key ?? null) : null;
    const checkpoints = new Checkpoints(key, resume);
    return { runId: next.runId, config: next.config, saved, checkpoints };
  }
}
