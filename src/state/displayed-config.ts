import type { ExperimentConfig } from '../core/config';
import type { TeacherInfo } from '../core/import/teacher-info';
import { useConfigStore, usesImportedTeacher } from './config-store';
import { useRunStore } from './run-store';

/** Once a run exists, results describe the networks it trained, not the ones being edited. */
export function useDisplayedConfig(): ExperimentConfig {
  const draft = useConfigStore((s) => s.config);
  return useRunStore((s) => s.run?.config) ?? draft;
}

/**
 * The imported teacher of the displayed run; before any run, the one Train would distil from.
 * Null where the teacher is a network trained here.
 */
export function useDisplayedTeacher(): TeacherInfo | null {
  const draft = useConfigStore((s) => (usesImportedTeacher(s) ? s.importedTeacher : null));
  const run = useRunStore((s) => s.run);
  return run ? (run.teacherImported ?? null) : draft;
}
