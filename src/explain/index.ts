// The explanation layer: one or two sentences, English or Japanese, with the
// RFC section, for every frame, state change, drop and validation rule.

export { explainFrame, type FrameContext } from './frame.ts';
export { explainChange, changeKey, type ChangeContext } from './change.ts';
export { explainDrop, explainViolation, dropKey, violationKey } from './drop.ts';
export { formatExplanation, type Explanation, type Lang, type Sentence } from './explanation.ts';
export { KEYS, type CatalogKey, type Catalog } from './keys.ts';
export { EN } from './catalog-en.ts';
export { JA } from './catalog-ja.ts';
export { fill, placeholders } from './template.ts';
