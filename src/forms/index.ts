export * from './types.ts';
export * from './standard-fields.ts';
export * from './form-model.ts';
export * from './submission-schema.ts';
export * from './validate.ts';
export * from './uploads.ts';
export { labelled, lowerFirst } from './label.ts';
