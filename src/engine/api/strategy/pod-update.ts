/**
 * What may change in a running Pod (upstream `ValidatePodUpdate`): container images,
 * activeDeadlineSeconds (only shorter), added tolerations, and terminationGracePeriodSeconds from a
 * negative value to 1. Anything else is refused with the long `spec: Forbidden` message, followed —
 * as the real apiserver does — by a diff of what differs (ours lists only the changed fields).
 */
import type { FieldError } from '../errors';
import { canonicalJson, sameCanonicalJson } from '../../sim/names';
import { safeClone as clone } from '../patch/safe';
import { asArray, asObject, type Json } from './object';
import { validateTolerations } from './podspec-validation';
import { child, forbidden, index, invalid, required } from './validation/field';
import { inclusiveRangeError } from './validation/names';
import { checkedOnce } from './validation/once';

const UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${UPDATABLE_FIELDS.join(',')}`;

/** core.PodSpec's Go fields in declaration order, with the v1 JSON fields each one holds. */
const GO_FIELDS: [string, string[]][] = [
  ['Volumes', ['volumes']],
  ['InitContainers', ['initContainers']],
  ['Containers', ['containers']],
  ['EphemeralContainers', ['ephemeralContainers']],
  ['RestartPolicy', ['restartPolicy']],
  ['TerminationGracePeriodSeconds', ['terminationGracePeriodSeconds']],
  ['ActiveDeadlineSeconds', ['activeDeadlineSeconds']],
  ['DNSPolicy', ['dnsPolicy']],
  ['NodeSelector', ['nodeSelector']],
  ['ServiceAccountName', ['serviceAccountName', 'serviceAccount']],
  ['AutomountServiceAccountToken', ['automountServiceAccountToken']],
  ['NodeName', ['nodeName']],
  ['SecurityContext', ['securityContext', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers']],
  ['ImagePullSecrets', ['imagePullSecrets']],
  ['Hostname', ['hostname']],
  ['Subdomain', ['subdomain']],
  ['SetHostnameAsFQDN', ['setHostnameAsFQDN']],
  ['Affinity', ['affinity']],
  ['SchedulerName', ['schedulerName']],
  ['Tolerations', ['tolerations']],
  ['HostAliases', ['hostAliases']],
  ['PriorityClassName', ['priorityClassName']],
  ['Priority', ['priority']],
  ['PreemptionPolicy', ['preemptionPolicy']],
  ['DNSConfig', ['dnsConfig']],
  ['ReadinessGates', ['readinessGates']],
  ['RuntimeClassName', ['runtimeClassName']],
  ['Overhead', ['overhead']],
  ['EnableServiceLinks', ['enableServiceLinks']],
  ['TopologySpreadConstraints', ['topologySpreadConstraints']],
  ['OS', ['os']],
  ['SchedulingGates', ['schedulingGates']],
  ['ResourceClaims', ['resourceClaims']],
];

const same = sameCanonicalJson;
/** A status write carries the stored tolerations along: checked once (see validation/once.ts). */
const tolerationsOnce = checkedOnce(validateTolerations);

function goText(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return canonicalJson(v);
}

/** A short cmp.Diff-like listing of the PodSpec fields that differ. */
export function podSpecDiff(oldSpec: Json, newSpec: Json): string {
  const lines = ['  core.PodSpec{'];
  let identical = 0;
  const flush = (): void => {
    if (identical > 0) lines.push(`  \t... // ${identical} identical field${identical === 1 ? '' : 's'}`);
    identical = 0;
  };
  for (const [goName, jsonNames] of GO_FIELDS) {
    const differs = jsonNames.filter((j) => !same(oldSpec[j], newSpec[j]));
    if (differs.length === 0) {
      identical++;
      continue;
    }
    flush();
    const pick = (spec: Json): unknown => (jsonNames.length === 1 ? spec[jsonNames[0]!] : Object.fromEntries(differs.map((j) => [j, spec[j]])));
    lines.push(`- \t${goName}: ${goText(pick(oldSpec))},`, `+ \t${goName}: ${goText(pick(newSpec))},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}

function validateContainerUpdates(newList: unknown[], oldList: unknown[], path: string): { errs: FieldError[]; stop: boolean } {
  if (newList.length !== oldList.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  newList.forEach((raw, i) => {
    const image = asObject(raw)?.image;
    if (typeof image !== 'string' || image.length === 0) errs.push(required(child(index(path, i), 'image')));
    else if (image.trim() !== image) errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newList: unknown[], oldList: unknown[], path: string): FieldError[] {
  // The same (stored) list trivially keeps every toleration; only a new list needs the search.
  for (const old of newList === oldList ? [] : oldList) {
    const found = newList.some((n) => {
      // tolerationSeconds may change; everything else must stay.
      const a = { ...(asObject(old) ?? {}), tolerationSeconds: undefined };
      const b = { ...(asObject(n) ?? {}), tolerationSeconds: undefined };
      return same(a, b);
    });
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return tolerationsOnce(newList, path);
}

export function validatePodUpdate(newPod: Json, oldPod: Json): FieldError[] {
  const newSpec = asObject(newPod.spec) ?? {};
  const oldSpec = asObject(oldPod.spec) ?? {};
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(asArray(newSpec[list]), asArray(oldSpec[list]), child('spec', list));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = newSpec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, 2147483647))];
    if (typeof oldAds === 'number' && oldAds < ads) return [...errs, invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
  } else if (typeof oldAds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(asArray(newSpec.tolerations), asArray(oldSpec.tolerations), 'spec.tolerations'));
  if (same(newSpec, oldSpec)) return errs;

  // Put the updatable fields back to their old values; whatever still differs is forbidden.
  const munged = clone(newSpec);
  for (const list of ['containers', 'initContainers']) {
    const oldList = asArray(oldSpec[list]);
    asArray(munged[list]).forEach((c, i) => {
      const o = asObject(oldList[i]);
      const m = asObject(c);
      if (m && o) m.image = o.image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.tolerations = oldSpec.tolerations;
  munged.schedulingGates = oldSpec.schedulingGates;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!same(munged, oldSpec)) {
    errs.push(forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}
