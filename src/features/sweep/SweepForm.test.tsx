// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SweepForm } from './SweepForm';

const field = (name: string) => screen.getByRole('textbox', { name });

describe('SweepForm', () => {
  afterEach(cleanup);

  it('runs the T × α lists it parsed, with the epochs of each cell', () => {
    const onRun = vi.fn();
    render(<SweepForm defaultEpochs={5} running={false} canRun onRun={onRun} onCancel={vi.fn()} />);
    fireEvent.change(field('Temperatures'), { target: { value: '2, 6' } });
    fireEvent.change(field('Alphas'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run sweep' }));
    expect(onRun).toHaveBeenCalledWith({
      axis: 'grid',
      temperatures: [2, 6],
      alphas: [0.5],
      epochs: 5,
    });
  });

  it('runs a capacity sweep over the networks it parsed', () => {
    const onRun = vi.fn();
    render(<SweepForm defaultEpochs={3} running={false} canRun onRun={onRun} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Student size' }));
    expect(screen.queryByRole('textbox', { name: 'Temperatures' })).toBeNull();
    fireEvent.change(field('Student networks'), { target: { value: '8, 8x0' } });
    expect(screen.getByRole('alert').textContent).toMatch(/"8x0" is not widths/);
    fireEvent.change(field('Student networks'), { target: { value: '8, 16x16' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run sweep' }));
    expect(onRun).toHaveBeenCalledWith({ axis: 'capacity', sizes: [[8], [16, 16]], epochs: 3 });
  });

  it('names every bad value under its field and will not run', () => {
    const onRun = vi.fn();
    render(<SweepForm defaultEpochs={5} running={false} canRun onRun={onRun} onCancel={vi.fn()} />);
    fireEvent.change(field('Temperatures'), { target: { value: '2, 40' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Epochs per cell' }), {
      target: { value: '0' },
    });
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toBe('A whole number from 1 to 200.');
    const run = screen.getByRole<HTMLButtonElement>('button', { name: 'Run sweep' });
    expect(run.disabled).toBe(true);
    fireEvent.submit(run.closest('form') as HTMLFormElement);
    expect(onRun).not.toHaveBeenCalled();
  });

  it('offers Cancel only while a sweep runs', () => {
    const onCancel = vi.fn();
    render(<SweepForm defaultEpochs={5} running canRun onRun={vi.fn()} onCancel={onCancel} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Run sweep' }).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel sweep' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
