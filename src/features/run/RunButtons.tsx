import { useEffect, useRef } from 'react';
import type { RunState } from '../../state/run-store';
import s from './run.module.css';

type Name = 'Train' | 'Pause' | 'Resume' | 'Stop';

const NEXT: Record<Name, Name> = {
  Train: 'Pause',
  Pause: 'Resume',
  Resume: 'Pause',
  Stop: 'Train',
};
const COMMAND = { Train: 'train', Pause: 'pause', Resume: 'resume', Stop: 'stop' } as const;

/**
 * Train, Pause, Resume and Stop. A button that disables itself when pressed hands the keyboard
 * focus to the one a person needs next (Pause → Resume, Train → Pause, Stop → Train) as soon as
 * that one is enabled, instead of dropping it on the page.
 */
export function RunButtons({
  run,
  active,
  canTrain,
  commands,
}: {
  run: RunState | null;
  active: boolean;
  canTrain: boolean;
  commands: Record<(typeof COMMAND)[Name], () => void>;
}) {
  const buttons = useRef(new Map<Name, HTMLButtonElement>());
  const focusNext = useRef<Name | null>(null);
  const paused = run?.paused === true;
  const enabled: Record<Name, boolean> = {
    Train: !active && canTrain,
    Pause: active && !paused,
    Resume: active && paused,
    Stop: active,
  };
  useEffect(() => {
    const name = focusNext.current;
    const button = name ? buttons.current.get(name) : undefined;
    if (button && !button.disabled) {
      button.focus();
      focusNext.current = null;
    }
  });
  /** What each button does, and which button takes the focus after it. */
  const handle = (name: Name) => {
    focusNext.current = NEXT[name];
    commands[COMMAND[name]]();
  };
  return (
    <div className={s.buttons}>
      {(['Train', 'Pause', 'Resume', 'Stop'] as const).map((name) => (
        <button
          key={name}
          ref={(el) => {
            if (el) buttons.current.set(name, el);
          }}
          type="button"
          className={name === 'Train' ? 'primary' : undefined}
          disabled={!enabled[name]}
          onClick={() => {
            handle(name);
          }}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
