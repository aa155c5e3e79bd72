/** The page frame's words: the top bar and the notices about the cluster as a whole. */
import { defineStrings } from './i18n';

export const FRAME_STRINGS = defineStrings({
  en: {
    tagline: 'a Kubernetes playground that runs in your browser',
    settings: 'page settings',
    starting: 'The simulated cluster is starting…',
    failed: (error: string) => `The cluster could not start: ${error}`,
  },
  zh: {
    tagline: '在浏览器里运行的 Kubernetes 练习场',
    settings: '页面设置',
    starting: '模拟集群正在启动…',
    failed: (error: string) => `集群无法启动：${error}`,
  },
});
