/**
 * Monaco, trimmed: the editor core, the YAML tokenizer and the few editing features a manifest
 * needs (suggestions and hovers for the Kubernetes schema among them). Nothing imports this module
 * but the lazily loaded editor panel, so none of it weighs on the first screen. Two web workers:
 * Monaco's own (diffing, word ranges) and monaco-yaml's language server (yaml-language.ts).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/placeholderText/register';
// The suggestion widget itself (features/suggest only adds inline completions).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/hover/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';

self.MonacoEnvironment = { getWorker: (_moduleId, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()) };

export { monaco };

/** How both editors (the file browser's and the one programs open files in) look and behave. */
export const EDITOR_OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  scrollBeyondLastLine: false,
  // Suggestions and hovers may reach past the panel's edges.
  fixedOverflowWidgets: true,
} satisfies monaco.editor.IStandaloneEditorConstructionOptions;
