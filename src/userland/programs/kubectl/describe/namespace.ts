/** Namespaces: status, then the quotas and limit ranges that apply inside. */
import type { LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath, listItems } from './context';
import type { Describer } from './meta';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

export const describeNamespace: Describer = function* (ctx, _namespace, name): Sys<string> {
  const ns = yield* ctx.client.call<Namespace>({ method: 'GET', path: `${corePath('namespaces')}/${name}` });
  const quotas = yield* listItems<ResourceQuota>(ctx, corePath('resourcequotas', name));
  const limits = yield* listItems<LimitRange>(ctx, corePath('limitranges', name));

  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata?.name}\n`);
  writeLabels(w, 'Labels', ns.metadata?.labels);
  writeAnnotations(w, 'Annotations', ns.metadata?.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status.conditions) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
  } else {
    w.write(0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))) {
      w.write(1, `Name:\t${q.metadata?.name}\n`);
      w.write(1, 'Resource\tUsed\tHard\n');
      w.write(1, '--------\t---\t---\n');
      for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status!.hard![r]}\n`);
    }
  }
  w.write(0, '\n');
  if (limits.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
  } else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) {
      for (const item of lr.spec?.limits ?? []) {
        const kinds = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
        const names = [...new Set(kinds.flatMap((k) => Object.keys(k ?? {})))];
        for (const r of names) w.write(0, ` ${item.type}\t${r}\t${kinds.map((k) => (k?.[r] !== undefined ? String(k[r]) : '-')).join('\t')}\n`);
      }
    }
  }
  return w.toString();
};
