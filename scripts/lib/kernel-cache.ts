/**
 * The CLI's and the bench's store of tuned kernel variants (tuning.ts): a JSON file, read once
 * and written after each tuning, so the variants are timed once per adapter and shape.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { variantByName } from '../../src/core/engine/fused/matmul-variants.ts';
import type { KernelTuning } from '../../src/core/engine/fused/engine-choice.ts';
import { memoryStore } from '../../src/core/engine/fused/tuning.ts';

/** Where the choices are kept unless `--kernel-cache` says elsewhere. */
export const KERNEL_CACHE = 'node_modules/.cache/distill-playground/kernel-choices.json';

/** The file's choices (none when it is missing or unreadable), and a `save` that writes them. */
export function fileStore(path: string) {
  let initial: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'string' && variantByName(value)) initial[key] = value;
      }
    }
  } catch {
    initial = {};
  }
  const store = memoryStore(initial);
  return {
    ...store,
    save(): void {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(store.entries(), null, 2)}\n`);
    },
  };
}

/**
 * The command line's tuner for `chooseSteps`: the cache file's choices, the shapes it lacks timed
 * (within the adapter's budget); after a choice that timed any, the file is saved and stderr says
 * what was tuned.
 */
export function fileTuning(path = KERNEL_CACHE): KernelTuning & { chosen(tuned?: string): void } {
  const store = fileStore(path);
  let timed = false;
  return {
    store,
    now: () => performance.now(),
    onStart: () => {
      timed = true;
    },
    chosen(tuned) {
      if (!timed) return;
      timed = false;
      store.save();
      console.error(`fused ${tuned ?? ''} (kept in ${path})`);
    },
  };
}
