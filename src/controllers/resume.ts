/**
 * The opt-in resume point (see ../register/resume.ts): restored once, when the
 * host first connects; after every update kept in step with the flow, present
 * only while the phone code is awaited.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clearResumePoint, loadResumePoint, resumeKey, saveResumePoint, type ResumePoint } from '../register/resume.js';

/** What the resume point follows: the step and, on the code step, the number and its request id. */
export interface ResumableState {
  step: string;
  phone: string | null;
  phoneRequestId: string | null;
}

/** The host's settings: the point is stored per endpoint and element id, only with `resume` and an endpoint. */
export interface ResumeHost extends ReactiveControllerHost {
  resume: boolean;
  endpoint: string;
  id: string;
}

export interface ResumeOptions {
  state(): ResumableState;
  /** A saved point was found at the first connection. */
  restore(point: ResumePoint): void;
}

export class ResumeController implements ReactiveController {
  private connectedBefore = false;
  /** What was last written (or cleared), so an unchanged flow is not written again. */
  private written: string | undefined;

  constructor(
    private readonly host: ResumeHost,
    private readonly options: ResumeOptions,
  ) {
    host.addController(this);
  }

  private get key(): string {
    return resumeKey(this.host.endpoint, this.host.id);
  }

  private get enabled(): boolean {
    return this.host.resume && Boolean(this.host.endpoint);
  }

  hostConnected(): void {
    if (this.connectedBefore) return;
    this.connectedBefore = true;
    if (!this.enabled) return;
    const point = loadResumePoint(this.key);
    if (point) this.restore(point);
  }

  hostUpdated(): void {
    if (!this.enabled) return;
    const { step, phone, phoneRequestId } = this.options.state();
    const point = step === 'phone-code' && phone && phoneRequestId ? { phone, requestId: phoneRequestId } : null;
    const written = JSON.stringify([this.key, point]);
    if (written === this.written) return;
    this.written = written;
    if (point) saveResumePoint(this.key, point);
    else clearResumePoint(this.key);
  }

  private restore(point: ResumePoint): void {
    this.written = JSON.stringify([this.key, point]);
    this.options.restore(point);
  }
}
