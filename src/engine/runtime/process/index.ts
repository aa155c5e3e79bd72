export * from './signals';
export * from './syscalls';
export * from './files';
export * from './net';
export * from './network';
export { DEFAULT_PATH, resolveExecutable, type ProgramTable, type Resolution } from './exec';
export * from './kernel';
export { Latch } from './latch';
