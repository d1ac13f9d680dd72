/**
 * Editable controls with Lightning's structure (protocol reference §10.3-§10.5). Every control sits in
 * a host element carrying `data-field` (the API name) and `data-kind` (how the client script reads it):
 *   text     lightning-input / lightning-textarea          -> input/textarea value
 *   checkbox lightning-input type=checkbox                 -> checked
 *   picklist lightning-combobox (button role=combobox)      -> data-value of the button
 *   multi    lightning-checkbox-group (fieldset)            -> checked values
 *   lookup   lightning-lookup (input role=combobox)         -> data-value of the host
 *   datetime lightning-datetimepicker (Date + Time inputs)  -> Field.date / Field.time
 * The accessible name of every control is its field label, so `getByLabel('Amount')` and
 * `getByRole('combobox', {name: 'Stage'})` work as on a real org.
 */
import type { ResolvedLayoutItem } from '../contracts.js';
import { html, attr, type SafeHtml } from './html.js';
import { formatDateMedium, formatTimeOfDay, parseWireDateTime, localDateOf } from './formatting.js';
import type { RenderContext } from './field-output.js';

function requiredMark(required: boolean): SafeHtml {
  return required ? html`<abbr class="slds-required" title="required">*</abbr>` : html``;
}

function inputType(type: string): string {
  switch (type) {
    case 'email': return 'email';
    case 'phone': return 'tel';
    case 'url': return 'url';
    default: return 'text';
  }
}

function textValue(item: ResolvedLayoutItem, value: unknown, ctx: RenderContext): string {
  if (value === null || value === undefined) return '';
  if (item.type === 'date') return formatDateMedium(String(value), ctx.viewer);
  return String(value);
}

/** `idPrefix` keeps ids unique between the inline-edit templates and a modal form on the same page. */
export function renderInput(item: ResolvedLayoutItem, value: unknown, ctx: RenderContext, idPrefix: string): SafeHtml {
  const id = `${idPrefix}-${item.field}`;
  switch (item.type) {
    case 'boolean':
      return checkboxInput(item, value === true || value === 'true', id);
    case 'picklist':
      return picklistInput(item, value === null || value === undefined ? '' : String(value), id);
    case 'multipicklist':
      return multiPicklistInput(item, typeof value === 'string' && value !== '' ? value.split(';') : [], id);
    case 'reference':
      return lookupInput(item, typeof value === 'string' ? value : '', ctx, id);
    case 'datetime':
      return dateTimeInput(item, typeof value === 'string' ? value : '', ctx, id);
    case 'textarea':
      return html`<records-record-layout-text-area><lightning-textarea class="slds-form-element" data-field="${item.field}" data-kind="text">
  <label class="slds-form-element__label" for="${id}">${requiredMark(item.required)}${item.label}</label>
  <div class="slds-form-element__control slds-grow"><textarea id="${id}" class="slds-textarea" name="${item.field}"${attr('required', item.required)} ${item.length ? html`maxlength="${item.length}"` : ''} aria-invalid="false">${textValue(item, value, ctx)}</textarea></div>
</lightning-textarea></records-record-layout-text-area>`;
    default: {
      const isDate = item.type === 'date';
      const numeric = ['int', 'double', 'currency', 'percent'].includes(item.type);
      const control = html`<lightning-input class="slds-form-element" data-field="${item.field}" data-kind="text" data-type="${item.type}"><lightning-primitive-input-simple>
  <label class="slds-form-element__label" for="${id}">${requiredMark(item.required)}${item.label}</label>
  <div class="slds-form-element__control slds-grow${isDate ? ' slds-input-has-icon slds-input-has-icon_right' : ''}">
    <input type="${inputType(item.type)}" id="${id}" class="slds-input" name="${item.field}" value="${textValue(item, value, ctx)}"${attr('required', item.required)}${numeric ? html` inputmode="decimal"` : ''}${item.length && !numeric && !isDate ? html` maxlength="${item.length}"` : ''} aria-invalid="false" autocomplete="off">
    ${isDate ? html`<span class="slds-icon_container slds-input__icon slds-input__icon_right emu-calendar-icon" aria-hidden="true"></span>` : ''}
  </div>
</lightning-primitive-input-simple></lightning-input>`;
      if (isDate) return html`<lightning-datepicker>${control}</lightning-datepicker>`;
      return html`<records-record-layout-base-input>${control}</records-record-layout-base-input>`;
    }
  }
}

