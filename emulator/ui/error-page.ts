/**
 * Lightning's own error states, rendered inside the app shell.
 *
 * The texts are the likeliest real ones but UNVERIFIED against an org: a record that does not exist or
 * that the user cannot see shows "Looks like there's a problem." with "This record isn't available."
 * (the record may have been deleted or not shared); an unknown object or page shows "Page doesn't
 * exist" with "Enter a valid URL and try again.". Lightning is a single-page app, so these answer 200.
 */
import { html, type SafeHtml } from './html.js';

export const RECORD_UNAVAILABLE = { heading: "Looks like there's a problem.", message: "This record isn't available." } as const;
export const PAGE_MISSING = { heading: "Page doesn't exist", message: 'Enter a valid URL and try again.' } as const;

export function errorPanel(kind: { heading: string; message: string }, detail?: string): SafeHtml {
  return html`<div class="slds-card forceErrorPage emu-error-page" role="main">
  <div class="slds-illustration slds-illustration_large"><div class="emu-illustration" aria-hidden="true">&#9888;</div>
    <div class="slds-text-longform">
      <h1 class="slds-text-heading_medium">${kind.heading}</h1>
      <p class="slds-text-body_regular">${kind.message}</p>
      ${detail ? html`<p class="slds-text-body_small emu-error-detail">${detail}</p>` : ''}
    </div>
  </div>
</div>`;
}
