/**
 * A lesson as kubeplay reads it from `lessons/<lang>/NN-slug.md`: YAML front matter (id, title,
 * summary, order), then Markdown whose `## ` sections are the steps. A step interleaves prose with
 * `command` blocks (lines the learner can click to type into the terminal), `check` blocks
 * (conditions on the cluster that tell the learner the step worked) and `diagram` blocks (one of the
 * page's live diagrams, by name, drawn in the lesson where the step talks about it).
 */

export interface LessonMeta {
  /** The same in every language, so a lesson keeps its place when the learner switches language. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Position in the lesson list. */
  readonly order: number;
}

export interface Lesson extends LessonMeta {
  /** Markdown before the first step. */
  readonly intro: string;
  readonly steps: readonly Step[];
}

export interface Step {
  readonly title: string;
  /** In the order they appear in the file. */
  readonly parts: readonly StepPart[];
}

export type StepPart =
  | { readonly kind: 'markdown'; readonly text: string }
  | { readonly kind: 'commands'; readonly commands: readonly string[] }
  | { readonly kind: 'checks'; readonly checks: readonly Check[] }
  | { readonly kind: 'diagram'; readonly diagram: DiagramName };

/** The live diagrams a lesson can embed (the page's diagram tabs). */
export const DIAGRAM_NAMES = ['map', 'traffic', 'rollout', 'timeline', 'sequence'] as const;
export type DiagramName = (typeof DIAGRAM_NAMES)[number];

/** A condition on the API objects of one kind, picked by name or by label selector. */
export interface ObjectCheck {
  readonly kind: string;
  /** `default` when absent. */
  readonly namespace?: string;
  readonly name?: string;
  /** Equality-based, as kubectl's `-l`: `run=client`, `app!=web`, comma-separated. */
  readonly selector?: string;
  /** Pod: status.phase. */
  readonly phase?: string;
  /** Service: spec.type. */
  readonly type?: string;
  /** Deployment: status.availableReplicas (absent counts as 0). */
  readonly availableReplicas?: number;
  /** Pod: the sum of its containers' restart counts. */
  readonly restartCount?: number;
}

/** A file the learner should have written on a node (optionally containing some text). */
export interface FileCheck {
  readonly file: { readonly node: string; readonly path: string; readonly contains?: string };
}

export type Check = ObjectCheck | FileCheck;

export interface LessonError {
  /** 1-based line in the lesson file. */
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly lesson: Lesson }
  | { readonly ok: false; readonly errors: readonly LessonError[] };
