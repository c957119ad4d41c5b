import { datasetShape, inputShape } from '../../core/config';
import { formatCount } from '../../core/size';
import { useConfigStore, usesImportedTeacher } from '../../state/config-store';
import { useWorkerRequest } from '../../worker-client/use-request';

/**
 * Import a TensorFlow.js LayersModel (model.json plus its weight files) as the teacher. The worker
 * checks it against the dataset before reading a weight; a bad file is named and whatever was
 * imported or configured before stays.
 */
export function ImportTeacher({ disabled }: { disabled: boolean }) {
  const imported = useConfigStore((s) => s.importedTeacher);
  const inUse = useConfigStore(usesImportedTeacher);
  const setImported = useConfigStore((s) => s.setImportedTeacher);
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
    const { name, layers, parameters } = answer.result;
    setImported({ name, layers, parameters });
  };

  const note = busy
    ? 'Checking the model in the worker…'
    : (error ??
      (imported
        ? inUse
          ? `${imported.name} (${formatCount(imported.parameters)} parameters) is the teacher: Train distils from it without training one.`
          : `${imported.name} is imported, but the teacher network was edited since: Train trains a new teacher.`
        : 'A model.json and its weight files (as exported here, or by tfjs-converter): Dense and conv–pool layers, the dataset’s inputs and classes.'));
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
      <div
        id="teacher-file-note"
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
      >
        {note}
      </div>
      {imported && !inUse && !busy && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => {
            setImported(imported);
          }}
        >
          Use {imported.name} again
        </button>
      )}
    </div>
  );
}
