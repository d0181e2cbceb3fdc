/**
 * The step as the host shows it after each update: the reflected `step`
 * attribute, and focus on a new step's heading.
 *
 * Like the light-DOM fields, the attribute waits for the first interaction:
 * a framework hydrating a server-rendered `<vlens-register>` finds only the
 * attributes it rendered (React's development build reports any other).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface StepReflectionOptions {
  /** The current step id. */
  step(): string;
  /** The attribute may be written (the light-DOM fields exist). */
  reflect(): boolean;
  /** The current step's heading. */
  heading(): HTMLElement | null;
}

export class StepReflection implements ReactiveController {
  private focusHeading = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: StepReflectionOptions,
  ) {
    host.addController(this);
  }

  /** The step changed after a user action or a call result: its heading gets focus after the update. */
  changed(): void {
    this.focusHeading = true;
  }

  hostUpdated(): void {
    const step = this.options.step();
    if (this.options.reflect() && this.host.getAttribute('step') !== step) this.host.setAttribute('step', step);
    if (this.focusHeading) this.options.heading()?.focus();
    this.focusHeading = false;
  }
}
