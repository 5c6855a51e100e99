import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildJsonSchemaDocuments, JSON_SCHEMA_DIRECTORY } from '../../scripts/json-schema-documents';
import { CANONICAL_EVENT_TYPES, dataSchemaUri } from '../../schemas';

const repositoryRoot = join(__dirname, '../..');
const REGENERATE = 'run `npm run schemas` (npx tsx scripts/generate-json-schemas.ts) and commit schemas/json/';

describe('committed JSON Schema files', () => {
  const documents = buildJsonSchemaDocuments();

  it('exist for every canonical event type, where dataschema points', () => {
    expect(documents.map((document) => document.path)).toEqual(CANONICAL_EVENT_TYPES.map(dataSchemaUri));
  });

  it.each(documents.map((document) => [document.path, document]))(
    '%s matches what the zod contracts generate',
    (path, document) => {
      const committed = readFileSync(join(repositoryRoot, path), 'utf8');

      expect({ path, text: committed, hint: REGENERATE }).toEqual({ path, text: document.text, hint: REGENERATE });
    },
  );

  it('has no file left over from a type that no longer exists', () => {
    const committed = readdirSync(join(repositoryRoot, JSON_SCHEMA_DIRECTORY)).filter((name) => name.endsWith('.json'));

    expect(committed.sort()).toEqual(documents.map((document) => basename(document.path)).sort());
  });

  it('leaves additional properties open, so consumers keep validating after fields are added', () => {
    for (const document of documents) {
      const schema = JSON.parse(document.text) as { additionalProperties?: unknown; required?: string[] };
      expect(schema.additionalProperties).toBeUndefined();
      expect(schema.required).toEqual(expect.arrayContaining(['sourceIds']));
    }
  });

  it('describes money as integer minor units', () => {
    const order = JSON.parse(documents.find((document) => document.path.includes('order'))?.text ?? '{}') as {
      properties: { totals: { properties: { total: { properties: { amountMinor: { type: string } } } } } };
    };

    expect(order.properties.totals.properties.total.properties.amountMinor.type).toBe('integer');
  });
});
