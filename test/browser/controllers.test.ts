/**
 * The element's controllers on a bare Lit host: the call in flight, the
 * light-DOM fields and the resume point, each without the element around it.
 */
import { LitElement, html as litHtml } from 'lit';
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { VlensError } from '../../src/api/client.js';
import { CallController } from '../../src/controllers/call.js';
import { LightFieldsController, type LightFieldsState } from '../../src/controllers/light-fields.js';
import { ResumeController, type ResumableState } from '../../src/controllers/resume.js';
import { resumeKey, saveResumePoint } from '../../src/register/resume.js';
import { en } from '../../src/i18n/en.js';
import { afterFirstPaint, FRAME_WAIT_MS } from '../../src/register/lazy-module.js';
import { lightFieldNodes } from '../../src/register/lazy-parts.js';

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

// ---- CallController -------------------------------------------------------------

interface State {
  name: string;
}

class CallHost extends LitElement {
  state: State = { name: 'first' };
  pending: Array<{ action: string; signal: AbortSignal } & ReturnType<typeof deferred<string>>> = [];
  results: string[] = [];
  errors: Array<{ error: VlensError; at: State }> = [];
  readonly call = new CallController<string, string, State, string>(this, {
    state: () => this.state,
    call: (action, signal) => {
      const d = deferred<string>();
      this.pending.push({ action, signal, ...d });
      return d.promise;
    },
    onResult: (result) => this.results.push(result),
    onError: (error, at) => this.errors.push({ error, at }),
    progress: (at) => `working on ${at.name}`,
    failure: (error, at) => `${error.kind} on ${at.name}`,
  });
  override render() {
    return litHtml`${this.call.message(this.state) ?? ''}`;
  }
}
customElements.define('test-call-host', CallHost);

describe('CallController', () => {
  let host: CallHost;
  beforeEach(async () => {
    host = await fixture<CallHost>(html`<test-call-host></test-call-host>`);
  });

  it('is busy while the call runs, shows progress, then hands over the result', async () => {
    expect(host.call.busy).to.equal(false);
    expect(host.call.message(host.state)).to.equal(null);
    host.call.run('send');
    await waitUntil(() => host.pending.length === 1);
    expect(host.call.busy).to.equal(true);
    await host.updateComplete;
    expect(host.shadowRoot!.textContent).to.equal('working on first');
    host.pending[0].resolve('sent');
    await waitUntil(() => !host.call.busy);
    expect(host.results).to.deep.equal(['sent']);
    expect(host.errors).to.deep.equal([]);
    expect(host.call.message(host.state)).to.equal(null);
  });

  it('shows a failure only on the state the call started from, and reports it once', async () => {
    const started = host.state;
    host.call.run('send');
    await waitUntil(() => host.pending.length === 1);
    host.pending[0].reject(new VlensError('timeout', 'slow'));
    await waitUntil(() => !host.call.busy);
    expect(host.errors.map((e) => [e.error.kind, e.at])).to.deep.equal([['timeout', started]]);
    expect(host.call.message(started)).to.equal('timeout on first');
    expect(host.call.message({ name: 'first' }), 'an equal but new state').to.equal(null);
  });

  it('turns anything else a call throws into a protocol error', async () => {
    host.call.run('send');
    await waitUntil(() => host.pending.length === 1);
    host.pending[0].reject(new TypeError('boom'));
    await waitUntil(() => host.errors.length === 1);
    expect(host.errors[0].error).to.be.instanceOf(VlensError);
    expect(host.errors[0].error.kind).to.equal('protocol');
    expect(host.errors[0].error.message).to.equal('boom');
  });

  it('after abort: not busy at once, no progress, and neither result nor failure is shown or reported', async () => {
    host.call.run('send');
    await waitUntil(() => host.pending.length === 1);
    host.call.abort();
    expect(host.call.busy).to.equal(false);
    expect(host.call.message(host.state)).to.equal(null);
    expect(host.pending[0].signal.aborted).to.equal(true);
    host.pending[0].resolve('late');

    host.call.run('again');
    await waitUntil(() => host.pending.length === 2);
    host.call.abort();
    host.pending[1].reject(new VlensError('network', 'gone'));
    await host.updateComplete;
    // Both calls have settled once a task has run after their microtasks; nothing may have come through.
    await new Promise((resolve) => setTimeout(resolve));
    expect(host.results).to.deep.equal([]);
    expect(host.errors).to.deep.equal([]);
    expect(host.call.message(host.state)).to.equal(null);
  });
});

