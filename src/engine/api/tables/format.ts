/**
 * Small formatters shared by the printers (and by describe / the UI): label sets, label
 * selectors, container lists and the "a,b,c + N more..." lists.
 */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';

/**
 * `labels.FormatLabels`: `k=v` pairs sorted and comma-joined, or `<none>`. The server sorts the
 * joined `k=v` strings (not the keys), so `a.b=1` comes before `a=1`.
 */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  const s = labelSetString(labels);
  return s === '' ? '<none>' : s;
}

/** `labels.Set.String()`: like formatLabels but empty for an empty set. */
export function labelSetString(labels: Readonly<Record<string, string>> | undefined | null): string {
  if (!labels) return '';
  const pairs: string[] = [];
  for (const key in labels) {
    if (Object.prototype.hasOwnProperty.call(labels, key)) pairs.push(`${key}=${labels[key]}`);
  }
  if (pairs.length === 0) return '';
  if (pairs.length > 1) pairs.sort(byteOrder);
  return pairs.join(',');
}

/** Go compares strings byte-wise; for the ASCII of labels that is plain code-unit order. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Requirement {
  key: string;
  text: string;
}

const SELECTOR_ERROR = Symbol('invalid selector');

function requirementText(expr: LabelSelectorRequirement): string | typeof SELECTOR_ERROR {
  const values = expr.values ?? [];
  switch (expr.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0) return SELECTOR_ERROR;
      const sorted = values.length > 1 ? [...values].sort(byteOrder) : values;
      return `${expr.key} ${expr.operator === 'In' ? 'in' : 'notin'} (${sorted.join(',')})`;
    }
    case 'Exists':
      return values.length === 0 ? expr.key : SELECTOR_ERROR;
    case 'DoesNotExist':
      return values.length === 0 ? `!${expr.key}` : SELECTOR_ERROR;
    default:
      return SELECTOR_ERROR;
  }
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key, `k=v` for
 * matchLabels, `k in (a,b)`, `k notin (a,b)`, `k`, `!k` for expressions. Empty or missing
 * selectors print as the empty string; an invalid one yields undefined.
 */
export function labelSelectorString(selector: LabelSelector | undefined | null): string | undefined {
  if (!selector) return '';
  const reqs: Requirement[] = [];
  const matchLabels = selector.matchLabels;
  if (matchLabels) {
    for (const key in matchLabels) {
      if (Object.prototype.hasOwnProperty.call(matchLabels, key)) reqs.push({ key, text: `${key}=${matchLabels[key]}` });
    }
  }
  for (const expr of selector.matchExpressions ?? []) {
    const text = requirementText(expr);
    if (text === SELECTOR_ERROR) return undefined;
    reqs.push({ key: expr.key, text });
  }
  if (reqs.length === 0) return '';
  if (reqs.length === 1) return reqs[0]!.text;
  // Array.prototype.sort is stable, like the order the server ends up with for distinct keys.
  reqs.sort((a, b) => byteOrder(a.key, b.key));
  let out = reqs[0]!.text;
  for (let i = 1; i < reqs.length; i++) out += ',' + reqs[i]!.text;
  return out;
}

/**
 * `metav1.FormatLabelSelector`: as labelSelectorString, with `<none>` for an empty selector and
 * `<error>` for an invalid one (the SELECTOR column of ReplicaSets, DaemonSets, Jobs).
 */
export function formatSelector(selector: LabelSelector | undefined | null): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** CONTAINERS and IMAGES cells: names and images comma-joined in container order. */
export function containerCells(containers: readonly Container[] | undefined): [names: string, images: string] {
  if (!containers || containers.length === 0) return ['', ''];
  if (containers.length === 1) return [containers[0]!.name ?? '', containers[0]!.image ?? ''];
  let names = '';
  let images = '';
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    if (i > 0) {
      names += ',';
      images += ',';
    }
    names += c.name ?? '';
    images += c.image ?? '';
  }
  return [names, images];
}

/** `a,b,c + N more...` once `count` exceeds `max`; `<unset>` for an empty list (EndpointSlices). */
export function listWithMore(list: readonly string[], count: number, max: number): string {
  const joined = list.join(',');
  if (count > max) return `${joined} + ${count - max} more...`;
  return joined === '' ? '<unset>' : joined;
}

/** `net.JoinHostPort`: brackets around IPv6 addresses. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `printBoolPtr`: `<unset>`, `true` or `false`. */
export function boolPtr(value: boolean | undefined | null): string {
  return value === undefined || value === null ? '<unset>' : String(value);
}
