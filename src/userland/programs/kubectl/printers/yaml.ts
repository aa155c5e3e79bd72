/**
 * `-o yaml` as kubectl writes it (sigs.k8s.io/yaml over go-yaml v2): keys sorted, sequences not
 * indented under their key, strings double-quoted only where YAML would read them as something
 * else (`"1"`, `"true"`, timestamps), long lines never folded, multi-line strings as `|` blocks.
 */
import { dump } from 'js-yaml';

export function toYaml(value: unknown): string {
  return dump(value, { sortKeys: true, noArrayIndent: true, lineWidth: -1, quotingType: '"', noRefs: true });
}
