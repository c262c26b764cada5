import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CATALOGUE_DIR, fileOf } from '../../scripts/event-catalogue';

/** A JSON Schema document of the committed catalogue, as a consumer or a producer elsewhere would read it. */
export interface CatalogueDocument {
  readonly $id: string;
  readonly examples: readonly unknown[];
}

export function committedDocument(source: string, detailType: string, version: number): CatalogueDocument {
  return JSON.parse(readFileSync(path.join(CATALOGUE_DIR, fileOf(source, detailType, version)), 'utf8'));
}

/** Validates against committed documents with Ajv (a maintained JSON Schema validator), formats checked. */
export function catalogueValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return (document: CatalogueDocument, value: unknown): string[] => {
    const validate =
      ajv.getSchema(document.$id) ?? (ajv.addSchema(document).getSchema(document.$id) as never);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
