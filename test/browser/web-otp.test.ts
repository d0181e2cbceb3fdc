/**
 * WebOTP: feature detection and abort. A real SMS ending in `@host #code` is
 * Vlens's to send, so these tests hand the controller a credentials object
 * they control and check what it asks for and when it gives up.
 */
import { LitElement, html as litHtml } from 'lit';
import { expect, fixture, html } from '@open-wc/testing';
import { WebOtpController, webOtpSupported } from '../../src/controllers/web-otp.js';
import './helpers.js';

interface Call {
  options: { otp: { transport: string[] }; signal: AbortSignal };
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A credentials container whose `get` waits until the test answers. */
function fakeCredentials() {
  const calls: Call[] = [];
  return {
    calls,
    container: {
      get(options: Call['options']) {
        return new Promise((resolve, reject) => {
          calls.push({ options, resolve, reject });
          options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), {
            once: true,
          });
        });
      },
    },
  };
}

let supported = true;
let fake = fakeCredentials();

class OtpHost extends LitElement {
  static override properties = { active: { type: Boolean } };
  active = false;
  codes: string[] = [];
  readonly otp = new WebOtpController(this, {
    active: () => this.active,
    onCode: (code) => this.codes.push(code),
    supported: () => supported,
    credentials: () => fake.container,
  });
  override render() {
    return litHtml`<p>${this.active ? 'code step' : 'other step'}</p>`;
  }
}
customElements.define('otp-test-host', OtpHost);

async function host(active: boolean): Promise<OtpHost> {
  return fixture<OtpHost>(html`<otp-test-host ?active=${active}></otp-test-host>`);
}

describe('WebOTP controller', () => {
  beforeEach(() => {
    supported = true;
    fake = fakeCredentials();
  });

  it('detects the API by OTPCredential on window beside navigator.credentials', () => {
    // WebKitGTK has neither; then OTPCredential alone is not enough.
    const container = Boolean(navigator.credentials);
    const had = 'OTPCredential' in window;
    expect(webOtpSupported()).to.equal(had && container);
    const saved = Object.getOwnPropertyDescriptor(window, 'OTPCredential');
    try {
      if (had) {
        delete (window as { OTPCredential?: unknown }).OTPCredential;
        expect(webOtpSupported()).to.equal(false);
      } else {
        Object.defineProperty(window, 'OTPCredential', { value: class {}, configurable: true, writable: true });
        expect(webOtpSupported()).to.equal(container);
      }
    } finally {
      if (saved) Object.defineProperty(window, 'OTPCredential', saved);
      else delete (window as { OTPCredential?: unknown }).OTPCredential;
    }
    expect(webOtpSupported()).to.equal(had && container);
  });

  it('asks for nothing where the browser has no WebOTP', async () => {
    supported = false;
    const el = await host(true);
    await el.updateComplete;
    expect(fake.calls).to.have.length(0);
    expect(el.otp.listening).to.equal(false);
  });

  it('asks for an SMS code while the code step shows, once', async () => {
    const el = await host(true);
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0].options.otp).to.deep.equal({ transport: ['sms'] });
    expect(fake.calls[0].options.signal.aborted).to.equal(false);
    el.requestUpdate();
    await el.updateComplete;
    expect(fake.calls).to.have.length(1, 'no second request while the first waits');
  });

  it('hands over the code the browser read', async () => {
    const el = await host(true);
    fake.calls[0].resolve({ code: '123456', type: 'otp' });
    await new Promise((r) => setTimeout(r));
    expect(el.codes).to.deep.equal(['123456']);
    expect(el.otp.listening).to.equal(false);
  });

  it('aborts when the code step ends', async () => {
    const el = await host(true);
    const { signal } = fake.calls[0].options;
    el.active = false;
    await el.updateComplete;
    expect(signal.aborted).to.equal(true);
    expect(el.otp.listening).to.equal(false);
    // A late answer after the abort is ignored.
    fake.calls[0].resolve({ code: '999999' });
    await new Promise((r) => setTimeout(r));
    expect(el.codes).to.deep.equal([]);
  });

  it('aborts when the host leaves the page, and asks again when it comes back', async () => {
    const el = await host(true);
    const parent = el.parentElement!;
    const { signal } = fake.calls[0].options;
    el.remove();
    expect(signal.aborted).to.equal(true);
    parent.append(el);
    await el.updateComplete;
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[1].options.signal.aborted).to.equal(false);
  });

  it('does not retry in a loop after a refusal, but does after a resend', async () => {
    const el = await host(true);
    fake.calls[0].reject(new DOMException('dismissed', 'AbortError'));
    await new Promise((r) => setTimeout(r));
    el.requestUpdate();
    await el.updateComplete;
    expect(fake.calls).to.have.length(1);
    el.otp.restart();
    expect(fake.calls).to.have.length(2);
  });

  it('starts again for a new code step after one ended', async () => {
    const el = await host(true);
    el.active = false;
    await el.updateComplete;
    el.active = true;
    await el.updateComplete;
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[0].options.signal.aborted).to.equal(true);
    expect(fake.calls[1].options.signal.aborted).to.equal(false);
  });
});
