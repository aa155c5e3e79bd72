/**
 * The terminals: tabs of root sessions on master01. The first opens when the cluster is ready;
 * `+` opens another beside it (a `kubectl get pods -w` in one, commands in the other); a tab
 * closes when its shell exits, or with its ×.
 */
import { useRef, useState } from 'react';
import type { SearchAddon } from '@xterm/addon-search';
import { useCluster } from '../store';
import { TerminalView } from './TerminalView';
import { useStrings } from '../i18n';
import { TERMINAL_STRINGS } from './strings';

interface Tab {
  key: number;
  node: string;
  /** `master01`, then `master01 (2)`…: tabs on the same node told apart. */
  title: string;
}

const NODE = 'master01';

export function TerminalPanel() {
  const running = useCluster((s) => s.status === 'running');
  const nextKey = useRef(2);
  const [tabs, setTabs] = useState<Tab[]>([{ key: 1, node: NODE, title: NODE }]);
  const [activeKey, setActiveKey] = useState(1);
  const searches = useRef(new Map<number, SearchAddon>());
  const t = useStrings(TERMINAL_STRINGS);

  if (!running) return <section className="terminal-panel" aria-label={t.panel} />;

  const add = (): void => {
    const key = nextKey.current++;
    setTabs((t) => [...t, { key, node: NODE, title: `${NODE} (${key})` }]);
    setActiveKey(key);
  };
  const close = (key: number): void => {
    searches.current.delete(key);
    const index = tabs.findIndex((tab) => tab.key === key);
    const rest = tabs.filter((tab) => tab.key !== key);
    setTabs(rest);
    // The tab to the left (or the new first one) is shown when the shown one closes.
    if (key === activeKey && rest.length > 0) setActiveKey(rest[Math.max(0, index - 1)]!.key);
  };
  const find = (text: string, backwards: boolean): void => {
    const search = searches.current.get(activeKey);
    if (!search || !text) return;
    if (backwards) search.findPrevious(text);
    else search.findNext(text);
  };

  return (
    <section className="terminal-panel" aria-label={t.panel}>
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <div key={tab.key} className={tab.key === activeKey ? 'tab active' : 'tab'}>
            <button role="tab" aria-selected={tab.key === activeKey} onClick={() => setActiveKey(tab.key)}>
              {tab.title}
            </button>
            <button className="tab-close" aria-label={t.close(tab.title)} title={t.closeTitle} onClick={() => close(tab.key)}>
              ×
            </button>
          </div>
        ))}
        <button className="tab-add" aria-label={t.add} title={t.addTitle(NODE)} onClick={add}>
          +
        </button>
        <input
          className="terminal-search"
          type="search"
          placeholder={t.findPlaceholder}
          aria-label={t.find}
          onKeyDown={(e) => {
            if (e.key === 'Enter') find(e.currentTarget.value, e.shiftKey);
          }}
        />
      </div>
      {tabs.length === 0 && (
        <div className="terminal-ended">
          <p>{t.exited}</p>
          <button onClick={add}>{t.reopen(NODE)}</button>
        </div>
      )}
      {tabs.map((tab) => (
        <TerminalView
          key={tab.key}
          node={tab.node}
          active={tab.key === activeKey}
          onExit={() => close(tab.key)}
          onSearch={(search) => searches.current.set(tab.key, search)}
        />
      ))}
    </section>
  );
}
