import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP, ISOLATION } from './csp';

describe("a static host's headers (public/_headers)", () => {
  it('are the ones vite preview sends: cross-origin isolation and the policy', () => {
    const text = readFileSync('public/_headers', 'utf8');
    const headers = Object.fromEntries(
      text
        .split('\n')
        .filter((line) => line.startsWith('  '))
        .map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
        }),
    );
    expect(headers).toEqual({ ...ISOLATION, 'Content-Security-Policy': CSP });
  });
});
