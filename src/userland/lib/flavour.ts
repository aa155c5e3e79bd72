/**
 * Which real tool a program imitates. BusyBox (busybox and alpine images) and GNU (coreutils and
 * bash in Debian-based images) agree on most behaviour but word their messages differently, e.g.
 * `rm: can't remove 'x'` versus `rm: cannot remove 'x'`. One implementation, told which to print.
 */
export type Flavour = 'busybox' | 'gnu';
