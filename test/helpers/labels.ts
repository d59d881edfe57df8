// Which strings are valid label parts, for the generators of property tests: they draw arbitrary Unicode and keep
// what the label rules accept. The rules themselves are tested case by case in test/uri.test.ts.
import { assertLabel } from '../../src/internal/label.js';

/** True when `text` passes the label rules with `maxBytes` (see the README's validation table). */
export function isValidLabel(text: string, maxBytes: number): boolean {
  try {
    assertLabel(text, 'label', maxBytes);
    return true;
  } catch {
    return false;
  }
}
