/** The object view's words. YAML, event columns and reasons stay as kubectl prints them. */
import { defineStrings } from '../i18n';

export const OBJECT_STRINGS = defineStrings({
  en: {
    close: 'Close',
    loading: 'Asking the apiserver…',
    gone: 'This object no longer exists.',
    events: 'Events',
    noEvents: '<none>',
    faults: 'Break something',
    stopKubelet: 'Stop kubelet',
    startKubelet: 'Start kubelet',
    stopKubeletHelp:
      'Stops this node’s kubelet (like systemctl stop kubelet): the machine and its containers keep running, but nothing reports for the node. About 40 s later the node controller marks it NotReady and taints it unreachable; its pods turn not ready, and after 300 s they are evicted — a Deployment recreates them on other nodes. They stay Terminating until the kubelet is back.',
    startKubeletHelp: 'Starts the kubelet again: it reports the node Ready, the taints go, and it finishes deleting the evicted pods.',
    killContainer: (name: string) => `Kill container ${name}`,
    killHelp: 'Sends SIGKILL to the container’s main process, as the out-of-memory killer would. The kubelet sees it exit (code 137) and starts it again: RESTARTS goes up by one; if it keeps dying, it waits 10 s, 20 s, 40 s… (CrashLoopBackOff).',
    done: 'Done — watch the map and the events.',
  },
  zh: {
    close: '关闭',
    loading: '正在向 apiserver 查询…',
    gone: '这个对象已经不存在了。',
    events: '事件',
    noEvents: '<none>',
    faults: '制造故障',
    stopKubelet: '停止 kubelet',
    startKubelet: '启动 kubelet',
    stopKubeletHelp:
      '停止这个节点上的 kubelet（相当于 systemctl stop kubelet）：机器和容器照常运行，但没有谁再替这个节点汇报状态。大约 40 秒后，节点控制器把它标记为 NotReady，并打上 unreachable 污点；节点上的 Pod 变为未就绪，300 秒后被驱逐，Deployment 会在其他节点上重新创建它们。在 kubelet 恢复之前，被驱逐的 Pod 会一直停在 Terminating。',
    startKubeletHelp: '重新启动 kubelet：它会把节点汇报为 Ready，污点随之移除，并完成被驱逐 Pod 的删除。',
    killContainer: (name: string) => `杀死容器 ${name}`,
    killHelp: '向容器的主进程发送 SIGKILL，就像内存不足时内核所做的那样。kubelet 发现它退出（退出码 137）后会重新启动它：RESTARTS 加一；如果它不断退出，重启前会依次等待 10 秒、20 秒、40 秒……（CrashLoopBackOff）。',
    done: '完成 —— 请留意地图和事件的变化。',
  },
});
