/**
 * The markup of an HTML-formatted formula field (IMAGE, HYPERLINK) as a Lightning record page shows it:
 * inside `lightning-formatted-rich-text` (protocol reference §10.3, the value components), as real
 * `<a>` and `<img>` elements, never as escaped `<img src=...>` text.
 *
 * lightning-formatted-rich-text sanitizes what it renders with an allowlist of tags and attributes; so
 * does this, because the formula's other text (a record's Name concatenated with a HYPERLINK, say) is
 * user data. Kept: `<a href target>`, `<img src alt style border height width>` and `<br>`, with
 * `javascript:` (and every other scheme but http, https, mailto and tel) dropped from links and images.
 * Everything else is shown as text. Hand-written rather than a sanitizer package: three tags, and the
 * emulator's UI has no DOM on the server to run one with.
 */
import { escapeHtml, raw, type SafeHtml } from './html.js';

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([a-zA-Z-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

const ALLOWED: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'target']),
  img: new Set(['src', 'alt', 'style', 'border', 'height', 'width']),
  br: new Set(),
};

/** Decodes the entities a formula's markup uses (its own escaping, and numeric ones). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/g, (entity, body: string) => {
    switch (body) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const code = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
    }
  });
}

function safeUrl(value: string): boolean {
  const trimmed = value.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  return scheme === null || ['http', 'https', 'mailto', 'tel'].includes(scheme[1]!.toLowerCase());
}

/** IMAGE's `style="height:16px; width:16px;"`: only pixel heights and widths survive. */
function safeStyle(value: string): string {
  return value.split(';').map((rule) => rule.trim()).filter((rule) => /^(height|width)\s*:\s*\d+(\.\d+)?px$/i.test(rule)).map((rule) => `${rule};`).join(' ');
}

function attributes(tag: string, source: string): string {
  const allowed = ALLOWED[tag] ?? new Set<string>();
  let out = '';
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]!.toLowerCase();
    if (!allowed.has(name)) continue;
    const quoted = match[2] ?? '';
    let value = decodeEntities(/^["']/.test(quoted) ? quoted.slice(1, -1) : quoted);
    if ((name === 'href' || name === 'src') && !safeUrl(value)) continue;
    if (name === 'style') value = safeStyle(value);
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

/** Text between tags; BR() travels as a newline in the engine and is a line break on the page. */
function textPart(text: string): string {
  return escapeHtml(decodeEntities(text)).replace(/\r?\n/g, '<br>');
}

/** The sanitized markup of an HTML-formatted value (tags outside the allowlist come out as text). */
export function sanitizeFormulaHtml(markup: string): string {
  let out = '';
  let openLinks = 0;
  let last = 0;
  for (const match of markup.matchAll(TAG)) {
    out += textPart(markup.slice(last, match.index));
    last = match.index + match[0].length;
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (!(tag in ALLOWED)) {
      out += escapeHtml(decodeEntities(match[0]));
    } else if (closing) {
      // Only an `</a>` that closes an `<a>` it opened; `</img>` and `</br>` mean nothing.
      if (tag === 'a' && openLinks > 0) {
        openLinks--;
        out += '</a>';
      }
    } else {
      if (tag === 'a') openLinks++;
      out += `<${tag}${attributes(tag, match[3] ?? '')}>`;
    }
  }
  out += textPart(markup.slice(last));
  return out + '</a>'.repeat(openLinks);
}

/** The output slot of an HTML-formatted field, as Lightning renders it on a record page. */
export function richTextOutput(markup: string): SafeHtml {
  return raw(`<lightning-formatted-rich-text slot="outputField" class="slds-rich-text-editor__output"><span>${sanitizeFormulaHtml(markup)}</span></lightning-formatted-rich-text>`);
}

/** The same value in a list view cell. */
export function richText(markup: string): SafeHtml {
  return raw(`<lightning-formatted-rich-text class="slds-rich-text-editor__output"><span>${sanitizeFormulaHtml(markup)}</span></lightning-formatted-rich-text>`);
}
