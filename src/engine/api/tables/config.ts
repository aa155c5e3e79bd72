/** Namespaces, ConfigMaps, Secrets, ServiceAccounts and PodTemplates: mostly counts and names. */
import type { ConfigMap, Namespace, PodTemplate, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, columns, type Printer, type RowContext } from './columns';
import { containerCells, formatLabels } from './format';

const count = (map: object | undefined | null): number => (map ? Object.keys(map).length : 0);

export const namespacePrinter: Printer<Namespace> = {
  columns: columns(NAME_COLUMN, column('Status', 'string', 'The status of the namespace'), AGE_COLUMN),
  cells: (ns: Namespace, ctx: RowContext) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', ctx.age(ns.metadata?.creationTimestamp)],
};

export const configMapPrinter: Printer<ConfigMap> = {
  columns: columns(
    NAME_COLUMN,
    column('Data', 'string', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
    AGE_COLUMN,
  ),
  // DATA counts both data and binaryData keys.
  cells: (cm: ConfigMap, ctx: RowContext) => [
    cm.metadata?.name ?? '',
    count(cm.data) + count(cm.binaryData),
    ctx.age(cm.metadata?.creationTimestamp),
  ],
};

export const secretPrinter: Printer<Secret> = {
  columns: columns(
    NAME_COLUMN,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    column('Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
    AGE_COLUMN,
  ),
  // stringData is folded into data on write, so only data is counted.
  cells: (s: Secret, ctx: RowContext) => [s.metadata?.name ?? '', s.type ?? '', count(s.data), ctx.age(s.metadata?.creationTimestamp)],
};

export const serviceAccountPrinter: Printer<ServiceAccount> = {
  columns: columns(
    NAME_COLUMN,
    column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'),
    AGE_COLUMN,
  ),
  cells: (sa: ServiceAccount, ctx: RowContext) => [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, ctx.age(sa.metadata?.creationTimestamp)],
};

export const podTemplatePrinter: Printer<PodTemplate> = {
  columns: columns(
    NAME_COLUMN,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ),
  cells(pt: PodTemplate) {
    const [names, images] = containerCells(pt.template?.spec?.containers);
    return [pt.metadata?.name ?? '', names, images, formatLabels(pt.template?.metadata?.labels)];
  },
};
