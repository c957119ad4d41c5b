/** The words the page uses that a newcomer may not know, each explained in a sentence or two. */
export const TERMS = {
  KL: 'Kullback–Leibler divergence: how far the student’s softened probabilities are from the teacher’s. 0 when they match.',
  CE: 'Cross-entropy with the hard labels: −log of the probability the model gives the true class, averaged over the labelled rows of a batch.',
  'KD loss':
    'The distilled student’s whole knowledge-distillation loss: α · T² · KL to the teacher plus (1 − α) · CE to the labels. The T² makes it larger than a plain cross-entropy.',
  'student₁':
    'The student’s probabilities at temperature 1, i.e. its ordinary softmax, which the hard-label term uses.',
  'soft targets':
    'The teacher’s probabilities softened by the temperature: softmax(teacher logits / T). They say how much the teacher thinks each wrong class resembles the right one.',
  'transfer set':
    'Training rows whose labels the students may not use. The distilled student still learns from them through the teacher’s soft targets; the scratch student cannot.',
  'hard labels': 'The true classes of the rows, one per row, as in the dataset.',
  agreement:
    'The share of test rows where a student predicts the same class as the teacher, right or wrong.',
  'p50 / p95':
    'Median and 95th-percentile time of one prediction: half of the timed runs were faster than p50, 95 % faster than p95.',
  logits: 'A model’s raw scores per class, before the softmax turns them into probabilities.',
  Pareto:
    'The models that no other model beats on both axes at once: smaller and more accurate. Up and to the left is better.',
} as const;

export type TermName = keyof typeof TERMS;
