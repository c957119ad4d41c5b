/** The exported folder's README: what is in it, how to run it, and how to scale it up. */
import { DATASET_LABELS, type ExperimentConfig } from '../config';

export function pytorchReadme(config: ExperimentConfig): string {
  const seeds = config.repeats > 1 ? `, the first of the run's ${config.repeats} seeds` : '';
  return `# A Distill Playground run as a PyTorch experiment

${config.csv?.name ?? DATASET_LABELS[config.dataset]}, seed ${config.seed}${seeds}: the teacher, then the run's students in
lockstep, with the same rows, initial weights, batches and schedule as the playground.

| file          | what it holds |
| ------------- | ------------- |
| \`train.py\`    | the experiment: networks, every method's loss, Adam, the teacher phase, the students, evaluation |
| \`config.json\` | the run's settings as its link holds them (\`config\`) and what the script builds (\`export\`) |
| \`data.npz\`    | \`x_train\`, \`y_train\`, \`x_test\`, \`y_test\`, \`labeled_rows\`; the batch of every step (\`teacher_batches\`, \`student_batches_K\`, −1 pads a short batch); each student step's settings (\`student_lr\`, \`sI_temperature\`, \`sI_alpha\`, \`sI_beta\` …) |
| \`init.npz\`    | every model's initial weights in tfjs's layout (\`teacher.w0\`, \`student1.b2\`, \`student2.regressor_w\` …) |

A run that distilled from an imported tfjs model exports that teacher's logits instead of its
network (\`teacher_logits_train\`, \`teacher_logits_test\` in data.npz); the script then trains
the students only.

## Run it

It needs Python 3 with \`torch\` and \`numpy\` only (Debian: \`apt-get install python3-torch\`; or
\`pip install torch numpy\`). Tried with PyTorch 1.13 (Debian 12).

\`\`\`sh
python3 train.py                          # the best device here: CUDA, then MPS, then the CPU
python3 train.py --device cpu
torchrun --nproc_per_node=2 train.py      # data parallel over 2 processes (gloo on CPUs, NCCL on GPUs)
\`\`\`

It prints one JSON object on stdout, with the keys the playground's command line prints
(\`npm run experiment -- --json\`): \`teacher.testAccuracy\`, \`students[i].testAccuracy\` and
\`agreement\`, \`distilled\`, \`scratch\`, \`gain\` (difference, 95 % interval, McNemar p), and
\`steps\`: every model's training loss at its first 100 steps. With \`torchrun\`, each rank takes
its share of every batch and \`DistributedDataParallel\` averages the gradients; the losses are
written so the ranks' shares add up to the whole batch's, so it trains the same experiment.

## Scale it up

\`python3 train.py --data bigger.npz --teacher-epochs 20 --student-epochs 40 --batch-size 256\`
trains on your own rows in data.npz's layout (\`x_train\` float32 [rows, features], \`y_train\`
int, \`x_test\`, \`y_test\`; \`labeled_rows\` optional, else the run's labelled share of each class).
The batches are then drawn from the seed; the initial weights and the schedule stay the run's (a
setting past the run's last step keeps its last value).

## Conventions

The script's comments marked "Convention:" say where the playground's definitions differ from a
plain PyTorch idiom: the KD loss's T² and α (α weighs the teacher), the KL's mean over rows, the
transfer set's masked cross-entropy, DKD's masks, the hint regressor, Adam's ε = 1e-7 (tfjs's),
and images flattened channels-last. Dropout draws its masks from PyTorch's generator, not the
playground's, so a run with dropout matches in its final accuracies, not step by step.
`;
}
