/**
 * axe-core for `expect(el).to.be.accessible()` (chai-a11y-axe), with every
 * WCAG 2.0/2.1/2.2 A and AA rule switched on.
 *
 * chai-a11y-axe runs axe with its defaults, and axe 4.x leaves `target-size`
 * (WCAG 2.2 AA, 2.5.8) off by default. Importing this module loads axe onto
 * `window` before chai-a11y-axe looks for it, and enables every rule tagged
 * with a WCAG A/AA level that is not deprecated.
 */
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';

/** The WCAG conformance tags the audits must cover. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] as const;

interface AuditRule {
  id: string;
  enabled: boolean;
  tags: string[];
}

export const axe = (window as unknown as { axe: typeof Axe }).axe;

/** The loaded axe's rules (its internal audit: `getRules()` does not say which are enabled). */
export function axeRules(): AuditRule[] {
  return (axe as unknown as { _audit: { rules: AuditRule[] } })._audit.rules;
}

/** WCAG A/AA rules, deprecated ones left out (axe keeps them only for old configurations). */
export function wcagAaRules(): AuditRule[] {
  return axeRules().filter(
    (r) => r.tags.some((t) => (WCAG_AA_TAGS as readonly string[]).includes(t)) && !r.tags.includes('deprecated'),
  );
}

axe.configure({
  rules: wcagAaRules()
    .filter((r) => !r.enabled)
    .map((r) => ({ id: r.id, enabled: true })),
});
