import { useMemo } from 'react';
import { modelIds } from '../../core/students';
import type { ModelId } from '../../protocol/messages';
import { useDisplayedConfig } from '../../state/displayed-config';
import { type Series, seriesOf } from './series';

/** The displayed run's models, the teacher first, and how each looks on every chart and table. */
export function useModels(): { ids: ModelId[]; look: (id: ModelId) => Series } {
  const config = useDisplayedConfig();
  return useMemo(
    () => ({ ids: modelIds(config), look: (id: ModelId) => seriesOf(id, config) }),
    [config],
  );
}
