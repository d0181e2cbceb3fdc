/** A resend cooldown the host renders: seconds left, ticking once a second while it runs. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ResendCountdown implements ReactiveController {
  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whole seconds until a resend is allowed; 0 when it is. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
  }

  get ready(): boolean {
    return this.remaining === 0;
  }

  /** Starts (or restarts) the cooldown. */
  start(seconds: number): void {
    this.deadline = Date.now() + Math.max(0, seconds) * 1000;
    this.tick();
  }

  /** Ends the cooldown now (e.g. on reset). */
  stop(): void {
    this.deadline = 0;
    this.clear();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (!this.ready) this.tick();
  }

  hostDisconnected(): void {
    this.clear();
  }

  private tick(): void {
    this.clear();
    this.host.requestUpdate();
    if (this.ready) return;
    this.timer = setInterval(() => {
      this.host.requestUpdate();
      if (this.ready) this.clear();
    }, 250);
  }

  private clear(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
