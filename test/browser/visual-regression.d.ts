/**
 * Types for the browser half of @web/test-runner-visual-regression: its index.d.ts re-exports
 * `./browser/commands.mjs`, for which the package ships no `.d.mts`, so TypeScript sees no exports.
 */
export {};

declare module '@web/test-runner-visual-regression' {
  /** Compares a screenshot of `element` with the baseline `name` (see web-test-runner.config.mjs). */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
