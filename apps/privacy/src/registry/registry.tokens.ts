/** Injection token of the loaded RecipientRegistry (an interface, so it needs a token). */
export const RECIPIENT_REGISTRY = Symbol('RecipientRegistry');
