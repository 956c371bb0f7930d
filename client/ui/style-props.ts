/**
 * `styleProps({ left: '40%' })`: sets an element's inline style properties through the CSSOM
 * (`element.style.setProperty`), on the first render as on every later one. The server's
 * Content-Security-Policy (`style-src 'self'`) refuses `style="…"` attributes, and with them
 * Lit's attribute bindings and `styleMap`, whose first render writes the attribute; the CSSOM is
 * not governed by CSP. Properties in kebab case (`left`, `width`, `--tone`). Use as an element
 * binding: `` html`<span ${styleProps({ left: `${x}%` })}></span>` ``.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Property name to value; `undefined` removes the property. */
export type StyleProps = Readonly<Record<string, string | undefined>>;

class StylePropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProps is an element binding: <span ${styleProps({...})}>');
  }

  render(props: StyleProps): typeof noChange {
    void props;
    return noChange;
  }

  override update(part: ElementPart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous) if (props[name] === undefined) style.removeProperty(name);
    this.#previous = new Set();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.#previous.add(name);
    }
    return noChange;
  }
}

/** Sets inline style properties without a `style` attribute (see the module comment). */
export const styleProps = directive(StylePropsDirective);
