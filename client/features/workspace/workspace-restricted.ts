/** placeholder */
import { html, LitElement, type TemplateResult } from 'lit';
export class WorkspaceRestricted extends LitElement {
  override render(): TemplateResult {
    return html`<h2 tabindex="-1">Confidential details</h2>`;
  }
}
customElements.define('workspace-restricted', WorkspaceRestricted);
