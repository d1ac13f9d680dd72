/**
 * The object home / list view (protocol reference §10.9): `.oneConsoleObjectHome > .forceListViewManager
 * > .forceListViewManagerHeader` with the New action (`a[title="New"]` with role button, inside
 * `li[data-target-selection-name="sfdc:StandardButton.{Object}.New"]`) and a grid whose name cells link
 * to the record pages.
 */
import { html, type SafeHtml } from './html.js';
import type { ObjectSummary } from './object-info.js';
import { richText } from './rich-text.js';

export interface ListColumn {
  field: string;
  label: string;
  /** An IMAGE or HYPERLINK formula: its cells are markup, shown as an image or a link. */
  htmlFormatted?: boolean;
}

export interface ListRow {
  id: string;
  name: string;
  /** Display text per column field. */
  cells: Record<string, string>;
  /** Column field -> record id, for lookup cells that link. */
  links: Record<string, string>;
}

export function listPage(opts: { object: ObjectSummary; canCreate: boolean; columns: ListColumn[]; rows: ListRow[]; listName: string }): SafeHtml {
  const { object } = opts;
  return html`<div class="oneConsoleObjectHome forceListViewManager slds-card">
  <div class="forceListViewManagerHeader slds-page-header">
    <div class="slds-page-header__row">
      <div class="slds-page-header__col-title">
        <nav aria-label="Breadcrumbs"><span class="slds-breadcrumb__item slds-text-title_caps">${object.labelPlural}</span></nav>
        <h1 class="slds-page-header__title slds-truncate"><span class="triggerLinkText selectedListView" title="${opts.listName}">${opts.listName}</span></h1>
      </div>
      <div class="slds-page-header__col-actions">
        ${opts.canCreate
          ? html`<ul class="forceActionsContainer slds-button-group-list"><li class="slds-button-group-item" data-target-selection-name="sfdc:StandardButton.${object.name}.New"><a class="forceActionLink slds-button slds-button_neutral" role="button" title="New" href="/lightning/o/${object.name}/new"><div title="New">New</div></a></li></ul>`
          : ''}
      </div>
    </div>
    <p class="slds-page-header__meta-text">${opts.rows.length} ${opts.rows.length === 1 ? 'item' : 'items'}</p>
  </div>
  <div class="listViewContent">
    <table class="slds-table slds-table_bordered slds-table_cell-buffer slds-table_fixed-layout" role="grid" aria-label="${opts.listName}">
      <thead><tr class="slds-line-height_reset">
        ${opts.columns.map((c) => html`<th scope="col" class="slds-is-sortable" title="${c.label}"><span class="slds-truncate">${c.label}</span></th>`)}
      </tr></thead>
      <tbody>
        ${opts.rows.map((row) => html`<tr data-row-key-value="${row.id}">
          ${opts.columns.map((c, i) => {
            if (i === 0) return html`<th scope="row"><span class="slds-grid"><a href="/lightning/r/${object.name}/${row.id}/view" title="${row.name}" data-recordid="${row.id}" class="slds-truncate outputLookupLink">${row.name}</a></span></th>`;
            const link = row.links[c.field];
            const text = row.cells[c.field] ?? '';
            if (c.htmlFormatted) return html`<td><span class="slds-truncate">${richText(text)}</span></td>`;
            return html`<td><span class="slds-truncate" title="${text}">${link ? html`<a href="/lightning/r/${link}/view">${text}</a>` : text}</span></td>`;
          })}
        </tr>`)}
      </tbody>
    </table>
    ${opts.rows.length === 0 ? html`<div class="emptyContent slds-p-around_large slds-text-align_center"><p>No items to display.</p></div>` : ''}
  </div>
</div>`;
}
