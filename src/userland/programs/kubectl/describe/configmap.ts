/** ConfigMaps: each key and its value under a rule, then the binary keys by size. */
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { Sys } from '../../../../engine/runtime/process';
import { corePath } from './context';
import { searchEvents, writeEvents } from './events';
import type { Describer } from './meta';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

export const describeConfigMap: Describer = function* (ctx, namespace, name): Sys<string> {
  const cm = yield* ctx.client.call<ConfigMap>({ method: 'GET', path: `${corePath('configmaps', namespace)}/${name}` });
  const events = yield* searchEvents(ctx, { kind: 'ConfigMap', name, namespace, uid: cm.metadata?.uid });
  const w = new DescribeWriter();
  w.write(0, `Name:\t${cm.metadata?.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata?.namespace}\n`);
  writeLabels(w, 'Labels', cm.metadata?.labels);
  writeAnnotations(w, 'Annotations', cm.metadata?.annotations);
  w.write(0, '\nData\n====\n');
  for (const key of Object.keys(cm.data ?? {}).sort()) w.write(0, `${key}:\n----\n${cm.data![key]}\n`);
  w.write(0, '\nBinaryData\n====\n');
  // base64 in the object: four characters for every three bytes, less the padding.
  for (const key of Object.keys(cm.binaryData ?? {}).sort()) {
    const b64 = cm.binaryData![key]!;
    w.write(0, `${key}: ${(b64.length / 4) * 3 - (b64.match(/=+$/)?.[0].length ?? 0)} bytes\n`);
  }
  w.write(0, '\n');
  writeEvents(w, events, ctx.now);
  return w.toString();
};