// ---- LightFieldsController ------------------------------------------------------------

class FieldsHost extends LitElement {
  view: LightFieldsState = {
    locale: 'en',
    key: 'phone',
    field: { kind: 'phone', label: en.phoneLabel, hint: en.phoneHint, value: '' },
    invalid: false,
    status: null,
    onSubmit: (event) => {
      event.preventDefault();
      this.submitted.push(
        new FormData(event.currentTarget as HTMLFormElement).get(this.view.field?.kind ?? '') as string,
      );
    },
  };
  busy = false;
  submitted: string[] = [];
  readonly fields = new LightFieldsController(this, {
    view: () => this.view,
    busy: () => this.busy,
    active: () => true,
    loadFailed: (error) => {
      throw error; // the nodes' module is loaded before these tests
    },
  });
  override render() {
    return litHtml`<slot name="field-label"></slot><slot name="field"></slot><slot name="field-hint"></slot><slot name="status"></slot>`;
  }
}
customElements.define('test-fields-host', FieldsHost);

const codeView = (host: FieldsHost): LightFieldsState => ({
  ...host.view,
  key: 'phone-code',
  field: { kind: 'code', label: en.codeLabel, hint: en.phoneCodeIntro, to: '+201001234567' },
});

function typeInto(input: HTMLInputElement, value: string, inputType = 'insertText'): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType, data: value }));
}

