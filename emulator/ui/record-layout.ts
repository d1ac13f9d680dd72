/**
 * The record layout tree of the Details tab and of the New/Edit modal (protocol reference §10.2):
 * records-lwc-record-layout > records-record-layout-block > -section > -row > -item[field-label], each
 * item wrapped by an ancestor carrying `data-target-selection-name="sfdc:RecordField.{Object}.{Field}"`.
 *
 * In `view` mode an editable item also gets its pencil (`Edit {Label}`) and, inert inside a
 * `<template>`, the input the client script swaps in for inline edit. In `form` mode editable items
 * are inputs and the rest stay outputs (read-only fields are shown, never editable).
 */
import type { ResolvedLayoutItem, ResolvedLayoutSection, WireRecord } from '../contracts.js';
import { html, type SafeHtml } from './html.js';
import { renderOutputValue, type RenderContext } from './field-output.js';
import { renderInput } from './field-input.js';
import { formatDateTimeShort } from './formatting.js';

export type LayoutMode = 'view' | 'form';

function outputItem(item: ResolvedLayoutItem, record: WireRecord, ctx: RenderContext, withPencil: boolean): SafeHtml {
  const value = record[item.field];
  const editLabel = `Edit ${item.label}`;
  return html`<records-record-layout-item field-label="${item.label}" data-field="${item.field}"${withPencil ? html` data-editable` : ''}>
  <div class="slds-form-element slds-form-element_readonly slds-form-element_stacked slds-hint-parent" data-view-element>
    <div class="slds-form-element__label"><span class="test-id__field-label">${item.label}</span>${helpText(item)}</div>
    <div class="slds-form-element__control">
      <span class="test-id__field-value slds-form-element__static slds-grow" data-output-element-id="output-field">${renderOutputValue(item, value, ctx)}${modstamp(item, record, ctx)}</span>
      ${withPencil ? html`<button type="button" class="test-id__inline-edit-trigger slds-shrink-none inline-edit-trigger slds-button slds-button_icon-bare" title="${editLabel}"><span class="inline-edit-trigger-icon slds-button__icon slds-button__icon_hint" aria-hidden="true">&#9998;</span><span class="slds-assistive-text">${editLabel}</span></button>` : ''}
    </div>
  </div>
  ${withPencil ? html`<template data-input-template><div slot="inputField" class="slds-form-element_stacked">${renderInput(item, value, ctx, 'inline')}</div></template>` : ''}
</records-record-layout-item>`;
}

/** The audit date each audit user lookup shows after the name (`Pat Admin, 1/15/2025, 10:00 AM`). */
const MODSTAMP_DATE_FIELD: Record<string, string> = { createdbyid: 'CreatedDate', lastmodifiedbyid: 'LastModifiedDate' };

/** Lightning's `records-modstamp`: ", {date and time}" after the Created By / Last Modified By user. */
function modstamp(item: ResolvedLayoutItem, record: WireRecord, ctx: RenderContext): SafeHtml {
  const dateField = MODSTAMP_DATE_FIELD[item.field.toLowerCase()];
  const when = dateField ? record[dateField] : undefined;
  if (typeof when !== 'string' || when === '') return html``;
  return html`<records-modstamp>, <lightning-formatted-text>${formatDateTimeShort(when, ctx.viewer)}</lightning-formatted-text></records-modstamp>`;
}

function inputItem(item: ResolvedLayoutItem, record: WireRecord, ctx: RenderContext): SafeHtml {
  return html`<records-record-layout-item field-label="${item.label}" data-field="${item.field}">
  <div slot="inputField" class="slds-form-element_stacked">${renderInput(item, record[item.field], ctx, 'modal')}</div>
</records-record-layout-item>`;
}

function helpText(item: ResolvedLayoutItem): SafeHtml {
  if (!item.inlineHelpText) return html``;
  return html`<lightning-helptext class="slds-form-element__icon"><button type="button" class="slds-button slds-button_icon" title="${item.inlineHelpText}"><span aria-hidden="true">&#9432;</span><span class="slds-assistive-text">Help ${item.label}</span></button></lightning-helptext>`;
}

function renderItem(item: ResolvedLayoutItem, record: WireRecord, ctx: RenderContext, mode: LayoutMode): SafeHtml {
  const body = mode === 'form' && item.editable ? inputItem(item, record, ctx) : outputItem(item, record, ctx, mode === 'view' && item.editable);
  return html`<div class="slds-form__item slds-col" role="listitem" data-target-selection-name="sfdc:RecordField.${ctx.object}.${item.field}">${body}</div>`;
}

export function renderRecordLayout(sections: ResolvedLayoutSection[], record: WireRecord, ctx: RenderContext, mode: LayoutMode): SafeHtml {
  return html`<records-lwc-record-layout><div class="forcegenerated-record-layout2"><records-record-layout-block>
${sections.map((section, index) => html`<records-record-layout-section>
  <div class="slds-section slds-is-open has-header">
    ${section.label ? html`<h3 class="slds-section__title"><button type="button" class="slds-button slds-section__title-action" aria-expanded="true" aria-controls="section-${index}"><span class="slds-truncate" title="${section.label}">${section.label}</span></button></h3>` : ''}
    <div class="slds-section__content" id="section-${index}" role="list">
      ${section.rows.map((row) => html`<records-record-layout-row class="slds-form__row">${row.map((item) => renderItem(item, record, ctx, mode))}</records-record-layout-row>`)}
    </div>
  </div>
</records-record-layout-section>`)}
</records-record-layout-block></div></records-lwc-record-layout>`;
}

/** Every field the layout shows, for resolving lookup names before rendering. */
export function layoutItems(sections: ResolvedLayoutSection[]): ResolvedLayoutItem[] {
  return sections.flatMap((s) => s.rows.flat());
}
