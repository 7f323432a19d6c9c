/** Data-request ids of the privacy service: short and plain, never personal data. */
export const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
