/**
 * HTML-formatted formula fields (IMAGE, HYPERLINK) on the record page: real `<img>` and `<a>` elements
 * inside lightning-formatted-rich-text, and nothing else that the value's text could smuggle in.
 */
import { expect, test } from '@playwright/test';
import type { ResolvedLayoutItem } from '../../../emulator/contracts.js';
import { renderOutputValue, type RenderContext } from '../../../emulator/ui/field-output.js';
import { listPage } from '../../../emulator/ui/list-page.js';
import { sanitizeFormulaHtml } from '../../../emulator/ui/rich-text.js';

const ctx: RenderContext = {
  viewer: { locale: 'en-US', timeZone: 'UTC' }, object: 'Job__c', referenceNames: new Map(), pluralLabels: new Map(), recordTypeLabels: new Map(),
};
const item = (htmlFormatted: boolean): ResolvedLayoutItem => ({
  field: 'Status_Icon__c', label: 'Status Icon', type: 'string', editable: false, required: false, length: 1300, scale: 0,
  ...(htmlFormatted ? { htmlFormatted } : {}),
});

test('an IMAGE formula renders as an img element; the same text in a plain text field stays text', () => {
  const value = '<img src="/img/samples/light_green.gif" alt="On track" style="height:16px; width:16px;" border="0"/>';
  expect(renderOutputValue(item(true), value, ctx).text).toBe(
    '<lightning-formatted-rich-text slot="outputField" class="slds-rich-text-editor__output"><span>'
    + '<img src="/img/samples/light_green.gif" alt="On track" style="height:16px; width:16px;" border="0">'
    + '</span></lightning-formatted-rich-text>',
  );
  expect(renderOutputValue(item(false), value, ctx).text).toContain('&lt;img src=&quot;/img/samples/light_green.gif&quot;');
});

test('a HYPERLINK formula renders as a link; its escaped text is shown once, not double-escaped', () => {
  expect(sanitizeFormulaHtml('Open: <a href="/a005g0000000001AAA" target="_self">R&amp;D &lt;lab&gt;</a>'))
    .toBe('Open: <a href="/a005g0000000001AAA" target="_self">R&amp;D &lt;lab&gt;</a>');
  expect(sanitizeFormulaHtml('https://x.test/?a=1&amp;b=2')).toBe('https://x.test/?a=1&amp;b=2');
});

test('markup outside the allowlist is shown as text, and unsafe links lose their URL', () => {
  expect(sanitizeFormulaHtml('<b>bold</b><script>alert(1)</script>')).toBe('&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(sanitizeFormulaHtml('<a href="javascript:alert(1)" onclick="x()">Go</a>')).toBe('<a>Go</a>');
  expect(sanitizeFormulaHtml('<img src="x.png" alt="x" onerror="alert(1)" style="position:fixed; height:5px;"/>')).toBe('<img src="x.png" alt="x" style="height:5px;">');
  // An unclosed link is closed; a stray closing tag is dropped; BR()'s newline is a line break.
  expect(sanitizeFormulaHtml('<a href="/x">open')).toBe('<a href="/x">open</a>');
  expect(sanitizeFormulaHtml('a</a>\nb')).toBe('a<br>b');
});

test('a list view cell of an IMAGE formula shows the image', () => {
  const page = listPage({
    object: { name: 'Job__c', label: 'Job', labelPlural: 'Jobs', keyPrefix: 'a00', custom: true, queryable: true, createable: true, layoutable: true, customSetting: false },
    canCreate: false,
    listName: 'Recently Viewed',
    columns: [{ field: 'Name', label: 'Job Name' }, { field: 'Status_Icon__c', label: 'Status Icon', htmlFormatted: true }, { field: 'Note__c', label: 'Note' }],
    rows: [{ id: 'a005g0000000001AAA', name: 'Green job', cells: { Status_Icon__c: '<img src="/img/g.gif" alt="On track" border="0"/>', Note__c: '<b>x</b>' }, links: {} }],
  }).text;
  expect(page).toContain('<span class="slds-truncate"><lightning-formatted-rich-text class="slds-rich-text-editor__output"><span><img src="/img/g.gif" alt="On track" border="0"></span>');
  expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
});
