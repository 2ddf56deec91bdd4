import { registerImporter } from '../registry.js';

// An exported encoder runs in inference mode: Dropout is the identity. (Dropout during
// fine-tuning is the student's choice, not the exporter's.)
registerImporter('Dropout', (cx) => {
  if (cx.node.outputs.length > 1 && cx.node.outputs[1] !== '') cx.fail('its mask output is used; export the model in eval mode (model.eval()) so Dropout is inference-only');
  return [cx.value(0)];
});