describe('LightFieldsController', () => {
  // The nodes' module is lazy (requested when a host connects); these tests start once it is in. Before
  // then, see lazy-first-screen.test.ts.
  before(() => lightFieldNodes.load());
  it("renders the field, label, hint and status as light-DOM children with per-element ids, beside the host's own children", async () => {
    const wrapper = await fixture(html`<div>
      <test-fields-host><p id="own">the host's</p></test-fields-host><test-fields-host></test-fields-host>
    </div>`);
    const [a, b] = [...wrapper.querySelectorAll<FieldsHost>('test-fields-host')];
    await Promise.all([a.updateComplete, b.updateComplete]);
    expect(a.fields.prefix).not.to.equal(b.fields.prefix);
    const input = a.fields.node('phone')!;
    expect(input.parentElement).to.equal(a);
    expect(input.id).to.equal(`${a.fields.prefix}-phone`);
    expect(input.getAttribute('form')).to.equal(`${a.fields.prefix}-form`);
    expect(a.querySelector(`label[for="${input.id}"]`)!.textContent).to.equal(en.phoneLabel);
    expect(a.querySelector('#own')!.parentElement, 'the host child stays').to.equal(a);
    const ids = [...wrapper.querySelectorAll('[id]')].map((node) => node.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('a new step gets a new input; the field follows the view after every update', async () => {
    const host = await fixture<FieldsHost>(html`<test-fields-host></test-fields-host>`);
    const phone = host.fields.node('phone')!;
    host.view = codeView(host);
    host.requestUpdate();
    await host.updateComplete;
    expect(phone.isConnected).to.equal(false);
    expect(host.fields.node('code')!.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(host.querySelectorAll('input[slot="field"]').length).to.equal(1);
  });

  it('the code field keeps digits as typed, takes a pasted code from a message and submits a whole code unless busy', async () => {
    const host = await fixture<FieldsHost>(html`<test-fields-host></test-fields-host>`);
    host.view = codeView(host);
    host.requestUpdate();
    await host.updateComplete;
    const code = host.fields.node('code')!;
    typeInto(code, '١٢ ٣');
    expect(code.value).to.equal('١٢ ٣', 'digits echo as typed (the code sent is normalised by the submit)');
    expect(host.submitted).to.deep.equal([]);
    typeInto(code, 'Your code is 654321', 'insertFromPaste');
    expect(code.value).to.equal('654321');
    expect(host.submitted).to.deep.equal(['654321']);
    host.busy = true;
    typeInto(code, '111111');
    host.fields.fillCode('222222');
    expect(host.submitted, 'nothing while a call runs').to.deep.equal(['654321']);
    host.busy = false;
    host.fields.fillCode('333333');
    expect(code.value).to.equal('333333');
    expect(host.submitted).to.deep.equal(['654321', '333333']);
  });

  it('submit() submits the light-DOM form', async () => {
    const host = await fixture<FieldsHost>(html`<test-fields-host></test-fields-host>`);
    host.fields.node('phone')!.value = '01001234567';
    host.fields.submit();
    expect(host.submitted).to.deep.equal(['01001234567']);
  });
});

// ---- ResumeController ------------------------------------------------------------

class ResumeHost extends LitElement {
  resume = true;
  endpoint = '/api/test';
  flow: ResumableState = { step: 'phone', phone: null, phoneRequestId: null };
  restored: Array<{ phone: string; requestId: string }> = [];
  readonly point = new ResumeController(this, {
    state: () => this.flow,
    restore: (point) => this.restored.push(point),
  });
}
customElements.define('test-resume-host', ResumeHost);

describe('ResumeController', () => {
  const key = (id: string) => resumeKey('/api/test', id);
  afterEach(() => sessionStorage.clear());

  it('restores a saved point once, at the first connection', async () => {
    saveResumePoint(key('r1'), { phone: '+201001234567', requestId: 'req-1' });
    const host = await fixture<ResumeHost>(html`<test-resume-host id="r1"></test-resume-host>`);
    expect(host.restored).to.deep.equal([{ phone: '+201001234567', requestId: 'req-1' }]);
    const parent = host.parentElement!;
    host.remove();
    parent.append(host);
    expect(host.restored.length, 'a move is not a first connection').to.equal(1);
  });

  it('keeps the point only while the phone code is awaited, and writes it only when it changes', async () => {
    const host = await fixture<ResumeHost>(html`<test-resume-host id="r2"></test-resume-host>`);
    expect(host.restored).to.deep.equal([]);
    const writes: string[] = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      writes.push(k);
      setItem.call(this, k, v);
    };
    try {
      host.flow = { step: 'phone-code', phone: '+201001234567', phoneRequestId: 'req-2' };
      host.requestUpdate();
      await host.updateComplete;
      host.requestUpdate();
      await host.updateComplete;
      expect(writes).to.deep.equal([key('r2')]);
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(JSON.parse(sessionStorage.getItem(key('r2'))!)).to.include({ phone: '+201001234567', requestId: 'req-2' });
    host.flow = { step: 'finish', phone: '+201001234567', phoneRequestId: 'req-2' };
    host.requestUpdate();
    await host.updateComplete;
    expect(sessionStorage.getItem(key('r2'))).to.equal(null);
  });

  for (const [name, setting] of [
    ['resume', { resume: false }],
    ['an endpoint', { endpoint: '' }],
  ] as const) {
    it(`does nothing without ${name}`, async () => {
      saveResumePoint(key('r3'), { phone: '+201001234567', requestId: 'req-3' });
      const off = document.createElement('test-resume-host') as ResumeHost;
      Object.assign(off, { id: 'r3', ...setting });
      document.body.append(off);
      off.flow = { step: 'finish', phone: null, phoneRequestId: null };
      off.requestUpdate();
      await off.updateComplete;
      expect(off.restored).to.deep.equal([]);
      expect(sessionStorage.getItem(key('r3')), 'left alone').not.to.equal(null);
      off.remove();
    });
  }
});

// ---- afterFirstPaint ------------------------------------------------------------

describe('afterFirstPaint', () => {
  it('runs the work once, in a task after the next frame (or after FRAME_WAIT_MS without one): not in the update that asked', async () => {
    const order: string[] = [];
    const asked = performance.now();
    let ranAfter = -1;
    afterFirstPaint(() => {
      order.push('work');
      ranAfter = performance.now() - asked;
    });
    await Promise.resolve();
    order.push('microtask');
    await new Promise((resolve) => requestAnimationFrame(() => resolve(order.push('frame'))));
    await waitUntil(() => order.includes('work'), 'the work ran');
    expect(order[0]).to.equal('microtask');
    if (order.indexOf('work') < order.indexOf('frame'))
      expect(ranAfter, 'before a frame only on the fallback').to.be.at.least(FRAME_WAIT_MS - 1);
    // Timers fire in order: one set now, longer than the fallback, fires after the fallback's.
    await new Promise((resolve) => setTimeout(resolve, FRAME_WAIT_MS + 1));
    expect(
      order.filter((step) => step === 'work'),
      'run once',
    ).to.have.length(1);
  });
});
