/**
 * A skeleton of the widget for `npm run size -- --entry scripts/size-skeleton.ts`:
 * what Lit, the API client with its zod/mini schemas, Egypt's phone metadata,
 * the step machine and the strings cost before any step is drawn.
 */
import { LitElement, html, css } from 'lit';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { createVlensClient } from '../src/api/client.js';
import { currentPhoneMetadata, ensureCountry } from '../src/phone/metadata-store.js';
import { initialState, transition, type FlowEvent } from '../src/register/flow.js';
import { localeOf } from '../src/i18n/index.js';

class VlensSkeleton extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;
  state = initialState();
  client = createVlensClient({ endpoint: '/api/vlens' });

  override render() {
    const parsed = parsePhoneNumberFromString('01012345678', 'EG', currentPhoneMetadata());
    return html`<form @submit=${(event: Event) => this.onSubmit(event)}>
      <output>${localeOf(this.lang)} ${parsed?.number}</output>
      <button @click=${() => void ensureCountry('SA')}>SA</button>
    </form>`;
  }

  private onSubmit(event: Event) {
    event.preventDefault();
    this.state = transition(this.state, { type: event.type } as unknown as FlowEvent);
  }
}
if (!customElements.get('vlens-skeleton')) customElements.define('vlens-skeleton', VlensSkeleton);
