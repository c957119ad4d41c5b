/**
 * Import of a teacher file in the worker: the request answered with the teacher read
 * (core/engine/read-teacher.ts), or why not.
 */
import { type ImportedTeacher, readTeacher } from '../core/engine/read-teacher';
import type { FromWorker, ToWorker } from '../protocol/messages';
import { errorText } from '../core/error-text';

/**
 * Answers an `import-teacher` request: the teacher read from `files`, or why not. `keep` receives
 * a teacher that passed every check; a failed import keeps the teacher imported before it.
 */
export async function answerImport(
  { requestId, files, input, classes }: Extract<ToWorker, { type: 'import-teacher' }>,
  keep: (teacher: ImportedTeacher) => void,
  post: (message: FromWorker) => void,
): Promise<void> {
  const read = await readTeacher(files, input, classes).catch((e: unknown) => ({
    ok: false as const,
    error: errorText(e),
  }));
  if (!read.ok) {
    post({ type: 'teacher-import', requestId, result: read });
    return;
  }
  keep(read.teacher);
  post({ type: 'teacher-import', requestId, result: { ok: true, teacher: read.teacher.info } });
}
