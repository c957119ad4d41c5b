// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, networkDefaults } from '../../core/config';
import { denseStack } from '../../core/layers';
import { useConfigStore } from '../../state/config-store';
import { NetworkEditor } from './NetworkEditor';

const description = () => {
  const group = screen.getByRole('group', { name: 'Student network' });
  const id = group.getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? '';
};

describe('NetworkEditor', () => {
  beforeEach(() => {
    useConfigStore.getState().replace({
      ...DEFAULT_CONFIG,
      ...networkDefaults('moons'),
      dataset: 'moons',
      studentHidden: denseStack([4]),
    });
  });
  afterEach(cleanup);

  it('adds and removes layers, the shape and size following each edit', () => {
    render(<NetworkEditor field="studentHidden" model="Student" disabled={false} />);
    expect(description()).toBe('2 → 4 → 2: 22 parameters · 88 B at fp32');
    fireEvent.click(screen.getByRole('button', { name: 'Add student dense layer' }));
    expect(useConfigStore.getState().config.studentHidden).toHaveLength(2);
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Student layer 2 units' }), {
      target: { value: '3' },
    });
    // 2·4+4 + 4·3+3 + 3·2+2 = 35 parameters, 140 bytes.
    expect(description()).toBe('2 → 4 → 3 → 2: 35 parameters · 140 B at fp32');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Student layer 1' }));
    expect(useConfigStore.getState().config.studentHidden).toEqual(denseStack([3]));
  });

  it('names a bad width by its layer, and the configuration refuses to train', () => {
    render(<NetworkEditor field="studentHidden" model="Student" disabled={false} />);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Student layer 1 units' }), {
      target: { value: '0' },
    });
    expect(screen.getByRole('alert').textContent).toMatch(/^Layer 1: /);
    expect(useConfigStore.getState().errors.studentHidden).toMatch(/^Layer 1: /);
  });

  it('is read-only while a run trains', () => {
    render(<NetworkEditor field="studentHidden" model="Student" disabled />);
    const group = screen.getByRole('group', { name: 'Student network' });
    expect((group as HTMLFieldSetElement).disabled).toBe(true);
  });
});
