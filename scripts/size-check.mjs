// Fails `npm test` when the built app is over the size budgets of DESIGN.md.
import { BUDGETS, formatSizeTable, measureSizes } from './size-report.mjs';

const { figures } = measureSizes();
console.table(formatSizeTable(figures));
const over = Object.entries(BUDGETS).filter(([key, budget]) => figures[key] > budget.limit);
if (over.length > 0) {
  console.error(`Over budget: ${over.map(([, budget]) => budget.label).join('; ')}`);
  process.exit(1);
}
console.log('Size budgets: all met.');
