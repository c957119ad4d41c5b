/**
 * What each method computes here, in symbols, and how to get the same numbers in the libraries
 * people distil with — which weight is α there, whether T² is applied, which reduction. The KD
 * translations are functions, checked by a test that recomputes each library's loss from its own
 * definition (conventions.test.ts). Sources: each library's loss code as published (torchdistill
 * `KDLoss`, the Keras "Knowledge Distillation" example's `Distiller`, TextBrewer's `kd_ce_loss`
 * with `kd_loss_weight` / `hard_label_weight`, RepDistiller's `DistillKL` with -r/-a/-b, mdistiller
 * `DKD`, PyTorch's `CrossEntropyLoss(label_smoothing=…)`).
 */
import type { StudentKind } from './methods';

export interface Convention {
  /** The loss in symbols, as this playground computes it. */
  formula: string;
  /** One line per library: how its settings give the same numbers (or how they differ). */
  elsewhere: { library: string; how: string }[];
}

/** Our KD settings in another library's terms: its weights, and the factor its loss is ours × . */
export interface KdTranslation {
  /** The library's weight on the hard (label) term. */
  hardWeight: number;
  /** The library's weight on its soft term. */
  softWeight: number;
  /** The library's loss equals ours × `scale` (+ the teacher's entropy for a soft cross-entropy). */
  scale: number;
}

/** torchdistill KDLoss: α·CE + (1 − α)·T²·KL(batchmean) — their α = 1 − ours. */
export function torchdistillKd(alpha: number): KdTranslation {
  return { hardWeight: 1 - alpha, softWeight: alpha, scale: 1 };
}

/**
 * The Keras example: α·CE + (1 − α)·KL, no T² — the same direction only with their α =
 * (1 − α) / (1 − α + α·T²), and then their loss is ours divided by (1 − α + α·T²).
 */
export function kerasKd(alpha: number, temperature: number): KdTranslation {
  const norm = 1 - alpha + alpha * temperature * temperature;
  return {
    hardWeight: (1 - alpha) / norm,
    softWeight: (alpha * temperature ** 2) / norm,
    scale: 1 / norm,
  };
}

/**
 * TextBrewer: kd_loss_weight · soft CE (no T²) + hard_label_weight · CE. kd_loss_weight = α·T²,
 * hard_label_weight = 1 − α give our loss plus α·T² times the teacher's entropy at T (a constant:
 * the same gradients).
 */
export function textBrewerKd(alpha: number, temperature: number): KdTranslation {
  return { hardWeight: 1 - alpha, softWeight: alpha * temperature * temperature, scale: 1 };
}

/** RepDistiller: γ·CE + α·KL·T² (sum over the batch / its size): their -r = 1 − α, -a = α. */
export function repDistillerKd(alpha: number): KdTranslation {
  return { hardWeight: 1 - alpha, softWeight: alpha, scale: 1 };
}

export const CONVENTIONS: Record<StudentKind, Convention> = {
  kd: {
    formula:
      'L = α · T² · (1/n) Σᵢ KL(softmax(tᵢ/T) ‖ softmax(sᵢ/T)) + (1 − α) · CE(y, s) over the labelled rows',
    elsewhere: [
      {
        library: 'torchdistill (KDLoss)',
        how: 'their α weights the cross-entropy: their α = 1 − our α; T² applied, KL batch mean — the same numbers.',
      },
      {
        library: 'Keras example (Distiller)',
        how: 'α weights the student (label) loss and T² is left out: their α = (1 − α) / (1 − α + α·T²) gives our gradients, their loss = ours / (1 − α + α·T²).',
      },
      {
        library: 'TextBrewer',
        how: 'a soft cross-entropy without T²: kd_loss_weight = α·T², hard_label_weight = 1 − α give our loss plus a constant (α·T² × the teacher’s entropy) — the same gradients.',
      },
      {
        library: 'RepDistiller (DistillKL)',
        how: 'KL summed over the batch / its size, × T²: -r (γ) = 1 − α, -a (α) = our α, -b 0 — the same numbers.',
      },
    ],
  },
  dkd: {
    formula:
      'L = ce · CE(y, s) + w · (α · TCKD + β · NCKD), TCKD and NCKD × T² and averaged over the batch; w = min(epoch / warm-up, 1); target = label, or the teacher’s top class on an unlabelled row',
    elsewhere: [
      {
        library: 'mdistiller (DKD)',
        how: 'the same definition: CE_LOSS_WEIGHT = ce, ALPHA = α, BETA = β, T, WARMUP = warm-up epochs (theirs: 1, 1, 8, 4, 20).',
      },
    ],
  },
  ls: {
    formula:
      'L = (1/m) Σ over labelled rows of −Σₖ qₖ log softmax(s)ₖ, q = (1 − ε) · one-hot(y) + ε / K',
    elsewhere: [
      {
        library: 'PyTorch CrossEntropyLoss(label_smoothing=ε)',
        how: 'the same loss (mean over rows): no teacher at all.',
      },
    ],
  },
  hint: {
    formula:
      'L = KD loss + γ · mean over every element of (h_s · W + b − h_t)², W and b trained with the student and dropped after',
    elsewhere: [
      {
        library: 'torchdistill (FitNet, MSELoss)',
        how: 'a regressor on the student’s hint layer and an MSE (mean) against the teacher’s: their factor = γ. FitNets proper trains the hint first, as a stage of its own; here it is a term beside KD, as in RepDistiller’s -b.',
      },
    ],
  },
  scratch: {
    formula: 'L = CE(y, s) over the labelled rows',
    elsewhere: [{ library: 'every library', how: 'plain supervised training: no teacher.' }],
  },
};
