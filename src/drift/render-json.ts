// Drift as JSON, valid against schemas/drift.schema.json.

import type { DriftReport } from './types.js';

export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
