import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig, networkDefaults } from './config';
import { conv, dense } from './layers';
import { MAX_HASH_LENGTH, decodeHash, encodeHash } from './url-hash';

const moons: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  ...networkDefaults('moons'),
  dataset: 'moons',
  samples: 400,
  noise: 0.35,
  teacherHidden: [dense(16, 'relu', 0.1), dense(8, 'gelu')],
  studentHidden: [],
  learningRate: 0.003,
  temperature: 7.5,
  alpha: 0.25,
  labeledFraction: 0.1,
  transferSet: false,
  seed: 123456,
};

describe('URL hash codec', () => {
  it('round-trips every field', () => {
    const cnn = {
      ...DEFAULT_CONFIG,
      teacherHidden: [conv(8, 3), conv(16, 5), dense(64, 'relu', 0.3)],
    };
    expect(encodeHash(cnn)).toContain('&t=c8x3,c16x5,64/0.3&');
    for (const config of [DEFAULT_CONFIG, moons, cnn]) {
      const decoded = decodeHash(encodeHash(config));
      expect(decoded).toEqual({ config, notices: [], present: true });
    }
  });

  it('carries the teacher’s learning-rate schedule, and none without one', () => {
    const teacherSchedule = [
      { step: 0, learningRate: 0.003 },
      { step: 40, learningRate: 0.0005 },
    ];
    const hash = encodeHash({ ...moons, teacherSchedule });
    expect(hash).toContain('&tsch=0:0.003,40:0.0005');
    expect(decodeHash(hash).config.teacherSchedule).toEqual(teacherSchedule);
    expect(encodeHash({ ...moons, teacherSchedule: [] })).not.toContain('tsch');
    // Not from step 0, falling steps, a rate out of range: ignored, with the reason.
    for (const bad of ['40:0.001', '0:0.001,9:0.002,5:0.003', '0:70', '0:0.001:4']) {
      const decoded = decodeHash(`${encodeHash(moons)}&tsch=${encodeURIComponent(bad)}`);
      expect(decoded.config.teacherSchedule).toBeUndefined();
      expect(decoded.notices[0]).toMatch(/^tsch=.* ignored \(.+\)\.$/);
    }
  });

  it('carries a list of students, and none for the default pair', () => {
    const four: ExperimentConfig = {
      ...moons,
      students: [
        { name: 'Distilled', kind: 'kd' },
        { name: 'Scratch', kind: 'scratch' },
        { name: 'Hot', kind: 'kd', temperature: 8, alpha: 0.9 },
        { name: 'Wide scratch', kind: 'scratch', hidden: [dense(64, 'relu'), dense(32, 'tanh')] },
      ],
    };
    const link = encodeHash(four);
    expect(link).toContain(
      '&stu=kd:name=Distilled,scratch:name=Scratch,kd:name=Hot:T=8:alpha=0.9,scratch:name=Wide+scratch:hidden=64-32tanh',
    );
    expect(decodeHash(link)).toEqual({ config: four, notices: [], present: true });
    expect(encodeHash(moons)).not.toContain('stu=');
    const bad = decodeHash(`${encodeHash(moons)}&stu=kd:T=99,scratch`);
    expect(bad.config).toEqual(moons);
    expect(bad.notices[0]).toMatch(
      /^stu=kd:T=99,scratch ignored \(Distilled: T must be between 1 and 20\)/,
    );
  });

  it('names the student the sliders act on, and refuses one that cannot follow them', () => {
    const three: ExperimentConfig = {
      ...moons,
      students: [
        { name: 'Distilled', kind: 'kd' },
        { name: 'Scratch', kind: 'scratch' },
        { name: 'Cold', kind: 'kd' },
      ],
      sliders: 'Cold',
    };
    const link = encodeHash(three);
    expect(link).toMatch(/&sl=Cold$/);
    expect(decodeHash(link)).toEqual({ config: three, notices: [], present: true });
    const scratch = decodeHash(link.replace('sl=Cold', 'sl=Scratch'));
    expect(scratch.config.sliders).toBeUndefined();
    expect(scratch.notices[0]).toMatch(
      /^sl=Scratch ignored \(The sliders can act on a KD or hint student/,
    );
  });

  it('writes a readable link', () => {
    expect(encodeHash(moons)).toBe(
      '#d=moons&n=400&nz=0.35&t=16/0.1,8gelu&s=&te=40&se=40&bs=32&lr=0.003&T=7.5&a=0.25&lf=0.1&x=0&seed=123456&r=1',
    );
  });

  it('carries repeats, within 1 to 10 whole seeds', () => {
    expect(decodeHash('#r=3').config.repeats).toBe(3);
    const refused = decodeHash('#r=11');
    expect(refused.config.repeats).toBe(1);
    expect(refused.notices).toEqual(['r=11 ignored (Must be between 1 and 10).']);
    expect(decodeHash('#r=2.5').notices).toEqual(['r=2.5 ignored (Must be a whole number).']);
  });

  it('reads no hash as a plain visit', () => {
    expect(decodeHash('')).toEqual({ config: DEFAULT_CONFIG, notices: [], present: false });
    expect(decodeHash('#').present).toBe(false);
  });

  it('starts from the dataset’s own defaults for the fields a link leaves out', () => {
    const { config, notices } = decodeHash('#d=spiral&T=2');
    expect(notices).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      ...networkDefaults('spiral'),
      dataset: 'spiral',
      temperature: 2,
    });
  });

  it('falls back field by field and names each bad one', () => {
    const { config, notices } = decodeHash(
      '#d=moons&T=99&a=abc&te=2.5&t=16,x&s=0&x=yes&seed=-1&lr=&bs=64&evil=%3Cscript%3E',
    );
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      ...networkDefaults('moons'),
      dataset: 'moons',
      batchSize: 64,
    });
    expect(notices).toEqual([
      'Unknown setting "evil" ignored.',
      't=16,x ignored ("x" at layer 2 is neither units (e.g. 64, 64tanh, 64/0.2) nor a conv block (e.g. c8x3)).',
      's=0 ignored (Layer 1: units must be a whole number from 1 to 4096).',
      'te=2.5 ignored (Must be a whole number).',
      'lr= ignored (not a number).',
      'T=99 ignored (Must be between 1 and 20).',
      '…and 3 more.',
    ]);
  });

  it('survives garbage, unknown datasets, absurd sizes and overlong links', () => {
    expect(decodeHash('#%E0%A4%A&&=&%%%').config).toEqual(DEFAULT_CONFIG);
    const unknown = decodeHash('#d=imagenet&T=3');
    expect(unknown.config).toEqual({ ...DEFAULT_CONFIG, temperature: 3 });
    expect(unknown.notices).toEqual(['Unknown dataset "imagenet"; using mnist.']);
    expect(decodeHash('#d=csv&T=3').notices[0]).toMatch(/^An uploaded CSV stays in the browser/);
    const huge = decodeHash('#t=4096,4096,4096,4096');
    expect(huge.config.teacherHidden).toEqual(DEFAULT_CONFIG.teacherHidden);
    expect(huge.notices[0]).toMatch(/^t=4096,4096,4096,4096 ignored \(.* parameters is more than/);
    const long = decodeHash(`#seed=1&pad=${'x'.repeat(MAX_HASH_LENGTH)}`);
    expect(long.config).toEqual(DEFAULT_CONFIG);
    expect(long.notices).toEqual([
      `The link's settings are longer than ${MAX_HASH_LENGTH} characters; ignored.`,
    ]);
  });
});
