/**
 * What the real kubectl 1.30 printed for `kubectl explain <arguments>` against `kubeplay serve`
 * (captured verbatim; explain.test.ts compares the simulated kubectl with it).
 */
export const REAL_KUBECTL_EXPLAIN: Readonly<Record<string, string>> = {
  "deploy.spec.strategy --recursive":
    "GROUP:      apps\n" +
    "KIND:       Deployment\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: strategy <DeploymentStrategy>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    The deployment strategy to use to replace existing pods with new ones.\n" +
    "    DeploymentStrategy describes how to replace existing pods with new ones.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  rollingUpdate\t<RollingUpdateDeployment>\n" +
    "    maxSurge\t<IntOrString>\n" +
    "    maxUnavailable\t<IntOrString>\n" +
    "  type\t<string>\n" +
    "  enum: Recreate, RollingUpdate\n" +
    "\n",
  "deploy.spec.strategy":
    "GROUP:      apps\n" +
    "KIND:       Deployment\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: strategy <DeploymentStrategy>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    The deployment strategy to use to replace existing pods with new ones.\n" +
    "    DeploymentStrategy describes how to replace existing pods with new ones.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  rollingUpdate\t<RollingUpdateDeployment>\n" +
    "    Rolling update config params. Present only if DeploymentStrategyType =\n" +
    "    RollingUpdate.\n" +
    "\n" +
    "  type\t<string>\n" +
    "  enum: Recreate, RollingUpdate\n" +
    "    Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is\n" +
    "    RollingUpdate.\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"Recreate\"` Kill all existing pods before creating new ones.\n" +
    "     - `\"RollingUpdate\"` Replace the old ReplicaSets by new one using rolling\n" +
    "    update i.e gradually scale down the old ReplicaSets and scale up the new\n" +
    "    one.\n" +
    "\n" +
    "\n",
  "pod.spec.containers.resources --recursive":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: resources <ResourceRequirements>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Compute Resources required by this container. Cannot be updated. More info:\n" +
    "    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/\n" +
    "    ResourceRequirements describes the compute resource requirements.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  claims\t<[]ResourceClaim>\n" +
    "    name\t<string> -required-\n" +
    "  limits\t<map[string]Quantity>\n" +
    "  requests\t<map[string]Quantity>\n" +
    "\n",
  "pod":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Pod is a collection of containers that can run on a host. This resource is\n" +
    "    created by clients and scheduled onto hosts.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  apiVersion\t<string>\n" +
    "    APIVersion defines the versioned schema of this representation of an object.\n" +
    "    Servers should convert recognized schemas to the latest internal value, and\n" +
    "    may reject unrecognized values. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources\n" +
    "\n" +
    "  kind\t<string>\n" +
    "    Kind is a string value representing the REST resource this object\n" +
    "    represents. Servers may infer this from the endpoint the client submits\n" +
    "    requests to. Cannot be updated. In CamelCase. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds\n" +
    "\n" +
    "  metadata\t<ObjectMeta>\n" +
    "    Standard object's metadata. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata\n" +
    "\n" +
    "  spec\t<PodSpec>\n" +
    "    Specification of the desired behavior of the pod. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n" +
    "\n" +
    "  status\t<PodStatus>\n" +
    "    Most recently observed status of the pod. This data may not be up to date.\n" +
    "    Populated by the system. Read-only. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n" +
    "\n" +
    "\n",
  "pods.spec.containers":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: containers <[]Container>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    List of containers belonging to the pod. Containers cannot currently be\n" +
    "    added or removed. There must be at least one container in a Pod. Cannot be\n" +
    "    updated.\n" +
    "    A single application container that you want to run within a pod.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  args\t<[]string>\n" +
    "    Arguments to the entrypoint. The container image's CMD is used if this is\n" +
    "    not provided. Variable references $(VAR_NAME) are expanded using the\n" +
    "    container's environment. If a variable cannot be resolved, the reference in\n" +
    "    the input string will be unchanged. Double $$ are reduced to a single $,\n" +
    "    which allows for escaping the $(VAR_NAME) syntax: i.e. \"$$(VAR_NAME)\" will\n" +
    "    produce the string literal \"$(VAR_NAME)\". Escaped references will never be\n" +
    "    expanded, regardless of whether the variable exists or not. Cannot be\n" +
    "    updated. More info:\n" +
    "    https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell\n" +
    "\n" +
    "  command\t<[]string>\n" +
    "    Entrypoint array. Not executed within a shell. The container image's\n" +
    "    ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME)\n" +
    "    are expanded using the container's environment. If a variable cannot be\n" +
    "    resolved, the reference in the input string will be unchanged. Double $$ are\n" +
    "    reduced to a single $, which allows for escaping the $(VAR_NAME) syntax:\n" +
    "    i.e. \"$$(VAR_NAME)\" will produce the string literal \"$(VAR_NAME)\". Escaped\n" +
    "    references will never be expanded, regardless of whether the variable exists\n" +
    "    or not. Cannot be updated. More info:\n" +
    "    https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell\n" +
    "\n" +
    "  env\t<[]EnvVar>\n" +
    "    List of environment variables to set in the container. Cannot be updated.\n" +
    "\n" +
    "  envFrom\t<[]EnvFromSource>\n" +
    "    List of sources to populate environment variables in the container. The keys\n" +
    "    defined within a source must be a C_IDENTIFIER. All invalid keys will be\n" +
    "    reported as an event when the container is starting. When a key exists in\n" +
    "    multiple sources, the value associated with the last source will take\n" +
    "    precedence. Values defined by an Env with a duplicate key will take\n" +
    "    precedence. Cannot be updated.\n" +
    "\n" +
    "  image\t<string>\n" +
    "    Container image name. More info:\n" +
    "    https://kubernetes.io/docs/concepts/containers/images This field is optional\n" +
    "    to allow higher level config management to default or override container\n" +
    "    images in workload controllers like Deployments and StatefulSets.\n" +
    "\n" +
    "  imagePullPolicy\t<string>\n" +
    "  enum: Always, IfNotPresent, Never\n" +
    "    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if\n" +
    "    :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More\n" +
    "    info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"Always\"` means that kubelet always attempts to pull the latest image.\n" +
    "    Container will fail If the pull fails.\n" +
    "     - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on\n" +
    "    disk. Container will fail if the image isn't present and the pull fails.\n" +
    "     - `\"Never\"` means that kubelet never pulls an image, but only uses a local\n" +
    "    image. Container will fail if the image isn't present\n" +
    "\n" +
    "  lifecycle\t<Lifecycle>\n" +
    "    Actions that the management system should take in response to container\n" +
    "    lifecycle events. Cannot be updated.\n" +
    "\n" +
    "  livenessProbe\t<Probe>\n" +
    "    Periodic probe of container liveness. Container will be restarted if the\n" +
    "    probe fails. Cannot be updated. More info:\n" +
    "    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes\n" +
    "\n" +
    "  name\t<string> -required-\n" +
    "    Name of the container specified as a DNS_LABEL. Each container in a pod must\n" +
    "    have a unique name (DNS_LABEL). Cannot be updated.\n" +
    "\n" +
    "  ports\t<[]ContainerPort>\n" +
    "    List of ports to expose from the container. Not specifying a port here DOES\n" +
    "    NOT prevent that port from being exposed. Any port which is listening on the\n" +
    "    default \"0.0.0.0\" address inside a container will be accessible from the\n" +
    "    network. Modifying this array with strategic merge patch may corrupt the\n" +
    "    data. For more information See\n" +
    "    https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.\n" +
    "\n" +
    "  readinessProbe\t<Probe>\n" +
    "    Periodic probe of container service readiness. Container will be removed\n" +
    "    from service endpoints if the probe fails. Cannot be updated. More info:\n" +
    "    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes\n" +
    "\n" +
    "  resizePolicy\t<[]ContainerResizePolicy>\n" +
    "    Resources resize policy for the container.\n" +
    "\n" +
    "  resources\t<ResourceRequirements>\n" +
    "    Compute Resources required by this container. Cannot be updated. More info:\n" +
    "    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/\n" +
    "\n" +
    "  restartPolicy\t<string>\n" +
    "    RestartPolicy defines the restart behavior of individual containers in a\n" +
    "    pod. This field may only be set for init containers, and the only allowed\n" +
    "    value is \"Always\". For non-init containers or when this field is not\n" +
    "    specified, the restart behavior is defined by the Pod's restart policy and\n" +
    "    the container type. Setting the RestartPolicy as \"Always\" for the init\n" +
    "    container will have the following effect: this init container will be\n" +
    "    continually restarted on exit until all regular containers have terminated.\n" +
    "    Once all regular containers have completed, all init containers with\n" +
    "    restartPolicy \"Always\" will be shut down. This lifecycle differs from normal\n" +
    "    init containers and is often referred to as a \"sidecar\" container. Although\n" +
    "    this init container still starts in the init container sequence, it does not\n" +
    "    wait for the container to complete before proceeding to the next init\n" +
    "    container. Instead, the next init container starts immediately after this\n" +
    "    init container is started, or after any startupProbe has successfully\n" +
    "    completed.\n" +
    "\n" +
    "  securityContext\t<SecurityContext>\n" +
    "    SecurityContext defines the security options the container should be run\n" +
    "    with. If set, the fields of SecurityContext override the equivalent fields\n" +
    "    of PodSecurityContext. More info:\n" +
    "    https://kubernetes.io/docs/tasks/configure-pod-container/security-context/\n" +
    "\n" +
    "  startupProbe\t<Probe>\n" +
    "    StartupProbe indicates that the Pod has successfully initialized. If\n" +
    "    specified, no other probes are executed until this completes successfully.\n" +
    "    If this probe fails, the Pod will be restarted, just as if the livenessProbe\n" +
    "    failed. This can be used to provide different probe parameters at the\n" +
    "    beginning of a Pod's lifecycle, when it might take a long time to load data\n" +
    "    or warm a cache, than during steady-state operation. This cannot be updated.\n" +
    "    More info:\n" +
    "    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes\n" +
    "\n" +
    "  stdin\t<boolean>\n" +
    "    Whether this container should allocate a buffer for stdin in the container\n" +
    "    runtime. If this is not set, reads from stdin in the container will always\n" +
    "    result in EOF. Default is false.\n" +
    "\n" +
    "  stdinOnce\t<boolean>\n" +
    "    Whether the container runtime should close the stdin channel after it has\n" +
    "    been opened by a single attach. When stdin is true the stdin stream will\n" +
    "    remain open across multiple attach sessions. If stdinOnce is set to true,\n" +
    "    stdin is opened on container start, is empty until the first client attaches\n" +
    "    to stdin, and then remains open and accepts data until the client\n" +
    "    disconnects, at which time stdin is closed and remains closed until the\n" +
    "    container is restarted. If this flag is false, a container processes that\n" +
    "    reads from stdin will never receive an EOF. Default is false\n" +
    "\n" +
    "  terminationMessagePath\t<string>\n" +
    "    Optional: Path at which the file to which the container's termination\n" +
    "    message will be written is mounted into the container's filesystem. Message\n" +
    "    written is intended to be brief final status, such as an assertion failure\n" +
    "    message. Will be truncated by the node if greater than 4096 bytes. The total\n" +
    "    message length across all containers will be limited to 12kb. Defaults to\n" +
    "    /dev/termination-log. Cannot be updated.\n" +
    "\n" +
    "  terminationMessagePolicy\t<string>\n" +
    "  enum: FallbackToLogsOnError, File\n" +
    "    Indicate how the termination message should be populated. File will use the\n" +
    "    contents of terminationMessagePath to populate the container status message\n" +
    "    on both success and failure. FallbackToLogsOnError will use the last chunk\n" +
    "    of container log output if the termination message file is empty and the\n" +
    "    container exited with an error. The log output is limited to 2048 bytes or\n" +
    "    80 lines, whichever is smaller. Defaults to File. Cannot be updated.\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"FallbackToLogsOnError\"` will read the most recent contents of the\n" +
    "    container logs for the container status message when the container exits\n" +
    "    with an error and the terminationMessagePath has no contents.\n" +
    "     - `\"File\"` is the default behavior and will set the container status\n" +
    "    message to the contents of the container's terminationMessagePath when the\n" +
    "    container exits.\n" +
    "\n" +
    "  tty\t<boolean>\n" +
    "    Whether this container should allocate a TTY for itself, also requires\n" +
    "    'stdin' to be true. Default is false.\n" +
    "\n" +
    "  volumeDevices\t<[]VolumeDevice>\n" +
    "    volumeDevices is the list of block devices to be used by the container.\n" +
    "\n" +
    "  volumeMounts\t<[]VolumeMount>\n" +
    "    Pod volumes to mount into the container's filesystem. Cannot be updated.\n" +
    "\n" +
    "  workingDir\t<string>\n" +
    "    Container's working directory. If not specified, the container runtime's\n" +
    "    default will be used, which might be configured in the container image.\n" +
    "    Cannot be updated.\n" +
    "\n" +
    "\n",
  "svc.spec.ports.targetPort":
    "KIND:       Service\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: targetPort <IntOrString>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Number or name of the port to access on the pods targeted by the service.\n" +
    "    Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If\n" +
    "    this is a string, it will be looked up as a named port in the target Pod's\n" +
    "    container ports. If this is not specified, the value of the 'port' field is\n" +
    "    used (an identity map). This field is ignored for services with\n" +
    "    clusterIP=None, and should be omitted or set equal to the 'port' field. More\n" +
    "    info:\n" +
    "    https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service\n" +
    "    \n" +
    "\n",
  "pod.spec.containers.imagePullPolicy":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: imagePullPolicy <string>\n" +
    "ENUM:\n" +
    "    Always\n" +
    "    IfNotPresent\n" +
    "    Never\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if\n" +
    "    :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More\n" +
    "    info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"Always\"` means that kubelet always attempts to pull the latest image.\n" +
    "    Container will fail If the pull fails.\n" +
    "     - `\"IfNotPresent\"` means that kubelet pulls if the image isn't present on\n" +
    "    disk. Container will fail if the image isn't present and the pull fails.\n" +
    "     - `\"Never\"` means that kubelet never pulls an image, but only uses a local\n" +
    "    image. Container will fail if the image isn't present\n" +
    "    \n" +
    "\n",
  "pod.spec.volumes.hostPath":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: hostPath <HostPathVolumeSource>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    hostPath represents a pre-existing file or directory on the host machine\n" +
    "    that is directly exposed to the container. This is generally used for system\n" +
    "    agents or other privileged things that are allowed to see the host machine.\n" +
    "    Most containers will NOT need this. More info:\n" +
    "    https://kubernetes.io/docs/concepts/storage/volumes#hostpath\n" +
    "    Represents a host path mapped into a pod. Host path volumes do not support\n" +
    "    ownership management or SELinux relabeling.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  path\t<string> -required-\n" +
    "    path of the directory on the host. If the path is a symlink, it will follow\n" +
    "    the link to the real path. More info:\n" +
    "    https://kubernetes.io/docs/concepts/storage/volumes#hostpath\n" +
    "\n" +
    "  type\t<string>\n" +
    "  enum: \"\", BlockDevice, CharDevice, Directory, ....\n" +
    "    type for HostPath Volume Defaults to \"\" More info:\n" +
    "    https://kubernetes.io/docs/concepts/storage/volumes#hostpath\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"\"` For backwards compatible, leave it empty if unset\n" +
    "     - `\"BlockDevice\"` A block device must exist at the given path\n" +
    "     - `\"CharDevice\"` A character device must exist at the given path\n" +
    "     - `\"Directory\"` A directory must exist at the given path\n" +
    "     - `\"DirectoryOrCreate\"` If nothing exists at the given path, an empty\n" +
    "    directory will be created there as needed with file mode 0755, having the\n" +
    "    same group and ownership with Kubelet.\n" +
    "     - `\"File\"` A file must exist at the given path\n" +
    "     - `\"FileOrCreate\"` If nothing exists at the given path, an empty file will\n" +
    "    be created there as needed with file mode 0644, having the same group and\n" +
    "    ownership with Kubelet.\n" +
    "     - `\"Socket\"` A UNIX socket must exist at the given path\n" +
    "\n" +
    "\n",
  "pod.spec.restartPolicy":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: restartPolicy <string>\n" +
    "ENUM:\n" +
    "    Always\n" +
    "    Never\n" +
    "    OnFailure\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Restart policy for all containers within the pod. One of Always, OnFailure,\n" +
    "    Never. In some contexts, only a subset of those values may be permitted.\n" +
    "    Default to Always. More info:\n" +
    "    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"Always\"` \n" +
    "     - `\"Never\"` \n" +
    "     - `\"OnFailure\"` \n" +
    "    \n" +
    "\n",
  "svc.spec.ports":
    "KIND:       Service\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: ports <[]ServicePort>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    The list of ports that are exposed by this service. More info:\n" +
    "    https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies\n" +
    "    ServicePort contains information on service's port.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  appProtocol\t<string>\n" +
    "    The application protocol for this port. This is used as a hint for\n" +
    "    implementations to offer richer behavior for protocols that they understand.\n" +
    "    This field follows standard Kubernetes label syntax. Valid values are\n" +
    "    either:\n" +
    "    \n" +
    "    * Un-prefixed protocol names - reserved for IANA standard service names (as\n" +
    "    per RFC-6335 and https://www.iana.org/assignments/service-names).\n" +
    "    \n" +
    "    * Kubernetes-defined prefixed names:\n" +
    "      * 'kubernetes.io/h2c' - HTTP/2 prior knowledge over cleartext as described\n" +
    "    in\n" +
    "    https://www.rfc-editor.org/rfc/rfc9113.html#name-starting-http-2-with-prior-\n" +
    "      * 'kubernetes.io/ws'  - WebSocket over cleartext as described in\n" +
    "    https://www.rfc-editor.org/rfc/rfc6455\n" +
    "      * 'kubernetes.io/wss' - WebSocket over TLS as described in\n" +
    "    https://www.rfc-editor.org/rfc/rfc6455\n" +
    "    \n" +
    "    * Other protocols should use implementation-defined prefixed names such as\n" +
    "    mycompany.com/my-custom-protocol.\n" +
    "\n" +
    "  name\t<string>\n" +
    "    The name of this port within the service. This must be a DNS_LABEL. All\n" +
    "    ports within a ServiceSpec must have unique names. When considering the\n" +
    "    endpoints for a Service, this must match the 'name' field in the\n" +
    "    EndpointPort. Optional if only one ServicePort is defined on this service.\n" +
    "\n" +
    "  nodePort\t<integer>\n" +
    "    The port on each node on which this service is exposed when type is NodePort\n" +
    "    or LoadBalancer.  Usually assigned by the system. If a value is specified,\n" +
    "    in-range, and not in use it will be used, otherwise the operation will fail.\n" +
    "    If not specified, a port will be allocated if this Service requires one.  If\n" +
    "    this field is specified when creating a Service which does not need it,\n" +
    "    creation will fail. This field will be wiped when updating a Service to no\n" +
    "    longer need it (e.g. changing type from NodePort to ClusterIP). More info:\n" +
    "    https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport\n" +
    "\n" +
    "  port\t<integer> -required-\n" +
    "    The port that will be exposed by this service.\n" +
    "\n" +
    "  protocol\t<string>\n" +
    "  enum: SCTP, TCP, UDP\n" +
    "    The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is\n" +
    "    TCP.\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"SCTP\"` is the SCTP protocol.\n" +
    "     - `\"TCP\"` is the TCP protocol.\n" +
    "     - `\"UDP\"` is the UDP protocol.\n" +
    "\n" +
    "  targetPort\t<IntOrString>\n" +
    "    Number or name of the port to access on the pods targeted by the service.\n" +
    "    Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If\n" +
    "    this is a string, it will be looked up as a named port in the target Pod's\n" +
    "    container ports. If this is not specified, the value of the 'port' field is\n" +
    "    used (an identity map). This field is ignored for services with\n" +
    "    clusterIP=None, and should be omitted or set equal to the 'port' field. More\n" +
    "    info:\n" +
    "    https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service\n" +
    "\n" +
    "\n",
  "pod.status --recursive":
    "KIND:       Pod\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: status <PodStatus>\n" +
    "\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Most recently observed status of the pod. This data may not be up to date.\n" +
    "    Populated by the system. Read-only. More info:\n" +
    "    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n" +
    "    PodStatus represents information about the status of a pod. Status may trail\n" +
    "    the actual state of a system, especially if the node that hosts the pod\n" +
    "    cannot contact the control plane.\n" +
    "    \n" +
    "FIELDS:\n" +
    "  conditions\t<[]PodCondition>\n" +
    "    lastProbeTime\t<string>\n" +
    "    lastTransitionTime\t<string>\n" +
    "    message\t<string>\n" +
    "    reason\t<string>\n" +
    "    status\t<string> -required-\n" +
    "    type\t<string> -required-\n" +
    "  containerStatuses\t<[]ContainerStatus>\n" +
    "    allocatedResources\t<map[string]Quantity>\n" +
    "    containerID\t<string>\n" +
    "    image\t<string> -required-\n" +
    "    imageID\t<string> -required-\n" +
    "    lastState\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    name\t<string> -required-\n" +
    "    ready\t<boolean> -required-\n" +
    "    resources\t<ResourceRequirements>\n" +
    "      claims\t<[]ResourceClaim>\n" +
    "        name\t<string> -required-\n" +
    "      limits\t<map[string]Quantity>\n" +
    "      requests\t<map[string]Quantity>\n" +
    "    restartCount\t<integer> -required-\n" +
    "    started\t<boolean>\n" +
    "    state\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    volumeMounts\t<[]VolumeMountStatus>\n" +
    "      mountPath\t<string> -required-\n" +
    "      name\t<string> -required-\n" +
    "      readOnly\t<boolean>\n" +
    "      recursiveReadOnly\t<string>\n" +
    "  ephemeralContainerStatuses\t<[]ContainerStatus>\n" +
    "    allocatedResources\t<map[string]Quantity>\n" +
    "    containerID\t<string>\n" +
    "    image\t<string> -required-\n" +
    "    imageID\t<string> -required-\n" +
    "    lastState\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    name\t<string> -required-\n" +
    "    ready\t<boolean> -required-\n" +
    "    resources\t<ResourceRequirements>\n" +
    "      claims\t<[]ResourceClaim>\n" +
    "        name\t<string> -required-\n" +
    "      limits\t<map[string]Quantity>\n" +
    "      requests\t<map[string]Quantity>\n" +
    "    restartCount\t<integer> -required-\n" +
    "    started\t<boolean>\n" +
    "    state\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    volumeMounts\t<[]VolumeMountStatus>\n" +
    "      mountPath\t<string> -required-\n" +
    "      name\t<string> -required-\n" +
    "      readOnly\t<boolean>\n" +
    "      recursiveReadOnly\t<string>\n" +
    "  hostIP\t<string>\n" +
    "  hostIPs\t<[]HostIP>\n" +
    "    ip\t<string>\n" +
    "  initContainerStatuses\t<[]ContainerStatus>\n" +
    "    allocatedResources\t<map[string]Quantity>\n" +
    "    containerID\t<string>\n" +
    "    image\t<string> -required-\n" +
    "    imageID\t<string> -required-\n" +
    "    lastState\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    name\t<string> -required-\n" +
    "    ready\t<boolean> -required-\n" +
    "    resources\t<ResourceRequirements>\n" +
    "      claims\t<[]ResourceClaim>\n" +
    "        name\t<string> -required-\n" +
    "      limits\t<map[string]Quantity>\n" +
    "      requests\t<map[string]Quantity>\n" +
    "    restartCount\t<integer> -required-\n" +
    "    started\t<boolean>\n" +
    "    state\t<ContainerState>\n" +
    "      running\t<ContainerStateRunning>\n" +
    "        startedAt\t<string>\n" +
    "      terminated\t<ContainerStateTerminated>\n" +
    "        containerID\t<string>\n" +
    "        exitCode\t<integer> -required-\n" +
    "        finishedAt\t<string>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "        signal\t<integer>\n" +
    "        startedAt\t<string>\n" +
    "      waiting\t<ContainerStateWaiting>\n" +
    "        message\t<string>\n" +
    "        reason\t<string>\n" +
    "    volumeMounts\t<[]VolumeMountStatus>\n" +
    "      mountPath\t<string> -required-\n" +
    "      name\t<string> -required-\n" +
    "      readOnly\t<boolean>\n" +
    "      recursiveReadOnly\t<string>\n" +
    "  message\t<string>\n" +
    "  nominatedNodeName\t<string>\n" +
    "  phase\t<string>\n" +
    "  enum: Failed, Pending, Running, Succeeded, ....\n" +
    "  podIP\t<string>\n" +
    "  podIPs\t<[]PodIP>\n" +
    "    ip\t<string>\n" +
    "  qosClass\t<string>\n" +
    "  enum: BestEffort, Burstable, Guaranteed\n" +
    "  reason\t<string>\n" +
    "  resize\t<string>\n" +
    "  resourceClaimStatuses\t<[]PodResourceClaimStatus>\n" +
    "    name\t<string> -required-\n" +
    "    resourceClaimName\t<string>\n" +
    "  startTime\t<string>\n" +
    "\n",
  "cronjob.spec.concurrencyPolicy":
    "GROUP:      batch\n" +
    "KIND:       CronJob\n" +
    "VERSION:    v1\n" +
    "\n" +
    "FIELD: concurrencyPolicy <string>\n" +
    "ENUM:\n" +
    "    Allow\n" +
    "    Forbid\n" +
    "    Replace\n" +
    "\n" +
    "DESCRIPTION:\n" +
    "    Specifies how to treat concurrent executions of a Job. Valid values are:\n" +
    "    \n" +
    "    - \"Allow\" (default): allows CronJobs to run concurrently; - \"Forbid\":\n" +
    "    forbids concurrent runs, skipping next run if previous run hasn't finished\n" +
    "    yet; - \"Replace\": cancels currently running job and replaces it with a new\n" +
    "    one\n" +
    "    \n" +
    "    Possible enum values:\n" +
    "     - `\"Allow\"` allows CronJobs to run concurrently.\n" +
    "     - `\"Forbid\"` forbids concurrent runs, skipping next run if previous hasn't\n" +
    "    finished yet.\n" +
    "     - `\"Replace\"` cancels currently running job and replaces it with a new one.\n" +
    "    \n" +
    "\n",
};
