import { useCallback } from 'react';
import { classNameOf, hasClassNames } from '../../core/data/class-names';
import { useDisplayedConfig } from '../../state/displayed-config';

/** How the displayed run's classes are called, and whether they have names beyond numbers. */
export function useClassName(): { name: (c: number) => string; named: boolean } {
  const { dataset } = useDisplayedConfig();
  const name = useCallback((c: number) => classNameOf(dataset, c), [dataset]);
  return { name, named: hasClassNames(dataset) };
}
