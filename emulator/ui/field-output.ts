/**
 * Read-only field values as Lightning's output components render them (protocol reference §10.3):
 * `lightning-formatted-*` elements in the `outputField` slot, lookups as `force-lookup` links.
 */
import type { ResolvedLayoutItem } from '../contracts.js';
import { html, type SafeHtml } from './html.js';
import { formatCurrency, formatDateShort, formatDateTimeShort, formatNumber, formatPercent, type Viewer } from './formatting.js';
import { richTextOutput } from './rich-text.js';

export interface RenderContext {
  viewer: Viewer;
  /** Object API name of the record being shown. */
  object: string;
  /** Display names of referenced records (id -> name), resolved through the service beforehand. */
  referenceNames: Map<string, string>;
  /** Plural labels of lookup targets (lower-cased object name -> `Accounts`) for lookup placeholders. */
  pluralLabels: Map<string, string>;
  /** Record type id -> label, for `RecordTypeId` items. */
  recordTypeLabels: Map<string, string>;
}

function picklistLabel(item: ResolvedLayoutItem, value: string): string {
  return item.picklistValues?.find((p) => p.value === value)?.label ?? value;
}

export function renderOutputValue(item: ResolvedLayoutItem, value: unknown, ctx: RenderContext): SafeHtml {
  const slot = 'outputField';
  if (value === null || value === undefined || value === '') {
    if (item.type === 'boolean') return checkboxOutput(false);
    return html`<lightning-formatted-text slot="${slot}"></lightning-formatted-text>`;
  }
  const text = String(value);
  // IMAGE and HYPERLINK formulas: the markup renders as an image or a link, as on a real record page.
  if (item.htmlFormatted) return richTextOutput(text);
  switch (item.type) {
    case 'boolean':
      return checkboxOutput(value === true || text === 'true');
    case 'reference': {
      if (item.field === 'RecordTypeId') return html`<records-record-type slot="${slot}"><span>${ctx.recordTypeLabels.get(text) ?? text}</span></records-record-type>`;
      const name = ctx.referenceNames.get(text) ?? text;
      return html`<force-lookup slot="${slot}"><a href="/lightning/r/${text}/view" data-navigation="enable" data-recordid="${text}">${name}</a></force-lookup>`;
    }
    case 'phone':
      return html`<lightning-formatted-phone slot="${slot}"><a href="tel:${text}">${text}</a></lightning-formatted-phone>`;
    case 'email':
      return html`<lightning-formatted-email slot="${slot}"><a href="mailto:${text}">${text}</a></lightning-formatted-email>`;
    case 'url': {
      const href = /^https?:\/\//i.test(text) ? text : `http://${text}`;
      return html`<lightning-formatted-url slot="${slot}"><a href="${href}" target="_blank" rel="noopener">${text}</a></lightning-formatted-url>`;
    }
    case 'currency':
      return html`<lightning-formatted-number slot="${slot}">${formatCurrency(Number(value), item.scale, ctx.viewer)}</lightning-formatted-number>`;
    case 'percent':
      return html`<lightning-formatted-number slot="${slot}">${formatPercent(Number(value), item.scale, ctx.viewer)}</lightning-formatted-number>`;
    case 'int':
    case 'double':
      return html`<lightning-formatted-number slot="${slot}">${formatNumber(Number(value), item.scale, ctx.viewer)}</lightning-formatted-number>`;
    case 'date':
      return html`<lightning-formatted-text slot="${slot}">${formatDateShort(text, ctx.viewer)}</lightning-formatted-text>`;
    case 'datetime':
      return html`<lightning-formatted-text slot="${slot}">${formatDateTimeShort(text, ctx.viewer)}</lightning-formatted-text>`;
    case 'picklist':
      return html`<lightning-formatted-text slot="${slot}">${picklistLabel(item, text)}</lightning-formatted-text>`;
    case 'multipicklist':
      return html`<lightning-formatted-text slot="${slot}">${text.split(';').map((v) => picklistLabel(item, v)).join('; ')}</lightning-formatted-text>`;
    case 'textarea':
      return html`<lightning-formatted-text slot="${slot}" class="slds-text-longform">${text}</lightning-formatted-text>`;
    default:
      return html`<lightning-formatted-text slot="${slot}">${text}</lightning-formatted-text>`;
  }
}

/** View-mode checkboxes are a disabled, unlabelled box (the item label names it), so getByLabel finds only the input in edit mode. */
function checkboxOutput(checked: boolean): SafeHtml {
  return html`<span slot="outputField" class="slds-checkbox"><input type="checkbox" disabled ${checked ? html`checked` : ''} aria-hidden="true" tabindex="-1"><span class="slds-checkbox_faux"></span><span class="slds-assistive-text">${checked ? 'True' : 'False'}</span></span>`;
}
