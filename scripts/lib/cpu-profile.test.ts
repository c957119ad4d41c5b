import { describe, expect, it } from 'vitest';
import { hotFunctions } from './cpu-profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

describe('hotFunctions', () => {
  it('gives each sample the interval up to the next one, and ranks by self time', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)') },
        { id: 2, callFrame: frame('render', 'http://x/assets/index.js', 9) },
        { id: 3, callFrame: frame('', 'http://x/assets/index.js', 41) },
      ],
      samples: [2, 2, 3, 1, 1],
      // The first delta is from the profile's start to the first sample, the last sample's own
      // interval is unknown: neither is anybody's time.
      timeDeltas: [500, 1000, 2000, 3000, 4000],
    };
    expect(hotFunctions(profile)).toEqual([
      { name: '(idle)', selfMs: 4, share: 0.4 },
      { name: 'render (index.js:10)', selfMs: 3, share: 0.3 },
      { name: '(anonymous) (index.js:42)', selfMs: 3, share: 0.3 },
    ]);
  });

  it('keeps the top n', () => {
    const nodes = [1, 2, 3].map((id) => ({ id, callFrame: frame(`f${id}`) }));
    const profile = { nodes, samples: [1, 2, 3, 3], timeDeltas: [0, 1000, 2000, 3000] };
    expect(hotFunctions(profile, 1).map((h) => h.name)).toEqual(['f3']);
  });
});
