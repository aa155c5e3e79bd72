/**
 * kubeplay's own line after what v1.30 prints for a command the tutorial wrote for an older
 * kubectl: what changed, and the command that does it today. It starts with `kubeplay hint: ` so
 * nobody takes it for kubectl's output, and is coloured (cyan) only on a terminal.
 */
export const HINTS = {
  runReplicas:
    'kubectl run has made only Pods since v1.18 and has no --replicas; for a Deployment use: kubectl create deployment NAME --image=IMAGE --replicas=N',
  dryRunBoolean: '--dry-run takes client, server or none since v1.18; --dry-run=client -o yaml shows the object without creating it',
  scalePort: 'kubectl scale only sets the replica count and has no --port; drop it: kubectl scale deployment NAME --replicas=N',
  exposeRunPod: (name: string) =>
    `kubectl run made a Pod named ${name}, not a Deployment (since v1.18); expose the pod: kubectl expose pod ${name} --name=NAME --port=PORT`,
} as const;

export function hintLine(text: string, tty: boolean): string {
  const line = `kubeplay hint: ${text}`;
  return tty ? `\x1b[36m${line}\x1b[0m\n` : `${line}\n`;
}
