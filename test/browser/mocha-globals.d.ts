/** The Mocha globals web-test-runner provides in the browser (only what the tests use; no @types/mocha installed). */
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: unknown, done: MochaDone) => void | Promise<unknown>;

/** `this.timeout(ms)` in a suite's body sets its tests' time limit. */
declare function describe(title: string, body: (this: { timeout(ms: number): void }) => void): void;
declare function it(title: string, body: MochaFn | (() => void | Promise<unknown>)): void;
declare function before(body: () => void | Promise<unknown>): void;
declare function after(body: () => void | Promise<unknown>): void;
declare function beforeEach(body: () => void | Promise<unknown>): void;
declare function afterEach(body: () => void | Promise<unknown>): void;
