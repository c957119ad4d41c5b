import { datasetShape, inputShape } from '../../core/config';
import { importFits, useConfigStore, usesImportedTeacher } from '../../state/config-store';
import { useWorkerRequest } from '../../worker-client/use-request';
import { outputNote, teacherSummary } from './teacher-text';

/**
 * Import any TensorFlow.js model (a LayersModel, Sequential or Functional, or a GraphModel from
 * tfjs-converter: model.json plus its weight files) as the teacher. The worker checks the files,
 * loads the model with tfjs and runs it on rows shaped like the dataset's; a bad file is named and
 * whatever was imported or configured before stays.
 */
export function ImportTeacher({ disabled }: { disabled: boolean }) {
  const imported = useConfigStore((s) => s.importedTeacher);
  const inUse = useConfigStore(usesImportedTeacher);
  const fits = useConfigStore(
    (s) => s.importedTeacher !== null && importFits(s.importedTeacher, s.config),
  );
  const setImported = useConfigStore((s) => s.setImportedTeacher);
  const setUseImported = useConfigStore((s) => s.setUseImported);
  const { busy, error, setError, send } = useWorkerRequest();

  const importFiles = async (files: File[]) => {
    const { config } = useConfigStore.getState();
    const answer = await send({
      type: 'import-teacher',
      files,
      input: inputShape(config),
      classes: datasetShape(config).classes,
    });
    if (!answer) return;
    if (!answer.result.ok) {
      setError(answer.result.error);
      return;
    }
    setError(null);
    setImported(answer.result.teacher);
  };

  const note = busy
    ? 'Loading the model in the worker and trying it on this dataset…'
    : (error ??
      (imported
        ? inUse
          ? `${imported.name} is the teacher: Train distils from it without training one. ${outputNote(imported)}`
          : fits
            ? `${imported.name} is imported; Train trains a teacher of the network above instead.`
            : `${imported.name} takes ${imported.features} features and ${imported.classes} classes, not this dataset’s: Train trains a teacher.`
        : 'A TensorFlow.js model.json and its weight files: a LayersModel (Sequential or Functional, any layers) or a GraphModel from tfjs-converter, taking this dataset’s rows and giving one output per class. Used for inference only.'));
  return (
    <div className="field import-teacher">
      <label htmlFor="teacher-file">Import teacher</label>
      <input
        id="teacher-file"
        type="file"
        multiple
        accept=".json,.bin,application/json,application/octet-stream"
        disabled={disabled}
        aria-describedby="teacher-file-note"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length === 0) return;
          void importFiles(files);
        }}
      />
      {imported && !busy && (
        <p className="field-hint" data-testid="imported-teacher">
          {teacherSummary(imported)}
        </p>
      )}
      <div
        id="teacher-file-note"
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
      >
        {note}
      </div>
      {imported && fits && !busy && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => {
            setUseImported(!inUse);
          }}
        >
          {inUse ? 'Train a teacher instead' : `Use ${imported.name} again`}
        </button>
      )}
    </div>
  );
}
