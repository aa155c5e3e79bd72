/**
 * The shapes that cross the apiserver's only door. kubectl in the terminal, the controllers, the
 * kubelets, the HTTP server for a real kubectl and the UI's diagrams all speak these same requests,
 * so a learner can watch the very calls that move the cluster.
 */
import type { ObjectMeta, Status } from 'kubernetes-types/meta/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The verbs of Kubernetes authorization and audit, derived from method + path + query. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ApiRequest {
  method: HttpMethod;
  /** e.g. `/api/v1/namespaces/default/pods/nginx` or `/apis/apps/v1/deployments`. */
  path: string;
  /** Decoded query parameters: labelSelector, fieldSelector, watch, resourceVersion, dryRun, ... */
  query?: Record<string, string>;
  /**
   * Lower-case header names. `content-type` picks the patch flavour; `accept` containing
   * `as=Table` asks for a server-side Table as `kubectl get` does.
   */
  headers?: Record<string, string>;
  /** Decoded JSON body. The in-process path never serializes; the HTTP server does. */
  body?: unknown;
  /** Who is calling (`kubectl/v1.30.2`, `kube-scheduler`, `kubelet/worker01`): shown in diagrams. */
  userAgent?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T | Status;
  /** `Warning:` headers, e.g. unknown fields dropped under the default `fieldValidation=Warn`. */
  warnings?: string[];
  /** A body that goes on after `body` (`pods/<name>/log?follow=true`): the rest, as it is written. */
  stream?: BodyStream;
}

/**
 * The rest of a response body that is still being written, as a chunked HTTP answer carries it.
 * Nothing is held until someone opens it, so a caller that only wants `body` can ignore it; one
 * that wants the rest opens it at once, before the simulated clock moves.
 */
export interface BodyStream {
  /** Sends each further chunk to `data`, then calls `end` once; returns the way to hang up early. */
  open(data: (chunk: string) => void, end: () => void): () => void;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchHandle {
  /** Ends the watch; no event is delivered after this returns. */
  stop(): void;
}

/**
 * Any stored object: the fields every kind shares. (No index signature, so every kubernetes-types
 * interface — Pod, Deployment, ... — is assignable to it; read other fields through the real type.)
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** Lets a writer fill in fields that kubernetes-types marks `readonly` (status, timestamps). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/** Content types that choose the patch flavour, as kubectl sends them. */
export const PATCH_CONTENT_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;

export type PatchType = keyof typeof PATCH_CONTENT_TYPES;

/**
 * Streams that live on the node, not in the store (`pods/log`, `pods/exec`, `pods/attach`): the
 * apiserver forwards them to whatever the node side registers.
 */
export interface PodStreamHandlers {
  log?(namespace: string, pod: string, query: Record<string, string>): ApiResponse<string>;
  exec?(namespace: string, pod: string, query: Record<string, string>): ApiResponse;
  attach?(namespace: string, pod: string, query: Record<string, string>): ApiResponse;
}
