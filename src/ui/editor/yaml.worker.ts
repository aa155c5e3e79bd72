// monaco-yaml's language server (completion, hover, validation) in a worker of its own. Imported
// through this file with `?worker`, Vite bundles it as a separate script of our origin: no blob:
// URL, so a `worker-src 'self'` policy allows it.
import 'monaco-yaml/yaml.worker.js';
