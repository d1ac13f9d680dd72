/**
 * The two functions whose result is markup: HYPERLINK and IMAGE. A text formula field that calls either
 * is HTML-formatted: describe says `htmlFormatted: true` and the record page renders the markup as an
 * `<a>` or `<img>` element (emulator/ui/rich-text.ts), never as escaped text.
 *
 * What the API returns is the markup itself, as a real org does. Source for the IMAGE shape: a real
 * org's REST value of an IMAGE formula field quoted in restforce/restforce#344
 * (`<img src="https://…&amp;feoid=…" alt="Contact Image" style="height:200px; width:200px;" border="0"/>`):
 * the URL is HTML-escaped, height and width become a `style`, and `border="0"` closes the tag.
 * IMAGE without height and width is that tag without the `style` ([UNVERIFIED] by analogy).
 * HYPERLINK gives `<a href="…" target="…">…</a>`, `_blank` when no target is given ([UNVERIFIED]: the
 * attribute order and the default target are the likeliest reading of Salesforce help, "HYPERLINK",
 * not a captured response).
 */
import { expectArgType, makeNode, textOf } from '../compiled-node.js';
import type { FunctionTable } from './function-def.js';

/** Escapes text for an HTML attribute or element body. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A whole number of pixels for IMAGE's height and width (a fraction is cut, as CSS pixels here are whole). */
function pixels(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : null;
}

export const HTML_FUNCTIONS: FunctionTable = {
  HYPERLINK: {
    minArgs: 2, maxArgs: 3,
    compile(args, scope, name) {
      args.forEach((arg) => expectArgType(scope, name, arg, ['text']));
      const [url, friendlyName, target] = args;
      return makeNode('text', name, (ctx) => {
        const href = escapeHtml(textOf(url!, ctx));
        const text = escapeHtml(textOf(friendlyName!, ctx));
        const window = target ? textOf(target, ctx) : '_blank';
        return `<a href="${href}" target="${escapeHtml(window)}">${text}</a>`;
      });
    },
  },
  IMAGE: {
    // IMAGE(image_url, alternate_text [, height, width]) (Salesforce help, "IMAGE").
    minArgs: 2, maxArgs: 4,
    compile(args, scope, name) {
      const [url, alternate, height, width] = args;
      expectArgType(scope, name, url!, ['text']);
      expectArgType(scope, name, alternate!, ['text']);
      if (height) expectArgType(scope, name, height, ['number']);
      if (width) expectArgType(scope, name, width, ['number']);
      return makeNode('text', name, (ctx) => {
        const src = escapeHtml(textOf(url!, ctx));
        const alt = escapeHtml(textOf(alternate!, ctx));
        const h = height ? pixels(height.evaluate(ctx)) : null;
        const w = width ? pixels(width.evaluate(ctx)) : null;
        const sizes = [h === null ? '' : `height:${h}px;`, w === null ? '' : `width:${w}px;`].filter(Boolean).join(' ');
        const style = sizes === '' ? '' : ` style="${sizes}"`;
        return `<img src="${src}" alt="${alt}"${style} border="0"/>`;
      });
    },
  },
};
