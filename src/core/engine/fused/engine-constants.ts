/** The fused engine's sizes and record modes, shared by its parts. */

/** Per-dispatch records one submission can hold; more steps than this submit on their own. */
export const SLOTS = 256;
/** Rows per forward dispatch when evaluating. */
export const EVAL_CHUNK = 1024;
/**
 * A conv network's evaluation chunk: its activations hold every position of every row (a 28 × 28
 * image with 32 filters is 100 KB a row), so fewer rows at a time.
 */
export const CONV_EVAL_CHUNK = 128;

export const MODE_DROPOUT = 1;
export const MODE_MASK = 2;
export const MODE_AGREE = 4;
