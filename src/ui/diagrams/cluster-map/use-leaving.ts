/**
 * Pod cards that just left the map, kept a moment longer so they can fade out where they were
 * instead of vanishing. Changing `scope` (the namespace shown) is not a departure: nothing fades.
 */
import { useEffect, useRef, useState } from 'react';
import type { PodCard } from './layout';

/** As long as the fade-out in cluster-map.css. */
const FADE_MS = 600;

const reducedMotion = () => typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function useLeaving(cards: readonly PodCard[], scope: string): PodCard[] {
  const [leaving, setLeaving] = useState<PodCard[]>([]);
  const shown = useRef({ scope, cards: new Map<string, PodCard>() });
  useEffect(() => {
    const now = new Map(cards.map((c) => [c.key, c]));
    const before = shown.current;
    shown.current = { scope, cards: now };
    // A pod that came back (or a card that only moved) is not leaving any more.
    setLeaving((l) => (l.some((c) => now.has(c.key)) ? l.filter((c) => !now.has(c.key)) : l));
    if (before.scope !== scope || reducedMotion()) return;
    const gone = [...before.cards.values()].filter((c) => !now.has(c.key));
    if (gone.length === 0) return;
    setLeaving((l) => [...l, ...gone]);
    setTimeout(() => setLeaving((l) => l.filter((c) => !gone.includes(c))), FADE_MS);
  }, [cards, scope]);
  return leaving;
}
