/**
 * The header every state-changing request (anything but GET/HEAD/OPTIONS) carries: a
 * cross-site form, image or link cannot set a custom header, so the server refuses a
 * request without it. Schema-free on purpose: the first screen imports it without zod.
 */
export const CSRF_HEADER = 'x-fieldbook-csrf';
export const CSRF_VALUE = '1';
