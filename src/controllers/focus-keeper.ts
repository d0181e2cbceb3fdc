/**
 * Keeps a person's place when a call settles. Buttons stay focusable while a
 * call runs (`aria-disabled`, see ../register/steps/context.ts), so focus is
 * not dropped to `<body>`; when the call settles focus moves only where the
 * answer is: to the field after a refused value or a new code, else it stays
 * on the control that can try again (a new step's heading is
 * ./step-reflection.ts's). Should an update still remove the control that
 * had focus, focus goes to the field, else the heading. Focus is moved only
 * while it is inside the widget: never taken from the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FocusKeeperOptions {
  /** The step's field (light DOM), if it has one. */
  field(): HTMLElement | null;
  /** The step's heading. */
  heading(): HTMLElement | null;
}

export class FocusKeeper implements ReactiveController {
  private had = false;
  private toField = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FocusKeeperOptions,
  ) {
    host.addController(this);
  }

  /** A value was refused or a new code sent: the field gets focus after the update, if focus is in the widget. */
  field(): void {
    this.toField = true;
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    this.had = this.host.matches(':focus-within');
  }

  hostUpdated(): void {
    const { options } = this;
    const within = this.host.matches(':focus-within');
    const lost = this.had && !within && this.host.ownerDocument.activeElement === this.host.ownerDocument.body;
    if (this.toField && within) options.field()?.focus();
    else if (lost) (options.field() ?? options.heading())?.focus();
    this.toField = false;
  }
}