function checkboxInput(item: ResolvedLayoutItem, checked: boolean, id: string): SafeHtml {
  return html`<records-record-layout-checkbox><lightning-input class="slds-form-element" data-field="${item.field}" data-kind="checkbox">
  <div class="slds-form-element__control"><div class="slds-checkbox">
    <input type="checkbox" id="${id}" name="${item.field}"${attr('checked', checked)}>
    <label class="slds-checkbox__label" for="${id}"><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${requiredMark(item.required)}${item.label}</span></label>
  </div></div>
</lightning-input></records-record-layout-checkbox>`;
}

/**
 * The selected option's check mark. Lightning draws it as an `aria-hidden` utility icon, so it adds
 * nothing to the option's accessible name (`getByRole('option', { name: 'Prospecting' })` matches the
 * label exactly). Every option carries it; the stylesheet shows it only where `aria-selected="true"`,
 * so the client script changes the selection by that attribute alone.
 */
const OPTION_CHECK_ICON = html`<span class="slds-icon_container slds-icon-utility-check slds-current-color"><svg class="slds-icon slds-icon-text-default slds-icon_x-small" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2"></path></svg></span>`;

function picklistInput(item: ResolvedLayoutItem, value: string, id: string): SafeHtml {
  // Lightning offers "--None--" first even on required picklists; saving it then fails as required.
  const options = [{ value: '', label: '--None--' }, ...(item.picklistValues ?? [])];
  // A stored value the record type no longer allows is still shown, as Lightning does.
  if (value !== '' && !options.some((o) => o.value === value)) options.push({ value, label: value });
  const selected = options.find((o) => o.value === value) ?? { value: '', label: '--None--' };
  const listboxId = `listbox-${id}`;
  return html`<records-record-picklist><records-form-picklist><lightning-picklist><lightning-combobox class="slds-form-element" data-field="${item.field}" data-kind="picklist">
  <label class="slds-form-element__label" id="label-${id}" for="${id}">${requiredMark(item.required)}${item.label}</label>
  <div class="slds-form-element__control">
    <lightning-base-combobox class="slds-combobox_container">
      <div class="slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click">
        <div class="slds-combobox__form-element slds-input-has-icon slds-input-has-icon_right" role="none" aria-label="${item.label}">
          <button type="button" role="combobox" id="${id}" class="slds-combobox__input slds-input_faux" name="${item.field}" aria-label="${item.label}" aria-haspopup="listbox" aria-expanded="false" aria-controls="${listboxId}" data-value="${selected.value}"${attr('aria-required="true"', item.required)}><span class="slds-truncate">${selected.label}</span></button>
          <span class="slds-input__icon slds-input__icon_right slds-combobox-chevron" aria-hidden="true">&#9662;</span>
        </div>
        <div id="${listboxId}" class="slds-dropdown slds-dropdown_length-with-icon-7 slds-dropdown_fluid" role="listbox" aria-label="${item.label}" tabindex="-1">
          ${options.map((o, i) => html`<lightning-base-combobox-item role="option" id="${listboxId}-${i}" class="slds-media slds-listbox__option slds-media_center slds-media_small" data-value="${o.value}" aria-selected="${o.value === selected.value ? 'true' : 'false'}" aria-checked="${o.value === selected.value ? 'true' : 'false'}"><span class="slds-media__figure slds-listbox__option-icon">${OPTION_CHECK_ICON}</span><span class="slds-media__body"><span class="slds-truncate" title="${o.label}">${o.label}</span></span></lightning-base-combobox-item>`)}
        </div>
      </div>
    </lightning-base-combobox>
  </div>
</lightning-combobox></lightning-picklist></records-form-picklist></records-record-picklist>`;
}

