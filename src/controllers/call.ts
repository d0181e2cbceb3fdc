/**
 * The one call in flight (a Lit Task): running it, aborting it, and the
 * message it yields. The result of a call that was aborted is dropped (its
 * settling shows and fires nothing); a failure is remembered with the state
 * it started from and shows only while that state is current. The Task is
 * the host's controller (it requests the host's updates).
 */
import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState as taskIdle } from '@lit/task';
import { VlensError } from '../api/error.js';

export interface CallOptions<Action, Result, State, Message> {
  /** The state a call starts from (compared by identity: a new state hides the failure). */
  state(): State;
  /** Makes the call. */
  call(action: Action, signal: AbortSignal): Promise<Result>;
  /** The call succeeded and was not aborted. */
  onResult(result: Result): void;
  /** The call for `action` failed and was not aborted (fire the event here). */
  onError(error: VlensError, at: State, action: Action): void;
  /** The message while a call runs. */
  progress(at: State): Message;
  /** The message for a failure of `action`, on the state the call started from. */
  failure(error: VlensError, at: State, action: Action): Message;
}

/** Anything a call threw, as a VlensError (a non-Vlens failure counts as `protocol`). */
export function asVlensError(caught: unknown): VlensError {
  if (caught instanceof VlensError) return caught;
  return new VlensError('protocol', caught instanceof Error ? caught.message : String(caught), { cause: caught });
}

export class CallController<Action, Result, State, Message> {
  /** The call in flight was aborted: it settles a few microtasks later, silently. */
  private aborted = false;
  /** The last failed call: the state it started from and its action. */
  private failed: { at: State; action: Action } | null = null;
  private readonly task: Task<[Action], unknown>;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: CallOptions<Action, Result, State, Message>,
  ) {
    this.task = new Task<[Action], unknown>(host, {
      autoRun: false,
      task: ([action], { signal }) => this.perform(action, signal),
    });
  }

  /** A call is in flight and not aborted. */
  get busy(): boolean {
    return this.task.status === TaskStatus.PENDING && !this.aborted;
  }

  /** Starts a call (a call already in flight is aborted by the Task). */
  run(action: Action): void {
    this.aborted = false;
    void this.task.run([action]);
  }

  /** Aborts the call in flight, if any: nothing it returns is shown or fired. */
  abort(): void {
    this.aborted = true;
    this.task.abort();
  }

  /** The message for `at`: progress while a call runs, its failure only on the state it started from. */
  message(at: State): Message | null {
    return (
      this.task.render({
        pending: () => (this.aborted ? null : this.options.progress(at)),
        error: (error) => {
          const failed = this.failed;
          return failed?.at === at && error instanceof VlensError
            ? this.options.failure(error, at, failed.action)
            : null;
        },
      }) ?? null
    );
  }

  private async perform(action: Action, signal: AbortSignal): Promise<unknown> {
    const at = this.options.state();
    try {
      const result = await this.options.call(action, signal);
      if (signal.aborted) return taskIdle;
      this.options.onResult(result);
      return result;
    } catch (caught) {
      if (signal.aborted) return taskIdle;
      const error = asVlensError(caught);
      this.failed = { at, action };
      this.options.onError(error, at, action);
      throw error;
    }
  }
}
