/**
 * The Lightning app shell around every page: global header (`.oneHeader`), app navigation bar with one
 * tab per object (`a[title="Accounts"]`, protocol reference §10.9), the page template container
 * (`.slds-template__container`, what readiness helpers wait for), the toast queue
 * (`.forceVisualMessageQueue`) and the loading spinner that the client script removes once the page is
 * ready, so `waitFor({state: 'hidden'})` on `.slds-spinner_container` resolves (§10.8).
 */
import { html, jsonIsland, type SafeHtml } from './html.js';
import type { ObjectSummary } from './object-info.js';

export const ASSET_PATH = '/ui-assets';

export interface ShellOptions {
  title: string;
  /** The viewing user's LocaleSidKey (`en_GB`); the page's `lang` is its BCP 47 form (`en-GB`). */
  locale: string;
  userName: string;
  nav: ObjectSummary[];
  /** Object API name whose tab is active, or `home`. */
  active: string;
  body: SafeHtml;
  /** Data for the client script (page kind, object, record id...). */
  pageData: Record<string, unknown>;
}

export function spinner(size: 'medium' | 'small' = 'medium'): SafeHtml {
  return html`<div class="slds-spinner_container"><div role="status" class="slds-spinner slds-spinner_${size} slds-spinner_brand"><span class="slds-assistive-text">Loading</span><div class="slds-spinner__dot-a"></div><div class="slds-spinner__dot-b"></div></div></div>`;
}

/**
 * `en_GB` -> `en-GB`, `zh_CN_PINYIN` -> `zh-CN`: Lightning sets the document language from the user's
 * locale. Salesforce locale keys are language_COUNTRY with an optional variant; the variant is not a BCP 47
 * region, so it is left out (UNVERIFIED for variant locales; a real org's `lang` for them was not seen).
 */
export function htmlLang(locale: string): string {
  const [language, country] = locale.split('_');
  if (!language || !/^[a-z]{2,3}$/i.test(language)) return 'en';
  return country && /^[a-z]{2}$/i.test(country) ? `${language.toLowerCase()}-${country.toUpperCase()}` : language.toLowerCase();
}

export function lightningShell(o: ShellOptions): SafeHtml {
  return html`<!doctype html>
<html lang="${htmlLang(o.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} | Salesforce</title>
<link rel="stylesheet" href="${ASSET_PATH}/lightning.css">
<script src="${ASSET_PATH}/lightning.js" defer></script>
</head>
<body class="desktop">
<div class="oneHeader slds-global-header_container">
  <header class="slds-global-header slds-grid slds-grid_align-spread">
    <div class="slds-global-header__item slds-global-header__logo"><span class="emu-logo" aria-hidden="true">&#9729;</span><span class="slds-assistive-text">Salesforce</span></div>
    <div class="slds-global-header__item emu-user">
      <span class="emu-user-name" title="${o.userName}">${o.userName}</span>
      <a class="slds-button emu-logout" href="/secur/logout.jsp">Log Out</a>
    </div>
  </header>
  <div class="slds-context-bar oneAppNavContainer">
    <div class="slds-context-bar__primary">
      <span class="slds-icon-waffle_container" aria-hidden="true"><span class="slds-icon-waffle"></span></span>
      <span class="slds-context-bar__label-action slds-context-bar__app-name"><span class="slds-truncate" title="Sales">Sales</span></span>
    </div>
    <nav class="slds-context-bar__secondary" role="navigation" aria-label="Global">
      <ul class="slds-grid">
        <li class="slds-context-bar__item${o.active === 'home' ? ' slds-is-active' : ''}"><a class="slds-context-bar__label-action" href="/lightning/page/home" title="Home"${o.active === 'home' ? html` aria-current="page"` : ''}><span class="slds-truncate">Home</span></a></li>
        ${o.nav.map((obj) => html`<li class="slds-context-bar__item${o.active === obj.name ? ' slds-is-active' : ''}"><a class="slds-context-bar__label-action" href="/lightning/o/${obj.name}/home" title="${obj.labelPlural}"${o.active === obj.name ? html` aria-current="page"` : ''}><span class="slds-truncate">${obj.labelPlural}</span></a></li>`)}
      </ul>
    </nav>
  </div>
</div>
<div class="viewport"><div class="oneContent">
  <div class="slds-template__container">
    ${o.body}
  </div>
</div></div>
<div class="forceVisualMessageQueue" aria-live="polite"></div>
<div class="emu-page-spinner">${spinner()}</div>
${jsonIsland('emu-page-data', o.pageData)}
</body>
</html>`;
}
