/**
 * The few IndexedDB calls the page needs, as promises: one database, one object store of values
 * by key. Any failure (private mode, a quota, a broken database) rejects, and the caller decides.
 */
const DB_NAME = 'kubeplay';
const STORE = 'saved';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not open'));
  });
  return opened;
}

async function objectStore(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await database()).transaction(STORE, mode).objectStore(STORE);
}

export async function idbGet(key: string): Promise<unknown> {
  return request((await objectStore('readonly')).get(key));
}

export async function idbPut(key: string, value: unknown): Promise<void> {
  await request((await objectStore('readwrite')).put(value, key));
}

export async function idbDelete(key: string): Promise<void> {
  await request((await objectStore('readwrite')).delete(key));
}
