/**
 * The restricted part of a child's plan (DESIGN decision 2): identifying details of
 * prospective adopters and carers and the placement address. Anyone who can read a Yjs
 * document can read all of it, including deleted text, so these live in a separate document
 * with a narrower access list; the shared plan refers to people by role only.
 */
import type { DocSpec } from './doc-spec.ts';

export const RESTRICTED_SPEC: DocSpec = {
  format: 'permanence-plan-restricted',
  roots: [
    {
      name: 'restricted',
      label: 'Restricted details',
      kind: 'record',
      record: {
        fields: [
          { id: 'placementAddress', label: 'Placement address', kind: 'text' },
          {
            id: 'carersConfidentiality',
            label: "Carers' details to be kept confidential from birth family",
            kind: 'boolean',
            help: "Yes when the carers' identity and address must not be shared in documents or meetings the birth family see.",
          },
          { id: 'confidentialityAgreementDate', label: 'Confidentiality agreement signed', kind: 'date' },
          { id: 'confidentialityNotes', label: 'Confidentiality arrangements', kind: 'text' },
        ],
        tables: [
          {
            id: 'prospectiveAdopters',
            label: 'Prospective adopters / carers',
            columns: [
              { id: 'name', label: 'Name', kind: 'string' },
              { id: 'dateOfBirth', label: 'Date of birth', kind: 'date' },
              { id: 'address', label: 'Address', kind: 'text' },
              { id: 'telephone', label: 'Telephone', kind: 'string' },
              { id: 'email', label: 'E-mail', kind: 'string' },
              { id: 'agency', label: 'Approving agency', kind: 'string' },
              { id: 'approvalDate', label: 'Date approved', kind: 'date' },
              { id: 'notes', label: 'Notes', kind: 'text' },
            ],
          },
        ],
      },
    },
  ],
};
