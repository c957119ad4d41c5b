/**
 * The CLI's and the bench's store of tuned kernel variants (tuning.ts): a JSON file, read once
 * and written after each tuning, so the variants are timed once per adapter and shape.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { variantByName } from '../../src/core/engine/fused/matmul.ts';
import type { Experiment } from '../../src/core/engine/experiment.ts';
import type { VariantChoice } from '../../src/core/engine/fused/matmul-shapes.ts';
import { fusedShapes } from '../../src/core/engine/fused/fused-steps.ts';
import { chooseVariants, memoryStore } from '../../src/core/engine/fused/tuning.ts';

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
 * The matmul variants for `exp` on `device`: the cache file's, after timing the shapes it lacks
 * (within the adapter's budget); says on stderr what was tuned, and saves the file.
 */
export async function tunedChoice(
  device: GPUDevice,
  exp: Experiment,
  path = KERNEL_CACHE,
): Promise<VariantChoice> {
  const store = fileStore(path);
  const now = () => performance.now();
  const { choose, tuned, timed } = await chooseVariants(device, fusedShapes(exp), store, { now });
  if (timed) {
    store.save();
    console.error(`fused ${tuned ?? ''} (kept in ${path})`);
  }
  return choose;
}
