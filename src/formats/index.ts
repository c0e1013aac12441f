/** Requests for the complaints code, or a letter about a case, in an accessible format. */
export * from './offer.ts';
export * from './reference.ts';
export * from './request-form.ts';
export * from './recipients.ts';
export * from './store.ts';
