/** Starting points a person can pick; each is a whole configuration. */
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults, sameConfig } from './config';
import { conv, dense, denseStack } from './layers';
import { capacityStudents } from './capacity';

export interface Preset {
  id: string;
  label: string;
  /** What it shows, in a line. */
  about: string;
  config: ExperimentConfig;
}

/** The born-again preset's teacher, and its students' network. */
const BORN_AGAIN_LAYER = dense(256, 'relu', 0.3);

const ORIGINALS: readonly Preset[] = [
  {
    id: 'few-labels',
    label: 'Few labels',
    about:
      'MNIST with 2.5 % of the labels and the teacher’s soft targets on the rest: where distillation pays.',
    config: DEFAULT_CONFIG,
  },
  {
    id: 'classic',
    label: 'Classic',
    about:
      'MNIST with every label and Hinton-style T = 20: a 32-unit student gains little over scratch.',
    config: {
      ...DEFAULT_CONFIG,
      temperature: 20,
      alpha: 0.9,
      labeledFraction: 1,
      transferSet: false,
    },
  },
  {
    id: 'tiny-student',
    label: 'Tiny student',
    about: 'A 2-D spiral and a student of 2 hidden units: how much can so little capacity copy?',
    config: {
      ...DEFAULT_CONFIG,
      ...networkDefaults('spiral'),
      dataset: 'spiral',
      samples: 1200,
      noise: 0.15,
      teacherHidden: denseStack([64, 64]),
      studentHidden: denseStack([2]),
      teacherEpochs: 60,
      studentEpochs: 60,
      // At 0.001 the teacher is still far from the spiral after 60 epochs; at 0.01 it fits it.
      learningRate: 0.01,
      temperature: 3,
      alpha: 0.8,
      labeledFraction: 0.2,
      transferSet: true,
    },
  },
  {
    id: 'cnn-teacher',
    label: 'CNN teacher',
    about:
      'A small convolutional teacher (two conv–pool blocks) distilled into a dense 32-unit student, with few labels.',
    config: {
      ...DEFAULT_CONFIG,
      teacherHidden: [conv(8, 3), conv(16, 3), dense(64, 'relu', 0.3)],
      teacherEpochs: 3,
    },
  },
  {
    id: 'teacher-or-smoothing',
    label: 'Is it the teacher or just smoothing?',
    about:
      'KD, label smoothing (ε = 0.1) and scratch students of one shape on MNIST with 5 % of the labels, no transfer set, 60 epochs, 3 seeds: does the teacher teach more than any soft target would?',
    config: {
      ...DEFAULT_CONFIG,
      labeledFraction: 0.05,
      transferSet: false,
      // 500 labelled rows are 4 steps an epoch: at the default 10 epochs no student has converged
      // and the comparison is of how fast each starts (measured: docs/methods.md).
      studentEpochs: 60,
      repeats: 3,
      students: [
        { name: 'KD', kind: 'kd' },
        { name: 'Label smoothing', kind: 'ls', epsilon: 0.1 },
        { name: 'Scratch', kind: 'scratch' },
      ],
    },
  },
  {
    id: 'how-small',
    label: 'How small can the student go?',
    about:
      'A KD and a scratch student of 8, 32, 128 and 512 hidden units, trained together on the few-labels setting over 3 seeds: where does distillation’s gain peak, and where does it fade?',
    config: {
      ...DEFAULT_CONFIG,
      repeats: 3,
      students: capacityStudents([[8], [32], [128], [512]]),
    },
  },
  {
    id: 'born-again',
    label: 'Born-again',
    about:
      'A student with the teacher’s own shape distilled from it on MNIST, beside a scratch copy: does the student beat its teacher?',
    config: {
      ...DEFAULT_CONFIG,
      teacherHidden: [BORN_AGAIN_LAYER],
      labeledFraction: 1,
      transferSet: false,
      temperature: 4,
      alpha: 0.7,
      students: [
        { name: 'Born-again', kind: 'kd', hidden: [BORN_AGAIN_LAYER] },
        { name: 'Scratch copy', kind: 'scratch', hidden: [BORN_AGAIN_LAYER] },
      ],
    },
  },
];

/** Each MNIST preset's Fashion-MNIST twin: the same settings on harder data, and what it asks. */
const FASHION_ABOUT: Record<string, string> = {
  'few-labels':
    'Fashion-MNIST with 2.5 % of the labels and the teacher’s soft targets on the rest: the few-labels setting on harder data.',
  classic:
    'Fashion-MNIST with every label and T = 20: does a 32-unit student gain over scratch here?',
  'cnn-teacher':
    'A small convolutional teacher (two conv–pool blocks) distilled into a dense 32-unit student on Fashion-MNIST, with few labels.',
  'teacher-or-smoothing':
    'KD, label smoothing (ε = 0.1) and scratch students of one shape on Fashion-MNIST with 5 % of the labels, 60 epochs, 3 seeds: the same question on harder data.',
  'how-small':
    'A KD and a scratch student of 8, 32, 128 and 512 hidden units on Fashion-MNIST with few labels, 3 seeds: does the gain change with size on harder data?',
  'born-again':
    'A student with the teacher’s own shape distilled from it on Fashion-MNIST, beside a scratch copy: does the student beat its teacher?',
};

const FASHION_TWINS: readonly Preset[] = ORIGINALS.flatMap((p) => {
  const about = FASHION_ABOUT[p.id];
  if (p.config.dataset !== 'mnist' || about === undefined) return [];
  const config: ExperimentConfig = { ...p.config, dataset: 'fashion-mnist' };
  return [{ id: `${p.id}-fashion`, label: p.label, about, config }];
});

/** MNIST's and the 2-D sets' presets, then MNIST's twins on Fashion-MNIST (same labels). */
export const PRESETS: readonly Preset[] = [...ORIGINALS, ...FASHION_TWINS];

/** The preset a configuration equals, if any. */
export function presetOf(config: ExperimentConfig): Preset | undefined {
  return PRESETS.find((p) => sameConfig(p.config, config));
}
