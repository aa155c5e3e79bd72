/** Network clients: wget, curl, ping, ip, hostname -i. */
import type { Program } from '../../../engine/runtime/process';
import { curl, CURL_7_76, CURL_7_88 } from './curl';
import { busyboxIp, iproute2Ip } from './ip';
import { busyboxPing, iputilsPing } from './ping';
import { wget } from './wget';

export const CLIENT_PROGRAMS: Readonly<Record<string, Program>> = {
  'busybox:wget': wget('busybox'),
  'busybox:ping': busyboxPing,
  'iputils:ping': iputilsPing,
  'busybox:ip': busyboxIp,
  'iproute2:ip': iproute2Ip,
  // Debian bookworm images (nginx's /usr/bin/curl); the Rocky Linux 9 nodes have 7.76.1.
  curl: curl(CURL_7_88)('gnu'),
  'curl:7.76': curl(CURL_7_76)('gnu'),
};
