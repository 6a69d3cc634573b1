// eslint-scope ships no types; this is the part used here.
declare module 'eslint-scope' {
  interface Reference {
    identifier: { name: string };
    resolved: unknown;
    isWrite(): boolean;
  }
  interface Scope {
    through: Reference[];
  }
  export function analyze(ast: unknown, options: Record<string, unknown>): { globalScope: Scope | null };
}