function multiPicklistInput(item: ResolvedLayoutItem, values: string[], id: string): SafeHtml {
  return html`<lightning-checkbox-group data-field="${item.field}" data-kind="multi"><fieldset class="slds-form-element">
  <legend class="slds-form-element__legend slds-form-element__label">${requiredMark(item.required)}${item.label}</legend>
  <div class="slds-form-element__control">
    ${(item.picklistValues ?? []).map((o, i) => html`<div class="slds-checkbox"><input type="checkbox" id="${id}-${i}" name="${item.field}" value="${o.value}"${attr('checked', values.includes(o.value))}><label class="slds-checkbox__label" for="${id}-${i}"><span class="slds-checkbox_faux"></span><span class="slds-form-element__label">${o.label}</span></label></div>`)}
  </div>
</fieldset></lightning-checkbox-group>`;
}

function lookupInput(item: ResolvedLayoutItem, value: string, ctx: RenderContext, id: string): SafeHtml {
  // Polymorphic lookups (WhoId, WhatId) search their first target only: the object switcher is not emulated.
  const target = item.referenceTo?.[0] ?? '';
  const plural = ctx.pluralLabels.get(target.toLowerCase()) ?? `${target}s`;
  const name = value ? ctx.referenceNames.get(value) ?? value : '';
  const listboxId = `listbox-${id}`;
  return html`<records-record-layout-lookup><lightning-lookup class="slds-form-element" data-field="${item.field}" data-kind="lookup" data-target="${target}" data-value="${value}">
  <label class="slds-form-element__label" for="${id}">${requiredMark(item.required)}${item.label}</label>
  <div class="slds-form-element__control">
    <lightning-base-combobox class="slds-combobox_container${value ? ' slds-has-selection' : ''}">
      <div class="slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click">
        <div class="slds-combobox__form-element slds-input-has-icon slds-input-has-icon_right" role="none">
          <input type="text" role="combobox" id="${id}" class="slds-input slds-combobox__input${value ? ' slds-combobox__input-value' : ''}" name="${item.field}" placeholder="Search ${plural}..." value="${name}" aria-autocomplete="list" aria-expanded="false" aria-haspopup="listbox" aria-controls="${listboxId}" autocomplete="off"${attr('readonly', !!value)}${attr('aria-required="true"', item.required)}>
          <button type="button" class="slds-button slds-button_icon slds-input__icon slds-input__icon_right lookup-clear" title="Clear Selection"${attr('hidden', !value)}><span aria-hidden="true">&#10005;</span><span class="slds-assistive-text">Clear Selection</span></button>
        </div>
        <div id="${listboxId}" class="slds-dropdown slds-dropdown_length-with-icon-7 slds-dropdown_fluid" role="listbox" aria-label="${plural}" tabindex="-1"></div>
      </div>
    </lightning-base-combobox>
  </div>
</lightning-lookup></records-record-layout-lookup>`;
}

function dateTimeInput(item: ResolvedLayoutItem, value: string, ctx: RenderContext, id: string): SafeHtml {
  const instant = value ? parseWireDateTime(value) : null;
  const dateText = instant ? formatDateMedium(localDateOf(instant, ctx.viewer), ctx.viewer) : '';
  const timeText = instant ? formatTimeOfDay(instant, ctx.viewer) : '';
  return html`<records-record-layout-input-date-time><lightning-datetimepicker data-field="${item.field}" data-kind="datetime"><fieldset class="slds-form-element slds-form_compound">
  <legend class="slds-form-element__legend slds-form-element__label">${requiredMark(item.required)}${item.label}</legend>
  <div class="slds-form-element__control slds-datetime-row">
    <lightning-datepicker class="slds-form-element"><label class="slds-form-element__label" for="${id}-date">Date</label><div class="slds-form-element__control"><input type="text" id="${id}-date" class="slds-input" name="${item.field}.date" value="${dateText}" autocomplete="off"></div></lightning-datepicker>
    <lightning-timepicker class="slds-form-element"><label class="slds-form-element__label" for="${id}-time">Time</label><div class="slds-form-element__control"><input type="text" id="${id}-time" class="slds-input" name="${item.field}.time" value="${timeText}" autocomplete="off"></div></lightning-timepicker>
  </div>
</fieldset></lightning-datetimepicker></records-record-layout-input-date-time>`;
}
