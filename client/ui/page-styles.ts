/**
 * The styles of the page shell in `app/index.html` (the document outside every element): body
 * text, the skip link, the product banner and `<main>`, and how they print (A4, no skip link,
 * the banner as a plain line), from the same tokens as the elements,
 * so no colour of the page is written anywhere but `tokens.ts`. Adopted by the document in
 * `app/main.ts` with {@link adoptPageStyles}.
 */
import { css } from 'lit';
import { colour, space, typeSize } from './tokens.ts';

/** The page shell's stylesheet. */
export const pageStyles = css`
  :root {
    color-scheme: light;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
    line-height: 1.5;
    color: ${colour.text};
  }
  body { margin: 0; }
  .skip-link {
    position: absolute; left: ${space.s}; top: -3rem; padding: ${space.s} 1rem; z-index: 10;
    background: ${colour.focus}; color: ${colour.text}; font-weight: 700;
  }
  .skip-link:focus { top: ${space.s}; outline: 3px solid ${colour.text}; }
  .banner { background: ${colour.text}; color: ${colour.white}; padding: 0.6rem 1rem; border-bottom: 8px solid ${colour.link}; }
  .banner p { margin: 0; font-weight: 700; font-size: ${typeSize.lead}; }
  main { padding: ${space.l} 1rem; }
  main:focus { outline: none; }
  /* A printed plan: A4, black on white, no skip link, the banner as a plain line. */
  @page { size: A4; margin: 15mm 12mm; }
  @media print {
    .skip-link { display: none; }
    .banner { background: none; color: ${colour.text}; border-bottom: 2px solid ${colour.text}; padding: 0 0 0.3rem; }
    main { padding: 0.5rem 0 0; }
  }
`;

/** Adds {@link pageStyles} to a document's adopted stylesheets (once). */
export function adoptPageStyles(doc: Document = document): void {
  const sheet = pageStyles.styleSheet;
  if (sheet && !doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
