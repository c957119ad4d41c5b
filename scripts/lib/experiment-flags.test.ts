import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, networkDefaults } from '../../src/core/config';
import { dense } from '../../src/core/layers';
import { parseExperimentFlags } from './experiment-flags';

function parsed(argv: string[]) {
  const result = parseExperimentFlags(argv);
  if (result.ok !== true) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.args;
}

function error(argv: string[]): string {
  const result = parseExperimentFlags(argv);
  if (result.ok !== false) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('parseExperimentFlags', () => {
  it("takes the issue's student list as written, and a sweep as its students", () => {
    const { config } = parsed(['--students', 'kd,scratch,kd:T=8:alpha=0.9,scratch:hidden=64']);
    expect(config.students?.map((s) => s.name)).toEqual(['KD 1', 'Scratch 2', 'KD 3', 'Scratch 4']);
    const sweep = parsed(['--sweep', 'T=1,2,4,8:alpha=0.25,0.5,0.75,1']);
    expect(sweep.sweep).toEqual({ temperatures: [1, 2, 4, 8], alphas: [0.25, 0.5, 0.75, 1] });
    expect(sweep.config.students).toHaveLength(17);
    expect(sweep.config.students?.at(-1)).toEqual({ name: 'Scratch', kind: 'scratch' });
    const sizes = parsed(['--sweep', 'hidden=8,32x32']);
    expect(sizes.sweep).toEqual({ sizes: [[8], [32, 32]] });
    expect(sizes.config.students?.map((s) => s.name)).toEqual([
      'KD 8',
      'Scratch 8',
      'KD 32x32',
      'Scratch 32x32',
    ]);
  });

  it("takes the teacher's learning-rate schedule in the link format", () => {
    const { config } = parsed(['--teacher-schedule', '0:0.001,40:0.0005']);
    expect(config.teacherSchedule).toEqual([
      { step: 0, learningRate: 0.001 },
      { step: 40, learningRate: 0.0005 },
    ]);
  });

  it('takes a schedule in the link format and ends the sliders where it ends', () => {
    const { config } = parsed(['--schedule', '0:4:0.7:0.001,30:8:0.5:0.0005']);
    expect(config.schedule).toHaveLength(2);
    expect([config.temperature, config.alpha, config.learningRate]).toEqual([8, 0.5, 0.0005]);
  });

  it('gives the default preset, cpu backend and text output with no flags', () => {
    expect(parsed([])).toEqual({
      config: DEFAULT_CONFIG,
      backend: 'cpu',
      engine: 'fused',
      json: false,
    });
  });

  it('applies every flag of the issue, in both --flag value and --flag=value forms', () => {
    const args = parsed([
      '--dataset',
      'spiral',
      '--teacher=64tanh/0.2,64',
      '--student',
      '8',
      '--teacher-epochs',
      '3',
      '--student-epochs=4',
      '--temperature',
      '2.5',
      '--alpha',
      '0.25',
      '--labeled-fraction',
      '0.5',
      '--transfer-set',
      'off',
      '--batch-size',
      '16',
      '--learning-rate',
      '0.01',
      '--seed',
      '7',
      '--backend',
      'wasm',
      '--json',
    ]);
    expect(args).toEqual({
      backend: 'wasm',
      engine: 'fused',
      json: true,
      config: {
        ...DEFAULT_CONFIG,
        ...networkDefaults('spiral'),
        dataset: 'spiral',
        teacherHidden: [dense(64, 'tanh', 0.2), dense(64)],
        studentHidden: [dense(8)],
        teacherEpochs: 3,
        studentEpochs: 4,
        temperature: 2.5,
        alpha: 0.25,
        labeledFraction: 0.5,
        transferSet: false,
        batchSize: 16,
        learningRate: 0.01,
        seed: 7,
      },
    });
  });

  it("takes a dataset's own network defaults when only the dataset is given", () => {
    const { config } = parsed(['--dataset', 'moons']);
    expect(config.teacherHidden).toEqual(networkDefaults('moons').teacherHidden);
    expect(config.batchSize).toBe(networkDefaults('moons').batchSize);
  });

  it('takes a teacher model to distil from, beside the teacher network flag', () => {
    const args = parsed(['--teacher-model', 'out/model.json', '--teacher', '16']);
    expect(args.teacherModel).toBe('out/model.json');
    expect(args.config.teacherHidden).toEqual([dense(16)]);
  });

  it('accepts an empty layer list as a linear student', () => {
    expect(parsed(['--student', '']).config.studentHidden).toEqual([]);
  });

  it('asks for help', () => {
    expect(parseExperimentFlags(['--help'])).toEqual({ ok: 'help' });
    expect(parseExperimentFlags(['-h'])).toEqual({ ok: 'help' });
  });

  it.each([
    [['--epochs', '3'], /Unknown option '--epochs'/],
    [['extra'], /positional argument/],
    [['--dataset', 'cifar'], /--dataset must be one of mnist, fashion-mnist, spiral/],
    [['--temperature', 'hot'], /--temperature must be a number \(got "hot"\)/],
    [['--alpha', ''], /--alpha must be a number/],
    [['--alpha', '1.5'], /--alpha: Must be between 0 and 1/],
    [['--teacher-epochs', '2.5'], /--teacher-epochs: Must be a whole number/],
    [['--teacher', '512,x'], /--teacher: "x" at layer 2 is neither units/],
    [
      ['--dataset', 'moons', '--teacher', 'c8x3'],
      /--teacher: Layer 1: conv blocks need image data/,
    ],
    [['--student', '4096,4096,4096'], /--student: .* parameters is more than the limit/],
    [['--transfer-set', 'yes'], /--transfer-set must be on or off/],
    [['--backend', 'webgl'], /--backend must be cpu, wasm or webgpu/],
    [['--seed'], /argument missing/],
    [['--students', 'kd,bogus'], /--students: student 2 \("bogus"\): unknown kind/],
    [['--students', 'kd:gamma=1,scratch'], /unknown key "gamma" for kd/],
    [['--students', 'kd'], /--students: A run has 2 to 8 students \(got 1\)/],
    [['--students', 'kd,scratch', '--sweep', 'T=1:alpha=0.5'], /give --students or --sweep/],
    [['--sweep', 'T=1,2'], /--sweep: give both T=… and alpha=…/],
    [['--sweep', 'T=1,2,3,4,5:alpha=0.1,0.2,0.3,0.4'], /at most 16 cells/],
    [['--sweep', 'T=1,1:alpha=0.5'], /--sweep: T: 1 is listed twice/],
    [['--sweep', 'T=2:alpha=1.5'], /--sweep: alpha: 1.5 is outside 0–1/],
    [['--sweep', 'hidden=8,8x0'], /--sweep: "8x0" is not widths/],
    [['--transfer', 'mnist:labels=3'], /--transfer: "labels=3" is not labels=N/],
    [['--students', 'kd,scratch', '--sliders', 'Scratch'], /--sliders: The sliders can act on/],
    [['--schedule', '0:4:0.7'], /--schedule: change 1 is not step:T:α:learning rate/],
    [['--teacher-schedule', '0:0.001:4'], /--teacher-schedule: change 1 is not step:learning rate/],
    [['--teacher-schedule', '5:0.001'], /--teacher-schedule: The first change is the starting/],
  ])('rejects %j', (argv, message) => {
    expect(error(argv)).toMatch(message);
  });
});
