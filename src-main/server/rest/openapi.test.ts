import { describe, expect, it } from 'vitest';
import { ROUTE_NAMES } from '#contract/rest-api';
import { openApiDocument } from './openapi.ts';

describe('the OpenAPI document', () => {
  it('has every route, and every $ref in it resolves (also for a schema several routes share)', () => {
    const doc = openApiDocument('test');
    const operations = Object.values(doc.paths).flatMap((m) => Object.values(m).map((o) => (o as { operationId: string }).operationId));
    expect(operations.sort()).toEqual([...ROUTE_NAMES, 'backtestReportPage'].sort());
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.filter((ref) => !(ref.split('/').at(-1)! in doc.components.schemas))).toEqual([]);
    expect(refs).toContain('#/components/schemas/NotificationSettings');
  });
});
