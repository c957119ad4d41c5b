import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The command line end to end: its JSON as a person piping it elsewhere would read it. */
async function experiment(
  flags: string[],
  onStderr: (text: string) => void = () => undefined,
): Promise<Record<string, unknown>> {
  const tsx = 'node_modules/.bin/tsx';
  const { stdout, stderr } = await run(tsx, ['scripts/experiment.ts', ...flags, '--json'], {
    maxBuffer: 1 << 24,
  });
  onStderr(stderr);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const TINY = ['--dataset', 'moons', '--samples', '120', '--teacher-epochs', '2'];

describe('npm run experiment', () => {
  it('--sweep hidden=… trains a KD and a scratch student per network and reports the capacity', async () => {
    const out = await experiment([...TINY, '--student-epochs', '2', '--sweep', 'hidden=2,8']);
    const capacity = out.capacity as {
      hidden: string;
      parameters: number;
      distilled: { testAccuracy: number; low: number; high: number };
      scratch: { testAccuracy: number };
      gain: { difference: number; pHolm: number };
    }[];
    expect(capacity.map((c) => [c.hidden, c.parameters])).toEqual([
      ['2', 12],
      ['8', 42],
    ]);
    const students = out.students as { name: string; testAccuracy: number; energy: unknown }[];
    expect(students.map((s) => s.name)).toEqual(['KD 2', 'Scratch 2', 'KD 8', 'Scratch 8']);
    expect(capacity[1]?.distilled.testAccuracy).toBe(students[2]?.testAccuracy);
    expect(capacity[1]?.scratch.testAccuracy).toBe(students[3]?.testAccuracy);
    const d = capacity[0]?.distilled;
    expect(d && d.low <= d.testAccuracy && d.testAccuracy <= d.high).toBe(true);
    // Every model carries its estimated energy and what its training cost.
    const teacher = out.teacher as { energy: Record<string, unknown>; training: { flops: number } };
    expect(Object.keys(teacher.energy)).toEqual(['fp32', 'fp16', 'int8']);
    expect(teacher.training.flops).toBeGreaterThan(0);
    expect(students[0]?.energy).toHaveProperty('int8.highJ');
  });

  it('--transfer carries every trained model to the target beside its fresh twin, and the claims say what it found', async () => {
    const out = await experiment([
      ...TINY,
      '--student-epochs',
      '2',
      '--transfer',
      'circles:labels=40:epochs=2:mode=probe',
    ]);
    const transfer = out.transfer as {
      target: string;
      labels: number;
      epochs: number;
      mode: string;
      models: {
        name: string;
        testAccuracy: number;
        fresh: { testAccuracy: number };
        gain: { difference: number; low: number; high: number; p: number; pHolm: number };
        secondsPerEpoch: number;
      }[];
      sentence: string;
    };
    expect([transfer.target, transfer.labels, transfer.epochs, transfer.mode]).toEqual([
      'circles',
      40,
      2,
      'probe',
    ]);
    expect(transfer.models.map((m) => m.name)).toEqual(['Teacher', 'Distilled', 'Scratch']);
    for (const m of transfer.models) {
      expect(m.gain.difference).toBeCloseTo(m.testAccuracy - m.fresh.testAccuracy, 12);
      expect(m.gain.pHolm).toBeGreaterThanOrEqual(m.gain.p);
      expect(m.secondsPerEpoch).toBeGreaterThan(0);
    }
    expect(transfer.sentence).toMatch(/The distilled student adapted/);
    const claims = out.claims as { id: string; mark: string; evidence: string }[];
    expect(claims.map((c) => c.id)).toEqual([
      'smaller',
      'faster',
      'energy',
      'beats-scratch',
      'adapts',
      'teacher-costly',
      'misses',
    ]);
    const adapts = claims.find((c) => c.id === 'adapts');
    expect(adapts?.mark).not.toBe('unmeasured');
    expect(adapts?.evidence).toMatch(/^On circles \(\d+ labels, probe\)/);
    expect(claims.find((c) => c.id === 'faster')?.mark).toBe('unmeasured');
  });

  it('--transfer lands within a point of wasm on WebGPU (fused kernels, Node through Dawn)', async () => {
    const flags = [...TINY, '--transfer', 'circles:labels=100:epochs=5'];
    type Out = { transfer: { models: { name: string; testAccuracy: number }[] } };
    let log = '';
    const [wasm, gpu] = (await Promise.all([
      experiment([...flags, '--backend', 'wasm']),
      experiment([...flags, '--backend', 'webgpu'], (text) => (log = text)),
    ])) as unknown as [Out, Out];
    // The run and its transfer trained on the fused kernels: nothing fell back to tfjs's.
    expect(log).toMatch(/training on the fused kernels/);
    expect(log).not.toMatch(/tfjs's kernels/);
    expect(gpu.transfer.models.map((m) => m.name)).toEqual(['Teacher', 'Distilled', 'Scratch']);
    gpu.transfer.models.forEach((m, i) => {
      expect(Math.abs(m.testAccuracy - (wasm.transfer.models[i]?.testAccuracy ?? 0))).toBeLessThan(
        0.01,
      );
    });
  });
});
