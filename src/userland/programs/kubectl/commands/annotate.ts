/** `kubectl annotate TYPE NAME key=value key-…`: `label`'s body on the object's annotations. */
import { metadataCommand } from './label';

export const annotate = metadataCommand('annotations', {
  name: 'annotate',
  short: 'Add, change or remove annotations',
  examples: `# A note on the nginx service
kubectl annotate service nginx owner='web team'

# Replace it
kubectl annotate service nginx owner=platform --overwrite

# Remove it
kubectl annotate service nginx owner-`,
  long: 'Add annotations to objects, change them, or remove them. Annotations are key=value notes for people and tools; unlike labels, nothing selects by them, and values may be long.',
  use: 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
});
