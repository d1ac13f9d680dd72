/**
 * The record page (protocol reference §10.2, §10.9): highlights panel with the record name in
 * `[slot="primaryField"]` and the Edit/Delete actions (`runtime_platform_actions-action-renderer
 * [title][apiname] button[name]`), then the record tabs "Details" and "Related".
 *
 * Details is the first and active tab here. On real orgs the default tab depends on the page's
 * Lightning App Builder template (many standard pages open on "Related"); specs should click the tab.
 */
import type { ResolvedLayoutSection, WireRecord } from '../contracts.js';
import { html, type SafeHtml } from './html.js';
import type { ObjectInfo } from './object-info.js';
import type { RenderContext } from './field-output.js';
import { renderRecordLayout } from './record-layout.js';
import type { RecordPermissions } from './record-permissions.js';

export interface RelatedList {
  relationshipName: string;
  label: string;
  childObject: string;
  /** Up to six rows, as a related list card shows. */
  rows: { id: string; name: string }[];
  /** True when more rows exist than shown: the count reads `6+`. */
  more: boolean;
}

function actionButton(object: string, apiName: string, label: string): SafeHtml {
  return html`<li class="slds-button-group-item visible" data-target-selection-name="sfdc:StandardButton.${object}.${apiName}"><runtime_platform_actions-action-renderer title="${label}" apiname="${apiName}"><runtime_platform_actions-executor-page-reference><lightning-button><button type="button" class="slds-button slds-button_neutral" name="${apiName}">${label}</button></lightning-button></runtime_platform_actions-executor-page-reference></runtime_platform_actions-action-renderer></li>`;
}

export function recordPage(opts: {
  object: ObjectInfo;
  recordId: string;
  recordName: string;
  record: WireRecord;
  sections: ResolvedLayoutSection[];
  related: RelatedList[];
  ctx: RenderContext;
  /** The viewer's access to this record: the Edit and Delete actions show only when allowed. */
  permissions: RecordPermissions;
}): SafeHtml {
  const { object } = opts;
  const hasInlineEdit = opts.sections.some((s) => s.rows.some((r) => r.some((i) => i.editable)));
  return html`<div class="record-page emu-record-page" data-record-id="${opts.recordId}">
<records-lwc-highlights-panel><records-highlights2 class="slds-page-header slds-page-header_record-home">
  <div class="slds-page-header__row">
    <div class="slds-page-header__col-title slds-media">
      <div class="slds-media__figure"><span class="slds-icon_container emu-object-icon" aria-hidden="true">${object.label.charAt(0)}</span></div>
      <div class="slds-media__body">
        <div class="entityNameTitle slds-line-height_reset">${object.label}</div>
        <h1 class="slds-page-header__title slds-m-right_small slds-truncate"><lightning-formatted-text slot="primaryField">${opts.recordName}</lightning-formatted-text></h1>
      </div>
    </div>
    <div class="slds-page-header__col-actions">
      <runtime_platform_actions-actions-ribbon><ul class="slds-button-group-list">
        ${opts.permissions.canEdit ? actionButton(object.name, 'Edit', 'Edit') : ''}
        ${opts.permissions.canDelete ? actionButton(object.name, 'Delete', 'Delete') : ''}
      </ul></runtime_platform_actions-actions-ribbon>
    </div>
  </div>
</records-highlights2></records-lwc-highlights-panel>

<flexipage-tabset2 class="slds-card emu-record-tabs"><lightning-tabset class="slds-tabs_default">
  <lightning-tab-bar><ul class="slds-tabs_default__nav" role="tablist">
    <li class="slds-tabs_default__item slds-is-active" title="Details" role="presentation"><a class="slds-tabs_default__link" role="tab" id="tab-details" href="#details" aria-selected="true" aria-controls="panel-details" tabindex="0" data-tab="details">Details</a></li>
    <li class="slds-tabs_default__item" title="Related" role="presentation"><a class="slds-tabs_default__link" role="tab" id="tab-related" href="#related" aria-selected="false" aria-controls="panel-related" tabindex="-1" data-tab="related">Related</a></li>
  </ul></lightning-tab-bar>
  <flexipage-tab2 id="panel-details" class="slds-tabs_default__content slds-show" role="tabpanel" aria-labelledby="tab-details">
    <records-lwc-detail-panel><records-base-record-form><div class="record-layout-container">
      <form class="emu-inline-form" data-mode="view" novalidate>
        ${renderRecordLayout(opts.sections, opts.record, opts.ctx, 'view')}
        ${hasInlineEdit ? html`<records-form-footer class="slds-docked-form-footer" hidden>
          <div class="emu-footer-errors"></div>
          <runtime_platform_actions-actions-ribbon><ul class="slds-button-group-list">
            <li><runtime_platform_actions-action-renderer title="Cancel"><lightning-button class="cancel-button"><button type="button" class="slds-button slds-button_neutral" name="CancelEdit">Cancel</button></lightning-button></runtime_platform_actions-action-renderer></li>
            <li><runtime_platform_actions-action-renderer title="Save"><lightning-button class="save-button"><button type="submit" class="slds-button slds-button_brand" name="SaveEdit">Save</button></lightning-button></runtime_platform_actions-action-renderer></li>
          </ul></runtime_platform_actions-actions-ribbon>
        </records-form-footer>` : ''}
      </form>
    </div></records-base-record-form></records-lwc-detail-panel>
  </flexipage-tab2>
  <flexipage-tab2 id="panel-related" class="slds-tabs_default__content slds-hide" role="tabpanel" aria-labelledby="tab-related">
    ${opts.related.length === 0 ? html`<p class="slds-p-around_medium">No related lists to display.</p>` : ''}
    ${opts.related.map((list) => html`<lst-related-list-single-container><article class="slds-card slds-card_boundary forceRelatedListSingleContainer" aria-label="${list.label}">
      <div class="slds-card__header slds-grid"><h2 class="slds-card__header-title"><span title="${list.label}">${list.label}</span> <span title="(${list.rows.length}${list.more ? '+' : ''})">(${list.rows.length}${list.more ? '+' : ''})</span></h2></div>
      <div class="slds-card__body slds-card__body_inner"><ul class="slds-has-dividers_bottom-space">
        ${list.rows.map((r) => html`<li class="slds-item"><a href="/lightning/r/${list.childObject}/${r.id}/view" data-recordid="${r.id}">${r.name}</a></li>`)}
      </ul></div>
    </article></lst-related-list-single-container>`)}
  </flexipage-tab2>
</lightning-tabset></flexipage-tabset2>
</div>`;
}
