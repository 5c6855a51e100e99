import * as z from 'zod';
import { CANONICAL_DATA_SCHEMAS, CANONICAL_EVENT_TYPES, dataSchemaUri } from '../schemas';

/** One generated JSON Schema file: where it goes (relative to the repository root) and its exact text. */
export interface JsonSchemaDocument {
  readonly path: string;
  readonly text: string;
}

/** Where the generated files live; `dataschema` in every canonical event points into it. */
export const JSON_SCHEMA_DIRECTORY = 'schemas/json';

/**
 * The JSON Schema of each canonical event type's `data`, generated from the zod contracts so the two cannot
 * disagree. Generated as input schemas, which leave `additionalProperties` open: contracts evolve by adding
 * fields, so a consumer validating with these files keeps accepting events after a field is added. Shared by the
 * generating script and the drift test, so both produce byte-identical text.
 */
export function buildJsonSchemaDocuments(): readonly JsonSchemaDocument[] {
  return CANONICAL_EVENT_TYPES.map((type) => {
    const generated = z.toJSONSchema(CANONICAL_DATA_SCHEMAS[type], { io: 'input', target: 'draft-2020-12' });
    const { $schema, description, ...body } = generated;
    const document = {
      $schema,
      $id: dataSchemaUri(type),
      title: `${type} data`,
      description: `${description ?? type} The data of a CloudEvents 1.0 event of type ${type}; generated from schemas/.`,
      ...body,
    };
    return { path: dataSchemaUri(type), text: `${JSON.stringify(document, null, 2)}\n` };
  });
}
