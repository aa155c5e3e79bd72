// Shell variables: values, the export and readonly flags, and the scopes `local` creates inside
// functions (dynamic scoping: a function sees its caller's locals). Exported variables form the
// environment of the commands the shell runs; that object is cached until an exported value changes.

export interface Variable {
  /** undefined: declared (`export X`, `local x`) but unset. */
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

/** Assigning to a readonly variable. */
export class ReadonlyError extends Error {
  constructor(readonly variable: string) {
    super(`${variable}: readonly`);
  }
}

export class Variables {
  private readonly table: Map<string, Variable>;
  /** One map per active function call: the variables it made local and what they were before. */
  private readonly scopes: Map<string, Variable | undefined>[] = [];
  private environmentCache: Record<string, string> | undefined;

  constructor(table: Map<string, Variable> = new Map()) {
    this.table = table;
  }

  /** Imports an environment: every variable is exported. */
  static fromEnvironment(env: Readonly<Record<string, string>>): Variables {
    const table = new Map<string, Variable>();
    for (const [name, value] of Object.entries(env)) table.set(name, { value, exported: true, readonly: false });
    return new Variables(table);
  }

  /** A subshell's copy: current values (locals included) and flags, no scopes to unwind. */
  clone(): Variables {
    const table = new Map<string, Variable>();
    for (const [name, v] of this.table) table.set(name, { ...v });
    return new Variables(table);
  }

  get(name: string): string | undefined {
    return this.table.get(name)?.value;
  }

  lookup(name: string): Readonly<Variable> | undefined {
    return this.table.get(name);
  }

  set(name: string, value: string): void {
    const v = this.table.get(name);
    if (v === undefined) {
      this.table.set(name, { value, exported: false, readonly: false });
      return;
    }
    if (v.readonly) throw new ReadonlyError(name);
    v.value = value;
    if (v.exported) this.environmentCache = undefined;
  }

  unset(name: string): void {
    const v = this.table.get(name);
    if (v === undefined) return;
    if (v.readonly) throw new ReadonlyError(name);
    if (v.exported) this.environmentCache = undefined;
    // Inside a function, a local keeps its slot so that returning restores the caller's value.
    if (this.isLocal(name)) v.value = undefined;
    else this.table.delete(name);
  }

  export(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value);
    const v = this.table.get(name);
    if (v === undefined) this.table.set(name, { value: undefined, exported: true, readonly: false });
    else v.exported = true;
    this.environmentCache = undefined;
  }

  unexport(name: string): void {
    const v = this.table.get(name);
    if (v?.exported) {
      v.exported = false;
      this.environmentCache = undefined;
    }
  }

  setReadonly(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value);
    const v = this.table.get(name);
    if (v === undefined) this.table.set(name, { value: undefined, exported: false, readonly: true });
    else v.readonly = true;
  }

  /** Names in byte order, for `set`, `export -p` and `readonly -p`. */
  names(): string[] {
    return [...this.table.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    const scope = this.scopes.pop();
    if (scope === undefined) return;
    for (const [name, saved] of scope) {
      const current = this.table.get(name);
      if (current?.exported || saved?.exported) this.environmentCache = undefined;
      if (saved === undefined) this.table.delete(name);
      else this.table.set(name, saved);
    }
  }

  get inFunction(): boolean {
    return this.scopes.length > 0;
  }

  /** `local name`: remembers the caller's variable, to be restored when the function returns. */
  makeLocal(name: string): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope === undefined || scope.has(name)) return;
    const current = this.table.get(name);
    scope.set(name, current === undefined ? undefined : { ...current });
    // `local x` starts unset; the export flag carries over, as in bash and ash.
    this.table.set(name, { value: undefined, exported: current?.exported ?? false, readonly: false });
  }

  private isLocal(name: string): boolean {
    for (const scope of this.scopes) if (scope.has(name)) return true;
    return false;
  }

  /** The environment of a command: exported variables that have a value, plus `extra`. */
  environment(extra?: Readonly<Record<string, string>>): Record<string, string> {
    if (this.environmentCache === undefined) {
      const env: Record<string, string> = {};
      for (const [name, v] of this.table) if (v.exported && v.value !== undefined) env[name] = v.value;
      this.environmentCache = env;
    }
    return extra === undefined ? this.environmentCache : { ...this.environmentCache, ...extra };
  }
}
