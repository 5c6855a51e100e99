/**
 * Writes schemas/json/<type>.json from the zod contracts and removes files of types that no longer exist.
 * Run with `npx tsx scripts/generate-json-schemas.ts` (`npm run schemas`); the drift test fails until the
 * committed files match what this writes.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildJsonSchemaDocuments, JSON_SCHEMA_DIRECTORY } from './json-schema-documents';

const repositoryRoot = resolve(__dirname, '..');
const directory = join(repositoryRoot, JSON_SCHEMA_DIRECTORY);
const documents = buildJsonSchemaDocuments();
const current = new Set(documents.map((document) => basename(document.path)));

mkdirSync(directory, { recursive: true });
for (const document of documents) {
  writeFileSync(join(repositoryRoot, document.path), document.text);
}
for (const stale of readdirSync(directory).filter((name) => name.endsWith('.json') && !current.has(name))) {
  rmSync(join(directory, stale));
}
process.stdout.write(`wrote ${documents.length} JSON Schema files to ${JSON_SCHEMA_DIRECTORY}/\n`);
