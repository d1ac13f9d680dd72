/** Lightning home (`/lightning/page/home`): a greeting card and a card per object tab the user can open. */
import { html, type SafeHtml } from './html.js';
import type { ObjectSummary } from './object-info.js';

export function homePage(opts: { userName: string; orgName: string; nav: ObjectSummary[] }): SafeHtml {
  return html`<div class="slds-grid slds-wrap slds-gutters emu-home">
  <article class="slds-card slds-col slds-size_1-of-1">
    <div class="slds-card__header"><h1 class="slds-card__header-title slds-text-heading_medium">Welcome, ${opts.userName}</h1></div>
    <div class="slds-card__body slds-card__body_inner">${opts.orgName}</div>
  </article>
  <article class="slds-card slds-col slds-size_1-of-1">
    <div class="slds-card__header"><h2 class="slds-card__header-title">Objects</h2></div>
    <div class="slds-card__body slds-card__body_inner"><ul class="emu-home-links">
      ${opts.nav.map((o) => html`<li><a href="/lightning/o/${o.name}/list?filterName=Recent">${o.labelPlural}</a></li>`)}
    </ul></div>
  </article>
</div>`;
}
