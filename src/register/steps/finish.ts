/** Step `finish`: the password when asked, the tenant's consent slot, and the final call. */
import { html, nothing } from 'lit';
import { describedBy, stepHeading } from './heading.js';
import { IDS, type StepContext } from './context.js';

export function finishStep(ctx: StepContext) {
  const { t, on } = ctx;
  const asked = ctx.passwordMode !== 'off';
  return html`${stepHeading(t.finishHeading, t.finishIntro)}
    <form part="form" novalidate @submit=${on.submitFinish} aria-busy=${ctx.pending ? 'true' : 'false'}>
      ${asked
        ? html`<input type="text" name="username" autocomplete="username" dir="ltr" readonly hidden .value=${ctx.state.email ?? ctx.state.phone ?? ''} />
            <label part="label" for="password">${ctx.passwordMode === 'required' ? t.passwordLabel : t.passwordOptionalLabel}</label>
            <input
              part="input"
              id="password"
              name="password"
              type="password"
              dir="ltr"
              autocomplete="new-password"
              minlength="8"
              ?required=${ctx.passwordMode === 'required'}
              aria-invalid=${ctx.invalid ? 'true' : 'false'}
              aria-describedby=${describedBy(true)}
            />
            <p part="hint" id=${IDS.hint}>${t.passwordHint}</p>`
        : nothing}
      ${ctx.status}
      <slot name="consent"></slot>
      <div part="actions">
        <button part="button submit" type="submit" ?disabled=${ctx.pending}>${t.finishSubmit}</button>
        ${ctx.canGoBack
          ? html`<button part="button back" type="button" ?disabled=${ctx.pending} @click=${on.back}>${t.back}</button>`
          : nothing}
      </div>
    </form>`;
}
