/** Smaller kinds with a rule or two of their own: PodTemplates, EndpointSlices, Ingresses, ServiceAccounts. */
import type { FieldError } from '../errors';
import type { ResourceInfo } from '../resources';
import type { KindRules } from './generic';
import { asArray, asObject, ensureObject, fields } from './object';
import { defaultPodTemplate } from './podspec-defaults';
import { validatePodTemplateSpec } from './podspec-validation';
import { child, index, notSupported, required, tooMany } from './validation/field';

export function podTemplateRules(_resource: ResourceInfo): KindRules {
  return {
    defaults: (obj) => defaultPodTemplate(ensureObject(fields(obj), 'template')),
    validate: (obj) => validatePodTemplateSpec(fields(obj).template, 'template'),
  };
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;

export function endpointSliceRules(_resource: ResourceInfo): KindRules {
  return {
    validate(obj) {
      const o = fields(obj);
      const errs: FieldError[] = [];
      const type = o.addressType;
      if (!type) errs.push(required('addressType'));
      else if (!ADDRESS_TYPES.includes(String(type))) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
      const endpoints = asArray(o.endpoints);
      if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
      endpoints.forEach((e, i) => {
        const addresses = asArray(asObject(e)?.addresses);
        if (addresses.length === 0) errs.push(required(child(index('endpoints', i), 'addresses'), 'must contain at least 1 address'));
      });
      return errs;
    },
  };
}

export function ingressRules(_resource: ResourceInfo): KindRules {
  return { hasStatus: true, generationFields: ['spec'] };
}
