/** Events (core/v1): the namespace of the event and of the object it is about must agree. */
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { asObject, fields } from './object';
import { invalid } from './validation/field';

export function eventRules(_resource: ResourceInfo): KindRules {
  return {
    validate(obj) {
      const o = fields(obj);
      const involvedNs = String(asObject(o.involvedObject)?.namespace ?? '');
      const ns = obj.metadata?.namespace ?? '';
      // Events about cluster-scoped objects (Nodes) live in `default`.
      const ok = involvedNs ? ns === involvedNs : ns === '' || ns === 'default';
      return ok ? [] : [invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace')];
    },
  };
}
