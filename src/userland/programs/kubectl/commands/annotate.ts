/** `kubectl annotate TYPE NAME key=value key-…`: `label`'s body on the object's annotations. */
import { metadataCommand } from './label';

export const annotate = metadataCommand('annotations', {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  examples: "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  kubectl annotate pods foo description='my frontend'",
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
});
