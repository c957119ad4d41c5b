import { datasetShape, networkParameters } from '../../core/config';
import { fp32Bytes, formatBytes, formatCount } from '../../core/size';
import { type LayerField, useConfigStore } from '../../state/config-store';
import { Field } from '../../ui/Field';

interface LayerSpecFieldProps {
  field: LayerField;
  label: string;
  placeholder: string;
  disabled: boolean;
}

/**
 * A hidden-layer text field; its hint is the network's shape, parameters and fp32 size, e.g.
 * "784–32–10: 25,450 parameters · 101.8 KB at fp32", updated as the person types.
 */
export function LayerSpecField({ field, label, placeholder, disabled }: LayerSpecFieldProps) {
  const config = useConfigStore((s) => s.config);
  const text = useConfigStore((s) => s.layerText[field]);
  const error = useConfigStore((s) => s.errors[field]);
  const setLayerText = useConfigStore((s) => s.setLayerText);
  const { features, classes } = datasetShape(config);
  const parameters = networkParameters(config, field);
  const shape = [features, ...config[field], classes].join('–');
  return (
    <Field
      label={label}
      value={text}
      placeholder={placeholder}
      spellCheck={false}
      disabled={disabled}
      error={error}
      hint={`${shape}: ${formatCount(parameters)} parameters · ${formatBytes(fp32Bytes(parameters))} at fp32`}
      onChange={(e) => {
        setLayerText(field, e.target.value);
      }}
    />
  );
}
