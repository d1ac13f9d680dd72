/**
 * The New/Edit record modal (protocol reference §10.4): `.oneRecordActionWrapper` holding a
 * `section[role="dialog"].slds-modal` with the heading `New {Object Label}` or `Edit {Record Name}`
 * (the Edit title is UNVERIFIED, §12), the record layout in input mode, and `records-form-footer` with
 * `button[name="CancelEdit"]`, `button[name="SaveAndNew"]` (create only; name UNVERIFIED) and
 * `button[name="SaveEdit"]`. The record type chooser is the step before it, with the
 * `.forceChangeRecordTypeFooter` buttons "Cancel" and "Next".
 */
import type { RecordTypeChoice, ResolvedLayoutSection, WireRecord } from '../contracts.js';
import { html, type SafeHtml } from './html.js';
import type { RenderContext } from './field-output.js';
import { renderRecordLayout } from './record-layout.js';

function modalFrame(heading: string, content: SafeHtml, cancelHref: string): SafeHtml {
  return html`<div class="oneRecordActionWrapper emu-modal-layer" data-aura-class="oneRecordActionWrapper">
  <section role="dialog" tabindex="-1" class="slds-modal slds-fade-in-open slds-modal_medium" aria-modal="true" aria-labelledby="modal-heading">
    <div class="slds-modal__container">
      <a class="slds-button slds-button_icon slds-modal__close" href="${cancelHref}" title="Cancel and close"><span aria-hidden="true">&#10005;</span><span class="slds-assistive-text">Cancel and close</span></a>
      <div class="slds-modal__header"><h2 id="modal-heading" class="slds-modal__title slds-text-heading_medium slds-hyphenate">${heading}</h2></div>
      ${content}
    </div>
  </section>
  <div class="slds-backdrop slds-backdrop_open"></div>
</div>`;
}

export function recordTypeChooser(opts: { objectName: string; objectLabel: string; choices: RecordTypeChoice[]; defaultFieldValues: string | null; cancelHref: string }): SafeHtml {
  const preselected = opts.choices.find((c) => c.isDefault) ?? opts.choices[0];
  const content = html`<form method="get" action="/lightning/o/${opts.objectName}/new" class="emu-rt-chooser">
  ${opts.defaultFieldValues !== null ? html`<input type="hidden" name="defaultFieldValues" value="${opts.defaultFieldValues}">` : ''}
  <div class="slds-modal__content slds-p-around_medium changeRecordTypeOptionRightColumn">
    <fieldset class="slds-form-element">
      <legend class="slds-form-element__legend slds-form-element__label">Select a record type</legend>
      <div class="slds-form-element__control">
        ${opts.choices.map((c) => html`<div class="slds-radio emu-rt-option"><input type="radio" name="recordTypeId" id="rt-${c.id}" value="${c.id}"${c.id === preselected?.id ? html` checked` : ''}><label class="slds-radio__label" for="rt-${c.id}"><span class="slds-radio_faux"></span><span class="slds-form-element__label">${c.label}</span></label></div>`)}
      </div>
    </fieldset>
  </div>
  <div class="slds-modal__footer forceChangeRecordTypeFooter">
    <a class="slds-button slds-button_neutral" role="button" href="${opts.cancelHref}">Cancel</a>
    <button type="submit" class="slds-button slds-button_brand">Next</button>
  </div>
</form>`;
  return modalFrame(`New ${opts.objectLabel}`, content, opts.cancelHref);
}

export function recordFormModal(opts: {
  mode: 'create' | 'edit';
  heading: string;
  sections: ResolvedLayoutSection[];
  values: WireRecord;
  ctx: RenderContext;
  cancelHref: string;
}): SafeHtml {
  const content = html`<form class="emu-record-form" data-mode="${opts.mode}" novalidate>
  <div class="slds-modal__content slds-p-around_medium actionBody">
    <records-modal-lwc-detail-panel-wrapper><records-lwc-detail-panel><records-base-record-form><div class="record-layout-container">
      ${renderRecordLayout(opts.sections, opts.values, opts.ctx, 'form')}
    </div></records-base-record-form></records-lwc-detail-panel></records-modal-lwc-detail-panel-wrapper>
  </div>
  <div class="slds-modal__footer inlineFooter">
    <records-form-footer>
      <div class="emu-footer-errors"></div>
      <runtime_platform_actions-actions-ribbon><ul class="slds-button-group-list">
        <li><runtime_platform_actions-action-renderer title="Cancel"><lightning-button class="cancel-button"><button type="button" class="slds-button slds-button_neutral" name="CancelEdit" data-href="${opts.cancelHref}">Cancel</button></lightning-button></runtime_platform_actions-action-renderer></li>
        ${opts.mode === 'create' ? html`<li><runtime_platform_actions-action-renderer title="Save &amp; New"><lightning-button><button type="button" class="slds-button slds-button_neutral" name="SaveAndNew">Save &amp; New</button></lightning-button></runtime_platform_actions-action-renderer></li>` : ''}
        <li><runtime_platform_actions-action-renderer title="Save"><lightning-button class="save-button"><button type="submit" class="slds-button slds-button_brand" name="SaveEdit">Save</button></lightning-button></runtime_platform_actions-action-renderer></li>
      </ul></runtime_platform_actions-actions-ribbon>
    </records-form-footer>
  </div>
</form>`;
  return modalFrame(opts.heading, content, opts.cancelHref);
}
