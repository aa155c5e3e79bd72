/**
 * What containerd (and runc below it) says when something fails, as the kubelet passes it on to
 * events and container statuses. Each layer wraps the one below with `<what failed>: <cause>`, and
 * `: unknown` at the end is the gRPC code runc's shim reports. Runtime, create and start errors
 * reach the kubelet without the gRPC prefix (it keeps only the status message); sandbox and pull
 * errors keep `rpc error: code = … desc = ` because the kubelet prints the whole error.
 */
import { goQuote } from './look-path';

const RUNC_START = 'OCI runtime create failed: runc create failed: unable to start container process';

/** StartContainer when runc cannot run PID 1, e.g. `exec: "foo": executable file not found in $PATH`. */
export const startErrorMessage = (cause: string): string =>
  `failed to create containerd task: failed to create shim task: ${RUNC_START}: ${cause}: unknown`;

/** Any failure of ExecSync or a streaming exec (kubectl exec, exec probes, exec hooks). */
export const execFailedMessage = (cause: string): string => `failed to exec in container: ${cause}`;

/** Exec when runc cannot run the command, e.g. `exec: "bash": executable file not found in $PATH`. */
export const execErrorMessage = (execId: string, cause: string): string =>
  execFailedMessage(`failed to start exec ${goQuote(execId)}: OCI runtime exec failed: exec failed: unable to start container process: ${cause}: unknown`);

/** containerd's CRI state names, as its errors spell them. */
const STATE_NAMES = { created: 'CONTAINER_CREATED', running: 'CONTAINER_RUNNING', exited: 'CONTAINER_EXITED' } as const;

/** Start, exec or attach when the container is not in the state that needs. */
export const wrongStateMessage = (state: keyof typeof STATE_NAMES): string => `container is in ${STATE_NAMES[state]} state`;

/** CreateContainer when neither the pod nor the image says what to run (an image without CMD). */
export const noCommandMessage = (containerId: string): string =>
  `failed to generate container ${goQuote(containerId)} spec: no command specified`;

/** PullImage with a name the reference grammar rejects (the kubelet normally stops these first). */
export const unparsableImageMessage = (image: string, parseError: string): string =>
  `rpc error: code = Unknown desc = failed to parse image reference ${goQuote(image)}: ${parseError}`;

/** RunPodSandbox when host-local IPAM has no address left in the node's pod CIDR. */
export const noAddressesMessage = (sandboxId: string, range: string): string =>
  `rpc error: code = Unknown desc = failed to setup network for sandbox ${goQuote(sandboxId)}: plugin type="bridge" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${range}`;

/** Lookups of ids the runtime does not know (a kubelet bug, or a race with removal). */
export const notFoundMessage = (kind: 'container' | 'sandbox', id: string): string =>
  `an error occurred when try to find ${kind} ${goQuote(id)}: not found`;
